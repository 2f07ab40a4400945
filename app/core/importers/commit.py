"""Import picked messages of a preview into the journal: the one write an importer makes.

Two phases, so that a cancel or a crash leaves the journal as it was:
1. Encrypt: the export's own files (re-hashed: they must be the bytes the preview read),
   each message's text and media into new blobs. Progress is reported and `cancel` checked
   between messages; on cancel or any error the new blobs are deleted.
2. Record: one transaction creates the incidents, evidence rows and actors (deduplicated by
   platform and numeric id, first and last seen widened) and links them. If it fails the
   transaction rolls back and the new blobs are deleted; a crash leaves only complete
   ciphertext blobs that no row names, as any interrupted evidence import does.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core import evidence as evidence_mod
from app.core.crypto import read_chunks
from app.core.errors import Cancelled, FileRejected, InvalidInput
from app.core.evidence import open_regular
from app.core.filenames import safe_file_name
from app.core.i18n import _
from app.core.importers import own_account, records
from app.core.importers.model import Author, ImportPreview, Message
from app.core.journal import utc_now
from app.core.journal.rows import Rows
from app.core.models import PLATFORMS, Actor, Evidence, Incident
from app.core.vault import Vault

log = logging.getLogger(__name__)

SPLITS = ("one", "per-day", "per-thread", "per-file")
Progress = Callable[[int, int], None]   # (done, total)
CancelCheck = Callable[[], bool]        # True to stop


@dataclass
class ImportTarget:
    """Where picked messages go: an existing incident, or new incidents made by `split`
    (one for all, one per day, per thread/chat, per message or file)."""

    incident_id: int | None = None
    split: str = "one"
    title: str = ""


@dataclass
class ImportResult:
    """What the import created (ids), for the caller to show and refresh from."""

    incident_ids: list[int] = field(default_factory=list)        # new incidents
    evidence_ids: list[int] = field(default_factory=list)        # one or more per message
    export_evidence_ids: list[int] = field(default_factory=list)  # the export's own files
    actor_ids: list[int] = field(default_factory=list)           # new actors
    updated_actor_ids: list[int] = field(default_factory=list)   # existing actors seen again
    target_incident_ids: list[int] = field(default_factory=list)  # every incident that received evidence
    own_person_id: int | None = None  # the person her own account (the export's owner) was linked to


def _bucket(m: Message, split: str) -> str:
    return {"one": "", "per-day": m.day, "per-thread": m.thread, "per-file": m.id}[split]


def import_messages(vault: Vault, preview: ImportPreview, indexes: list[int], target: ImportTarget,
                    progress: Progress | None = None, cancel: CancelCheck | None = None) -> ImportResult:
    """Import preview.messages[i] for i in indexes as evidence (see the module docstring).
    Raises Cancelled when `cancel()` answers True; the journal is then unchanged."""
    if not indexes:
        raise InvalidInput(_("No messages were chosen, so nothing was imported."))
    if target.split not in SPLITS:
        raise InvalidInput(_("'{value}' is not a way to make incidents. Use one of: {allowed}.")
                           .format(value=target.split, allowed=", ".join(SPLITS)))
    if target.incident_id is not None:
        vault.journal.incidents.get(target.incident_id)
    chosen = [preview.messages[i] for i in indexes]
    total = len(chosen) + len(preview.sources)
    made: list[Evidence] = []
    per_message: list[tuple[Message, list[Evidence]]] = []
    try:
        # One thread: hashing, encryption and file I/O release the GIL, but the rest of a
        # message's work is Python, and a pool of workers passing the GIL back and forth for
        # every message took 1.7x the CPU of this loop (tests/benchmarks/bench_import.py).
        # Large files still hash, encrypt and write on threads of their own (BlobStore.put).
        # The batch packs the small blobs into a few files and makes every blob durable once,
        # before `_record` commits the rows.
        with vault.blobs.batch():
            exports = [_store_source(vault, s) for s in preview.sources if s.path is not None]
            made += exports
            for m in chosen:
                if cancel and cancel():
                    raise Cancelled()
                items = _store_message(vault, preview, m)
                made.extend(items)
                per_message.append((m, items))
                if progress:
                    progress(len(preview.sources) + len(per_message), total)
        return _record(vault, preview, target, exports, per_message)
    except BaseException:
        vault.blobs.delete([name for ev in made for name in evidence_mod.blob_names(ev)])
        raise


def _store_source(vault: Vault, source) -> Evidence:
    """The export file itself, streamed into a blob; it must still be the bytes previewed."""
    fh, size = open_regular(source.path)
    with fh:
        blob, digest, size = vault.blobs.put(read_chunks(fh), size)
    ev = Evidence(incident_id=0, blob=blob, sha256=digest, size=size, media_type=_mime_of(source.name),
                  kind="other", imported_at=utc_now(), original_name=safe_file_name(
                      source.name), caption=_("The export file as received (chain of custody)."),
                  metadata={"import": {"export_file": source.name}})
    if digest != source.sha256:
        vault.blobs.delete([blob])
        raise FileRejected(_("The export changed after it was read, so nothing was imported. Open it again."))
    return ev


def _mime_of(name: str) -> str:
    lower = name.lower()
    for suffix, mime in ((".json", "application/json"), (".js", "text/javascript"), (".txt", "text/plain"),
                         (".zip", "application/zip"), (".wacz", "application/zip"), (".html", "text/html"),
                         (".htm", "text/html"), (".warc", "application/warc"), (".gz", "application/gzip")):
        if lower.endswith(suffix):
            return mime
    return "application/octet-stream"


def _read_attachments(preview: ImportPreview, m: Message) -> tuple[list[tuple[bytes, str]], list[str]]:
    """The bytes of the message's media files that are in the export, and the names of those
    that could not be read (missing, outside the export, too large)."""
    files, missing = [], []
    for att in m.attachments:
        if att.present:
            try:
                files.append(preview.reader.read_media(att.name))
            except FileRejected:
                missing.append(att.name)
    return files, missing


def _store_message(vault: Vault, preview: ImportPreview, m: Message) -> list[Evidence]:
    files, missing = _read_attachments(preview, m)
    caption = records.caption(preview, m)
    items: list[Evidence] = []
    try:
        for data, name in files:
            ev = evidence_mod.store_bytes(vault, data, name=name.rpartition("/")[2], source_url=m.link,
                                          caption=caption, captured_at=m.when)
            items.append(ev)
            ev.metadata = {**ev.metadata, **records.metadata(preview, m, name)}
        if not items:
            body = (m.text or caption).encode("utf-8")
            ev = evidence_mod.store_bytes(vault, body, name=f"{preview.format}-message-{m.id.replace(':', '-')}.txt",
                                          source_url=m.link, caption=caption, captured_at=m.when, text=True)
            ev.metadata = records.metadata(preview, m)
            items.append(ev)
    except BaseException:
        vault.blobs.delete([n for ev in items for n in evidence_mod.blob_names(ev)])
        raise
    if missing:
        items[0].metadata["import"]["missing_attachments"] = missing
    return items


def _record(vault: Vault, preview: ImportPreview, target: ImportTarget, exports: list[Evidence],
            per_message: list[tuple[Message, list[Evidence]]]) -> ImportResult:
    j = vault.journal
    incidents = Rows(j.conn, "incidents", Incident, _("Incident"))
    evidence = Rows(j.conn, "evidence", Evidence, _("Evidence"), timestamps=False)
    result = ImportResult()
    action = f"import.{preview.format}"
    with j.write(action, f"messages:{len(per_message)}") as now:
        buckets: dict[str, int] = {}
        for m, items in per_message:
            key = "" if target.incident_id is not None else _bucket(m, target.split)
            if key not in buckets:
                buckets[key] = target.incident_id if target.incident_id is not None else \
                    incidents.insert(_new_incident(preview, m, target, key), now)
                if target.incident_id is None:
                    result.incident_ids.append(buckets[key])
            for ev in items:
                ev.incident_id = buckets[key]
        first = next(iter(buckets.values()))
        for ev in exports:
            ev.incident_id = first
            ev.id = evidence.insert(ev, now)
            result.export_evidence_ids.append(ev.id)
        rows = [ev for _m, items in per_message for ev in items]
        if exports:
            for ev in rows:
                ev.metadata["import"]["export_evidence_ids"] = result.export_evidence_ids
        for ev, ident in zip(rows, evidence.insert_many(rows, now), strict=True):
            ev.id = ident
            result.evidence_ids.append(ident)
        _record_actors(vault, preview, per_message, now, result)
        result.own_person_id = own_account.link(j.conn, preview.owner, now)
        result.target_incident_ids = sorted(set(buckets.values()))
        j.index.reindex_many(result.target_incident_ids)
    log.info("import (%s): %d messages, %d incidents", preview.format, len(per_message), len(result.incident_ids))
    return result


def _new_incident(preview: ImportPreview, m: Message, target: ImportTarget, key: str) -> Incident:
    platform = records.PLATFORM_NAMES.get(preview.platform, preview.platform or preview.format)
    base = target.title or (_("{platform}: {chat}").format(platform=platform, chat=m.thread_name)
                            if m.thread_name else _("Imported from {platform}").format(platform=platform))
    title = f"{base} ({m.day})" if target.split == "per-day" else base
    if target.split == "per-file":
        title = f"{base} ({m.day}, {m.id.rpartition(':')[2]})"
    time = m.when[11:16] if len(m.when) >= 16 else ""
    return Incident(title=title, occurred_on=m.day, occurred_time=time,
                    platforms=[preview.platform] if preview.platform in PLATFORMS else [],
                    description=_("Imported from an export ({format}); each evidence item cites its message.")
                    .format(format=preview.format))


def _record_actors(vault: Vault, preview: ImportPreview, per_message: list[tuple[Message, list[Evidence]]],
                   now: str, result: ImportResult) -> None:
    """Authors, and the original authors of forwarded messages, become actors: one per platform
    and numeric id (else handle or name), first and last seen over the messages naming them.
    Her own account (the export's owner) is not one: see own_account."""
    if preview.platform not in PLATFORMS:
        return
    conn = vault.journal.conn
    actors = Rows(conn, "actors", Actor, _("Actor"))
    seen: dict[str, tuple[Author, str, str, set[int]]] = {}
    links: list[tuple[int, int]] = []
    for m, items in per_message:
        for author in (m.author if m.kind != "service" else None, m.origin):
            if author is None or not author.key or (preview.owner and preview.owner.owns(author)):
                continue
            first, last, incs = m.day, m.day, set()
            if author.key in seen:  # one account named more fully in one message than another
                known, first, last, incs = seen[author.key]
                first, last = min(first, m.day), max(last, m.day)
                if author != known:
                    author = Author(known.display_name or author.display_name, known.handle or author.handle,
                                    author.numeric_id)
            seen[author.key] = (author, first, last, incs | {ev.incident_id for ev in items})
    for author, first, last, incs in seen.values():
        actor = _existing_actor(actors, preview.platform, author)
        if actor is None:
            actor = Actor(platform=preview.platform, handle=author.handle, display_name=author.display_name,
                          numeric_id=author.numeric_id, first_seen=first, last_seen=last,
                          profile_url=_profile_url(preview.platform, author),
                          notes=_("Added by an import ({format}).").format(format=preview.format))
            actor.id = actors.insert(actor, now)
            result.actor_ids.append(actor.id)
        else:
            actor = dataclasses.replace(actor, first_seen=min(filter(None, (actor.first_seen, first))),
                                        last_seen=max(filter(None, (actor.last_seen, last))),
                                        handle=actor.handle or author.handle,
                                        numeric_id=author.numeric_id or actor.numeric_id,
                                        display_name=actor.display_name or author.display_name)
            actors.update(actor, now)
            result.updated_actor_ids.append(actor.id)
        links += [(incident_id, actor.id) for incident_id in incs]
    conn.executemany("INSERT OR IGNORE INTO incident_actors (incident_id, actor_id) VALUES (?, ?)", links)


def _existing_actor(actors: Rows, platform: str, a: Author) -> Actor | None:
    if a.numeric_id:
        found = actors.where("platform = ? AND numeric_id = ?", (platform, a.numeric_id), limit=1)
        if not found and a.legacy_id:  # stored before kinds were kept: the same digits and name
            found = actors.where("platform = ? AND numeric_id = ? AND display_name = ?",
                                 (platform, a.legacy_id, a.display_name), limit=1)
    elif a.handle:
        found = actors.where("platform = ? AND numeric_id = '' AND handle = ?", (platform, a.handle), limit=1)
    else:
        found = actors.where("platform = ? AND numeric_id = '' AND handle = '' AND display_name = ?",
                             (platform, a.display_name), limit=1)
    return found[0] if found else None


def _profile_url(platform: str, author: Author) -> str:
    if platform == "x" and author.handle:
        return f"https://x.com/{author.handle}"
    if platform == "instagram" and author.handle:
        return f"https://www.instagram.com/{author.handle}"
    return ""

