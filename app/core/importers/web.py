"""Archived web pages, as the Berkeley Protocol recommends capturing them: WARC files
(`wget --warc-file`, Browsertrix, ArchiveWeb.page; plain, gzipped record by record or whole;
the older ARC format too), WACZ (app.core.importers.wacz) and pages saved by a browser
(app.core.importers.saved_page).

Each archived HTML page (a 2xx response, or a resource record) is one item: its URL, its
capture time (WARC-Date), the archive's own digests (WARC-Payload-Digest, WARC-Block-Digest,
in any algorithm and encoding the WARC standard allows) checked against the bytes and the
result recorded, and the page as the archive holds it. Redirects (3xx with Location) are
followed inside the archive and recorded on the page they lead to; revisit records (the same
bytes seen again) are recorded as later captures. A screenshot the archive holds for the page
(Browsertrix "urn:view:", "urn:fullPage:", "urn:thumbnail:"; ArchiveWeb.page
"urn:screenshot:") comes with it as a picture. Nothing is fetched from the network, ever.
"""

from __future__ import annotations

import gzip
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from app.core.errors import FileRejected, MalformedExport
from app.core.evidence import open_regular
from app.core.i18n import _
from app.core.importers import html_text
from app.core.importers.model import Attachment, ImportPreview, Message
from app.core.importers.sources import (
    MAX_MEMBER_BYTES,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    ExportReader,
    SourceFile,
    hash_file,
    not_in_export,
)
from app.core.importers.timecheck import check_instant

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_RECORDS = 1_000_000
MAX_SMALL_PAYLOAD = 1 << 20   # warcinfo fields, urn:pageinfo JSON
MAX_REDIRECT_HOPS = 20
# The picture shown for a page: the visible part first, the whole page next, a thumbnail last.
SHOT_RANK = {"screenshot": 0, "view": 0, "fullPage": 1, "thumbnail": 2}


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

    def forget(self, prefix: str) -> None:
        for name in [n for n in self._items if n.startswith(prefix)]:
            self._budget += len(self._items.pop(name))

    def exists(self, name: str) -> bool:
        return name in self._items

    def names(self) -> list[str]:
        return list(self._items)

    def _read(self, name: str) -> tuple[bytes, str, None]:
        if name not in self._items:
            raise not_in_export()
        return self._items[name], name, None


def parse(path: Path, **_options: object) -> ImportPreview:
    from app.core.importers import saved_page, wacz

    path = Path(path)
    lower = path.name.lower()
    if lower.endswith(saved_page.SAVED_SUFFIXES):
        return saved_page.parse(path)
    if lower.endswith(".wacz"):
        return wacz.parse(path)
    if lower.endswith(WARC_SUFFIXES):
        source = hash_file(path)
        reader = MemoryReader()
        fh, size = open_regular(path)
        with fh:
            scan = scan_warc(fh, path.name, reader, {}, size)
        return preview(scan.messages(), [source], reader, scan.notes())
    raise MalformedExport(_("this is not a WARC, WACZ or HTML file"), path.name)


def preview(messages: list[Message], sources: list[SourceFile], reader: ExportReader,
            notes: list[str] | None = None) -> ImportPreview:
    if not messages:
        raise MalformedExport(_("the archive holds no web page"), sources[0].name if sources else "")
    messages.sort(key=lambda m: (m.when, m.id))
    return ImportPreview("web", "", messages, sources, reader, timezone="UTC", notes=notes or [])


