"""Meta "Download your information" (Facebook Messenger, Instagram), JSON format:
messages/inbox/<thread>/message_1.json, message_2.json... with participants and messages
({sender_name, timestamp_ms, content, photos/videos/audio_files/files [{uri}], share, is_unsent}).

Meta writes every string as UTF-8 bytes each escaped as one Latin-1 character ("Ã©" for "é",
"Ø§" for "ا"); text is repaired by re-encoding to Latin-1 and decoding as UTF-8 wherever
that succeeds. Times are UTC milliseconds. Messages have no id: they are numbered in the
export's order, oldest first.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.sources import (
    MAX_FIELD_CHARS,
    FolderReader,
    load_json,
    read_bounded,
    safe_member,
)
from app.core.importers.timecheck import check_instant

_PART = re.compile(r"message_(\d+)\.json$")
_MEDIA = (("photos", "photo"), ("videos", "video"), ("gifs", "video"), ("audio_files", "voice"), ("files", "file"))


def repair(text: str) -> str:
    """Undo Meta's Latin-1 mojibake; text that is not mojibake is returned as it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _text(value: object, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedExport(_("a text field is not text"), where)
    if len(value) > MAX_FIELD_CHARS:
        raise MalformedExport(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS), where)
    return repair(value)


def _root_for(folder: Path, messages: list[Message]) -> Path:
    """The folder that media URIs ("your_activity_across_facebook/messages/inbox/...") are
    relative to: the download's top, the nearest folder above the thread holding the URI's
    first part."""
    uri = next((a.name for m in messages for a in m.attachments), "")
    head = uri.split("/", 1)[0]
    if head:
        for parent in [folder, *folder.parents]:
            if (parent / head).is_dir():
                return parent
    return folder


def parse(path: Path, platform: str = "", **_options: object) -> ImportPreview:
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    parts = sorted((p for p in folder.iterdir() if _PART.match(p.name) and p.is_file()),
                   key=lambda p: int(_PART.match(p.name).group(1)))
    if not parts:
        raise MalformedExport(_("the folder holds no message_1.json"), folder.name)
    platform = platform or ("instagram" if "instagram" in str(folder).lower() else "facebook")
    sources, raw, title = [], [], ""
    for part in parts:
        data, source = read_bounded(part)
        sources.append(source)
        doc = load_json(data, part.name)
        if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
            raise MalformedExport(_("the file has no list of 'messages'"), part.name)
        title = title or _text(doc.get("title"), f"{part.name}, title")
        raw += [(part.name, i, m) for i, m in enumerate(doc["messages"])]
    thread = folder.name
    messages = [_message(name, i, m, thread, title) for name, i, m in raw]
    messages.sort(key=lambda m: m.when)
    for n, m in enumerate(messages, 1):
        m.id = str(n)
    return ImportPreview("meta", platform, messages, sources, FolderReader(_root_for(folder, messages)), timezone="UTC")


def _message(name: str, i: int, m: object, thread: str, title: str) -> Message:
    where = _("{name}, message {i}").format(name=name, i=i)
    if not isinstance(m, dict):
        raise MalformedExport(_("a message is not an object"), where)
    ms = m.get("timestamp_ms")
    if isinstance(ms, bool) or not isinstance(ms, int):
        raise MalformedExport(_("the field '{field}' is missing or not a number").format(field="timestamp_ms"), where)
    try:
        when = datetime.fromtimestamp(ms / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        raise MalformedExport(_("the field '{field}' is not a time").format(field="timestamp_ms"), where) from None
    check_instant(when, where, "timestamp_ms")
    msg = Message(id="", when=when.isoformat(timespec="seconds"), text=_text(m.get("content"), where + ", content"),
                  author=Author(display_name=_text(m.get("sender_name"), where + ", sender_name")),
                  thread=thread, thread_name=title, deleted=bool(m.get("is_unsent")))
    for key, kind in _MEDIA:
        items = m.get(key) or []
        if not isinstance(items, list):
            raise MalformedExport(_("the field '{field}' is not a list").format(field=key), where)
        for item in items:
            uri = item.get("uri") if isinstance(item, dict) else None
            if isinstance(uri, str) and safe_member(uri):
                msg.attachments.append(Attachment(uri, kind))
                msg.kind = kind if msg.kind == "text" else msg.kind
    share = m.get("share")
    if isinstance(share, dict) and isinstance(share.get("link"), str):
        msg.recorded["shared_link"] = share["link"]
    return msg
