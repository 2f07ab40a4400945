"""Telegram Desktop "Export chat history" in JSON: `result.json` beside photos/, files/,
video_files/, voice_messages/... Both a single chat ({name, type, id, messages}) and a
full-account export ({personal_information, chats: {list}, left_chats: {list}}), read as
export_output_json.cpp writes them; the parts of a message are read in telegram_parts.

Times: `date` is the exporting computer's wall clock, `date_unixtime` the instant the server
stored (UTC seconds). The instant is taken from `date_unixtime` and shown in the zone their
difference states, so each message keeps the offset it had (summer and winter time differ).
Exports older than Telegram Desktop 3.7.6 have only `date`, kept without an offset. Canonical
links: https://t.me/<username>/<id> when the chat's public username is known, else
https://t.me/c/<channel id without -100>/<id> (which works for members of any channel or
supergroup). Personal chats, bots, saved messages and basic groups have no message links.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import telegram_parts as parts
from app.core.importers.model import Attachment, Author, ImportPreview, Message, Owner
from app.core.importers.shared import contact_text, coordinates, location_text
from app.core.importers.sources import MAX_FIELD_CHARS, FolderReader, load_json, read_bounded
from app.core.importers.timecheck import FIRST_YEAR, check_instant

_EPOCH = datetime(1970, 1, 1)
_CHECKED_UP_TO = time.gmtime().tm_year  # years up to this one always pass check_instant
_LINKABLE = {"public_supergroup", "public_channel", "private_supergroup", "private_channel"}
# Telegram Desktop escapes control characters other than \n, \r and \t as "\x0B", which JSON
# has no word for; an odd run of backslashes before the x makes it such an escape.
_QT_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")


def find_result_json(path: Path) -> Path:
    """The result.json of an export folder, or the file itself."""
    path = Path(path)
    return path / "result.json" if path.is_dir() else path


def parse(path: Path, username: str = "") -> ImportPreview:
    """Read a Telegram Desktop JSON export (the folder or its result.json). `username` is the
    chat's public username, for t.me/<username>/<id> links (the export does not record it)."""
    result = find_result_json(path)
    data, source = read_bounded(result)
    root = _load(data, result.name)
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
    skipped = [0]
    for n, chat in enumerate(chats):
        if not isinstance(chat, dict):
            raise MalformedExport(_("a chat is not an object"), f"chats.list[{n}]")
        messages += _chat_messages(chat, n, username if len(chats) == 1 else "", offsets, skipped)
    owner = _owner(root)
    if owner is not None:
        mine = f"user{owner.account.numeric_id}"
        for m in messages:  # her own messages, so she can tell them from the ones sent to her
            if m.recorded.get("from_id") == mine:
                m.recorded["own_message"] = True
    tz = ", ".join(sorted(offsets)) if offsets else _("not stated (local time of the computer that exported)")
    notes = [_("{n} messages could not be read: Telegram Desktop exported them as unsupported.").format(
        n=skipped[0])] if skipped[0] else []
    return ImportPreview("telegram", "telegram", messages, [source], FolderReader(result.parent), timezone=tz,
                         notes=notes, owner=owner)


def _load(data: bytes, name: str) -> object:
    try:
        return load_json(data, name)
    except MalformedExport:
        if b"\\x" not in data:
            raise
        return load_json(_QT_ESCAPE.sub(rb"\1\\u00\2", data), name)


def _owner(root: dict) -> Owner | None:
    """A full-account export names its owner: personal_information {user_id, first_name,
    last_name, phone_number, username ("@name")}, as export_output_json.cpp writes it."""
    info = root.get("personal_information")
    own = info.get("user_id") if isinstance(info, dict) else None
    if type(own) is not int:
        return None

    def text(key: str) -> str:
        value = info.get(key)
        return value.strip()[:200] if isinstance(value, str) else ""

    full = " ".join(filter(None, (text("first_name"), text("last_name"))))
    return Owner(Author(display_name=full, handle=text("username").lstrip("@"), numeric_id=str(own)),
                 phone=text("phone_number"))


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

    def bad(self, what: str, field: str) -> MalformedExport:
        return MalformedExport(what, self + field)


