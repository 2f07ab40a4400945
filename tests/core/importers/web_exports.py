"""Web archives built the way the real tools write them, byte by byte (not through warcio's
writer, so that the headers and digests are exactly those of the tool):

- `wget --warc-file`: warcinfo (warc-fields, "software: Wget/1.21.3"), request and response
  pairs, a 301 to https, digests "sha1:<base32>", a revisit (identical-payload-digest) when a
  page is fetched again, a metadata record and resources for the manifest and wget.log; every
  record its own gzip member.
- Browsertrix / ArchiveWeb.page: WARC/1.1, "sha256:<hex>" digests, WARC-Page-ID,
  urn:pageinfo JSON, urn:view / urn:thumbnail / urn:screenshot pictures, urn:text.
- WACZ: datapackage.json (resources with "sha256:<hex>" hash and bytes), datapackage-digest.json,
  pages/pages.jsonl (a header line, then url/ts/title), archive/data.warc.gz, indexes/index.cdx.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zipfile
from pathlib import Path

from tests.core.importers.exports import photo_bytes


def digest(data: bytes, form: str) -> str:
    if form == "sha1-b32":
        return "sha1:" + base64.b32encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode()
    if form == "sha256-hex":
        return "sha256:" + hashlib.sha256(data).hexdigest()
    if form == "sha256-b32":
        return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode()
    raise ValueError(form)


def record(rtype: str, uri: str, date: str, block: bytes, *, content_type: str, form: str = "sha1-b32",
           payload: bytes | None = None, version: str = "1.0", extra: dict | None = None,
           rid: str = "") -> bytes:
    headers = {"WARC-Type": rtype}
    if uri:
        headers["WARC-Target-URI"] = uri
    rid = rid or hashlib.sha256((uri + date + rtype).encode()).hexdigest()[:32]
    headers.update({"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:{rid}>", "Content-Type": content_type})
    if rtype != "warcinfo":
        headers["WARC-Block-Digest"] = digest(block, form)
    if payload is not None:
        headers["WARC-Payload-Digest"] = digest(payload, form)
    headers.update(extra or {})
    headers["Content-Length"] = str(len(block))
    head = f"WARC/{version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def http_response(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


def gz_members(records: list[bytes]) -> bytes:
    return b"".join(gzip.compress(r) for r in records)


PAGE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Thread 42 &amp; doxxing — سنجدك</title>"
        "<link rel=\"canonical\" href=\"https://forum.example/t/42\"></head><body>She lives at …</body></html>"
        ).encode()


def wget_warc(path: Path, *, tamper: bool = False, gz: bool = True) -> Path:
    """What `wget --warc-file=capture http://forum.example/t/42` (then the same page again with
    --warc-dedup) writes: the 301 to https, the page, a revisit, the manifest and the log."""
    date, date2 = "2023-07-04T07:30:15Z", "2023-07-04T07:40:00Z"
    fields = (b"software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.0\r\n"
              b"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
              b"robots: classic\r\nwget-arguments: \"--warc-file=capture\" \"http://forum.example/t/42\"\r\n")
    req1 = b"GET /t/42 HTTP/1.1\r\nUser-Agent: Wget/1.21.3\r\nHost: forum.example\r\n\r\n"
    moved = http_response("301 Moved Permanently", [("Location", "https://forum.example/t/42"),
                                                    ("Content-Length", "0")], b"")
    ok = http_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                  ("Content-Length", str(len(PAGE)))], PAGE)
    revisit = http_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                       ("Content-Length", str(len(PAGE)))], b"")
    log = b"--2023-07-04 10:30:15--  http://forum.example/t/42\nHTTP request sent, awaiting response... 301\n"
    records = [
        record("warcinfo", "", date, fields, content_type="application/warc-fields", extra={"WARC-Filename":
                                                                                            "capture.warc.gz"}),
        record("request", "http://forum.example/t/42", date, req1, content_type="application/http;msgtype=request"),
        record("response", "http://forum.example/t/42", date, moved, content_type="application/http;msgtype=response",
               payload=b"", extra={"WARC-IP-Address": "192.0.2.7"}),
        record("request", "https://forum.example/t/42", date, req1, content_type="application/http;msgtype=request"),
        record("response", "https://forum.example/t/42", date, ok, content_type="application/http;msgtype=response",
               payload=PAGE, rid="original", extra={"WARC-IP-Address": "192.0.2.7"}),
        record("revisit", "https://forum.example/t/42", date2, revisit,
               content_type="application/http;msgtype=response", extra={
                   "WARC-Payload-Digest": digest(PAGE, "sha1-b32"),
                   "WARC-Profile": "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                   "WARC-Refers-To-Target-URI": "https://forum.example/t/42", "WARC-Refers-To-Date": date,
                   "WARC-Refers-To": "<urn:uuid:original>"}),
        record("metadata", "metadata://gnu.org/software/wget/warc/MANIFEST.txt", date2, b"<urn:uuid:x>\n",
               content_type="text/plain"),
        record("resource", "metadata://gnu.org/software/wget/warc/wget.log", date2, log, content_type="text/plain"),
    ]
    if tamper:  # bytes changed after capture: the stated digests no longer match
        records[4] = records[4].replace(b"She lives", b"She lived")
    path.write_bytes(gz_members(records) if gz else b"".join(records))
    return path


def browsertrix_warc(*, form: str = "sha256-hex", shot_kinds=("view", "thumbnail"), url: str = "https://x.example/p/1",
                     software: str = "Browsertrix-Crawler 1.2.0 (with warcio.js 2.2.1)",
                     html: bytes = PAGE, charset: str = "utf-8") -> bytes:
    date = "2023-07-04T07:30:15.123Z"
    page_id = "5e7d8a9b-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
    ok = http_response("200 OK", [("content-type", f"text/html; charset={charset}"),
                                  ("content-length", str(len(html)))], html)
    info = json.dumps({"pageid": page_id, "url": url, "ts": date, "urls": {url: {"status": 200, "mime": "text/html",
                                                                                "type": "document"}},
                       "counts": {"jsErrors": 0}}).encode()
    records = [record("warcinfo", "", date, f"software: {software}\r\nformat: WARC File Format 1.1\r\n"
                      "isPartOf: harassment-capture\r\n".encode(), content_type="application/warc-fields",
                      version="1.1"),
               record("response", url, date, ok, content_type="application/http; msgtype=response", form=form,
                      payload=html, version="1.1", extra={"WARC-Page-ID": page_id}),
               record("resource", f"urn:pageinfo:{url}", date, info, content_type="application/json", form=form,
                      version="1.1", extra={"WARC-Page-ID": page_id, "WARC-Resource-Type": "pageinfo"}),
               record("resource", f"urn:text:{url}", date, b"She lives at", content_type="text/plain", form=form,
                      version="1.1")]
    for n, kind in enumerate(shot_kinds):
        img = photo_bytes(20 + n, (64, 48) if kind != "thumbnail" else (16, 12))
        records.append(record("resource", f"urn:{kind}:{url}", date, img, content_type="image/png", form=form,
                              version="1.1", extra={"WARC-Page-ID": page_id}))
    return gz_members(records)


def arc_file() -> bytes:
    """ARC v1, as Heritrix and the Internet Archive's older crawlers wrote it."""
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<title>old capture</title>\n"
    head = b"1 0 Internet Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://c.arc 0.0.0.0 20230704073015 text/plain %d\n" % len(head) + head + b"\n"
    return arc + b"http://x.example/ 192.0.2.1 20230704073015 text/html %d\n" % len(body) + body + b"\n"


