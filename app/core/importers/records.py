"""What an imported message says in the journal: its caption (the citation a dossier prints,
through the redactor like every caption) and its recorded metadata (kept in the journal,
never exported)."""

from __future__ import annotations

from app.core.i18n import _
from app.core.importers.model import Author, ImportPreview, Message

PLATFORM_NAMES = {"telegram": "Telegram", "whatsapp": "WhatsApp", "facebook": "Messenger", "instagram": "Instagram",
                  "x": "X"}


def citation(preview: ImportPreview, m: Message) -> str:
    """One line naming the message the way platforms and investigators ask: platform, message
    id, author (name, handle, numeric id), time with its offset, forwarded, reply, edited."""
    if m.kind == "page":
        return _page_citation(m)
    who = _who(m.author)
    platform = PLATFORM_NAMES.get(preview.platform, preview.platform or preview.format)
    parts = [_("{platform} message {id}").format(platform=platform, id=m.id.rpartition(":")[2])]
    if m.thread_name:
        parts[0] += " " + _("in “{chat}”").format(chat=m.thread_name)
    if who:
        parts.append(_("from {author}").format(author=who))
    parts.append(m.when)
    extra = []
    if m.origin is not None:
        extra.append(_("forwarded from {name}").format(name=_who(m.origin)))
    if m.reply_to:
        extra.append(_("reply to message {id}").format(id=m.reply_to))
    if m.edited:
        extra.append(_("edited {when}").format(when=m.edited) if m.edited != "yes" else _("edited"))
    if m.deleted:
        extra.append(_("deleted"))
    return "; ".join([", ".join(parts), *extra])


def _page_citation(m: Message) -> str:
    """An archived page as the Berkeley Protocol asks it be cited: its URL, its capture time,
    the archive's record and the digest it states for the page's bytes."""
    r = m.recorded
    parts = [_("Web page {url}").format(url=m.link) if m.link else _("Saved web page {name}").format(name=m.id), m.when]
    if r.get("warc_record_id"):
        parts.append(_("WARC record {id}").format(id=r["warc_record_id"]))
    if r.get("warc_payload_digest"):
        digest = _("payload digest {digest}").format(digest=r["warc_payload_digest"])
        if r.get("warc_digest_check") == "failed":
            digest += " " + _("(does not match the archived bytes)")
        parts.append(digest)
    return "; ".join(parts)


def _who(author: Author) -> str:
    """"Name (@handle, id 123)", or as much of it as the export gives."""
    ids = [p for p in (f"@{author.handle}" if author.handle else "",
                       _("id {id}").format(id=author.numeric_id) if author.numeric_id else "") if p]
    who = author.display_name or ", ".join(ids)
    if author.display_name and ids:
        who += f" ({', '.join(ids)})"
    return who


def caption(preview: ImportPreview, m: Message) -> str:
    text = m.text.strip()
    return f"{text}\n\n[{citation(preview, m)}]" if text else f"[{citation(preview, m)}]"


def metadata(preview: ImportPreview, m: Message, attachment: str = "") -> dict:
    """The facts of the message, under "import", as recorded in the evidence row."""
    facts = {
        "format": preview.format, "platform": preview.platform, "message_id": m.id, "time": m.when,
        "timezone": preview.timezone, "thread": m.thread, "thread_name": m.thread_name, "link": m.link,
        "author": {"display_name": m.author.display_name, "handle": m.author.handle,
                   "numeric_id": m.author.numeric_id},
        "forwarded_from": m.forwarded_from, "forwarded_from_id": m.forwarded_from_id,
        "forwarded_from_handle": m.forwarded_from_handle, "reply_to": m.reply_to, "edited": m.edited,
        "deleted": m.deleted,
        "kind": m.kind, "line": m.line, "attachment": attachment,
        "export_files": [{"name": s.name, "sha256": s.sha256} for s in preview.sources],
    }
    if preview.date_order:
        facts["date_order"] = preview.date_order
    if m.recorded:
        facts["recorded"] = m.recorded
    return {"import": {k: v for k, v in facts.items() if v not in ("", None, False, [], {}, 0)}}
