"""Archived web pages, as the Berkeley Protocol recommends capturing them: WARC files
(`wget --warc-file`, Browsertrix, ArchiveWeb.page; plain or gzipped), WACZ (a zip of WARCs
with pages/pages.jsonl and datapackage.json) and single-file HTML saved by a browser.

Each archived HTML page is one item: its URL, its capture time (WARC-Date), the archive's own
digests (WARC-Payload-Digest, WARC-Block-Digest, the WACZ datapackage's hashes) as recorded
metadata, and the page as the archive holds it. A screenshot the archive holds for the page
(Browsertrix and ArchiveWeb.page write "urn:screenshot:<url>" resources) comes with it.
Nothing is fetched from the network, ever: only the archive's bytes are read.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from app.core.errors import FileRejected, MalformedExport
from app.core.evidence import open_regular
from app.core.i18n import _
from app.core.importers.model import Attachment, ImportPreview, Message
from app.core.importers.sources import (
    MAX_MEMBER_BYTES,
    MAX_ZIP_TOTAL_BYTES,
    ExportReader,
    FolderReader,
    SourceFile,
    ZipReader,
    hash_file,
    load_json,
    read_bounded,
    sha256,
)
from app.core.importers.timecheck import check_instant

_TITLE = re.compile(rb"<title[^>]*>(.{0,2000}?)</title>", re.IGNORECASE | re.DOTALL)
_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(\S+?) -->")
_SINGLEFILE_URL = re.compile(rb"^\s*url: (\S+)", re.MULTILINE)
_SINGLEFILE_DATE = re.compile(rb"^\s*saved date: (.+)$", re.MULTILINE)
_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"']([^\"']+)", re.IGNORECASE)
_SCREENSHOT_PREFIXES = ("urn:screenshot:", "urn:view:")


class MemoryReader(ExportReader):
    """Payloads taken from an archive, held in memory under names given at parse time."""

    def __init__(self) -> None:
        self._items: dict[str, bytes] = {}
        self._budget = MAX_ZIP_TOTAL_BYTES

    def add(self, name: str, data: bytes) -> None:
        self._budget -= len(data)
        if self._budget < 0:
            raise FileRejected(_("This archive holds more than {gb} GB of pages, so it was not read.").format(
                gb=MAX_ZIP_TOTAL_BYTES >> 30))
        self._items[name] = data

    def exists(self, name: str) -> bool:
        return name in self._items

    def names(self) -> list[str]:
        return list(self._items)

    def read(self, name: str) -> tuple[bytes, SourceFile]:
        data = self._items[name]
        return data, SourceFile(name, sha256(data), len(data))


def parse(path: Path, **_options: object) -> ImportPreview:
    path = Path(path)
    lower = path.name.lower()
    if lower.endswith((".html", ".htm", ".mhtml")):
        return _single_file(path)
    if lower.endswith(".wacz"):
        return _wacz(path)
    if lower.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        source = hash_file(path)
        reader = MemoryReader()
        fh, _size = open_regular(path)
        with fh:
            messages = _warc_pages(fh, path.name, reader, {})
        return _preview(messages, [source], reader)
    raise MalformedExport(_("this is not a WARC, WACZ or HTML file"), path.name)


def _preview(messages: list[Message], sources: list[SourceFile], reader: ExportReader,
             notes: list[str] | None = None) -> ImportPreview:
    if not messages:
        raise MalformedExport(_("the archive holds no web page"), sources[0].name if sources else "")
    messages.sort(key=lambda m: (m.when, m.id))
    return ImportPreview("web", "", messages, sources, reader, timezone="UTC", notes=notes or [])


def _wacz(path: Path) -> ImportPreview:
    source = hash_file(path)
    archive = ZipReader(path)
    reader = MemoryReader()
    notes: list[str] = []
    try:
        hashes = {}
        if archive.exists("datapackage.json"):
            data, _src = archive.read("datapackage.json")
            package = load_json(data, "datapackage.json")
            for res in package.get("resources", []) if isinstance(package, dict) else []:
                if isinstance(res, dict) and isinstance(res.get("path"), str):
                    hashes[res["path"]] = str(res.get("hash", ""))
        messages = []
        for name in archive.names():
            if name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz")):
                data, member = archive.read(name)
                stated = hashes.get(name, "")
                if stated and stated.removeprefix("sha256:") != member.sha256:
                    notes.append(_("{name} does not match the hash the archive states for it.").format(name=name))
                messages += _warc_pages(io.BytesIO(data), name, reader, {"wacz_member": name,
                                                                         "wacz_member_sha256": member.sha256,
                                                                         "wacz_stated_hash": stated})
    finally:
        archive.close()
    return _preview(messages, [source], reader, notes)


def _warc_pages(fh, name: str, reader: MemoryReader, extra: dict) -> list[Message]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages: dict[str, Message] = {}
    shots: list[tuple[str, bytes]] = []
    try:
        for n, record in enumerate(ArchiveIterator(fh)):
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            rtype = record.rec_type
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else
                     record.rec_headers.get_header("Content-Type")) or ""
            if rtype == "resource" and uri.startswith(_SCREENSHOT_PREFIXES) and ctype.startswith("image/"):
                shots.append((uri.split(":", 2)[2], _payload(record, name)))
            elif rtype in ("response", "resource") and "html" in ctype.lower() and uri.startswith("http"):
                if record.http_headers and not (record.http_headers.get_statuscode() or "").startswith("2"):
                    continue
                pages.setdefault(uri, _page(record, uri, name, n, reader, extra))
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        raise MalformedExport(_("the archive is damaged ({why})").format(why=type(exc).__name__), name) from None
    for url, data in shots:
        page = pages.get(url)
        if page is not None:
            shot_name = f"{page.id}-screenshot"
            reader.add(shot_name, data)
            page.attachments.append(Attachment(shot_name, "photo"))
    return list(pages.values())


def _payload(record, name: str) -> bytes:
    data = record.content_stream().read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise FileRejected(_("A page in this archive is larger than {mb} MB, so it was not read.").format(
            mb=MAX_MEMBER_BYTES >> 20))
    return data


def _page(record, uri: str, name: str, n: int, reader: MemoryReader, extra: dict) -> Message:
    data = _payload(record, name)
    h = record.rec_headers
    when = _warc_date(h.get_header("WARC-Date") or "", f"{name}, record {n}")
    ident = f"{name}#{n}"
    reader.add(ident, data)
    title = _TITLE.search(data[:200_000])
    recorded = {k: v for k, v in {
        "warc_record_id": h.get_header("WARC-Record-ID"), "warc_payload_digest": h.get_header("WARC-Payload-Digest"),
        "warc_block_digest": h.get_header("WARC-Block-Digest"), "warc_file": name, **extra}.items() if v}
    return Message(id=ident, when=when, kind="page", link=uri, thread=name,
                   text=title.group(1).decode("utf-8", "replace").strip() if title else "",
                   attachments=[Attachment(ident, "page")], recorded=recorded)


def _warc_date(text: str, where: str) -> str:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedExport(_("the field '{field}' is not a date").format(field="WARC-Date"), where) from None
    check_instant(when, where, "WARC-Date")
    return when.isoformat()


def _single_file(path: Path) -> ImportPreview:
    data, _source = read_bounded(path, MAX_MEMBER_BYTES)
    head = data[:200_000]
    url = next((m.group(1).decode("utf-8", "replace") for m in (
        _SINGLEFILE_URL.search(head), _SAVED_FROM.search(head), _CANONICAL.search(head)) if m), "")
    saved = _SINGLEFILE_DATE.search(head)
    recorded = {"saved_date": saved.group(1).decode("utf-8", "replace").strip()[:100]} if saved else {}
    mtime = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    title = _TITLE.search(head)
    msg = Message(id=path.name, when=mtime.isoformat(), kind="page", link=url if url.startswith("http") else "",
                  text=title.group(1).decode("utf-8", "replace").strip() if title else "",
                  attachments=[Attachment(path.name, "page")], recorded={**recorded, "time_from": "file"})
    return ImportPreview("web", "", [msg], [], FolderReader(path.parent), timezone=_("the computer's local time"),
                         notes=[_("A page saved by a browser records no capture time; the file's time is used.")])
