"""Meta "Download your information" in HTML, the format Meta offers by default: the
conversations' pages (meta_html_page) turned into messages, as meta.py does for the JSON.

The HTML states less than the JSON: times are local, to the minute or the second, in the
download's language (meta_dates), with no zone; senders are display names; messages have no id
(they are numbered within their conversation, oldest first, as for the JSON). Older
pages name the participants; newer ones do not, and those who wrote stand for them. Pages list the
newest message first, message_2.html continuing message_1.html, so a conversation read
backwards is in order. Media paths are relative to the top of the download (older downloads)
or to the page; each is looked for both ways inside the export, never outside it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import calendars, meta_dates
from app.core.importers.meta_html_page import Page, RawMessage, split_reaction
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.sources import ExportReader, SourceFile, safe_member

PART = re.compile(r"message_(\d+)\.html")
_FOLDER_KINDS = {"photos": "photo", "videos": "video", "gifs": "video", "audio": "voice", "files": "file",
                 "stickers_used": "photo"}
_EXT_KINDS = {"jpg": "photo", "jpeg": "photo", "png": "photo", "webp": "photo", "heic": "photo", "gif": "video",
              "mp4": "video", "mov": "video", "webm": "video", "m4a": "voice", "aac": "voice", "mp3": "voice",
              "wav": "voice", "opus": "voice", "ogg": "voice"}
# Participants: A, B and C  (the conjunction in each of Sijil's languages)
_AND = re.compile(r"\s+(?:and|et|y|ve|و)\s+|\s*[,،]\s*")
# What Messenger writes, in English, for an unsent message and for calls; in other languages
# these stay as the text they are.
_UNSENT = re.compile(r"\bunsent a message\b", re.IGNORECASE)
_MISSED = re.compile(r"\bmissed (?:a |an |your )?(?:audio |video )?call\b|\bmissed call\b", re.IGNORECASE)
_CALL = re.compile(r"\bcalled you\b|\b(?:started|ended|joined) (?:a |an |the )?(?:audio |video )?call\b|"
                   r"\bthe (?:audio |video )?call ended\b", re.IGNORECASE)


@dataclass
class Thread:
    folder: str                 # the thread's folder inside the export ("messages/inbox/x_1")
    pages: list[tuple[str, RawMessage]] = field(default_factory=list)  # oldest first
    title: str = ""
    participants: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.folder.rpartition("/")[2]

    @property
    def path(self) -> str:
        """"inbox/x_1", as the JSON's thread_path."""
        return "/".join(self.folder.split("/")[-2:])


class _Dated(NamedTuple):  # what whatsapp._date_order reads
    parts: tuple[str, str, str]
    line: int


def part_number(name: str) -> int:
    found = PART.search(name)
    return int(found.group(1)) if found else 0


def read_thread(reader: ExportReader, folder: str, names: list[str], sources: list[SourceFile]) -> Thread:
    """The pages of one conversation (names in the export, any order)."""
    from app.core.importers.html_text import decode

    thread = Thread(folder)
    raws: list[tuple[str, RawMessage]] = []
    for name in sorted(names, key=part_number):
        data, source = reader.read(name)
        sources.append(source)
        page = Page(name)
        try:
            page.feed(decode(data))
            page.close()
        except AssertionError:  # html.parser's own complaint about broken markup
            raise MalformedExport(_("the HTML is broken"), name) from None
        thread.title = thread.title or page.title
        if page.participants and not thread.participants:
            names_part = page.participants.partition(":")[2] or page.participants
            thread.participants = [p.strip() for p in _AND.split(names_part) if p.strip()][:500]
        raws += [(name, m) for m in page.messages]
    raws.reverse()  # the newest first on every page, and message_2 older than message_1
    thread.pages = raws
    if not thread.participants:  # newer pages do not list them: those who wrote, in order
        thread.participants = list(dict.fromkeys(m.sender for _n, m in raws if m.sender))[:500]
    return thread


