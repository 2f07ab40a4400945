"""Sealing a dossier so that only one lawyer's key opens it.

    sealed file = b"SIJIL-SEALED-1\\n"
                  + crypto_box_seal(file key, lawyer's X25519 public key)   (80 bytes)
                  + secretstream(file key, signed dossier PDF)              (crypto.StreamEncryptor)

The sealed box is anonymous: the file does not say who made it. The stream is
authenticated chunk by chunk and must end with its final tag, so any change or
truncation is refused. The PDF inside carries its own whole-file signature.

Key files (`sijil keygen`): lawyer.key (secret, 0600) and lawyer.pub, each one line
`sijil-lawyer-secret-key-1 <hex>` / `sijil-lawyer-public-key-1 <hex>`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import BinaryIO

import nacl.bindings as sodium
import nacl.exceptions
import nacl.public
import nacl.utils

from app.core import crypto
from app.core.atomic import atomic_file, private_dir, write_atomic
from app.core.errors import IntegrityError, InvalidInput, SijilError
from app.core.i18n import _

MAGIC = b"SIJIL-SEALED-1\n"
SEALED_KEY_BYTES = crypto.KEY_BYTES + sodium.crypto_box_SEALBYTES
SECRET_NAME, PUBLIC_NAME = "lawyer.key", "lawyer.pub"
_SECRET_PREFIX, _PUBLIC_PREFIX = "sijil-lawyer-secret-key-1", "sijil-lawyer-public-key-1"
_LINE = re.compile(r"\A(sijil-lawyer-(?:secret|public)-key-1) ([0-9a-f]{64})\n?\Z")


def keygen(out_dir: Path) -> tuple[Path, Path, str]:
    """Make a lawyer's key pair in out_dir; returns (secret file, public file, fingerprint)."""
    out_dir = private_dir(Path(out_dir))
    secret_path, public_path = out_dir / SECRET_NAME, out_dir / PUBLIC_NAME
    if secret_path.exists() or public_path.exists():
        raise InvalidInput(_("A key pair already exists in that folder. Nothing was changed; choose another folder."))
    key = nacl.public.PrivateKey.generate()
    public = bytes(key.public_key)
    write_atomic(secret_path, f"{_SECRET_PREFIX} {bytes(key).hex()}\n".encode("ascii"))
    write_atomic(public_path, f"{_PUBLIC_PREFIX} {public.hex()}\n".encode("ascii"))
    public_path.chmod(0o644)
    return secret_path, public_path, crypto.fingerprint(public)


def _read_key(path: Path, prefix: str) -> bytes:
    try:
        text = Path(path).read_text("ascii")
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(_("That key file could not be read. Check the path.")) from None
    match = _LINE.match(text)
    if match is None or match.group(1) != prefix:
        wanted = _("public key (lawyer.pub)") if prefix == _PUBLIC_PREFIX else _("secret key (lawyer.key)")
        raise InvalidInput(_("That file is not a lawyer's {what} made by `sijil keygen`.").format(what=wanted))
    return bytes.fromhex(match.group(2))


def read_public_key(path: Path) -> bytes:
    return _read_key(path, _PUBLIC_PREFIX)


def read_secret_key(path: Path) -> bytes:
    return _read_key(path, _SECRET_PREFIX)


def write_sealed(out: Path, pdf: bytes | BinaryIO, recipient_public: bytes) -> None:
    """Encrypt the signed PDF (bytes, or a file read 1 MiB at a time) for one recipient and
    write it atomically."""
    file_key = nacl.utils.random(crypto.KEY_BYTES)
    sealed_key = nacl.public.SealedBox(nacl.public.PublicKey(recipient_public)).encrypt(file_key)
    with atomic_file(Path(out)) as fh:
        fh.write(MAGIC + sealed_key)
        src = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
        crypto.encrypt_stream(file_key, crypto.read_chunks(src), fh)


def decrypt_sealed(path: Path, secret: bytes, out: BinaryIO) -> int:
    """Stream the signed PDF inside a sealed dossier into `out`, 1 MiB at a time, and return
    its size. IntegrityError if the key is not the one it was sealed for, or if the file was
    changed; `out` then holds a partial stream that the caller must discard."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(MAGIC) + SEALED_KEY_BYTES)
            if len(head) != len(MAGIC) + SEALED_KEY_BYTES or not head.startswith(MAGIC):
                raise IntegrityError(_("This is not a sealed Sijil dossier, or its beginning was damaged."))
            try:
                file_key = nacl.public.SealedBox(nacl.public.PrivateKey(secret)).decrypt(head[len(MAGIC):])
            except nacl.exceptions.CryptoError:
                raise IntegrityError(_("This dossier was not sealed for this key (or its header was changed), "
                                       "so it cannot be opened with it.")) from None
            size = 0
            for chunk in crypto.decrypt_stream(file_key, fh, _("The sealed dossier")):
                out.write(chunk)
                size += len(chunk)
            return size
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise SijilError(_("That dossier file could not be read. Check the path.")) from None


def open_sealed(path: Path, secret: bytes) -> bytes:
    """The signed PDF inside a sealed dossier, in memory (small files; see decrypt_sealed)."""
    out = io.BytesIO()
    decrypt_sealed(path, secret, out)
    return out.getvalue()
