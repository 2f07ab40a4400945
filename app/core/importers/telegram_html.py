"""Telegram Desktop export in HTML (messages.html, messages2.html, ...), the default many
users keep. Read with the standard library's tolerant HTML parser; nothing is rendered or
fetched. The HTML records neither the chat's id nor authors' ids: links are made only when
the chat's public username is given, and authors are known by display name.

What is read, per <div class="message ..." id="messageN"> (as export_output_html.cpp writes
it): the time from the date's title ("04.07.2023 10:30:15 UTC+03:00"; older versions wrote no
zone), the author (.from_name, "Name via @bot"; a "joined" message continues the previous
author), .text, the reply (#go_to_messageN, or "In reply to a message in another chat"), a
forwarded block (.forwarded.body, whose own .from_name a joined forward leaves out), the
channel signature (.signature), the media block (telegram_html_media), and the reactions and
inline bot buttons (telegram_html_marks). Service messages (.message.service) carry no time,
only the day of the date line above them ("4 July 2023").
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Author, ImportPreview, Message
from app.core.importers.sources import MAX_FIELD_CHARS, FolderReader, read_bounded
from app.core.importers.telegram_html_marks import Marks
from app.core.importers.telegram_html_media import MediaBlock
from app.core.importers.timecheck import check_instant

_TITLE_TIME = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})"
                         r"(?: (?:UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?)?\s*$")
_MESSAGE_ID = re.compile(r"message(-?\d+)$")
_REPLY = re.compile(r"#go_to_message(\d+)")
_PAGE = re.compile(r"messages(\d*)\.html$")
_VIA = re.compile(r"^(.*?) via @(\w{1,64})$", re.S)
_MONTHS = {m: n for n, m in enumerate(("January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"), 1)}
_DAY_LINE = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})$")
MAX_DIV_DEPTH = 200


def pages(path: Path) -> list[Path]:
    """messages.html, messages2.html, ... in order."""
    folder = path if path.is_dir() else path.parent
    found = [p for p in folder.iterdir() if _PAGE.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: int(_PAGE.match(p.name).group(1) or 1))


def chat_folders(path: Path) -> list[Path]:
    """The chats of a full-account HTML export (chats/chat_1/messages.html, ...), in order."""
    chats = Path(path) / "chats"
    if not chats.is_dir() or chats.is_symlink():
        return []
    found = [d for d in chats.iterdir() if d.is_dir() and not d.is_symlink() and (d / "messages.html").is_file()]
    return sorted(found, key=lambda d: (len(d.name), d.name))


def parse(path: Path, username: str = "") -> ImportPreview:
    """One chat's pages (the folder or one of its messages*.html), or every chat of a
    full-account export (its folder, holding chats/)."""
    path = Path(path)
    folders = chat_folders(path) if path.is_dir() and not (path / "messages.html").exists() else []
    if not folders and not pages(path):
        raise MalformedExport(_("the folder holds no messages.html"), path.name)
    root = path if folders else (path if path.is_dir() else path.parent)
    offsets: set[str] = set()
    sources, messages = [], []
    for folder in folders or [root]:
        prefix = folder.relative_to(root).as_posix() if folders else ""
        found, read = _read_chat(folder, prefix, offsets)
        messages += found
        sources += read
    base = f"https://t.me/{username.lstrip('@')}/" if username and not folders else ""
    for m in messages:
        m.link = f"{base}{m.id}" if base else ""
    notes = [] if base else [_("The HTML export does not record the chat's id: links are made only when its "
                               "public username is given.")]
    if offsets:
        notes.append(_("Telegram Desktop's HTML export writes beside each time the standard offset of the "
                       "exporting computer's time zone: where that zone keeps summer time, times from summer may "
                       "be one hour off. The JSON export states every time exactly."))
    tz = ", ".join(sorted(offsets)) or _("not stated (local time of the computer that exported)")
    return ImportPreview("telegram", "telegram", messages, sources, FolderReader(root), timezone=tz, notes=notes)


def _read_chat(folder: Path, prefix: str, offsets: set[str]) -> tuple[list[Message], list]:
    """The pages of one chat in order. In a full-account export (`prefix` "chats/chat_1") the
    chat's ids and its media paths are named from the export's root."""
    sources, messages = [], []
    chat = ""
    carried = _Carried()
    for page in pages(folder):
        data, source = read_bounded(page)
        sources.append(replace(source, name=f"{prefix}/{source.name}") if prefix else source)
        reader = _Page(page.name, offsets, carried)
        try:
            reader.feed(data.decode("utf-8", errors="replace"))
            reader.close()
        except AssertionError:  # HTMLParser's own complaint about broken markup
            raise MalformedExport(_("the HTML is broken"), f"{prefix}/{page.name}" if prefix else page.name) from None
        chat = chat or reader.chat
        messages += reader.messages
    for m in messages:
        m.thread_name, m.thread = chat, prefix or chat
        if prefix:
            m.id = f"{prefix}:{m.id}"
            for a in m.attachments:
                a.name = _from_root(prefix, a.name)
            for r in m.recorded.get("reactions", ()):  # a custom emoji's file, named as the JSON names it
                if "document_id" in r:
                    r["document_id"] = _from_root(prefix, r["document_id"])
    return messages, sources


class _Carried:
    """What one page hands to the next: the last author (a page may open with a joined
    message), the last forwarded name, and the day of the last date line."""

    def __init__(self) -> None:
        self.author = Author()
        self.forwarded = ""
        self.day = ""


class _Page(HTMLParser):
    def __init__(self, name: str, offsets: set[str], carried: _Carried) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.offsets, self.carried = name, offsets, carried
        self.messages: list[Message] = []
        self.chat = ""
        self._depth = 0
        self._msg: Message | None = None
        self._msg_depth = 0
        self._capture: tuple[str, int] | None = None  # (what, div depth it started at)
        self._buf: list[str] = []
        self._buf_chars = 0  # kept as it grows: summing the buffer at each piece would be quadratic
        self._forward_depth = 0
        self._forward_named = False
        self._reply_depth = 0
        self._skip_span = 0
        self._media: MediaBlock | None = None  # while inside a .media_wrap
        self._media_depth = 0
        self._shared = ""
        self._marks = Marks()  # the open message's reactions and buttons

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        opens = tag == "div" and "message" in classes and _MESSAGE_ID.match(a.get("id", ""))
        if self._msg is not None and not opens and self._marks.start(tag, classes, a):
            if tag == "div":
                self._deeper()
            return
        if tag == "br" and self._capture:
            self._buf.append("\n")
            self._grew(1)
        if tag == "span" and self._capture and "details" in classes:
            self._skip_span += 1
            if self._capture[0] == "forwarded" and a.get("title"):
                self._forwarded_date(a["title"])
        if self._media is not None and tag in ("a", "div"):
            self._media.see_classes(classes)
        if tag == "a" and self._msg is not None:
            self._link(a.get("href", ""), classes)
        if tag != "div":
            return
        self._deeper()
        if opens:
            self._open_message(a, classes)
        elif self._msg is None:
            if {"text", "bold"} <= classes and not self.chat:
                self._start("chat")
        elif "media_wrap" in classes:
            self._media, self._media_depth = MediaBlock(), self._depth
        elif self._media is not None:
            what = next((c for c in ("title", "status", "description", "question", "answer") if c in classes), "")
            if what:
                self._start("media:" + what)
        elif "forwarded" in classes and "body" in classes:
            self._forward_depth, self._forward_named = self._depth, False
        elif "date" in classes and "details" in classes and a.get("title"):
            self._time(a["title"])
        elif "from_name" in classes:
            self._start("forwarded" if self._forward_depth else "from")
        elif "reply_to" in classes:
            self._reply_depth = self._depth
        elif "signature" in classes:
            self._start("signature")
        elif "text" in classes or (self._msg.kind == "service" and "body" in classes):
            self._start("text")

    def handle_endtag(self, tag: str) -> None:
        # A block's divs still close here: an unclosed block must not swallow its message's end.
        if self._msg is not None and self._marks.end(tag) and tag != "div":
            return
        if tag == "span" and self._skip_span:
            self._skip_span -= 1
        if tag != "div":
            return
        if self._capture and self._capture[1] == self._depth:
            self._finish()
        if self._forward_depth == self._depth:
            self._forward_depth = 0
            if not self._forward_named and self._msg is not None:  # a joined forward: same origin as before
                self._msg.forwarded_from = self.carried.forwarded
        if self._reply_depth == self._depth:
            self._reply_depth = 0
            if self._msg is not None and not self._msg.reply_to:
                self._msg.recorded["reply_in_other_chat"] = True
        if self._media is not None and self._media_depth == self._depth:
            media, self._media = self._media, None
            if self._msg is not None:
                self._shared = media.into(self._msg)
        if self._msg is not None and self._msg_depth == self._depth:
            self._close_message()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._msg is not None and self._marks.data(data):
            return
        if self._capture and not self._skip_span:
            self._buf.append(data)
            self._grew(len(data))

    def _grew(self, chars: int) -> None:
        self._buf_chars += chars
        if self._buf_chars > MAX_FIELD_CHARS:
            raise MalformedExport(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS), self.name)

    # ----------------------------------------------------------------------------------------

    def _deeper(self) -> None:
        self._depth += 1
        if self._depth > MAX_DIV_DEPTH:
            raise MalformedExport(_("the HTML is nested too deeply to be an export"), self.name)

    def _start(self, what: str) -> None:
        self._capture, self._buf, self._buf_chars = (what, self._depth), [], 0

    def _finish(self) -> None:
        what, _depth = self._capture
        text = "".join(self._buf).strip()
        self._capture = None
        if what == "chat":
            self.chat = text
            return
        m = self._msg
        if m is None:
            return
        if what.startswith("media:") and self._media is not None:
            self._media.put(what[6:], text)
        elif what == "from":
            name, via = _split_via(text)
            m.author = Author(display_name=name)
            if via:
                m.recorded["via_bot"] = "@" + via
        elif what == "forwarded":
            m.forwarded_from, self._forward_named = _split_via(text)[0], True
        elif what == "signature":
            m.recorded["author"] = text
        elif what == "text" and not m.text:
            if m.id.startswith("-"):
                self.carried.day = _day(text) or self.carried.day
            m.text = text

    def _open_message(self, a: dict, classes: set[str]) -> None:
        ident = _MESSAGE_ID.match(a["id"]).group(1)
        service = "service" in classes
        self._msg = Message(id=ident, when="", kind="service" if service else "text",
                            author=self.carried.author if "joined" in classes else Author())
        self._msg_depth = self._depth
        self._shared = ""
        self._marks = Marks()

    def _close_message(self) -> None:
        m, self._msg = self._msg, None
        if m.id.startswith("-"):  # a date line ("4 July 2023"), not a message
            return
        if m.kind == "service" and not m.when:
            if not self.carried.day:
                return
            m.when = self.carried.day  # the HTML gives a service message no time, only its day
        if not m.when:
            raise MalformedExport(_("a message has no time"), _("{name}, message {id}").format(
                name=self.name, id=m.id))
        if m.kind != "service":
            self.carried.author = m.author
            self.carried.forwarded = m.forwarded_from
        if self._shared:
            m.text = "\n".join(filter(None, (self._shared, m.text)))
        self._marks.into(m.recorded)
        self.messages.append(m)

    def _time(self, title: str) -> None:
        where = _("{name}, message {id}").format(name=self.name, id=self._msg.id)
        self._msg.when = self._instant(title, where)
        self.carried.day = self._msg.when[:10]

    def _forwarded_date(self, title: str) -> None:
        # The original's date is a detail: a broken one does not make the message unreadable.
        with contextlib.suppress(MalformedExport):
            self._msg.recorded["forwarded_date"] = self._instant(title, self.name)

    def _instant(self, title: str, where: str) -> str:
        t = _TITLE_TIME.match(title.strip())
        if not t:
            raise MalformedExport(_("the message's time is not written as Telegram writes it"), where)
        day, month, year, hh, mm, ss, sign, oh, om = t.groups()
        try:
            local = datetime(int(year), int(month), int(day), int(hh), int(mm), int(ss))
        except ValueError:
            raise MalformedExport(_("this date or time does not exist"), where) from None
        check_instant(local, where, "title")
        offset = ""
        if " UTC" in title or " GMT" in title:  # "UTC" alone is Qt's name for offset zero
            offset = f"{sign or '+'}{int(oh or 0):02d}:{om or '00'}"
            self.offsets.add("UTC" + offset)
        return local.isoformat() + offset

    def _link(self, href: str, classes: set[str]) -> None:
        reply = _REPLY.search(href)
        if reply:
            if self._msg.kind == "service":  # "pinned this message": what it points at, not a reply
                self._msg.recorded["refers_to_message"] = int(reply.group(1))
            elif self._reply_depth:
                self._msg.reply_to = reply.group(1)
            return
        if self._media is not None:
            self._media.see_link(href, classes)


def _from_root(prefix: str, href: str) -> str:
    """A link on a chat's page (tdesktop writes "../../chats/chat_1/photos/p.jpg" there) as a path
    from the export's root; one that would leave the root stays as written, to be refused."""
    if not href or href.startswith("/") or "\\" in href:
        return href
    joined = posixpath.normpath(f"{prefix}/{href}")
    return href if joined == ".." or joined.startswith("../") else joined


def _split_via(name: str) -> tuple[str, str]:
    """"Name via @bot" -> ("Name", "bot")."""
    via = _VIA.match(name)
    return (via.group(1).strip(), via.group(2)) if via else (name, "")


def _day(text: str) -> str:
    """"4 July 2023" (the date line, always in English) -> "2023-07-04"."""
    d = _DAY_LINE.match(text.strip())
    if not d or d.group(2) not in _MONTHS:
        return ""
    try:
        return datetime(int(d.group(3)), _MONTHS[d.group(2)], int(d.group(1))).date().isoformat()
    except ValueError:
        return ""
