"""The parts of one message of a Telegram Desktop JSON export, read the way
export_output_json.cpp (SerializeMessage) writes them: the text and its entities, the media
fields, the service actions, polls, games, invoices, reactions and inline buttons.

Each reader takes the message object and returns plain values; it raises MalformedExport
(through `bad`) only when a field Telegram always writes one way holds something else.
Facts that are evidence but not text (a hidden link's target, who reacted, a button's URL)
go into `recorded`, kept in the journal beside the message.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Attachment
from app.core.importers.sources import MAX_FIELD_CHARS

MEDIA_TYPES = {"video_file": "video", "video_message": "video", "animation": "video", "voice_message": "voice",
               "audio_file": "voice", "sticker": "photo"}
# Scalars kept as they are in the evidence metadata (format-specific facts).
RECORDED = frozenset(("action", "media_type", "mime_type", "duration_seconds", "via_bot", "author", "saved_from",
            "self_destruct_period_seconds", "sticker_emoji", "performer", "file_name", "reply_to_peer_id",
            "forwarded_from_id", "saved_from_id", "media_spoiler", "thumbnail", "discard_reason", "title",
            "new_title", "inviter", "information_text", "paid_stars_amount"))
MAX_ITEMS = 200  # entities, reactions, buttons kept per message: a forged export cannot grow metadata unbounded
MAX_STRING = 2048  # characters of one recorded string (a link, an emoji, a reactor's name)
# Entity objects whose target is not in the text itself: where a link really goes, whom a name mentions.
_HIDDEN = {"text_link": "href", "mention_name": "user_id"}

Bad = Callable[[str, str], MalformedExport]  # (message in words, field) -> the error to raise


def present(value: str) -> bool:
    """False for what Telegram writes instead of a path when it did not save the file:
    "(File not included. ...)", "(File exceeds maximum size. ...)", "(File unavailable, ...)"."""
    return not (value.startswith("(") and value.endswith(")") and "/" not in value)


def text_of(value: object, field: str, bad: Bad, recorded: dict | None = None) -> str:
    """Telegram's text: a string, or a list of strings and entity objects ({type, text, href,
    user_id, language, document_id, collapsed}). Hidden link targets and mentioned ids go to
    `recorded` when it is given."""
    if type(value) is str:
        text = value
    elif value is None:
        return ""
    elif isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
                if recorded is not None:
                    _hidden_target(part, recorded)
            else:
                raise bad(_("a piece of text is neither text nor a text object"), field)
        text = "".join(parts)
    else:
        raise bad(_("the text is neither text nor a list"), field)
    if len(text) > MAX_FIELD_CHARS:
        raise bad(_("a text is longer than {n} characters").format(n=MAX_FIELD_CHARS), field)
    return text


def _hidden_target(part: dict, recorded: dict) -> None:
    key = _HIDDEN.get(part.get("type", ""))
    target = part.get(key) if key else None
    if target is None or type(target) not in (str, int) or len(str(target)) > MAX_STRING:
        return
    found = recorded.setdefault("links" if key == "href" else "mentions", [])
    if len(found) < MAX_ITEMS:
        found.append({"text": part.get("text", "")[:500], key: target})


def message_text(m: dict, bad: Bad, recorded: dict) -> str:
    """`text` (older exports have only this), else `text_entities` (the same text as objects)."""
    value = m.get("text")
    if value is None and "text_entities" in m:
        value = m["text_entities"]
    if type(value) is str and len(value) <= MAX_FIELD_CHARS:
        return value
    return text_of(value, "text", bad, recorded)


def media(m: dict, service: bool) -> tuple[list[Attachment], str]:
    """The files a message names (photo, file, contact_vcard) and the kind they make it."""
    attachments, kind = [], ""
    value = m.get("photo")
    if value and type(value) is str:
        attachments.append(Attachment(value if present(value) else "", "photo", present(value)))
        kind = "photo"
    value = m.get("file")
    if value and type(value) is str:
        file_kind = MEDIA_TYPES.get(m.get("media_type", ""), "file") if type(m.get("media_type")) is str else "file"
        attachments.append(Attachment(value if present(value) else "", file_kind, present(value)))
        kind = kind or file_kind
    return attachments, "" if service else kind


def _short_text(value: object, field: str, bad: Bad) -> str:
    return text_of(value, field, bad).strip() if value is not None else ""


def extras_text(m: dict, bad: Bad, recorded: dict) -> str:
    """A poll, a game or an invoice in plain lines (their words are the sender's, not ours)."""
    poll = m.get("poll")
    if isinstance(poll, dict):
        lines = [_short_text(poll.get("question"), "poll.question", bad)]
        answers = poll.get("answers") if isinstance(poll.get("answers"), list) else []
        for n, answer in enumerate(answers[:MAX_ITEMS]):
            if isinstance(answer, dict):
                voters = answer.get("voters")
                count = f" ({voters})" if type(voters) is int else ""
                lines.append(f"- {_short_text(answer.get('text'), f'poll.answers[{n}].text', bad)}{count}")
        recorded["poll"] = {k: poll[k] for k in ("closed", "total_voters") if type(poll.get(k)) in (bool, int)}
        return "\n".join(filter(None, lines))
    if "game_title" in m or "game_description" in m:
        lines = [_short_text(m.get(k), k, bad) for k in ("game_title", "game_description", "game_link")]
        return "\n".join(filter(None, lines))
    invoice = m.get("invoice_information")
    if isinstance(invoice, dict):
        amount = invoice.get("amount")
        money = f"{amount} {invoice.get('currency', '')}".strip() if type(amount) is int else ""
        lines = [_short_text(invoice.get(k), f"invoice_information.{k}", bad) for k in ("title", "description")]
        return "\n".join(filter(None, [*lines, money]))
    return ""


def service_text(m: dict, bad: Bad, recorded: dict) -> str:
    """A service message in words: the action Telegram names ("invite_members") and what it
    names with it (members, title, the message pinned, a call's length)."""
    custom = m.get("information_text")
    if isinstance(custom, str) and custom:
        return text_of(custom, "information_text", bad)
    action = m.get("action") if isinstance(m.get("action"), str) else ""
    details = []
    for key in ("title", "new_title"):
        if isinstance(m.get(key), str) and m[key]:
            details.append(text_of(m[key], key, bad))
    members = m.get("members")
    if isinstance(members, list):
        names = [text_of(x, "members", bad) or _("deleted account") for x in members[:MAX_ITEMS]
                 if x is None or isinstance(x, str)]
        recorded["members"] = names
        details.append(", ".join(names))
    if isinstance(m.get("inviter"), str):
        details.append(text_of(m["inviter"], "inviter", bad))
    for key in ("message_id", "game_message_id", "invoice_message_id"):
        if type(m.get(key)) is int:
            recorded["refers_to_message"] = m[key]
            details.append(_("message {id}").format(id=m[key]))
    seconds = m.get("duration_seconds", m.get("duration"))
    if type(seconds) is int and seconds > 0:
        details.append(f"{seconds // 60}:{seconds % 60:02d}")
    if isinstance(m.get("discard_reason"), str):
        details.append(m["discard_reason"])
    text = text_of(m.get("text"), "text", bad, recorded) if m.get("text") else ""
    head = ": ".join(filter(None, (action, ", ".join(filter(None, details)))))
    return "\n".join(filter(None, (head, text)))


def _scalars(d: dict, keys: tuple[str, ...]) -> dict:
    """The keys of `d` that hold a string (cut to MAX_STRING) or an integer."""
    return {k: d[k][:MAX_STRING] if type(d[k]) is str else d[k] for k in keys if type(d.get(k)) in (str, int)}


def reactions(m: dict, recorded: dict) -> None:
    """Who reacted with what ({type, count, emoji|document_id, recent: [{from, from_id, date}]})."""
    found = m.get("reactions")
    if not isinstance(found, list):
        return
    kept = []
    for r in found[:MAX_ITEMS]:
        if not isinstance(r, dict):
            continue
        one = _scalars(r, ("type", "count", "emoji", "document_id"))
        recent = r.get("recent")
        if isinstance(recent, list):
            one["recent"] = [_scalars(p, ("from", "from_id", "date")) for p in recent[:MAX_ITEMS] if isinstance(p, dict)]
        kept.append(one)
    if kept:
        recorded["reactions"] = kept


def buttons(m: dict, recorded: dict) -> None:
    """Inline bot buttons, rows flattened: their words and where they lead (a URL is evidence),
    a callback's data (dataBase64, as the export writes it), a login button's forward_text."""
    rows = m.get("inline_bot_buttons")
    if not isinstance(rows, list):
        return
    kept = []
    for row in rows[:MAX_ITEMS]:
        for b in row if isinstance(row, list) else []:
            if isinstance(b, dict) and len(kept) < MAX_ITEMS:
                one = {k: b[k][:MAX_STRING] for k in ("type", "text", "data", "dataBase64", "forward_text")
                       if isinstance(b.get(k), str) and b[k]}
                if type(b.get("button_id")) is int:
                    one["button_id"] = b["button_id"]
                kept.append(one)
    if kept:
        recorded["buttons"] = kept
