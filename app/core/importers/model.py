"""What every importer produces: the messages of an export, read but not yet imported.

An importer turns an export into an `ImportPreview` (nothing written anywhere); the preview
is filtered (`app.core.importers.filters`) and the picked messages are imported by
`app.core.importers.commit.import_messages`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.core.importers.sources import ExportReader, SourceFile
from app.core.textnorm import fold

KINDS = ("text", "photo", "video", "voice", "file", "contact", "location", "service", "page")
# "forwarded" is a filter over any kind (a forwarded photo is both), see Message.kinds.
FILTER_KINDS = (*KINDS, "forwarded")


@dataclass(frozen=True)
class Author:
    """Who wrote a message, as the export names them. `numeric_id` is the platform's stable
    id when the export has one (Telegram "user123" -> "123", "channel123" stays as it is,
    a WhatsApp phone number)."""

    display_name: str = ""
    handle: str = ""
    numeric_id: str = ""

    @property
    def key(self) -> str:
        """Deduplication key within one platform: the numeric id, else the handle or name."""
        return self.numeric_id or self.handle or self.display_name

    @property
    def legacy_id(self) -> str:
        """The id older imports stored for a Telegram channel or group ("channel123" -> "123"),
        before channels and users were told apart; "" when it is the id itself."""
        for kind in ("channel", "chat"):
            bare = self.numeric_id.removeprefix(kind)
            if bare != self.numeric_id and bare.isdigit():
                return bare
        return ""

    @property
    def label(self) -> str:
        return self.display_name or self.handle or self.numeric_id


@dataclass(frozen=True)
class Owner:
    """The account whose owner downloaded the export, that is hers, as the export states it:
    Telegram's personal_information, X's account.js, Meta's profile information (a WhatsApp
    chat does not say whose phone exported it). `names` are her names as the platform has
    them, `phone` her number. Her own account is never recorded as an actor (see
    `app.core.importers.own_account`)."""

    account: Author
    names: tuple[str, ...] = ()
    phone: str = ""

    def owns(self, a: Author) -> bool:
        """Whether `a` is this account: by numeric id, else by handle; an author known only
        by a display name (Meta) by her name on the platform."""
        mine = self.account
        if mine.numeric_id and a.numeric_id:
            return a.numeric_id == mine.numeric_id
        if mine.handle and a.handle:
            return a.handle.casefold() == mine.handle.casefold()
        return not (a.numeric_id or a.handle) and bool(a.display_name) and \
            a.display_name in (mine.display_name, *self.names)


@dataclass
class Attachment:
    """A media file a message refers to: `name` inside the export (folder path or zip member).
    `present` is False when the export only says there was one ("<Media omitted>")."""

    name: str
    kind: str = "file"
    present: bool = True


@dataclass
class Message:
    """One message (or post, picture, archived page) of an export.

    `when` is ISO 8601 with the offset the export states ("2023-07-04T10:30:15+03:00"), or
    without one when the export states none (WhatsApp writes the phone's local time);
    `day` is its date (YYYY-MM-DD), for filters and per-day incidents."""

    id: str
    when: str
    text: str = ""
    kind: str = "text"
    author: Author = field(default_factory=Author)
    thread: str = ""            # chat or thread id, for per-thread incidents
    thread_name: str = ""
    link: str = ""              # canonical link, when the platform has one
    forwarded_from: str = ""
    forwarded_from_id: str = ""  # the original author's numeric id, when the export has it
    forwarded_from_handle: str = ""  # and handle (X: the retweeted account's screen name)
    reply_to: str = ""
    edited: str = ""            # when edited (ISO), or "yes" when the export only says it was
    deleted: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    recorded: dict = field(default_factory=dict)  # format-specific facts kept in the evidence metadata
    line: int = 0               # where it starts in the export (line number), for messages
    folded: str = ""            # text, author and names folded for search (set by the preview)

    @property
    def day(self) -> str:
        return self.when[:10]

    @property
    def kinds(self) -> set[str]:
        return {self.kind, "forwarded"} if self.origin is not None else {self.kind}

    @property
    def origin(self) -> Author | None:
        """Who wrote a forwarded message first, as the export names them."""
        if not (self.forwarded_from or self.forwarded_from_id or self.forwarded_from_handle):
            return None
        return Author(display_name=self.forwarded_from, handle=self.forwarded_from_handle,
                      numeric_id=self.forwarded_from_id)


MAX_FOLDED_WORDS = 500_000  # the word cache starts over past this (a forged export of unique words)


class _FoldedWords(dict):
    """word -> fold(word), filled on first sight. fold maps each character on its own and a
    space to itself, so folding word by word gives the same text; and words repeat across
    100,000 messages far more than characters cost to map one by one."""

    def __missing__(self, word: str) -> str:
        if len(self) > MAX_FOLDED_WORDS:
            self.clear()
        folded = self[word] = fold(word)
        return folded

    def fold(self, text: str) -> str:
        if text.isascii():
            return text.casefold()
        return " ".join(map(self.__getitem__, text.split(" ")))


@dataclass
class ImportPreview:
    """An export read into memory: its messages in export order, the files read (each with
    its SHA-256) and what was assumed. `reader` gives the bytes of attachments at import."""

    format: str                 # telegram, whatsapp, meta, x, folder, web
    platform: str               # a models.PLATFORMS code ("" for folders and web pages)
    messages: list[Message]
    sources: list[SourceFile]
    reader: ExportReader
    timezone: str = ""          # what the export says about time zones, in words
    date_order: str = ""        # whatsapp: "day-first" or "month-first"
    date_order_reason: str = "" # how the order was decided, in words
    notes: list[str] = field(default_factory=list)
    owner: Owner | None = None  # her own account, when the export states it

    def __post_init__(self) -> None:
        self.by_id = {m.id: i for i, m in enumerate(self.messages)}
        # "5" for "1234567890:5" when only one chat has a message 5: the id the platform shows
        short: dict[str, list[int]] = {}
        for i, m in enumerate(self.messages):
            if ":" in m.id:
                short.setdefault(m.id.rpartition(":")[2], []).append(i)
        for key, found in short.items():
            if len(found) == 1 and key not in self.by_id:
                self.by_id[key] = found[0]
        self._author_index: dict[str, list[int]] | None = None  # filters.select builds it on first use
        names: dict[str, str] = {}  # authors, chats and sources repeat: fold each once
        words = _FoldedWords()  # and so do words
        for m in self.messages:
            key = "\n".join((m.author.display_name, m.author.handle, m.forwarded_from, m.forwarded_from_handle,
                             m.thread_name))
            folded_names = names.get(key)
            if folded_names is None:
                folded_names = names[key] = fold(key)
            m.folded = words.fold(m.text) + "\n" + folded_names

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> ImportPreview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def summary(self, indexes: list[int] | None = None) -> dict:
        """Counts, date range and authors of the chosen messages (all when indexes is None)."""
        chosen = self.messages if indexes is None else [self.messages[i] for i in indexes]
        days = sorted(m.day for m in chosen if m.day)
        authors: Counter[Author] = Counter(m.author for m in chosen if m.author.key)
        kinds: Counter[str] = Counter(k for m in chosen for k in m.kinds)
        return {
            "format": self.format, "platform": self.platform, "messages": len(chosen),
            "first": days[0] if days else "", "last": days[-1] if days else "",
            "kinds": dict(sorted(kinds.items())),
            "attachments": sum(1 for m in chosen for a in m.attachments if a.present),
            "authors": [{"display_name": a.display_name, "handle": a.handle, "numeric_id": a.numeric_id,
                         "messages": n} for a, n in authors.most_common()],
            "threads": len({m.thread for m in chosen}),
            "date_order": self.date_order, "date_order_reason": self.date_order_reason,
            "timezone": self.timezone, "notes": list(self.notes),
            "files_read": [{"name": s.name, "sha256": s.sha256, "size": s.size} for s in self.sources],
        }
