"""One page of a Meta HTML download (messages/inbox/<thread>/message_1.html, message_2.html...)
read into raw messages, with the standard library's tolerant HTML parser; nothing is rendered,
no link is followed.

Meta has written two layouts, matched by class words rather than whole class attributes:

    2018-2022  <div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">
                 <div class="_3-96 _2pio _2lek _2lel">sender</div>
                 <div class="_3-96 _2let"><div><div></div><div>text</div><div>media, share</div>
                   <div><ul class="_tqp"><li>😢Name</li></ul></div></div></div>
                 <div class="_3-94 _2lem">Feb 16, 2018, 10:17 PM</div></div>
               and, above the messages, <div class="_2lek">Participants: A and B</div>
    2023-2024  <div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"> (Facebook also <section
               class="_a6-g">), the sender in <h2 class="_3-95 _2pim _a6-h _a6-i">, the content
               in <div class="_3-95 _a6-p"> (the same four inner divs; a share repeats the text
               beside its link), reactions in <ul class="_a6-q"><li><span>😢Name</span></li></ul>,
               the time in <div class="_3-94 _a6-o"> (or its inner <div class="_a72d">).

The page's <title> is the conversation's title. Media are <img>, <video>, <audio> and <a>
with paths relative to the download; web links are shares.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.sources import MAX_FIELD_CHARS

MAX_DEPTH = 200
MAX_MEDIA = 500  # per message: the real ones hold a handful
MAX_SEGMENTS = 200  # inner blocks of one message's content (four in what Meta writes)
MAX_NAME_CHARS = 20_000  # a title, the participants line
_VOID = {"br", "img", "meta", "link", "hr", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
_MEDIA_TAGS = {"img": "photo", "video": "video", "audio": "voice", "source": "", "a": ""}


@dataclass
class RawMessage:
    """One message box as the page writes it."""

    sender: str = ""
    segments: list[str] = field(default_factory=list)   # the content's inner blocks, in order
    loose: str = ""                                      # text of a box outside sender/content/time
    time: str = ""
    media: list[tuple[str, str]] = field(default_factory=list)  # (path as written, tag's kind)
    links: list[str] = field(default_factory=list)              # web addresses (shares)
    reactions: list[str] = field(default_factory=list)          # "😢Name" as written
    line: int = 0
    with_media: set[int] = field(default_factory=set)  # segments holding a file (their words label it)

    @property
    def text(self) -> str:
        return next((s for i, s in enumerate(self.segments) if s and i not in self.with_media), "")


def _role(tag: str, classes: set[str], in_box: bool) -> str:
    if not in_box:
        if "_a6-g" in classes or {"pam", "uiBoxWhite"} <= classes:
            return "box"
        if classes == {"_2lek"}:
            return "participants"
        return "title" if tag == "title" else ""
    if tag == "ul" and classes & {"_a6-q", "_tqp"}:
        return "reactions"
    if classes & {"_a6-h", "_2pio", "_2lel"}:
        return "sender"
    if classes & {"_a6-p", "_2let"}:
        return "content"
    if classes & {"_a6-o", "_2lem", "_a72d"}:
        return "time"
    return "participants" if classes == {"_2lek"} else ""


class Page(HTMLParser):
    """Feed a page's text; then `messages`, `title` and `participants` hold what it says."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.messages: list[RawMessage] = []
        self.title = ""
        self.participants = ""
        self._stack: list[tuple[str, str]] = []   # (tag, role) of every open element
        self._tags: dict[str, int] = {}           # how many of each tag are open: a stray end tag costs nothing
        self._open: dict[str, int] = {}           # role -> depth of the element holding it
        self._msg: RawMessage | None = None
        self._buf: dict[str, list[str]] = {}
        self._buf_chars: dict[str, int] = {}
        self._pieces: list[list[str]] = []         # the open content's segments, joined when it closes
        self._chars = 0
        self._segment = -1
        self._seg_depth = -1                       # the depth of the open content's inner blocks
        self._skip = 0                             # inside <video>/<audio>: their fallback words
        self._link = ""                            # the file an open <a> links to (its <img> is a preview)
        self._target = ""                          # the role text goes to (see _retarget)

    # -- the element tree ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._data("\n")
            return
        in_box = self._msg is not None
        a = {k: v or "" for k, v in attrs} if in_box and tag in _MEDIA_TAGS else {}
        if a:
            self._media(tag, a)
        if tag in _VOID:
            return
        if len(self._stack) >= MAX_DEPTH:
            raise MalformedExport(_("the HTML is nested too deeply to be an export"), self.name)
        # most elements are bare <div>s: only a class (or <title>) can give one a role
        cls = None
        for k, v in attrs:
            if k == "class":
                cls = v
                break
        role = _role(tag, set((cls or "").split()), in_box) if cls or tag == "title" else ""
        if role in self._open or (role == "title" and self.title):
            role = ""  # one of each at a time: a box inside a box is part of it
        self._stack.append((tag, role))
        self._tags[tag] = self._tags.get(tag, 0) + 1
        depth = len(self._stack)
        if depth == self._seg_depth and len(self._pieces) < MAX_SEGMENTS:
            self._pieces.append([])
            self._segment = len(self._pieces) - 1
        if tag in ("video", "audio"):
            self._skip += 1
        if tag == "a" and self._msg is not None and not role and "link" not in self._open:
            role = "link"
            self._stack[-1] = (tag, role)
            self._link = a.get("href", "").strip()
        if tag == "li" and "reactions" in self._open and "li" not in self._open:
            role = "li"
            self._stack[-1] = (tag, role)
        if role:
            self._open[role] = depth
            self._retarget()
            self._buf[role], self._buf_chars[role] = [], 0
            if role == "box":
                self._msg, self._chars = RawMessage(line=self.getpos()[0]), 0
            elif role == "content":
                self._pieces, self._segment, self._seg_depth = [[]], 0, depth + 2

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._tags.get(tag):
            return
        if self._stack[-1][0] == tag:  # what Meta writes: every element closed in order
            self._close()
            return
        for i in range(len(self._stack) - 1, -1, -1):  # close up to the matching open tag
            if self._stack[i][0] == tag:
                while len(self._stack) > i:
                    self._close()
                return

    def _close(self) -> None:
        depth = len(self._stack)
        tag, role = self._stack.pop()
        self._tags[tag] -= 1
        if tag in ("video", "audio"):
            self._skip -= 1
        if role == "link":
            self._link = ""
        if depth == self._seg_depth:
            self._segment = 0
        if role:
            if role == "content":
                self._seg_depth = -1
            del self._open[role]
            self._retarget()
            self._finish(role, "".join(self._buf.pop(role, [])))

    def close(self) -> None:
        super().close()
        while self._stack:
            self._close()

    # -- text ---------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _retarget(self) -> None:
        """Which open element text goes to, the innermost kind first (set as roles open and close)."""
        self._target = next((r for r in ("li", "time", "sender", "content", "participants", "title", "box")
                             if r in self._open), "")

    def _data(self, data: str) -> None:
        role = self._target
        if self._skip or not role:
            return
        if self._msg is not None:
            self._chars += len(data)
            if self._chars > MAX_FIELD_CHARS:
                raise MalformedExport(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS),
                                      _("{name}, line {line}").format(name=self.name, line=self.getpos()[0]))
        if role == "content":
            self._pieces[self._segment].append(data)
        elif role in self._buf:
            buf = self._buf[role]
            if self._msg is not None or self._buf_chars.get(role, 0) + len(data) <= MAX_NAME_CHARS:
                buf.append(data)
                self._buf_chars[role] = self._buf_chars.get(role, 0) + len(data)

    def _finish(self, role: str, text: str) -> None:
        text = text.strip()
        m = self._msg
        if role == "title":
            self.title = " ".join(text.split())[:1000]
        elif role == "participants":
            self.participants = self.participants or text[:20_000]
        elif m is None:
            return
        elif role == "sender":
            m.sender = " ".join(text.split())[:1000]
        elif role == "time":
            m.time = m.time or " ".join(text.split())
        elif role == "li" and len(m.reactions) < 500:
            m.reactions.append(" ".join(text.split()))
        elif role == "content":
            m.segments = ["".join(p).strip() for p in self._pieces]
            self._pieces = []
        elif role == "box":
            m.loose = text
            self._msg = None
            if m.sender or m.time or m.segments or m.media:
                self.messages.append(m)
            elif ":" in text and not self.participants:  # the box of the old layout naming them
                self.participants = text[:20_000]

    def _media(self, tag: str, a: dict[str, str]) -> None:
        href = (a.get("href") if tag == "a" else a.get("src")) or ""
        href = href.strip()
        m = self._msg
        if not href or len(href) > 4096 or len(m.media) + len(m.links) >= MAX_MEDIA:
            return
        if tag == "img" and self._link and self._link != href and not self._link.startswith("http"):
            return  # a video's thumbnail inside the link to the video
        if href.lower().startswith(("http://", "https://")):
            if href not in m.links:
                m.links.append(href)
            return
        if ":" in href.split("/", 1)[0] or href.startswith(("#", "//")):
            return  # data:, mailto:, javascript:, a fragment, another host: not a file of the download
        kind = _MEDIA_TAGS[tag]
        parent = self._stack[-1][0] if self._stack else ""
        if not kind and parent in ("video", "audio"):  # <source>, or the fallback link inside
            kind = "video" if parent == "video" else "voice"
        if "content" in self._open:
            m.with_media.add(self._segment)
        if all(h != href for h, _k in m.media):
            m.media.append((href, kind))


def split_reaction(text: str) -> tuple[str, str]:
    """"😢ليلى Defender" -> ("😢", "ليلى Defender"): the emoji is the symbols before the name."""
    i = 0
    while i < len(text) and (unicodedata.category(text[i]) in ("So", "Sk", "Cf", "Mn", "Me", "Cs")
                             or text[i] in "\u200d\ufe0f\u2764"):
        i += 1
    return text[:i].strip(), text[i:].strip()