@dataclass
class WarcScan:
    """What one WARC holds, gathered record by record (pages are Messages already)."""

    name: str
    pages: list[Message] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)         # URL -> Location, absolute
    shots: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)  # page URL -> (rank, kind, image)
    page_ids: dict[str, str] = field(default_factory=dict)          # URL -> WARC-Page-ID / urn:pageinfo id
    revisits: list[dict] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)              # warcinfo fields
    failed: list[str] = field(default_factory=list)                 # records whose digests do not match
    reader: MemoryReader | None = None                              # where page and picture bytes go

    def final_url(self, url: str) -> str:
        for _hop in range(MAX_REDIRECT_HOPS):
            if url not in self.redirects:
                break
            url = self.redirects[url]
        return url

    def messages(self) -> list[Message]:
        """The pages with their redirects, revisits, screenshots and warcinfo attached."""
        by_url: dict[str, list[Message]] = {}
        by_digest: dict[str, Message] = {}
        for page in self.pages:
            by_url.setdefault(page.link, []).append(page)
            if page.recorded.get("warc_payload_digest"):
                by_digest.setdefault(page.recorded["warc_payload_digest"], page)
        for src in self.redirects:
            end = self.final_url(src)
            for page in by_url.get(end, []):
                page.recorded.setdefault("redirected_from", []).append(src)
        for rv in self.revisits:
            original = by_digest.get(rv["payload_digest"]) or next(iter(by_url.get(rv["refers_to_uri"], [])), None)
            if original is not None:
                original.recorded.setdefault("revisits", []).append(
                    {k: v for k, v in rv.items() if v and k != "payload_digest"})
        for url, (_rank, kind, data) in self.shots.items():
            pages = by_url.get(self.final_url(url)) or by_url.get(url)
            if pages and self.reader is not None:
                page = pages[-1]
                name = f"{page.id}/screenshot-{kind}{_image_suffix(data)}"
                self.reader.add(name, data)
                page.attachments.append(Attachment(name, "photo"))
                page.recorded["screenshot"] = f"urn:{kind}:{url}"
        info = {k: v for k, v in self.info.items() if k in ("software", "format", "isPartOf", "description",
                                                           "operator", "robots", "http-header-user-agent")}
        for page in self.pages:
            if info:
                page.recorded["warcinfo"] = info
            if page.link in self.page_ids:
                page.recorded.setdefault("page_id", self.page_ids[page.link])
        return list(self.pages)

    def notes(self) -> list[str]:
        if not self.failed:
            return []
        return [_("{n} records of {name} do not match the digests the archive states for them (first: {where}); "
                  "they may have been altered after capture.").format(n=len(self.failed), name=self.name,
                                                                      where=self.failed[0])]


def _image_suffix(data: bytes) -> str:
    for magic, suffix in ((b"\x89PNG", ".png"), (b"\xff\xd8", ".jpg"), (b"RIFF", ".webp")):
        if data.startswith(magic):
            return suffix
    return ""


class _WholeGzip(Exception):
    """The WARC was gzipped as one stream (`gzip capture.warc`), not record by record."""


def scan_warc(fh, name: str, reader: MemoryReader, extra: dict, packed: int) -> WarcScan:
    """Read every record of one WARC (or ARC) stream of `packed` bytes; raise MalformedExport on
    damage, FileRejected when its records add up to far more than a gzip could honestly hold."""
    try:
        return _scan(fh, name, reader, extra, packed)
    except _WholeGzip:
        # warcio reads only gzip member by member, as the tools write: unpack the stream first
        reader.forget(f"{name}#")
        fh.seek(0)
        return _scan(gzip.GzipFile(fileobj=fh, mode="rb"), name, reader, extra, packed)


def _scan(fh, name: str, reader: MemoryReader, extra: dict, packed: int) -> WarcScan:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class QuietIterator(ArchiveIterator):
        # warcio writes the bytes after a record whose length is wrong to stderr: page content
        # would reach the logs. The damage still shows as a broken next record.
        INC_RECORD = ""

        def _raise_invalid_gzip_err(self) -> None:
            raise _WholeGzip()

    scan = WarcScan(name, reader=reader)
    budget = max(packed * MAX_ZIP_RATIO, 64 << 20)
    try:
        for n, record in enumerate(QuietIterator(fh, check_digests=True, arc2warc=True)):
            if n >= MAX_RECORDS:
                raise MalformedExport(_("the archive holds more than {n} records").format(n=MAX_RECORDS), name)
            budget -= max(record.length or 0, 0)
            if budget < 0:
                raise _bomb()
            _record(scan, record, n, extra)
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, LookupError, TypeError, AttributeError,
            zlib.error) as exc:  # warcio trips on some damage (a record without a URI) with AttributeError
        raise MalformedExport(_("the archive is damaged ({why})").format(why=type(exc).__name__), name) from None
    return scan


def _bomb() -> FileRejected:
    return FileRejected(_("A file inside this zip expands far beyond its packed size (a 'zip bomb'), so it was not "
                          "read. Nothing was changed."))


