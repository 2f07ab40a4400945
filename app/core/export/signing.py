"""Whole-file Ed25519 signature of a dossier PDF.

The signature sits in a PDF comment line just before the final `startxref`:

    %SIJIL-SIGNATURE-1 ed25519 <public key, 64 hex> <signature, 128 hex>
    startxref
    <offset>
    %%EOF

It signs (domain-separated) the SHA-512 of every byte of the file except its own 128 hex
digits: a digest taken in one pass, so a file of any size is checked 1 MiB at a time from
disk (the scheme has been the same since the first dossier, so every dossier still checks).
The parser is strict: lower-case hex only, the block must be exactly where it belongs, and
nothing may follow `%%EOF`. So a change to any byte either breaks the block's format or
the signature (libsodium refuses non-canonical signatures, so they are not malleable).
PDF readers skip comments, so the file stays an ordinary PDF.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import BinaryIO

import nacl.exceptions
import nacl.signing

from app.core.crypto import CHUNK
from app.core.errors import IntegrityError
from app.core.i18n import _

DOMAIN = b"sijil-dossier-signature-v1\0"
MARKER = b"%SIJIL-SIGNATURE-1 ed25519 "
_TAIL = re.compile(rb"\n%SIJIL-SIGNATURE-1 ed25519 ([0-9a-f]{64}) ([0-9a-f]{128})\nstartxref\n(\d{1,15})\n%%EOF\n\Z")


def _digest(*parts: bytes | memoryview) -> bytes:
    """What is signed: SHA-512 of the file without the signature digits, so a 100 MB dossier
    is hashed in place instead of copied into the signing call."""
    h = hashlib.sha512()
    for part in parts:
        h.update(part)
    return DOMAIN + h.digest()


def sign_pdf(pdf: bytes | memoryview, key: nacl.signing.SigningKey) -> bytes:
    """Insert the signature block into PDF bytes written by pypdf and return the signed file."""
    view = memoryview(pdf)
    at = bytes(view[-64:]).rfind(b"\nstartxref\n") + len(view) - 64
    if at < len(view) - 64 or bytes(view[-6:]) != b"%%EOF\n":
        raise ValueError("not a complete PDF")
    block = b"\n" + MARKER + key.verify_key.encode().hex().encode("ascii") + b" "
    signature = key.sign(_digest(view[:at], block, view[at:])).signature.hex().encode("ascii")
    return b"".join((view[:at], block, signature, view[at:]))


def check_signature(data: bytes) -> bytes:
    """Verify the whole-file signature of a dossier in memory; see check_signature_file."""
    return check_signature_file(io.BytesIO(data))


def check_signature_file(fh: BinaryIO) -> bytes:
    """Verify the whole-file signature, reading `fh` once from the start a chunk at a time;
    return the signer's public key (32 bytes). Raises IntegrityError with the reason on any change."""
    size = fh.seek(0, 2)
    offset = max(0, size - 400)
    fh.seek(offset)
    match = _TAIL.search(fh.read())
    fh.seek(0)
    head = fh.read(7)
    fh.seek(0)
    h, markers, carry, at = hashlib.sha512(), 0, b"", 0
    start, end = (offset + match.start(2), offset + match.end(2)) if match else (size, size)
    while chunk := fh.read(CHUNK):
        # A marker split across two chunks lies in carry + the chunk's start; none fits in either alone.
        markers += chunk.count(MARKER) + (carry + chunk[:len(MARKER) - 1]).count(MARKER)
        carry = chunk[-(len(MARKER) - 1):]
        view = memoryview(chunk)
        h.update(view[:max(0, start - at)])
        h.update(view[max(0, end - at):])
        at += len(chunk)
    if at != size or match is None or markers != 1 or head != b"%PDF-1.":
        raise IntegrityError(_("The signature block at the end of this file is missing or damaged, so it is "
                               "not an intact Sijil dossier: the file was changed or cut short."))
    public = bytes.fromhex(match.group(1).decode("ascii"))
    signature = bytes.fromhex(match.group(2).decode("ascii"))
    try:
        nacl.signing.VerifyKey(public).verify(DOMAIN + h.digest(), signature)
    except (nacl.exceptions.BadSignatureError, ValueError):
        raise IntegrityError(_("The signature does not match the content: this file was changed after it "
                               "was signed.")) from None
    return public
