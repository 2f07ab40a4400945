"""A page saved by a browser, one file (with, at most, the folder of its parts):

- SingleFile: a comment at the top, "Page saved with SingleFile / url: ... / saved date: ...";
- Save Page WE: `<meta name="savepage-url|savepage-title|savepage-date" content=...>`;
- Chrome's "Save as MHTML" (.mhtml/.mht): a MIME message, `Snapshot-Content-Location` and
  `Date` headers, the page quoted-printable inside;
- "Web Page, complete" (Firefox, Chrome): page.html beside page_files/, Chrome adding
  `<!-- saved from url=(0033)https://... -->`.

The saved file is the evidence, as it is. Its time is the one the saver wrote (with the offset
it wrote); only when there is none is the file's modification time used, and said so.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import email.utils
import re
from datetime import datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import html_text
from app.core.importers.model import Attachment, ImportPreview, Message
from app.core.importers.sources import MAX_MEMBER_BYTES, FolderReader, hash_file, read_bounded
from app.core.importers.timecheck import check_instant

SAVED_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
MAX_PART_FILES = 5000
_SINGLEFILE = re.compile(rb"<!--\s*Page saved with SingleFile(.{0,3000}?)-->", re.DOTALL | re.IGNORECASE)
_SF_FIELD = re.compile(rb"^\s*(url|saved date|info):\s*(.+?)\s*$", re.MULTILINE)
_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(\S+?) -->")


def js_date(text: str) -> datetime | None:
    """A date as JavaScript's Date.toString() writes it ("Tue Jul 04 2023 10:30:15 GMT+0300
    (Eastern European Summer Time)"), or ISO 8601; None otherwise."""
    text = text.strip()
    core = text.split(" (", 1)[0].strip()
    for fmt in ("%a %b %d %Y %H:%M:%S GMT%z", "%a %b %d %Y %H:%M:%S"):
        try:
            return datetime.strptime(core, fmt)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse(path: Path) -> ImportPreview:
    path = Path(path)
    if path.suffix.lower() in (".mhtml", ".mht"):
        facts = _mhtml(path)
    else:
        data, _src = read_bounded(path, MAX_MEMBER_BYTES)
        facts = _html(data)
    when, recorded = facts.pop("when"), facts.pop("recorded")
    notes = []
    if when is None:
        when = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        recorded["time_from"] = "file"
        notes.append(_("A page saved by a browser records no capture time; the file's time is used."))
    else:
        check_instant(when, path.name, recorded.get("saver", "date"))
        recorded["time_from"] = "saved page"
    parts = _parts_folder(path)
    if parts is not None:
        recorded["page_files"] = parts
    msg = Message(id=path.name, when=when.isoformat(), kind="page", link=facts["url"], text=facts["title"],
                  attachments=[Attachment(path.name, "page")], recorded=recorded)
    zone = "" if when.tzinfo else _("the computer's local time")
    return ImportPreview("web", "", [msg], [], FolderReader(path.parent), timezone=zone, notes=notes)


def _html(data: bytes) -> dict:
    """URL, title, saved time and who saved it, from the page's own markers."""
    meta, links = html_text.head_facts(data)
    recorded: dict = {}
    url, when = "", None
    single = _SINGLEFILE.search(data[:html_text.HEAD_BYTES])
    if single:
        fields = {k.decode(): v.decode("utf-8", "replace") for k, v in _SF_FIELD.findall(single.group(1))}
        url = html_text.absolute(fields.get("url", ""))
        recorded.update(saver="SingleFile", saved_date=fields.get("saved date", "")[:100])
        when = js_date(fields.get("saved date", ""))
    elif "savepage-url" in meta or "savepage-date" in meta:
        url = html_text.absolute(meta.get("savepage-url", "")) or html_text.absolute(meta.get("savepage-from", ""))
        recorded.update(saver="Save Page WE", saved_date=meta.get("savepage-date", "")[:100])
        when = js_date(meta.get("savepage-date", ""))
    saved_from = _SAVED_FROM.search(data[:4096])
    if saved_from and not url:
        url = html_text.absolute(saved_from.group(1).decode("utf-8", "replace"))
        recorded.setdefault("saver", "browser (Web Page, complete)")
    url = url or html_text.canonical_url(data) or html_text.absolute(links.get("base", ""))
    title = html_text.title(data) or meta.get("savepage-title", "") or meta.get("og:title", "")
    recorded = {k: v for k, v in recorded.items() if v}
    recorded["encoding"] = html_text.charset(data)
    return {"url": url, "title": title, "when": when, "recorded": recorded}


def _mhtml(path: Path) -> dict:
    data, _src = read_bounded(path, MAX_MEMBER_BYTES)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        location = str(msg.get("Snapshot-Content-Location", "") or "")
        subject = str(msg.get("Subject", "") or "")
        date = str(msg.get("Date", "") or "")
        page = next((p for p in msg.walk() if p.get_content_type() == "text/html"), None)
        body = page.get_payload(decode=True) if page is not None else None
        body_type = str(page.get("Content-Type", "")) if page is not None else ""
        part_location = str(page.get("Content-Location", "") or "") if page is not None else ""
    except (ValueError, TypeError, LookupError, AttributeError, RecursionError, email.errors.MessageError):
        raise MalformedExport(_("the archive is damaged ({why})").format(why="MHTML"), path.name) from None
    if not (location or page is not None):
        raise MalformedExport(_("the archive holds no web page"), path.name)
    when = None
    if date:
        try:
            when = email.utils.parsedate_to_datetime(date)
        except (ValueError, TypeError, IndexError):
            raise MalformedExport(_("the field '{field}' is not a date").format(field="Date"), path.name) from None
    body = body if isinstance(body, bytes) else b""
    title = (html_text.title(body, body_type) if body else "") or " ".join(subject.split())[:1000]
    recorded = {"saver": str(msg.get("From", "") or "MHTML").strip("<>\" ")[:100], "saved_date": date[:100]}
    return {"url": html_text.absolute(location) or html_text.absolute(part_location), "title": title,
            "when": when, "recorded": {k: v for k, v in recorded.items() if v}}


def _parts_folder(path: Path) -> list[dict] | None:
    """The files of "page_files/" beside "page.html" (a "Web Page, complete"), each hashed;
    links are not followed. None when there is no such folder."""
    folder = path.with_name(path.stem + "_files")
    if not folder.is_dir() or folder.is_symlink():
        return None
    reader = FolderReader(folder)
    names = reader.names()
    if len(names) > MAX_PART_FILES:
        raise MalformedExport(_("the folder holds more than {n} files; choose a smaller folder").format(
            n=MAX_PART_FILES), folder.name)
    found = []
    for name in names:
        src = hash_file(folder / name)
        found.append({"name": f"{folder.name}/{name}", "sha256": src.sha256, "size": src.size})
    return found
