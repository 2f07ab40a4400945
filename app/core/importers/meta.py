"""Meta "Download your information" (Facebook Messenger, Instagram), as the zip
she downloaded, the folder she unpacked or one conversation's folder:
your_activity_across_facebook/messages/{inbox,e2ee_cutover,archived_threads,message_requests,
filtered_threads}/<thread>/message_1.json, message_2.json... (older downloads: messages/inbox/...;
Instagram: your_instagram_activity/messages/inbox/...), each with participants, title and
messages ({sender_name, timestamp_ms, content, photos/videos/audio_files/files/gifs [{uri}],
sticker {uri}, share {link}, reactions [{reaction, actor}], call_duration, is_unsent}). A
download in HTML (message_1.html..., Meta's default) is read by meta_html.

Whose download it is (her own account, never an actor): Facebook's
personal_information/profile_information/profile_information.json (older downloads:
profile_information/profile_information.json), {"profile_v2": {"name": {"full_name"},
"username"}}, or Instagram's personal_information/personal_information/personal_information.json,
{"profile_user": [{"string_map_data": {"Name": {"value"}, "Username": {"value"}}}]}. It is read
to know her, not kept as evidence (it holds her e-mail and birthday too).

Meta writes every string as UTF-8 bytes each escaped as one Latin-1 character ("Ã©" for "é",
"Ø§" for "ا", four characters for an emoji); text is repaired by re-encoding to Latin-1 and
decoding as UTF-8 wherever that succeeds. Times are UTC milliseconds. Messages have no id:
they are numbered within their conversation, oldest first. Media URIs are relative to the
top of the download.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import FileRejected, MalformedExport
from app.core.i18n import _
from app.core.importers import export_tree, meta_html
from app.core.importers.model import Attachment, Author, ImportPreview, Message, Owner
from app.core.importers.sources import (
    MAX_FIELD_CHARS,
    ExportReader,
    FolderReader,
    SourceFile,
    load_json,
    read_bounded,
    safe_member,
)
from app.core.importers.timecheck import check_instant

_PART = re.compile(r"message_(\d+)\.json$")
_MEDIA = (("photos", "photo"), ("videos", "video"), ("gifs", "video"), ("audio_files", "voice"), ("files", "file"))
MAX_THREADS = 20_000


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


def _part_number(name: str) -> int:
    found = _PART.search(name)
    return int(found.group(1)) if found else 0


def parse(path: Path, platform: str = "", **_options: object) -> ImportPreview:
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        reader, sources, _chosen = export_tree.open_tree(path)
        return _whole(reader, sources, platform or _platform_of(path.name))
    folder = path if path.is_dir() else path.parent
    parts = sorted((p for p in folder.iterdir() if _PART.match(p.name) and p.is_file()),
                   key=lambda p: _part_number(p.name)) if folder.is_dir() else []
    if not parts and folder.is_dir() and any(meta_html.PART.fullmatch(p.name) for p in folder.iterdir()):
        return _html_folder(folder, platform or _platform_of(str(folder)))
    if not parts:  # the top of a download: every conversation in it
        return _whole(FolderReader(folder), [], platform or _platform_of(str(folder)))
    sources, docs = [], []
    for part in parts:
        data, source = read_bounded(part)
        sources.append(source)
        docs.append((part.name, load_json(data, part.name)))
    thread = _thread(docs, folder.name, f"{folder.parent.name}/{folder.name}", ids_prefix="")
    platform = platform or _platform_of(str(folder))
    reader = FolderReader(_root_for(folder, thread))
    return ImportPreview("meta", platform, thread, sources, reader, timezone="UTC", owner=_owner(reader))


def _platform_of(text: str) -> str:
    return "instagram" if "instagram" in text.lower() else "facebook"


def _whole(reader: ExportReader, sources: list[SourceFile], platform: str) -> ImportPreview:
    """Every conversation of a download (folder or zip), each numbered on its own."""
    try:
        threads: dict[str, list[str]] = {}
        for name in reader.names():
            folder, _sep, file = name.rpartition("/")
            if _PART.fullmatch(file) and "/messages/" in f"/{folder}/" and not name.startswith("__MACOSX/"):
                threads.setdefault(folder, []).append(name)
        if not threads:
            pages = _html_threads(reader)
            if pages:  # Meta offers HTML by default
                return _html_whole(reader, pages, sources, platform)
            raise MalformedExport(_("the folder holds no message_1.json"), "messages/inbox")
        if len(threads) > MAX_THREADS:
            raise MalformedExport(_("the folder holds more than {n} files; choose a smaller folder").format(
                n=MAX_THREADS), "messages")
        messages = []
        for folder, names in sorted(threads.items()):
            docs = []
            for name in sorted(names, key=_part_number):
                data, source = reader.read(name)
                sources.append(source)
                docs.append((name, load_json(data, name)))
            kind, _sep, thread_name = folder.rpartition("/")
            msgs = _thread(docs, thread_name, f"{kind.rpartition('/')[2]}/{thread_name}", ids_prefix=thread_name + ":")
            _rebase(msgs, folder)
            messages += msgs
    except BaseException:
        reader.close()
        raise
    messages.sort(key=lambda m: (m.when, m.id))
    return ImportPreview("meta", platform, messages, sources, reader, timezone="UTC", owner=_owner(reader))


_PROFILES = ("profile_information/profile_information.json", "personal_information/personal_information.json")


def _owner(reader: ExportReader) -> Owner | None:
    """Her own account, from the download's profile information (see the module docstring);
    None when the download has none or it cannot be read (it is not what she imports)."""
    for name in reader.names():
        if not name.endswith(_PROFILES) or name.startswith("__MACOSX/"):
            continue
        try:
            data, _source = reader.read(name)
            doc = load_json(data, name)
        except (MalformedExport, FileRejected):
            continue
        full = handle = ""
        if isinstance(doc, dict) and isinstance(doc.get("profile_v2") or doc.get("profile"), dict):
            profile = doc.get("profile_v2") or doc["profile"]
            named = profile.get("name")
            full = named.get("full_name") if isinstance(named, dict) else named
            handle = profile.get("username")
        elif isinstance(doc, dict) and isinstance(doc.get("profile_user"), list) and doc["profile_user"]:
            fields = doc["profile_user"][0].get("string_map_data") if isinstance(doc["profile_user"][0], dict) else None
            if isinstance(fields, dict):
                full, handle = ((fields.get(k) or {}).get("value") if isinstance(fields.get(k), dict) else ""
                                for k in ("Name", "Username"))
        full = repair(full)[:200].strip() if isinstance(full, str) else ""
        handle = repair(handle)[:100].strip() if isinstance(handle, str) else ""
        if full or handle:
            return Owner(Author(display_name=full, handle=handle))
    return None


def _html_threads(reader: ExportReader) -> dict[str, list[str]]:
    threads: dict[str, list[str]] = {}
    for name in reader.names():
        folder, _sep, file = name.rpartition("/")
        if meta_html.PART.fullmatch(file) and "/messages/" in f"/{folder}/" and not name.startswith("__MACOSX/"):
            threads.setdefault(folder, []).append(name)
    return threads


def _html_whole(reader: ExportReader, pages: dict[str, list[str]], sources: list[SourceFile],
                platform: str) -> ImportPreview:
    if len(pages) > MAX_THREADS:
        raise MalformedExport(_("the folder holds more than {n} files; choose a smaller folder").format(
            n=MAX_THREADS), "messages")
    threads = [meta_html.read_thread(reader, folder, names, sources) for folder, names in sorted(pages.items())]
    return meta_html.preview(reader, threads, sources, platform, prefix_ids=True)


def _html_folder(folder: Path, platform: str) -> ImportPreview:
    """One conversation's folder of an HTML download: read from the top of the download (the
    folder above messages/, or above your_*_activity/), where its media paths start."""
    top = folder
    for parent in folder.parents:
        if parent.name == "messages":
            top = parent.parent
            if top.name.startswith("your_") and top.name.endswith("_activity"):
                top = top.parent
            break
    reader = FolderReader(top)
    rel = folder.relative_to(top).as_posix()
    names = [f"{rel}/{p.name}" if rel != "." else p.name for p in folder.iterdir()
             if meta_html.PART.fullmatch(p.name) and p.is_file()]
    sources: list[SourceFile] = []
    thread = meta_html.read_thread(reader, "" if rel == "." else rel, names, sources)
    return meta_html.preview(reader, [thread], sources, platform, prefix_ids=False)


def _rebase(messages: list[Message], folder: str) -> None:
    """Media URIs start at the top of the download; a zip made again from the unpacked folder
    has everything one level down: the part of the thread's folder before the URI's start."""
    for m in messages:
        for att in m.attachments:
            head = att.name.split("/", 1)[0] + "/"
            at = f"/{folder}/".find(f"/{head}")
            if at > 0:  # "/dl/your_activity..." -> "dl/" + the URI
                att.name = folder[:at - 1] + "/" + att.name


def _thread(docs: list[tuple[str, object]], thread: str, path: str, ids_prefix: str) -> list[Message]:
    raw, title, participants = [], "", []
    for name, doc in docs:
        if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
            raise MalformedExport(_("the file has no list of 'messages'"), name)
        title = title or _text(doc.get("title"), f"{name}, title")
        people = doc.get("participants")
        if not participants and isinstance(people, list):
            participants = [_text(p.get("name"), f"{name}, participants") for p in people[:500] if isinstance(p, dict)]
        raw += [(name, i, m) for i, m in enumerate(doc["messages"])]
    messages = [_message(name, i, m, thread, title) for name, i, m in raw]
    messages.sort(key=lambda m: m.when)
    facts = {"thread_path": path, "participants": participants}
    for n, m in enumerate(messages, 1):
        m.id = f"{ids_prefix}{n}"
        m.recorded.update({k: v for k, v in facts.items() if v})
    return messages


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
            _attach(msg, item.get("uri") if isinstance(item, dict) else None, kind)
    sticker = m.get("sticker")
    if isinstance(sticker, dict):
        _attach(msg, sticker.get("uri"), "photo")
        msg.recorded["sticker"] = True
    _recorded(msg, m, where)
    return msg


def _attach(msg: Message, uri: object, kind: str) -> None:
    if isinstance(uri, str) and safe_member(uri) and len(uri) <= 4096:
        msg.attachments.append(Attachment(safe_member(uri), kind))
        msg.kind = kind if msg.kind == "text" else msg.kind


def _recorded(msg: Message, m: dict, where: str) -> None:
    share = m.get("share")
    if isinstance(share, dict):
        link = share.get("link")
        if isinstance(link, str) and link:
            msg.recorded["shared_link"] = link[:8000]
            if not msg.text:
                msg.text = link[:8000]
        if share.get("share_text"):
            msg.recorded["share_text"] = _text(share.get("share_text"), where + ", share_text")
    reactions = m.get("reactions")
    if isinstance(reactions, list) and reactions:
        msg.recorded["reactions"] = [{"reaction": _text(r.get("reaction"), where + ", reactions"),
                                      "actor": _text(r.get("actor"), where + ", reactions")}
                                     for r in reactions[:500] if isinstance(r, dict)]
    duration = m.get("call_duration")
    if isinstance(duration, int) and not isinstance(duration, bool):
        msg.recorded["call_duration"] = duration
        if m.get("missed"):
            msg.recorded["missed_call"] = True
    if m.get("is_unsent"):
        msg.recorded["unsent"] = True
