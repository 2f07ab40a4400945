"""Telegram Desktop "Export chat history" in JSON: `result.json` beside photos/, files/,
video_files/, voice_messages/... Both a single chat ({name, type, id, messages}) and a
full-account export ({chats: {list: [...]}, left_chats: {list: [...]}}).

Times: `date` is the exporting computer's local time, `date_unixtime` the same instant in
UTC seconds; the offset between the two is the time zone the export states. Canonical
links: https://t.me/<username>/<id> when the chat's public username is known, else
https://t.me/c/<channel id without -100>/<id> (which works for members of any channel or
supergroup). Personal chats and basic groups have no message links.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.shared import contact_text, coordinates, location_text, poll_text
from app.core.importers.sources import MAX_FIELD_CHARS, FolderReader, load_json, read_bounded
from app.core.importers.timecheck import check_instant

# Message fields that name a media file, with the kind each is.
_MEDIA_FIELDS = (("photo", "photo"), ("file", "file"))
_MEDIA_TYPES = {"video_file": "video", "video_message": "video", "animation": "video", "voice_message": "voice",
                "audio_file": "voice", "sticker": "photo"}
_LINKABLE = {"public_supergroup", "public_channel", "private_supergroup", "private_channel"}
_NOT_INCLUDED = "(File not included."  # Telegram writes this instead of a path when media was not exported


def find_result_json(path: Path) -> Path:
    """The result.json of an export folder, or the file itself."""
    path = Path(path)
    return path / "result.json" if path.is_dir() else path


def parse(path: Path, username: str = "") -> ImportPreview:
    """Read a Telegram Desktop JSON export (the folder or its result.json). `username` is the
    chat's public username, for t.me/<username>/<id> links (the export does not record it)."""
    result = find_result_json(path)
    data, source = read_bounded(result)
    root = load_json(data, result.name)
    if not isinstance(root, dict):
        raise MalformedExport(_("the file does not hold a Telegram export"), result.name)
    if "messages" in root:
        chats = [root]
    elif isinstance(root.get("chats"), dict):
        chats = _list(root["chats"], "chats.list") + _list(root.get("left_chats") or {"list": []}, "left_chats.list")
    else:
        raise MalformedExport(_("the file has neither 'messages' nor 'chats'"), result.name)
    messages: list[Message] = []
    offsets: set[str] = set()
    for n, chat in enumerate(chats):
        if not isinstance(chat, dict):
            raise MalformedExport(_("a chat is not an object"), f"chats.list[{n}]")
        messages += _chat_messages(chat, n, username if len(chats) == 1 else "", offsets)
    tz = ", ".join(sorted(offsets)) if offsets else _("not stated (local time of the computer that exported)")
    return ImportPreview("telegram", "telegram", messages, [source], FolderReader(result.parent), timezone=tz)


def _list(container: object, where: str) -> list:
    items = container.get("list") if isinstance(container, dict) else None
    if not isinstance(items, list):
        raise MalformedExport(_("a list of chats was expected"), where)
    return items


class _At:
    """Where in the export a message is, put in words only if an error needs it (a
    campaign-sized export has 100,000 messages that are fine)."""

    __slots__ = ("field", "ident")

    def __init__(self, ident: object, field: str = "") -> None:
        self.ident, self.field = ident, field

    def __str__(self) -> str:
        where = _("message {id}").format(id=self.ident)
        return f"{where}, {self.field}" if self.field else where

    def __add__(self, field: str) -> _At:
        return _At(self.ident, field.lstrip(", "))