def _chat_messages(chat: dict, n: int, username: str, offsets: set[str], skipped: list[int]) -> list[Message]:
    raw = chat.get("messages")
    if not isinstance(raw, list):
        raise MalformedExport(_("the chat's 'messages' is not a list"), _("chat {n}").format(n=n))
    chat_type = str(chat.get("type", ""))
    chat_id = str(chat.get("id", ""))
    chat_name = parts.text_of(chat.get("name"), "name", lambda what, _f: MalformedExport(
        what, _("chat {n}, name").format(n=n)))
    link_base = ""
    if chat_type in _LINKABLE:
        bare = chat_id.removeprefix("-100").removeprefix("-")
        link_base = f"https://t.me/{username.lstrip('@')}/" if username else f"https://t.me/c/{bare}/"
    authors: dict[tuple[str, str], Author] = {}  # one object per author, not per message
    out = []
    for i, m in enumerate(raw):
        if type(m) is not dict:
            raise MalformedExport(_("a message is not an object"), _("chat {n}, message {i}").format(n=n, i=i))
        if m.get("type") == "unsupported":  # Telegram Desktop writes only {id, type} for these
            skipped[0] += 1
            continue
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


def _message(m: dict, where: _At, chat_id: str, chat_name: str, link_base: str, offsets: set[str],
             authors: dict[tuple[str, str], Author]) -> Message:
    ident = _int_field(m, "id", where)
    where = _At(ident)
    when = _when(m, "date", where, offsets)
    service = m.get("type") == "service"
    # A service message names its actor; proximity alerts name "from" even so.
    name_key, id_key = ("actor", "actor_id") if service and "actor_id" in m else ("from", "from_id")
    name = m.get(name_key)
    if type(name) is not str or len(name) > MAX_FIELD_CHARS:
        name = parts.text_of(name, name_key, where.bad)  # null: a deleted account
    raw_from = m.get(id_key)
    if type(raw_from) is not str or len(raw_from) > 64:
        raw_from = _id_field(m, id_key, where)
    author = authors.get((name, raw_from))
    if author is None:
        author = authors[(name, raw_from)] = Author(display_name=name, numeric_id=_numeric(raw_from))
    recorded: dict = {"from_id": raw_from} if raw_from else {}
    text = m.get("text")
    if type(text) is not str or len(text) > MAX_FIELD_CHARS:
        text = parts.message_text(m, where.bad, recorded)
    kind, attachments = "service" if service else "text", []
    rare = m.keys() & _RARE  # most messages have none of these: one set operation tells
    if rare or service:
        kind, text = _details(m, rare, service, text, where.bad, recorded, attachments)
    edited = _when(m, "edited", where, offsets) if m.get("edited") else ""
    reply = m.get("reply_to_message_id")
    forwarded = m.get("forwarded_from")
    if forwarded is not None and (type(forwarded) is not str or len(forwarded) > MAX_FIELD_CHARS):
        forwarded = parts.text_of(forwarded, "forwarded_from", where.bad)
    return Message(
        id=f"{chat_id}:{ident}" if chat_id else str(ident), when=when, text=text, kind=kind, author=author,
        thread=chat_id, thread_name=chat_name, link=f"{link_base}{ident}" if link_base else "",
        forwarded_from=forwarded or "",
        forwarded_from_id=_numeric(_id_field(m, "forwarded_from_id", where)) if "forwarded_from_id" in m else "",
        reply_to=_reply(reply, m.get("reply_to_peer_id")),
        edited=edited, attachments=attachments, recorded=recorded,
    )


def _reply(ident: object, peer: object) -> str:
    """"41", or "channel99:41" for a message in another chat (reply_to_peer_id), named as
    this importer names messages of several chats."""
    if type(ident) is not int:
        return ""
    return f"{peer}:{ident}" if type(peer) is str and 0 < len(peer) <= 64 else str(ident)


_RARE = parts.RECORDED | {"photo", "file", "contact_information", "location_information", "place_name", "address",
                          "poll", "game_title", "game_description", "invoice_information", "reactions",
                          "inline_bot_buttons"}