def wacz(path: Path, warc: bytes, *, pages: list[dict] | None = None, break_hash: str = "",
         software: str = "ArchiveWeb.page 0.11.3") -> Path:
    files = {"archive/data.warc.gz": warc,
             "pages/pages.jsonl": b"\n".join(json.dumps(p).encode() for p in [
                 {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"},
                 *(pages if pages is not None else [{"id": "p1", "url": "https://x.example/p/1",
                                                     "ts": "2023-07-04T07:30:15.123Z", "title": "Post 1"}])]) + b"\n",
             "indexes/index.cdx": b"com,example,x)/p/1 20230704073015 {\"url\": \"https://x.example/p/1\"}\n"}
    resources = [{"name": Path(n).name, "path": n, "hash": "sha256:" + hashlib.sha256(d).hexdigest(), "bytes": len(d)}
                 for n, d in files.items()]
    if break_hash:
        files[break_hash] = files[break_hash] + b"\n"  # changed after packing
    package = json.dumps({"profile": "data-package", "wacz_version": "1.1.1", "software": software,
                          "created": "2023-07-04T07:31:00Z", "title": "Capture", "resources": resources},
                         indent=2).encode()
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("datapackage.json", package)
        z.writestr("datapackage-digest.json", json.dumps(
            {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(package).hexdigest()}))
        for name, data in files.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if name.endswith(".gz") else zipfile.ZIP_DEFLATED)
    return path