def preview(reader: ExportReader, threads: list[Thread], sources: list[SourceFile], platform: str,
            prefix_ids: bool) -> ImportPreview:
    """Every thread's messages, with times read under one date order for the whole download."""
    stamps, numeric = [], []
    for t in threads:
        for name, raw in t.pages:
            where = _("{name}, line {line}").format(name=name, line=raw.line)
            if not raw.time:
                raise MalformedExport(_("a message has no time"), where)
            stamps.append(meta_dates.read(raw.time, where))
            if not stamps[-1].month:
                numeric.append(_Dated(stamps[-1].parts, raw.line))
    order, reason = "", ""
    if numeric:
        from app.core.importers.whatsapp import _date_order
        order, reason = _date_order(numeric, threads[0].pages[0][0])
    messages: list[Message] = []
    at = 0
    for t in threads:
        found = []
        for name, raw in t.pages:
            where = _("{name}, line {line}").format(name=name, line=raw.line)
            when = meta_dates.instant(stamps[at], order, where)
            at += 1
            found.append(_message(reader, t, raw, when))
        found.sort(key=lambda m: m.when)
        for n, m in enumerate(found, 1):
            m.id = f"{t.name}:{n}" if prefix_ids else str(n)
        messages += found
    if not messages:
        raise MalformedExport(_("the chat holds no messages"), threads[0].folder + "/message_1.html")
    messages.sort(key=lambda m: (m.when, m.id))
    offsets = sorted({"UTC" + s.offset for s in stamps if s.offset})
    notes = []
    if any(s.solar for s in stamps):
        notes.append(calendars.converted_note(calendars.SOLAR_HIJRI))
    tz = ", ".join(offsets) or _("not stated: Meta's HTML download writes local times without their time zone")
    return ImportPreview("meta", platform, messages, sources, reader, timezone=tz, date_order=order,
                         date_order_reason=reason, notes=notes)


def _message(reader: ExportReader, t: Thread, raw: RawMessage, when: str) -> Message:
    text = raw.text
    msg = Message(id="", when=when, text=text, author=Author(display_name=raw.sender), thread=t.name,
                  thread_name=t.title or t.name, line=raw.line)
    msg.recorded["time_written"] = raw.time
    msg.recorded["thread_path"] = t.path
    if t.participants:
        msg.recorded["participants"] = t.participants
    flat = _without(text, raw.links)
    extra = [s for i, s in enumerate(raw.segments)
             if s and i not in raw.with_media and _without(s, raw.links) not in ("", flat)]
    if extra:
        msg.recorded["share_text"] = extra[0]
    if raw.links:
        msg.recorded["shared_link"] = raw.links[0][:8000]
        msg.text = msg.text or raw.links[0][:8000]
    for href, tag_kind in raw.media:
        name = _resolve(reader, t.folder, href)
        if name:
            kind = _kind(name, tag_kind)
            msg.attachments.append(Attachment(name, kind))
            msg.kind = kind if msg.kind == "text" else msg.kind
            if "/stickers_used/" in f"/{name}":
                msg.recorded["sticker"] = True
    reactions = [split_reaction(r) for r in raw.reactions if r]
    if reactions:
        msg.recorded["reactions"] = [{"reaction": e, "actor": who} for e, who in reactions]
    flat = " ".join(text.split())
    if _UNSENT.search(flat):
        msg.deleted = True
        msg.recorded["unsent"] = True
    elif _MISSED.search(flat):
        msg.recorded["missed_call"] = True
    elif _CALL.search(flat):
        msg.recorded["call"] = True
    return msg


def _without(text: str, links: list[str]) -> str:
    """The words of a text without its links: a share block repeats the text beside its link."""
    for link in links:
        text = text.replace(link, " ")
    return " ".join(text.split())


def _resolve(reader: ExportReader, folder: str, href: str) -> str:
    """The file a page's link names: relative to the page, or to the top of the download (when
    the download sits a folder down, as in a zip made again from it); "" when the link leaves
    the export."""
    top = safe_member(href)
    if top is None and href.startswith(".."):
        joined = posixpath.normpath(f"{folder}/{href}")
        top = None if joined.startswith("..") else safe_member(joined)
        return top or ""
    if top is None:
        return ""
    candidates = [safe_member(posixpath.normpath(f"{folder}/{href}")) or ""]
    head = top.split("/", 1)[0] + "/"
    at = f"/{folder}/".find(f"/{head}")
    candidates.append(folder[:at - 1] + "/" + top if at > 0 else top)
    for name in candidates:
        if name and reader.exists(name):
            return name
    return candidates[-1]


def _kind(name: str, tag_kind: str) -> str:
    folder = name.rpartition("/")[0].rpartition("/")[2]
    if folder in _FOLDER_KINDS:
        return _FOLDER_KINDS[folder]
    return tag_kind or _EXT_KINDS.get(name.rpartition(".")[2].lower(), "file")
