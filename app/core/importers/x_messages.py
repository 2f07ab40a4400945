"""Direct messages of an X archive: data/direct-messages.js and direct-messages-group.js
(`window.YTD.direct_messages.part0 = [{"dmConversation": {"conversationId": "12-34",
"messages": [{"messageCreate": {"id", "senderId", "recipientId", "text", "createdAt":
"2023-07-04T07:30:15.123Z", "urls": [...], "mediaUrls": [...]}}]}}]`), media in
data/direct_messages_media/ named "<message id>-<name>". Her own messages are hers by
account.js's id; the others' authors are their numeric ids (the archive gives no names)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import export_tree
from app.core.importers.model import Attachment, Author, Message
from app.core.importers.sources import MAX_FIELD_CHARS, ExportReader, SourceFile
from app.core.importers.timecheck import check_instant

_DMS = re.compile(r"direct-messages?(-group)?(-part\d+)?\.js")
_MEDIA_DIRS = ("direct_messages_media", "direct_messages_group_media")


def read(reader: ExportReader, prefix: str, me: Author, sources: list[SourceFile]) -> list[Message]:
    from app.core.importers.x_archive import read_items  # x_archive imports this module

    files = [n for n in export_tree.matching(reader, _DMS) if n.startswith(prefix) and "/" not in n[len(prefix):]]
    media: dict[str, list[str]] = {}
    for name in reader.names():
        folder, _sep, file = name.rpartition("/")
        if folder in (prefix + d for d in _MEDIA_DIRS) and file.partition("-")[0].isdigit():
            media.setdefault(file.partition("-")[0], []).append(name)
    out = []
    for name in files:
        for i, item in enumerate(read_items(reader, name, sources)):
            conv = item.get("dmConversation") if isinstance(item, dict) else None
            if not isinstance(conv, dict) or not isinstance(conv.get("messages"), list):
                raise MalformedExport(_("the field '{field}' is not a list").format(
                    field="dmConversation.messages"), f"{name}, item {i}")
            cid = str(conv.get("conversationId", ""))[:100]
            for j, entry in enumerate(conv["messages"]):
                create = entry.get("messageCreate") if isinstance(entry, dict) else None
                if isinstance(create, dict):  # joins, leaves and renames of group chats are not messages
                    out.append(_message(create, cid, f"{name}, item {i}, message {j}", me, media))
    return out


def _message(create: dict, cid: str, where: str, me: Author, media: dict[str, list[str]]) -> Message:
    from app.core.importers.x_archive import expand_links

    ident = str(create.get("id", ""))
    if not ident.isdigit() or len(ident) > 20:
        raise MalformedExport(_("the field '{field}' is missing or not a number").format(field="id"), where)
    text = create.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("the field '{field}' is not text").format(field="text"), where)
    try:
        when = datetime.fromisoformat(str(create.get("createdAt", "")).replace("Z", "+00:00"))
        if when.tzinfo is None:
            raise ValueError
    except ValueError:
        raise MalformedExport(_("the field '{field}' is not a date").format(field="createdAt"), where) from None
    check_instant(when, where, "createdAt")
    sender = str(create.get("senderId", ""))[:30]
    author = me if sender and sender == me.numeric_id else Author(numeric_id=sender)
    text, urls = expand_links(text, create.get("urls"))
    recorded: dict = {"conversation_id": cid, "recipient_id": str(create.get("recipientId", ""))[:30]}
    if urls:
        recorded["urls"] = urls
    reactions = create.get("reactions")
    if isinstance(reactions, list) and reactions:
        recorded["reactions"] = [{k: str(r.get(k, ""))[:100] for k in ("senderId", "reactionKey", "createdAt")}
                                 for r in reactions[:100] if isinstance(r, dict)]
    msg = Message(id=f"{cid}:{ident}", when=when.astimezone(UTC).isoformat(timespec="seconds"), text=text,
                  author=author, thread=cid, recorded={
                      k: v for k, v in recorded.items() if v})
    for name in media.get(ident, []):
        kind = "video" if name.rpartition(".")[2].lower() in ("mp4", "mov") else "photo"
        msg.attachments.append(Attachment(name, kind))
    urls_listed = create.get("mediaUrls")
    if not msg.attachments and isinstance(urls_listed, list) and urls_listed:
        msg.attachments.append(Attachment(str(urls_listed[0])[:500], "photo", present=False))
    if msg.attachments:
        msg.kind = msg.attachments[0].kind
    return msg