def _chat_messages(chat: dict, n: int, username: str, offsets: set[str]) -> list[Message]:
    raw = chat.get("messages")
    if not isinstance(raw, list):
        raise MalformedExport(_("the chat's 'messages' is not a list"), _("chat {n}").format(n=n))
    chat_type = str(chat.get("type", ""))
    chat_id = str(chat.get("id", ""))
    chat_name = _plain_text(chat.get("name") or "", f"chat {n}, name")
    link_base = ""
    if chat_type in _LINKABLE:
        bare = chat_id.removeprefix("-100").removeprefix("-")
        link_base = f"https://t.me/{username.lstrip('@')}/" if username else f"https://t.me/c/{bare}/"
    authors: dict[tuple[str, str], Author] = {}  # one object per author, not per message
    out = []
    for i, m in enumerate(raw):
        if type(m) is not dict:
            raise MalformedExport(_("a message is not an object"), _("chat {n}, message {i}").format(n=n, i=i))
        msg = _message(m, _At(i), chat_id, chat_name, link_base, offsets, authors)
        msg.recorded["chat_type"] = chat_type
        out.append(msg)
    return out


def _int_field(m: dict, key: str, where: object) -> int:
    value = m.get(key)
    if type(value) is int:
        return value
    if not isinstance(value, str) or not value.lstrip("-").isdigit():
        raise MalformedExport(_("the field '{field}' is missing or not a number").format(field=key), where)
    return int(value)


_RECORDED = ("action", "media_type", "mime_type", "duration_seconds", "via_bot", "author", "saved_from")


def _text_of(value: object, where: _At) -> str:
    if type(value) is str and len(value) <= MAX_FIELD_CHARS:
        return value
    return _plain_text(value or "", where)


def _message(m: dict, where: _At, chat_id: str, chat_name: str, link_base: str, offsets: set[str],
             authors: dict[tuple[str, str], Author]) -> Message:
    ident = _int_field(m, "id", where)
    where = _At(ident)
    when = _when(m, "date", where, offsets)
    service = m.get("type") == "service"
    name = _text_of(m.get("actor" if service else "from"), where + "from")
    raw_from = _id_field(m, "actor_id" if service else "from_id", where)
    author = authors.get((name, raw_from))
    if author is None:
        author = authors[(name, raw_from)] = Author(display_name=name, numeric_id=_numeric(raw_from))
    text = _text_of(m.get("text", ""), where + "text")
    attachments, kind = [], "service" if service else "text"
    for key, media_kind in _MEDIA_FIELDS:
        value = m.get(key)
        if value and isinstance(value, str):
            media_kind = _MEDIA_TYPES.get(str(m.get("media_type", "")), media_kind)
            present = not value.startswith(_NOT_INCLUDED)
            attachments.append(Attachment(value if present else "", media_kind, present))
            if not service:
                kind = media_kind
    if service:
        text = text or str(m.get("action", ""))
    else:
        shared = _shared(m, where, attachments)
        if shared:
            kind, text = shared[0], "\n".join(filter(None, (shared[1], text)))
    edited = _when(m, "edited", where, offsets) if m.get("edited") else ""
    reply = m.get("reply_to_message_id")
    recorded = {"from_id": raw_from} if raw_from else {}
    for key in _RECORDED:
        value = m.get(key)
        if value and type(value) in (str, int):
            recorded[key] = value
    return Message(
        id=f"{chat_id}:{ident}" if chat_id else str(ident), when=when, text=text, kind=kind, author=author,
        thread=chat_id, thread_name=chat_name, link=f"{link_base}{ident}" if link_base else "",
        forwarded_from=_text_of(m.get("forwarded_from"), where + "forwarded_from"),
        forwarded_from_id=_numeric(_id_field(m, "forwarded_from_id", where)),
        reply_to=str(reply) if type(reply) is int else "",
        edited=edited, attachments=attachments, recorded=recorded,
    )


