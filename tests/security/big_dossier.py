"""Genuine lawyer's dossiers of any size, written without holding them: the first original of
a real signed dossier is replaced by `size` bytes, as an incremental update (a new embedded
file and manifest under the same object numbers) appended chunk by chunk and signed in the
same pass. Used by the streaming tests and the open-dossier benchmark (multi-GiB files)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import nacl.signing
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject, NumberObject

from app.core.crypto import CHUNK
from app.core.export import manifest as manifest_mod
from app.core.export import seal, signing
from tests.security.forge import unsigned

_STARTXREF = re.compile(rb"startxref\s*(\d+)\s*%%EOF\n\Z")


def grow(pdf: bytes, key: nacl.signing.SigningKey, out: Path, size: int,
         fill: Callable[[int], bytes] = os.urandom) -> dict:
    """Write the grown, signed dossier to `out`; return the evidence entry of the big original."""
    body = unsigned(pdf)
    reader = PdfReader(io.BytesIO(body))
    names = reader.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    refs = {str(names[i]): names[i + 1].get_object()["/EF"].raw_get("/F") for i in range(0, len(names), 2)}
    m = json.loads(reader.attachments[manifest_mod.MANIFEST_NAME][0])
    ev = next(e for e in m["evidence"] if e["attachment"])
    trailer = io.BytesIO()
    DictionaryObject({NameObject(k): v for k, v in reader.trailer.items() if k in ("/Size", "/Root", "/Info", "/ID")}
                     | {NameObject("/Prev"): NumberObject(int(_STARTXREF.search(body).group(1)))}
                     ).write_to_stream(trailer)
    h, at = hashlib.sha512(), 0

    with open(out, "wb") as fh:
        def put(data: bytes) -> None:
            nonlocal at
            fh.write(data)
            h.update(data)
            at += len(data)

        def obj(num: int, length: int) -> int:
            start = at
            put(b"%d 0 obj\n<< /Type /EmbeddedFile /Length %d >>\nstream\n" % (num, length))
            return start

        put(body)
        offsets = {refs[ev["attachment"]].idnum: obj(refs[ev["attachment"]].idnum, size)}
        digest, left = hashlib.sha256(), size
        while left:
            piece = fill(min(CHUNK, left))
            digest.update(piece)
            put(piece)
            left -= len(piece)
        put(b"\nendstream\nendobj\n")
        ev.update(original_sha256=digest.hexdigest(), size=size)
        data = manifest_mod.encode(m)
        offsets[refs[manifest_mod.MANIFEST_NAME].idnum] = obj(refs[manifest_mod.MANIFEST_NAME].idnum, len(data))
        put(data + b"\nendstream\nendobj\n")
        xref = at
        put(b"xref\n0 1\n0000000000 65535 f \n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, o) for n, o in sorted(offsets.items())))
        put(b"trailer\n" + trailer.getvalue())
        block = b"\n" + signing.MARKER + key.verify_key.encode().hex().encode("ascii") + b" "
        tail = b"\nstartxref\n%d\n%%%%EOF\n" % xref
        h.update(block + tail)
        fh.write(block + key.sign(signing.DOMAIN + h.digest()).signature.hex().encode("ascii") + tail)
    return ev


def seal_file(pdf: Path, out: Path, recipient_public: bytes) -> None:
    with open(pdf, "rb") as fh:
        seal.write_sealed(out, fh, recipient_public)