def _record(scan: WarcScan, record, n: int, extra: dict) -> None:
    h = record.rec_headers
    uri = (h.get_header("WARC-Target-URI") or "").strip().removeprefix("<").removesuffix(">")  # WARC 1.1 draft
    rtype = record.rec_type
    where = _("{name}, record {n}").format(name=scan.name, n=n)
    http = record.http_headers if rtype in ("response", "revisit") else None
    ctype = ((http.get_header("Content-Type") if http else None) or h.get_header("Content-Type") or "").lower()
    status = (http.get_statuscode() or "") if http else ""
    if page_id := h.get_header("WARC-Page-ID"):
        scan.page_ids.setdefault(uri, page_id)
    if rtype == "warcinfo":
        scan.info.update(_warc_fields(_payload(record, MAX_SMALL_PAYLOAD)))
    elif rtype == "response" and status.startswith("3") and http.get_header("Location"):
        scan.redirects[uri] = urljoin(uri, http.get_header("Location").strip())
    elif rtype == "revisit" and uri.startswith("http"):
        scan.revisits.append({"uri": uri, "date": _warc_date(h.get_header("WARC-Date") or "", where),
                              "record_id": h.get_header("WARC-Record-ID") or "",
                              "refers_to_uri": h.get_header("WARC-Refers-To-Target-URI") or uri,
                              "refers_to_date": h.get_header("WARC-Refers-To-Date") or "",
                              "payload_digest": h.get_header("WARC-Payload-Digest") or "", "status": status})
    elif rtype == "resource" and uri.startswith("urn:"):
        kind, _sep, url = uri[4:].partition(":")
        if kind in SHOT_RANK and ctype.startswith("image/"):
            held = scan.shots.get(url)
            if held is None or SHOT_RANK[kind] < held[0]:
                scan.shots[url] = (SHOT_RANK[kind], kind, _payload(record))
                if _digest_check(record) == "failed":
                    scan.failed.append(where)
        elif kind == "pageinfo":
            info = _json_or_none(_payload(record, MAX_SMALL_PAYLOAD))
            if isinstance(info, dict) and isinstance(info.get("pageid"), str):
                scan.page_ids.setdefault(url, info["pageid"][:200])
    elif rtype in ("response", "resource") and uri.startswith(("http://", "https://")) and "html" in ctype:
        if rtype == "response" and not status.startswith("2"):
            return
        scan.pages.append(_page(scan, record, uri, ctype, n, where, extra))


def _payload(record, limit: int | None = None) -> bytes:
    limit = limit or MAX_MEMBER_BYTES
    try:
        data = record.content_stream().read(limit + 1)
    except (ValueError, EOFError, OSError, zlib.error) as exc:  # a damaged chunked or gzip body
        raise MalformedExport(_("the archive is damaged ({why})").format(why=type(exc).__name__),
                              record.rec_headers.get_header("WARC-Target-URI") or "") from None
    if len(data) > limit:
        raise FileRejected(_("A page in this archive is larger than {mb} MB, so it was not read.").format(
            mb=limit >> 20))
    return data


def _digest_check(record) -> str:
    """'verified', 'failed' or 'not stated': the record's digests against its bytes, once the
    record has been read to its end (warcio hashes as it reads)."""
    while record.raw_stream.read(1 << 16):
        pass
    checker = record.digest_checker
    if checker is None or checker.passed is None:
        return "failed" if checker is not None and checker.problems else "not stated"
    return "verified" if checker.passed and not checker.problems else "failed"


def _page(scan: WarcScan, record, uri: str, ctype: str, n: int, where: str, extra: dict) -> Message:
    data = _payload(record)
    check = _digest_check(record)
    if check == "failed":
        scan.failed.append(where)
    h = record.rec_headers
    when = _warc_date(h.get_header("WARC-Date") or "", where)
    ident = f"{scan.name}#{n}"
    name = f"{ident}/page.html"
    scan.reader.add(name, data)
    arc = scan.name.lower().endswith((".arc", ".arc.gz"))  # warcio makes up record ids for ARC: not the archive's
    recorded = {k: v for k, v in {
        "warc_record_id": "" if arc else h.get_header("WARC-Record-ID"), "warc_payload_digest": h.get_header("WARC-Payload-Digest"),
        "warc_block_digest": h.get_header("WARC-Block-Digest"), "warc_digest_check": check,
        "warc_file": scan.name, "warc_type": record.rec_type, "warc_ip_address": h.get_header("WARC-IP-Address"),
        "encoding": html_text.charset(data, ctype), **extra}.items() if v}
    return Message(id=ident, when=when, kind="page", link=uri, thread=scan.name, text=html_text.title(data, ctype),
                   attachments=[Attachment(name, "page")], recorded=recorded)


def _warc_fields(data: bytes) -> dict[str, str]:
    """"software: Wget/1.21.3" lines of a warcinfo record (application/warc-fields)."""
    fields = {}
    for line in data.decode("utf-8", "replace").splitlines()[:200]:
        key, sep, value = line.partition(":")
        if sep and key.strip() and len(fields) < 50:
            fields.setdefault(key.strip(), value.strip()[:500])
    return fields


def _json_or_none(data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _warc_date(text: str, where: str) -> str:
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise MalformedExport(_("the field '{field}' is not a date").format(field="WARC-Date"), where) from None
    if when.tzinfo is None:
        raise MalformedExport(_("the field '{field}' is not a date").format(field="WARC-Date"), where)
    check_instant(when, where, "WARC-Date")
    return when.isoformat()