def _shared(m: dict, where: _At, attachments: list[Attachment]) -> tuple[str, str] | None:
    """A shared contact (its vCard kept as an attachment) or a shared place, in words."""
    contact = m.get("contact_information")
    if isinstance(contact, dict):
        name = " ".join(filter(None, (_text_of(contact.get(k) or "", where + f"contact_information.{k}")
                                      for k in ("first_name", "last_name"))))
        vcard = m.get("contact_vcard")
        if vcard and isinstance(vcard, str):
            present = not vcard.startswith(_NOT_INCLUDED)
            attachments.append(Attachment(vcard if present else "", "file", present))
        return "contact", contact_text(name, _text_of(contact.get("phone_number") or "", where + "phone_number"))
    poll = m.get("poll")
    if isinstance(poll, dict):
        return "text", _poll(poll, where)
    point = m.get("location_information")
    place, address = (_text_of(m.get(k) or "", where + k) for k in ("place_name", "address"))
    if not (isinstance(point, dict) or place or address):
        return None
    point = point if isinstance(point, dict) else {}
    live = m.get("live_location_period_seconds")
    return "location", location_text(coordinates(point.get("latitude"), point.get("longitude")), place, address,
                                     live if type(live) is int else 0)


def _poll(poll: dict, where: _At) -> str:
    """A poll's question and answers ({question, closed, total_voters, answers: [{text, voters, chosen}]})."""
    answers = poll.get("answers") if isinstance(poll.get("answers"), list) else []
    if len(answers) > 100:
        raise MalformedExport(_("a poll has more answers than Telegram allows"), where + "poll.answers")
    read = []
    for n, a in enumerate(answers):
        if not isinstance(a, dict):
            raise MalformedExport(_("a piece of text is neither text nor a text object"), where + f"poll.answers[{n}]")
        votes = a.get("voters")
        read.append((_plain_text(a.get("text") or "", where + f"poll.answers[{n}].text"),
                     int(votes) if type(votes) is int or (type(votes) is str and votes.isdigit() and len(votes) < 13) else None))
    return poll_text(_plain_text(poll.get("question") or "", where + "poll.question"), read)


def _id_field(m: dict, key: str, where: _At) -> str:
    """An account id as Telegram writes it ("user123", "channel123", or a bare number)."""
    value = m.get(key)
    if value is None or value == "":
        return ""
    if type(value) is int or (type(value) is str and len(value) <= 64):
        return str(value)
    raise MalformedExport(_("the field '{field}' is not an account id").format(field=key), where + key)


def _numeric(raw: str) -> str:
    """The account's dedup id: users keep their bare number (as journals have always stored
    it); a channel or group with the same digits is another account, so it keeps its kind."""
    return raw.removeprefix("user")


def _when(m: dict, key: str, where: object, offsets: set[str]) -> str:
    """`key` (local time) with the offset that `key_unixtime` (UTC) implies."""
    local_text = m.get(key)
    if not isinstance(local_text, str):
        raise MalformedExport(_("the field '{field}' is missing or not a date").format(field=key), where)
    try:
        local = datetime.fromisoformat(local_text)
    except ValueError:
        raise MalformedExport(_("the field '{field}' is not a date").format(field=key), where) from None
    check_instant(local, where, key)
    unix = m.get(f"{key}_unixtime")
    if unix is None:
        return local.isoformat()
    try:
        utc = datetime.fromtimestamp(int(unix), UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError, TypeError):
        raise MalformedExport(_("the field '{field}' is not a time").format(field=f"{key}_unixtime"), where) from None
    minutes = round((local - utc).total_seconds() / 60)
    if abs(minutes) > 14 * 60:
        raise MalformedExport(_("'{a}' and '{b}' are more than 14 hours apart").format(
            a=key, b=f"{key}_unixtime"), where)
    offset = _offset(minutes)
    offsets.add("UTC" + offset)
    return (local_text if len(local_text) == 19 else local.isoformat()) + offset


@lru_cache(maxsize=256)
def _offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _plain_text(value: object, where: object) -> str:
    """Telegram's text: a string, or a list of strings and entity objects ({type, text, href})."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
            else:
                raise MalformedExport(_("a piece of text is neither text nor a text object"), where)
        text = "".join(parts)
    else:
        raise MalformedExport(_("the text is neither text nor a list"), where)
    if len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS), where)
    return text
