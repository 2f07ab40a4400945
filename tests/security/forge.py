"""A forger's toolkit for the verification tests: take a signed dossier, change it with pypdf
or raw bytes, rewrite its manifest for the key that will sign it, and sign it again."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import nacl.signing
from pypdf import PdfReader, PdfWriter

from app.core.crypto import fingerprint
from app.core.export import manifest as manifest_mod
from app.core.export.signing import sign_pdf

Mutation = Callable[[PdfWriter], None]


def unsigned(pdf: bytes) -> bytes:
    """The PDF without its signature line, as pypdf wrote it."""
    return re.sub(rb"\n%SIJIL-SIGNATURE-1 ed25519 [0-9a-f]{64} [0-9a-f]{128}(?=\nstartxref\n)", b"", pdf)


def forge(pdf: bytes, key: nacl.signing.SigningKey, mutate: Mutation | None = None,
          manifest: Callable[[dict], None] | None = None,
          attachments: Callable[[dict[str, bytes]], None] | None = None) -> bytes:
    """Rewrite the dossier (whole file, as a forger would), apply the changes, and sign with `key`."""
    reader = PdfReader(io.BytesIO(unsigned(pdf)))
    files = {name: data[0] for name, data in reader.attachments.items()}
    m = json.loads(files.pop(manifest_mod.MANIFEST_NAME))
    public = key.verify_key.encode()
    m["signing"] = {"algorithm": "ed25519", "public_key": public.hex(), "fingerprint": fingerprint(public)}
    if manifest:
        manifest(m)
    if attachments:
        attachments(files)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_metadata({k: v for k, v in reader.metadata.items() if k != "/Trapped"})
    writer.add_attachment(manifest_mod.MANIFEST_NAME, manifest_mod.encode(m))
    for name, data in files.items():
        writer.add_attachment(name, data)
    if mutate:
        mutate(writer)
    out = io.BytesIO()
    writer.write(out)
    return raw_resign(out.getvalue(), key)


def raw_resign(pdf: bytes, key: nacl.signing.SigningKey) -> bytes:
    """Sign bytes as they are (a raw-bytes forgery keeps whatever the forger wrote)."""
    body = unsigned(pdf)
    if not body.endswith(b"%%EOF\n"):
        body = body.rstrip(b"\r\n") + b"\n"
    return sign_pdf(body, key)
