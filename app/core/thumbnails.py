"""Thumbnails made when first shown, not at import: decoding, resizing and PNG-encoding a photo
was a hundred times its hashing and encryption, and most imported pictures are never looked at.

`thumbnails` is run on the worker by whoever shows pictures (the evidence panel). The ones
missing are made there, encrypted into the blob store like every blob (never plaintext on
disk), made durable together (`BlobStore.batch`), and only then recorded in one transaction;
a crash in between leaves blobs no row names, which is what any interrupted import leaves.
"""

from __future__ import annotations

import logging

from app.core import images
from app.core.errors import NotFound, SijilError
from app.core.evidence import describe
from app.core.models import Evidence
from app.core.vault import Vault

log = logging.getLogger(__name__)


def thumbnails(vault: Vault, evidence_ids: list[int]) -> dict[int, bytes | None]:
    """PNG thumbnail of each picture (None for other kinds, a gone item, or a picture that
    cannot be decoded), making and storing the ones that are missing."""
    out: dict[int, bytes | None] = {}
    missing: list[Evidence] = []
    for ident in evidence_ids:
        try:
            ev = vault.journal.evidence.get(ident)
        except NotFound:  # removed since the caller listed it
            out[ident] = None
            continue
        if ev.thumbnail_blob:
            out[ident] = vault.blobs.read(ev.thumbnail_blob, describe(ev))
        elif ev.kind == "image":
            missing.append(ev)
        else:
            out[ident] = None
    made: dict[int, bytes] = {}
    for ev in missing:
        try:
            original = vault.blobs.read(ev.blob, describe(ev), ev.sha256)
            made[ev.id] = images.thumbnail_png(images.open_image(original, max_side=2 * max(images.THUMBNAIL_SIZE)))
        except SijilError:  # a damaged or hostile picture: it keeps its placeholder
            log.warning("no thumbnail for an evidence item (%s)", ev.media_type)
        out[ev.id] = made.get(ev.id)
    if made and not vault.journal.read_only:
        _store(vault, made)
    return out


def _store(vault: Vault, made: dict[int, bytes]) -> None:
    names: dict[int, str] = {}
    try:
        with vault.blobs.batch():
            for ident, png in made.items():
                names[ident] = vault.blobs.put_bytes(png)
        vault.journal.evidence.set_thumbnails(names)
    except BaseException:
        vault.blobs.delete(names.values())
        raise
