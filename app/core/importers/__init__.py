"""Importers: bring in exports a defender already holds (Telegram, WhatsApp, Meta, X, folders
of pictures, archived web pages), without changing them.

The API, in three steps (none touches the journal until the last):

    preview = importers.parse("telegram", path)          # read + hash; ImportPreview
    picked = filters.select(preview, MessageFilter(...)) # indexes; fast, call as she types
    result = commit.import_messages(vault, preview, picked, ImportTarget(...),
                                    progress=..., cancel=...)   # ImportResult with created ids
    preview.close()

`parse` raises core.errors.MalformedExport (naming line or field) or FileRejected; a
preview holds no plaintext on disk (zip members are read into memory). Run parse and
import_messages off the UI thread: both may take seconds on a campaign-sized export.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.importers.model import ImportPreview


def _parsers() -> dict[str, Callable[..., ImportPreview]]:
    # Imported on use: each format's module pulls in only what it needs (warcio for web).
    from app.core.importers import folder, meta, telegram_any, web, whatsapp, x_archive

    return {"telegram": telegram_any.parse, "whatsapp": whatsapp.parse, "meta": meta.parse, "x": x_archive.parse,
            "folder": folder.parse, "web": web.parse}


FORMATS = ("telegram", "whatsapp", "meta", "x", "folder", "web")


def parse(fmt: str, path: Path, **options: object) -> ImportPreview:
    """Read the export at `path` as format `fmt` (one of FORMATS) into a preview."""
    parsers = _parsers()
    if fmt not in parsers:
        raise InvalidInput(_("'{value}' is not a kind of export. Use one of: {allowed}.")
                           .format(value=fmt, allowed=", ".join(FORMATS)))
    # Parsing makes hundreds of thousands of small objects and no cycles: the cyclic garbage
    # collector would rescan the growing heap again and again (half the time of a 100,000
    # message export), so it waits until the preview is built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        preview = parsers[fmt](Path(path), **options)
    finally:
        if was_enabled:
            gc.enable()
    if preview.owner is not None:  # she sees, before importing, what becomes of her own account
        a = preview.owner.account
        preview.notes.append(_("This export names your own account ({account}): it will not be recorded as an "
                               "actor, and its id, handle and phone are added to your other names (the defender's "
                               "record), so dossiers hide them with your name.").format(
            account=a.display_name or (f"@{a.handle}" if a.handle else a.numeric_id)))
    return preview
