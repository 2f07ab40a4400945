"""Evidence import and extraction: hash the original, read metadata, encrypt into the blob
store, make an encrypted thumbnail (bulk imports leave that to app.core.thumbnails, when the
picture is first shown). Nothing plaintext is written anywhere.

Large files stream through in 1 MiB chunks (bounded memory). Images are held in memory
(they are bounded by MAX_IMAGE_BYTES) so the bytes hashed are the bytes parsed.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import puremagic

from app.core import images, settings
from app.core.atomic import disk_errors
from app.core.crypto import read_chunks
from app.core.errors import FileRejected, InvalidInput
from app.core.filenames import safe_file_name
from app.core.i18n import _
from app.core.journal import utc_now
from app.core.models import Evidence
from app.core.redaction import images as redact_images
from app.core.validate import exif_when
from app.core.vault import Vault

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 200 * 1024 * 1024
Progress = Callable[[int, int], None]  # (done, total); raise Cancelled to stop


def describe(ev: Evidence) -> str:
    """How an evidence item is named in messages: by number, never by file name."""
    return _("Evidence item {id}").format(id=ev.id)


def sniff(head: bytes) -> tuple[str, str]:
    """(kind, MIME type) from the first bytes of a file; names and extensions are ignored."""
    mime = images.sniff_image(head)
    if mime:
        return "image", mime
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    with contextlib.suppress(puremagic.PureError, ValueError):
        found = puremagic.from_string(head, mime=True)
        if found.startswith(("video/", "audio/")):
            return found.split("/")[0], found
    if head and b"\0" not in head:
        with contextlib.suppress(UnicodeDecodeError):
            head[:-4].decode("utf-8")  # a multi-byte character may be cut at the end
            return "text", "text/plain"
    return "other", "application/octet-stream"


def max_file_bytes(vault: Vault) -> int:
    """The largest file `import_file` accepts, from the journal setting (in MB)."""
    return settings.read(vault.journal, settings.MAX_FILE_MB) * 1024 * 1024


def _too_large(limit: int) -> FileRejected:
    return FileRejected(
        _("This file is larger than the limit of {mb} MB, so it was not added. Nothing changed. To add it, "
          "raise the limit in the settings (evidence.max_file_mb), or use --max-size once.")
        .format(mb=limit // (1024 * 1024)))


def open_regular(path: Path) -> tuple[BinaryIO, int]:
    """Open an ordinary file for reading, without following a symbolic link, and return it with
    its size. Pipes, sockets and devices are refused before a byte is read: reading them can
    block forever (a FIFO) or never end (/dev/zero)."""
    unreadable = FileRejected(_("That file could not be read. Check that it still exists and that you may open it."))
    if not hasattr(os, "O_NOFOLLOW"):  # Windows: no O_NOFOLLOW, so look first
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise _not_followed()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _not_followed() from None
        if exc.errno == errno.ENXIO:  # a socket
            raise _not_ordinary() from None
        raise unreadable from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRejected(_("That is a folder, not a file. Add the files inside it instead."))
        raise _not_ordinary()
    return os.fdopen(fd, "rb"), info.st_size


def _not_followed() -> FileRejected:
    return FileRejected(_("That is a link to another file, not a file itself. Links are not followed, so "
                          "that nothing comes in from a place you did not choose. Add the file it points to."))


def _not_ordinary() -> FileRejected:
    return FileRejected(_("That is not an ordinary file (it is a pipe, socket or device), so it was not added: "
                          "reading it might never end. Save its content to a file and add that file."))


def _display_name(path: Path) -> str:
    return safe_file_name(path.name)


def import_file(vault: Vault, incident_id: int, path: Path, *, source_url: str = "", caption: str = "",
                captured_at: str = "", progress: Progress | None = None,
                max_bytes: int | None = None) -> Evidence:
    """Import one ordinary file as evidence for an incident; refuse it if it is larger than
    max_bytes (default: the journal setting). On any failure the vault is unchanged."""
    path = Path(path)
    vault.journal.incidents.get(incident_id)  # fail early, before any work
    limit = max_file_bytes(vault) if max_bytes is None else max_bytes
    fh, total = open_regular(path)
    with fh:
        if total > limit:
            raise _too_large(limit)
        kind, mime = sniff(fh.read(8192))
        fh.seek(0)
        if kind == "image":
            if total > MAX_IMAGE_BYTES:
                raise FileRejected(_("This image file is larger than 200 MB, so it was not added."))
            return _import_image(vault, incident_id, fh.read(MAX_IMAGE_BYTES), mime, _display_name(path),
                                 source_url, caption, captured_at)
        return _import_stream(vault, incident_id, fh, total, kind, mime, _display_name(path), source_url,
                              caption, captured_at, progress)


def import_bytes(vault: Vault, incident_id: int, data: bytes, *, name: str = "", source_url: str = "",
                 caption: str = "", captured_at: str = "") -> Evidence:
    """Import bytes held in memory, e.g. a screenshot pasted from the clipboard."""
    kind, mime = sniff(data[:8192])
    name = safe_file_name(name)
    if kind == "image":
        return _import_image(vault, incident_id, data, mime, name, source_url, caption, captured_at)
    return _import_stream(vault, incident_id, None, len(data), kind, mime, name, source_url, caption,
                          captured_at, None, chunks=[data])


def store_bytes(vault: Vault, data: bytes, *, name: str = "", source_url: str = "", caption: str = "",
                captured_at: str = "", text: bool = False) -> Evidence:
    """Encrypt bytes into the blob store and return their evidence
    row, not yet recorded (incident_id 0): the caller records it in its own transaction, or
    deletes its blobs (`blob_names`) if that fails. For importers writing many items at once;
    `text=True` for UTF-8 text the caller made itself (a message), which is not sniffed.
    Pictures get no thumbnail here and are not decoded (only their header is read): thumbnails
    are made when first shown (app.core.thumbnails)."""
    kind, mime = ("text", "text/plain") if text else sniff(data[:8192])
    name = safe_file_name(name)
    if kind == "image":
        return _stored_image(vault, data, mime, name, source_url, caption, captured_at, thumbnail=False)
    blob, digest, size = vault.blobs.put([data], len(data))
    return Evidence(incident_id=0, blob=blob, sha256=digest, size=size, media_type=mime, kind=kind,
                    imported_at=utc_now(), original_name=name, captured_at=captured_at, source_url=source_url,
                    caption=caption)


def blob_names(ev: Evidence) -> list[str]:
    return [n for n in (ev.blob, ev.thumbnail_blob) if n]


def _import_image(vault: Vault, incident_id: int, data: bytes, mime: str, name: str, source_url: str,
                  caption: str, captured_at: str) -> Evidence:
    ev = _stored_image(vault, data, mime, name, source_url, caption, captured_at)
    ev.incident_id = incident_id
    return _record(vault, ev)


def _stored_image(vault: Vault, data: bytes, mime: str, name: str, source_url: str, caption: str,
                  captured_at: str, thumbnail: bool = True) -> Evidence:
    # Decoded only as large as the thumbnail needs (JPEG decodes at 1/2..1/8 scale directly):
    # a full decode was most of an import's time. The size recorded is the original's.
    # Without a thumbnail only the header is read.
    img = images.open_image(data, max_side=2 * max(images.THUMBNAIL_SIZE)) if thumbnail else images.open_header(data)
    width, height = images.pixel_size(data) if thumbnail else img.size
    meta = images.read_metadata(img, images.trailing_bytes(data[-(1 << 20):], mime))
    meta.update(width=width, height=height)
    if not captured_at:
        captured_at = exif_when(meta.get("exif", {}).get("DateTimeOriginal"))
    blobs = vault.blobs
    thumb_name = blobs.put_bytes(images.thumbnail_png(img)) if thumbnail else None
    try:
        name_, digest, size = blobs.put([data], len(data))
    except BaseException:
        blobs.delete([thumb_name] if thumb_name else [])
        raise
    return Evidence(
        incident_id=0, blob=name_, thumbnail_blob=thumb_name, sha256=digest, size=size,
        media_type=mime, kind="image", imported_at=utc_now(), original_name=name,
        captured_at=captured_at, source_url=source_url, caption=caption,
        width=width, height=height, metadata=meta,
    )


def _import_stream(vault: Vault, incident_id: int, fh, total: int, kind: str, mime: str, name: str,
                   source_url: str, caption: str, captured_at: str, progress: Progress | None,
                   chunks=None) -> Evidence:
    def report(done: int) -> None:
        if progress:
            progress(done, total)

    blob, digest, size = vault.blobs.put(chunks if chunks is not None else read_chunks(fh), total, report)
    ev = Evidence(
        incident_id=incident_id, blob=blob, sha256=digest, size=size, media_type=mime, kind=kind,
        imported_at=utc_now(), original_name=name, captured_at=captured_at, source_url=source_url,
        caption=caption,
    )
    return _record(vault, ev)


def _record(vault: Vault, ev: Evidence) -> Evidence:
    """Insert the row; if that fails, remove the blobs so the vault is exactly as before."""
    try:
        vault.journal.evidence.add(ev)
    except BaseException:
        vault.blobs.delete(blob_names(ev))
        raise
    log.info("evidence imported (%s, %d bytes)", ev.kind, ev.size)
    return ev


def read_original(vault: Vault, evidence_id: int) -> bytes:
    """The original bytes, checked against the hash recorded at import. For viewing images."""
    ev = vault.journal.evidence.get(evidence_id)
    return vault.blobs.read(ev.blob, describe(ev), ev.sha256)


def read_thumbnail(vault: Vault, evidence_id: int) -> bytes | None:
    ev = vault.journal.evidence.get(evidence_id)
    return vault.blobs.read(ev.thumbnail_blob, describe(ev)) if ev.thumbnail_blob else None


def extract(vault: Vault, evidence_id: int, out_path: Path, progress: Progress | None = None) -> Evidence:
    """Write the exact original bytes to out_path after checking their integrity."""
    ev = vault.journal.evidence.get(evidence_id)
    with disk_errors():
        vault.blobs.extract(ev.blob, describe(ev), Path(out_path), ev.sha256,
                            (lambda done: progress(done, ev.size)) if progress else None)
    vault.journal.evidence.audit_extract(ev.id)
    return ev


def set_redactions(vault: Vault, evidence_id: int, boxes: list[list[float]]) -> Evidence:
    """Replace a picture's boxes: fractions [x, y, w, h] of the upright picture (as the viewer
    shows it and the export burns it)."""
    ev = vault.journal.evidence.get(evidence_id)
    if ev.kind != "image":
        raise InvalidInput(_("{item} is not a picture, so it has no areas to hide.").format(item=describe(ev)))
    updated = replace(ev, redactions=redact_images.check_boxes(boxes))
    vault.journal.evidence.update(updated)
    return updated


def delete(vault: Vault, evidence_id: int) -> None:
    ev = vault.journal.evidence.delete(evidence_id)
    vault.blobs.delete(blob_names(ev))