def _details(m: dict, rare: set[str], service: bool, text: str, bad: parts.Bad, recorded: dict,
             attachments: list[Attachment]) -> tuple[str, str]:
    """What a message holds beyond plain text: media, a shared contact or place, a poll, game or
    invoice, a service action, reactions and buttons. Returns its kind and its text."""
    found, kind = parts.media(m, service)
    attachments += found
    if service:
        kind, text = "service", parts.service_text(m, bad, recorded)
    else:
        shared = _shared(m, bad, attachments)
        extra = parts.extras_text(m, bad, recorded)
        if shared:
            kind, text = shared[0], "\n".join(filter(None, (shared[1], text)))
        elif extra:
            text = "\n".join(filter(None, (extra, text)))
        kind = kind or "text"
    for key in rare & parts.RECORDED:
        value = m[key]
        if value and type(value) in (str, int, bool) and (type(value) is not str or len(value) <= parts.MAX_STRING):
            recorded[key] = value
    if "reactions" in rare:
        parts.reactions(m, recorded)
    if "inline_bot_buttons" in rare:
        parts.buttons(m, recorded)
    return kind, text


def _shared(m: dict, bad: parts.Bad, attachments: list[Attachment]) -> tuple[str, str] | None:
    """A shared contact (its vCard kept as an attachment) or a shared place, in words."""
    contact = m.get("contact_information")
    if isinstance(contact, dict):
        name = " ".join(filter(None, (parts.text_of(contact.get(k), f"contact_information.{k}", bad)
                                      for k in ("first_name", "last_name"))))
        vcard = m.get("contact_vcard")
        if vcard and isinstance(vcard, str):
            attachments.append(Attachment(vcard if parts.present(vcard) else "", "file", parts.present(vcard)))
        phone = parts.text_of(contact.get("phone_number"), "contact_information.phone_number", bad)
        return "contact", contact_text(name, phone)
    if "location_information" not in m and "place_name" not in m and "address" not in m:
        return None
    point = m.get("location_information")
    place, address = (parts.text_of(m.get(k), k, bad) for k in ("place_name", "address"))
    point = point if isinstance(point, dict) else {}  # null: Telegram had no valid point
    live = m.get("live_location_period_seconds")
    return "location", location_text(coordinates(point.get("latitude"), point.get("longitude")), place, address,
                                     live if type(live) is int else 0)


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
    """The instant of `key_unixtime` (UTC seconds, preferred: it is what the server stored) in
    the time zone of the exporting computer, which `key` (its local wall clock) states by its
    difference, rounded to the quarter hours time zones come in. Old exports have only `key`."""
    local_text = m.get(key)
    if not isinstance(local_text, str):
        raise MalformedExport(_("the field '{field}' is missing or not a date").format(field=key), where)
    try:
        local = datetime.fromisoformat(local_text)
    except ValueError:
        raise MalformedExport(_("the field '{field}' is not a date").format(field=key), where) from None
    if not FIRST_YEAR <= local.year <= _CHECKED_UP_TO:  # the exact bound is today's, once per odd year
        check_instant(local, where, key)
    unix = m.get(f"{key}_unixtime")
    if unix is None or local.tzinfo is not None:
        return local.isoformat()
    try:
        seconds = int(unix)
        quarters = round(((local - _EPOCH).total_seconds() - seconds) / 900)
    except (ValueError, OverflowError, TypeError):
        raise MalformedExport(_("the field '{field}' is not a time").format(field=f"{key}_unixtime"), where) from None
    if abs(quarters) > 14 * 4:
        raise MalformedExport(_("'{a}' and '{b}' are more than 14 hours apart").format(
            a=key, b=f"{key}_unixtime"), where)
    offset = _offset(quarters * 15)
    offsets.add("UTC" + offset)
    wall = seconds + quarters * 900
    if len(local_text) == 19 and (local - _EPOCH).total_seconds() == wall:
        return local_text + offset
    return (_EPOCH + timedelta(seconds=wall)).isoformat() + offset


@lru_cache(maxsize=256)
def _offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
