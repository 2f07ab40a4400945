"""Which kind of export a chosen file or folder looks like, to preselect it (she can change it),
and the on-screen names of the kinds."""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import _

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".gif", ".tif", ".tiff", ".bmp")


def format_labels() -> dict[str, str]:
    return {
        "telegram": _("Telegram (result.json or HTML export folder)"),
        "whatsapp": _("WhatsApp (.txt or .zip)"),
        "meta": _("Facebook / Instagram (message_1.json)"),
        "x": _("X archive (data/tweets.js)"),
        "folder": _("Folder of screenshots or photos"),
        "web": _("Archived web page (WARC, WACZ, HTML)"),
    }


def guess_format(path: Path) -> str:
    """The importer a path most likely belongs to; "folder" when nothing else fits a folder."""
    name = path.name.lower()
    if path.is_dir():
        if (path / "result.json").exists() or (path / "messages.html").exists():
            return "telegram"
        if (path / "data" / "tweets.js").exists() or (path / "tweets.js").exists():
            return "x"
        if (path / "message_1.json").exists():
            return "meta"
        if any(p.suffix.lower() in (".txt", ".zip") and not p.name.lower().endswith(PICTURE_SUFFIXES)
               for p in path.iterdir() if p.is_file()):
            return "whatsapp"
        return "folder"
    if name == "result.json" or (name.startswith("messages") and name.endswith(".html")):
        return "telegram"
    if name.startswith("message_") and name.endswith(".json"):
        return "meta"
    if name.startswith("tweets") and name.endswith(".js"):
        return "x"
    if name.endswith((".txt", ".zip")):
        return "whatsapp"
    if name.endswith((".warc", ".warc.gz", ".wacz", ".html", ".htm", ".mhtml")):
        return "web"
    return "telegram"

