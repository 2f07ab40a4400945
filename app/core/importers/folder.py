"""A folder of screenshots or photos: each picture (or video, or other file) is one item,
in nested folders too (each folder a thread, for one incident per folder).

Its time is the picture's own (EXIF DateTimeOriginal with OffsetTimeOriginal when the phone
wrote one), else the time in its file name (app.core.importers.file_times), else the file's
modification time; which one is recorded ("time_from"). The camera or phone that made it
(EXIF Make and Model) is kept as recorded metadata in the journal, which dossiers do not
print. Symbolic links are not followed, at any depth; the system's own files (.DS_Store,
Thumbs.db) are left out; at most MAX_FILES files are read. For one incident per file, per
day or all in one, choose the split when importing ("per-file", "per-day", "one").
"""

from __future__ import annotations

import io
import os
import re
from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from app.core.errors import FileRejected, MalformedExport
from app.core.evidence import open_regular, sniff
from app.core.i18n import _
from app.core.importers.file_times import time_from_name
from app.core.importers.model import Attachment, ImportPreview, Message
from app.core.importers.sources import FolderReader
from app.core.importers.timecheck import check_instant
from app.core.validate import exif_when

MAX_FILES = 20_000
_HEAD_BYTES = 256 * 1024  # EXIF sits in the first 64 KiB of a JPEG; enough for PNG/WebP headers too
_KINDS = {"image": "photo", "video": "video", "audio": "voice"}
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
_OFFSET = re.compile(r"[+-](0\d|1[0-4]):[0-5]\d")


def parse(path: Path, **_options: object) -> ImportPreview:
    root = Path(path)
    if not root.is_dir() or root.is_symlink():
        raise MalformedExport(_("this is not a folder"), root.name)
    reader = FolderReader(root)
    names = reader.names()
    if len(names) > MAX_FILES:
        raise MalformedExport(_("the folder holds more than {n} files; choose a smaller folder").format(n=MAX_FILES),
                              root.name)
    messages = [m for m in (_item(root, name) for name in names) if m is not None]
    messages.sort(key=lambda m: (m.when, m.id))
    links = _links(root)
    notes = [_("{n} links in the folder were not followed: they could lead outside it.").format(n=links)] if links \
        else []
    return ImportPreview("folder", "", messages, [], reader,
                         timezone=_("not stated: the camera's or computer's local time"), notes=notes)


def _links(root: Path) -> int:
    """Symbolic links anywhere under the folder (none is followed), so she knows what was left out."""
    return sum(os.path.islink(os.path.join(dirpath, n)) for dirpath, dirnames, filenames in
               os.walk(root, followlinks=False) for n in (*dirnames, *filenames))


def _item(root: Path, name: str) -> Message | None:
    base = name.rpartition("/")[2]
    if base.startswith(".") or base.lower() in _SYSTEM_FILES or name.startswith("__MACOSX/"):
        return None
    try:
        fh, _size = open_regular(root / name)
    except FileRejected:
        return None
    with fh:
        head = fh.read(_HEAD_BYTES)
        mtime = os.fstat(fh.fileno()).st_mtime
    kind, _mime = sniff(head)
    when, recorded = "", {}
    if kind == "image":
        when, recorded = _picture_facts(head)
    if when and not _plausible(when, name):
        recorded["picture_time"], when = when[:40], ""  # a camera with its clock unset: kept, not used
    if not when and (named := time_from_name(name)) and _plausible(named, name):
        when, recorded["time_from"] = named, "file name"
    if not when:
        when, recorded["time_from"] = datetime.fromtimestamp(mtime).replace(microsecond=0).isoformat(), "file"
    return Message(id=name, when=when, kind=_KINDS.get(kind, "file"), thread=name.rpartition("/")[0],
                   thread_name=name.rpartition("/")[0], attachments=[Attachment(name, _KINDS.get(kind, "file"))],
                   recorded=recorded)


def _plausible(when: str, name: str) -> bool:
    try:
        check_instant(datetime.fromisoformat(when), name, "time")
    except (MalformedExport, ValueError):
        return False
    return True


def _picture_facts(head: bytes) -> tuple[str, dict]:
    try:
        with Image.open(io.BytesIO(head)) as img:
            exif = img.getexif()
            sub = exif.get_ifd(0x8769)
            # DateTimeOriginal with OffsetTimeOriginal; else DateTime with OffsetTime
            when, offset = exif_when(sub.get(0x9003)), sub.get(0x9011)
            if not when:
                when, offset = exif_when(exif.get(0x0132)), sub.get(0x9010)
            make, model = (str(exif.get(tag, "")).strip("\0 ") for tag in (0x010F, 0x0110))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, TypeError):
        return "", {}
    offset = str(offset or "").strip("\0 ")
    if when and _OFFSET.fullmatch(offset):
        when += offset
    recorded = {"time_from": "picture"} if when else {}
    # "Google" + "Pixel 7a", but not "Apple" + "Apple iPhone" twice
    device = model if model.lower().startswith(make.lower()) else f"{make} {model}".strip()
    if device:
        recorded["device"] = device[:200]
    return when, recorded
