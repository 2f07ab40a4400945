"""Telegram Desktop export in HTML (messages.html, messages2.html, ...), the default many
users keep. Read with the standard library's tolerant HTML parser; nothing is rendered or
fetched. The HTML records neither the chat's id nor authors' ids: links are made only when
the chat's public username is given, and authors are known by display name.

What is read, per <div class="message ..." id="messageN">: the time from the date's title
("04.07.2023 10:30:15 UTC+03:00"), the author (.from_name; "joined" messages continue the
previous author), .text, the reply (#go_to_messageN), a forwarded block (.forwarded), and the
media links (photos/, video_files/, voice_messages/, files/), and shared contacts and places
(.media_wrap with .title.bold and .status.details: a name and number, a place and address,
or "Location" and its coordinates, with a maps link or the contact's vCard).
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.shared import contact_text, coordinates, location_text
from app.core.importers.sources import MAX_FIELD_CHARS, FolderReader, read_bounded
from app.core.importers.timecheck import check_instant

_TITLE_TIME = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-]\d{2}):?(\d{2}))?")
_MESSAGE_ID = re.compile(r"message(\d+)$")
_REPLY = re.compile(r"#go_to_message(\d+)")
_PAGE = re.compile(r"messages(\d*)\.html$")
_MEDIA_CLASSES = (("photo", "photo"), ("video", "video"), ("animated", "video"), ("voice", "voice"),
                  ("audio", "voice"), ("sticker", "photo"))
# The icon div of a shared contact or place names what it is (.media_wrap .fill.media_contact).
_SHARED_CLASSES = {"media_contact": "contact", "media_location": "location", "media_live_location": "live",
                   "media_venue": "venue"}
_MAP_POINT = re.compile(r"[?&](?:q|ll)=(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)")
MAX_DIV_DEPTH = 200


def pages(path: Path) -> list[Path]:
    """messages.html, messages2.html, ... in order."""
    folder = path if path.is_dir() else path.parent
    found = [p for p in folder.iterdir() if _PAGE.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: int(_PAGE.match(p.name).group(1) or 1))


def parse(path: Path, username: str = "") -> ImportPreview:
    path = Path(path)
    files = pages(path)
    if not files:
        raise MalformedExport(_("the folder holds no messages.html"), path.name)
    sources, messages = [], []
    chat = ""
    offsets: set[str] = set()
    for page in files:
        data, source = read_bounded(page)
        sources.append(source)
        reader = _Page(page.name, offsets)
        try:
            reader.feed(data.decode("utf-8", errors="replace"))
            reader.close()
        except AssertionError:  # HTMLParser's own complaint about broken markup
            raise MalformedExport(_("the HTML is broken"), page.name) from None
        chat = chat or reader.chat
        messages += reader.messages
    base = f"https://t.me/{username.lstrip('@')}/" if username else ""
    for m in messages:
        m.thread_name = chat
        m.thread = chat
        m.link = f"{base}{m.id}" if base else ""
    notes = [] if base else [_("The HTML export does not record the chat's id: links are made only when its "
                               "public username is given.")]
    tz = ", ".join(sorted(offsets)) or _("not stated (local time of the computer that exported)")
    return ImportPreview("telegram", "telegram", messages, sources, FolderReader(files[0].parent), timezone=tz,
                         notes=notes)


class _Page(HTMLParser):
    def __init__(self, name: str, offsets: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.name, self.offsets = name, offsets
        self.messages: list[Message] = []
        self.chat = ""
        self._depth = 0
        self._msg: Message | None = None
        self._msg_depth = 0
        self._capture: tuple[str, int] | None = None  # (what, div depth it started at)
        self._buf: list[str] = []
        self._forward_depth = 0
        self._skip_span = 0
        self._last_author = Author()
        self._media: dict[str, str] | None = None  # what a .media_wrap says, while inside one
        self._media_depth = 0
        self._shared = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        if tag == "br" and self._capture:
            self._buf.append("\n")
        if tag == "span" and self._capture and "details" in classes:
            self._skip_span += 1
        if tag == "a" and self._msg is not None:
            self._link(a, classes)
        if tag != "div":
            return
        self._depth += 1
        if self._depth > MAX_DIV_DEPTH:
            raise MalformedExport(_("the HTML is nested too deeply to be an export"), self.name)
        if "message" in classes and _MESSAGE_ID.match(a.get("id", "")):
            self._open_message(a, classes)
        elif self._msg is None:
            if {"text", "bold"} <= classes and not self.chat:
                self._start("chat")
        elif "media_wrap" in classes:
            self._media, self._media_depth = {"kind": "", "title": "", "status": "", "description": "",
                                              "point": ""}, self._depth
        elif self._media is not None and (shared := next((k for c, k in _SHARED_CLASSES.items()
                                                          if c in classes), "")):
            self._media["kind"] = shared
        elif self._media is not None and ({"title", "bold"} <= classes or {"status", "details"} <= classes
                                          or "description" in classes):
            self._start("media:" + next(c for c in ("title", "status", "description") if c in classes))
        elif "forwarded" in classes:
            self._forward_depth = self._depth
        elif "date" in classes and "details" in classes and a.get("title"):
            self._time(a["title"])
        elif "from_name" in classes:
            self._start("forwarded" if self._forward_depth else "from")
        elif "text" in classes or (self._msg.kind == "service" and "body" in classes):
            self._start("text")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._skip_span:
            self._skip_span -= 1
        if tag != "div":
            return
        if self._capture and self._capture[1] == self._depth:
            self._finish()
        if self._forward_depth == self._depth:
            self._forward_depth = 0
        if self._media is not None and self._media_depth == self._depth:
            self._finish_media()
        if self._msg is not None and self._msg_depth == self._depth:
            self._close_message()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._capture and not self._skip_span:
            self._buf.append(data)
            if sum(map(len, self._buf)) > MAX_FIELD_CHARS:
                raise MalformedExport(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS),
                                      self.name)

    # ----------------------------------------------------------------------------------------

    def _start(self, what: str) -> None:
        self._capture, self._buf = (what, self._depth), []

    def _finish(self) -> None:
        what, _depth = self._capture
        text = "".join(self._buf).strip()
        self._capture = None
        if what == "chat":
            self.chat = text
        elif self._msg is None:
            return
        elif what.startswith("media:") and self._media is not None:
            self._media[what[6:]] = text
        elif what == "from":
            self._msg.author = Author(display_name=text)
        elif what == "forwarded":
            self._msg.forwarded_from = text
        elif what == "text" and not self._msg.text:
            self._msg.text = text

    def _open_message(self, a: dict, classes: set[str]) -> None:
        ident = _MESSAGE_ID.match(a["id"]).group(1)
        service = "service" in classes
        self._msg = Message(id=ident, when="", kind="service" if service else "text",
                            author=self._last_author if "joined" in classes else Author())
        self._msg_depth = self._depth
        self._shared = ""

    def _close_message(self) -> None:
        m, self._msg = self._msg, None
        if not m.when:
            if m.kind == "service":  # the date separators ("4 July 2023") carry no time: not messages
                return
            raise MalformedExport(_("a message has no time"), _("{name}, message {id}").format(
                name=self.name, id=m.id))
        if m.kind != "service":
            self._last_author = m.author
        if self._shared:
            m.text = "\n".join(filter(None, (self._shared, m.text)))
        self.messages.append(m)

    def _finish_media(self) -> None:
        """A shared contact or place becomes words; other media (photos, files) say nothing here."""
        media, self._media = self._media, None
        kind = media["kind"]
        if not kind:
            return
        if kind == "contact":
            self._msg.kind, self._shared = "contact", contact_text(media["title"], media["status"])
            return
        lat_lon = media["status"].split(",")
        point = coordinates(*lat_lon) if len(lat_lon) == 2 else ""
        point = point or media["point"]
        if kind == "venue":
            self._shared = location_text(point, media["title"], media["status"] or media["description"])
        else:  # the title is only "Location" in the export's language
            self._shared = location_text(point, "", media["description"])
        self._msg.kind = "location"

    def _time(self, title: str) -> None:
        t = _TITLE_TIME.match(title)
        where = _("{name}, message {id}").format(name=self.name, id=self._msg.id)
        if not t:
            raise MalformedExport(_("the message's time is not written as Telegram writes it"), where)
        day, month, year, hh, mm, ss, oh, om = t.groups()
        try:
            local = datetime(int(year), int(month), int(day), int(hh), int(mm), int(ss))
        except ValueError:
            raise MalformedExport(_("this date or time does not exist"), where) from None
        check_instant(local, where, "title")
        offset = f"{oh}:{om}" if oh else ""
        if offset:
            self.offsets.add("UTC" + offset)
        self._msg.when = local.isoformat() + offset

    def _link(self, a: dict, classes: set[str]) -> None:
        href = a.get("href", "")
        reply = _REPLY.search(href)
        if reply:
            self._msg.reply_to = reply.group(1)
            return
        if self._media is not None and href.startswith(("http:", "https:")) and (point := _MAP_POINT.search(href)):
            self._media["point"] = coordinates(*point.groups())
        if not href or href.startswith(("#", "http:", "https:", "tg:", "mailto:", "javascript:")):
            return
        kind = next((k for hint, k in _MEDIA_CLASSES if any(hint in c for c in classes)), "file")
        self._msg.attachments.append(Attachment(href, kind))
        if self._msg.kind == "text":
            self._msg.kind = kind
