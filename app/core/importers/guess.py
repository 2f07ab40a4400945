"""Which importer a chosen file, folder or zip most likely belongs to, from the names in it
alone (nothing is parsed): the import window preselects it, and she can change it.

Platforms name their downloads after the account and the date ("twitter-2023-07-04-….zip",
"facebook-layla-2023-07-04-….zip"), so a zip is known by what it holds: X's data/tweets.js,
Meta's messages/inbox/<thread>/message_1.json (or .html), a WACZ's datapackage.json, Telegram's
result.json, WhatsApp's one chat .txt.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".gif", ".tif", ".tiff", ".bmp")
WEB_SUFFIXES = (".warc", ".warc.gz", ".wacz", ".html", ".htm", ".mhtml", ".mht")
_MAX_NAMES = 20_000  # enough to see any export's layout; a whole disk chosen by mistake is not walked
_MAX_DEPTH = 6
_META_PAGE = re.compile(r"message_\d+\.(?:json|html)")  # Telegram's pages are messages.html, messages2.html


def guess_format(path: Path) -> str:
    """"telegram", "whatsapp", "meta", "x", "web" or "folder" for `path` (a file, zip or folder)."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        return guess_from_names(_folder_names(path), folder=True)
    name = path.name.lower()
    if name.endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as zf:
                return guess_from_names(info.filename for info in zf.infolist()[:_MAX_NAMES])
        except (OSError, zipfile.BadZipFile, ValueError):
            return "whatsapp"  # the importer that reads zips most often says what is wrong with it
    if name == "result.json" or (name.startswith("messages") and name.endswith(".html")):
        return "telegram"
    if _META_PAGE.fullmatch(name) or (name.startswith("message_") and name.endswith(".json")):
        return "meta"
    if name.endswith(".js") and name.startswith(("tweets", "tweet", "direct-message")):
        return "x"
    if name.endswith(WEB_SUFFIXES):
        return "web"
    if name.endswith(PICTURE_SUFFIXES):
        return "folder"
    return "whatsapp" if name.endswith(".txt") else "telegram"


def guess_from_names(names: Iterable[str], folder: bool = False) -> str:
    """The importer for an export holding files of these relative names ('/'-separated)."""
    files = [n for n in (n.replace("\\", "/").lower().strip("/") for n in names) if n]
    if any(n == "datapackage.json" or n.endswith(WEB_SUFFIXES[:3]) for n in files):
        return "web"
    if any(_within(n, 2) and n.rpartition("/")[0].endswith("data") and
           n.rpartition("/")[2].startswith(("tweets.js", "tweet.js", "tweets-part", "manifest.js")) for n in files):
        return "x"
    if any(n.rpartition("/")[2].startswith("message_") and n.endswith(".json") for n in files):
        return "meta"
    # Meta's HTML download (its default): messages/inbox/<thread>/message_1.html, or one
    # conversation's folder chosen on its own
    if any(_META_PAGE.fullmatch(n.rpartition("/")[2]) and ("/messages/" in f"/{n}" or _within(n, 0))
           for n in files):
        return "meta"
    if any(_within(n, 1) and n.rpartition("/")[2] in ("result.json", "messages.html") for n in files):
        return "telegram"
    # a full-account HTML export: export_results.html beside chats/chat_1/messages.html, ...
    if any(n.startswith("chats/chat_") and _within(n, 2) and n.endswith("/messages.html") for n in files):
        return "telegram"
    texts = [n.rpartition("/")[2] for n in files if n.endswith(".txt") and _within(n, 1)]
    if any(t == "_chat.txt" or "whatsapp" in t for t in texts):
        return "whatsapp"
    pages = [n for n in files if _within(n, 0) and n.endswith(WEB_SUFFIXES)]
    folders = {n.partition("/")[0] for n in files if "/" in n}
    # a page saved "complete" keeps its pictures in <page>_files/
    if any(p.rpartition(".")[0] + "_files" in folders for p in pages) or (pages and not _mostly_pictures(files)):
        return "web"
    if texts and not (folder and _mostly_pictures(files)):
        return "whatsapp"
    return "folder" if folder else "whatsapp"


def _within(name: str, depth: int) -> bool:
    """Whether `name` lies at most `depth` folders down."""
    return name.count("/") <= depth


def _mostly_pictures(names: list[str]) -> bool:
    pictures = sum(n.endswith(PICTURE_SUFFIXES) for n in names)
    return pictures > len(names) / 2


def _folder_names(root: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = os.path.relpath(dirpath, root)
        depth = 0 if rel == "." else rel.count(os.sep) + 1
        dirnames[:] = sorted(dirnames) if depth < _MAX_DEPTH else []
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found += [prefix + f for f in sorted(filenames)]
        if len(found) >= _MAX_NAMES:
            break
    return found
