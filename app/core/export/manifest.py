"""The manifest of a dossier and how it is carried: an embedded file inside the PDF, which
then gets neutral metadata and the whole-file signature (signing.py).

Manifest (JSON, UTF-8, keys sorted):
    format "sijil-dossier-manifest", version 1, template, language, platform, exported_at (UTC),
    incidents [{id, occurred_on}],
    evidence [{id, incident_id, kind, media_type, size, original_sha256,
               rendition_sha256 (image shown in the PDF, or ""), regions_burned,
               attachment (lawyer's copy: embedded original, or "")}],
    sidecars {file suffix: sha256} for the JSON/CSV written beside or inside,
    redactions {kind: count},
    signing {algorithm "ed25519", public_key (hex), fingerprint}
"""

from __future__ import annotations

import io
import json

import nacl.signing
from pypdf import PdfReader, PdfWriter

from app.core.crypto import fingerprint
from app.core.export.content import Dossier
from app.core.export.signing import sign_pdf
from app.core.redaction.text import summarise

FORMAT = "sijil-dossier-manifest"
VERSION = 1
MANIFEST_NAME = "sijil-manifest.json"
# Extensions of the lawyer's originals, inside the PDF and when open-dossier writes them out:
# from this table, never from the file, so no original becomes a program or a shortcut that
# runs when double-clicked.
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
               "text/plain": ".txt", "application/pdf": ".pdf", "video/mp4": ".mp4", "audio/ogg": ".ogg",
               "audio/mpeg": ".mp3"}


def attachment_name(evidence_id: int, media_type: str) -> str:
    return f"evidence-{evidence_id}{_EXTENSIONS.get(media_type, '.bin')}"


def build(d: Dossier, key: nacl.signing.VerifyKey, sidecars: dict[str, str]) -> dict:
    public = key.encode()
    return {
        "format": FORMAT, "version": VERSION, "template": d.template, "language": d.language,
        "platform": d.platform, "exported_at": d.exported_at,
        "incidents": [{"id": i.id, "occurred_on": i.occurred_on} for i in d.incidents],
        "evidence": [{"id": e.id, "incident_id": e.incident_id, "kind": e.kind, "media_type": e.media_type,
                      "size": e.size, "original_sha256": e.original_sha256,
                      "rendition_sha256": e.rendition_sha256, "regions_burned": e.regions_burned,
                      "attachment": e.attachment} for e in d.all_evidence()],
        "sidecars": sidecars,
        "redactions": summarise(d.hits),
        "signing": {"algorithm": "ed25519", "public_key": public.hex(), "fingerprint": fingerprint(public)},
    }


def encode(manifest: dict) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def seal_pdf(layout_pdf: bytes, manifest: dict, attachments: dict[str, bytes],
             key: nacl.signing.SigningKey) -> bytes:
    """Embed the manifest (and the lawyer's originals) and sign.

    An incremental update appends only the new objects, instead of re-serialising every image
    stream (which costs several copies of a 100 MB dossier). The layout already carries the
    neutral /Info (layout.render) and reportlab writes no XMP.
    """
    writer = PdfWriter(PdfReader(io.BytesIO(layout_pdf)), incremental=True)
    writer.add_attachment(MANIFEST_NAME, encode(manifest))
    for name, data in attachments.items():
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return sign_pdf(out.getbuffer(), key)
