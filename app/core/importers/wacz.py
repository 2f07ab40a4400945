"""WACZ (ArchiveWeb.page, Browsertrix): a zip holding archive/*.warc.gz, pages/pages.jsonl
(the pages the crawler or the person meant to capture: url, ts, title), indexes/ (CDX) and
datapackage.json listing every file with its hash ("sha256:<hex>") and size.

Every file the datapackage lists is hashed and compared (and datapackage.json against
datapackage-digest.json); the result is recorded on each page and any mismatch is said in
the preview. When pages.jsonl names pages, only those (and the pages they redirect to) are
items: the other HTML responses of a crawl are frames and embeds. Read in memory only.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import ImportPreview, Message
from app.core.importers.sources import ZipReader, hash_file, load_json
from app.core.importers.web import MemoryReader, WarcScan, preview, scan_warc

MAX_PAGE_LINES = 200_000


def parse(path: Path) -> ImportPreview:
    path = Path(path)
    source = hash_file(path)
    archive = ZipReader(path)
    reader = MemoryReader()
    notes: list[str] = []
    try:
        package, package_check = _package(archive, notes)
        stated = _stated_hashes(package)
        # The WARCs are checked as they are read below; every other listed file here.
        checks = {name: _check(archive, name, stated[name], notes) for name in stated if not _is_warc(name)}
        listed = _listed_pages(archive)
        facts = {k: str(package.get(k))[:200] for k in ("wacz_version", "software", "created", "title")
                 if package.get(k)}
        messages: list[Message] = []
        for name in archive.names():
            if not _is_warc(name):
                continue
            data, member = archive.read(name)
            checks[name] = _compare(name, stated[name], data, notes) if name in stated else "not stated"
            extra = {"wacz_member": name, "wacz_member_sha256": member.sha256,
                     "wacz_stated_hash": stated.get(name, ("", 0))[0],
                     "wacz_hash_check": checks.get(name, "not stated"), "wacz_package_check": package_check,
                     **{f"wacz_{k}": v for k, v in facts.items() if not k.startswith("wacz")}}
            scan = scan_warc(io.BytesIO(data), name, reader, {k: v for k, v in extra.items() if v}, len(data))
            notes += scan.notes()
            messages += _chosen(scan, listed)
    finally:
        archive.close()
    return preview(messages, [source], reader, notes)


def _package(archive: ZipReader, notes: list[str]) -> tuple[dict, str]:
    """datapackage.json (an empty dict when absent) and whether its own digest file agrees."""
    if not archive.exists("datapackage.json"):
        notes.append(_("This WACZ has no datapackage.json: the hashes of its files cannot be checked."))
        return {}, "not stated"
    data, _src = archive.read("datapackage.json")
    package = load_json(data, "datapackage.json")
    if not isinstance(package, dict):
        raise MalformedExport(_("the field '{field}' is not an object").format(field="datapackage.json"),
                              "datapackage.json")
    check = "not stated"
    if archive.exists("datapackage-digest.json"):
        digest = load_json(archive.read("datapackage-digest.json")[0], "datapackage-digest.json")
        stated = digest.get("hash", "") if isinstance(digest, dict) else ""
        if isinstance(stated, str) and stated:
            check = "verified" if _matches(stated, data) else "failed"
            if check == "failed":
                notes.append(_("{name} does not match the hash the archive states for it.").format(
                    name="datapackage.json"))
        if isinstance(digest, dict) and digest.get("signedData"):
            notes.append(_("The WACZ is signed; Sijil records the signature but does not check it."))
    return package, check


def _stated_hashes(package: dict) -> dict[str, tuple[str, int]]:
    found = {}
    resources = package.get("resources", [])
    for res in resources if isinstance(resources, list) else []:
        if isinstance(res, dict) and isinstance(res.get("path"), str) and isinstance(res.get("hash"), str):
            size = res.get("bytes")
            found[res["path"]] = (res["hash"][:200], size if isinstance(size, int) and not isinstance(size, bool)
                                  else -1)
    return found


def _matches(stated: str, data: bytes) -> bool:
    algo, sep, value = stated.partition(":")
    if not sep:  # old WACZ writers gave the bare hex of SHA-256
        algo, value = "sha256", stated
    if algo.lower() not in ("sha256", "sha-256", "md5", "sha1", "sha512"):
        return False
    return hashlib.new(algo.lower().replace("-", ""), data).hexdigest() == value.strip().lower()


def _is_warc(name: str) -> bool:
    return name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz"))


def _check(archive: ZipReader, name: str, stated: tuple[str, int], notes: list[str]) -> str:
    if not archive.exists(name):
        notes.append(_("The WACZ lists {name} but does not hold it.").format(name=name))
        return "missing"
    return _compare(name, stated, archive.read(name)[0], notes)


def _compare(name: str, stated: tuple[str, int], data: bytes, notes: list[str]) -> str:
    digest, size = stated
    if _matches(digest, data) and size in (-1, len(data)):
        return "verified"
    notes.append(_("{name} does not match the hash the archive states for it.").format(name=name))
    return "failed"


def _listed_pages(archive: ZipReader) -> dict[str, dict]:
    """URL -> {title, ts, id} from pages/pages.jsonl and pages/extraPages.jsonl (the first
    line of each is a header: {"format": "json-pages-1.0", ...})."""
    pages: dict[str, dict] = {}
    for name in ("pages/pages.jsonl", "pages/extraPages.jsonl"):
        if not archive.exists(name):
            continue
        lines = archive.read(name)[0].splitlines()
        if len(lines) > MAX_PAGE_LINES:
            raise MalformedExport(_("the archive holds more than {n} records").format(n=MAX_PAGE_LINES), name)
        for i, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise MalformedExport(_("the JSON is broken: {why}").format(why=_("not one object per line")),
                                      _("{name}, line {line}").format(name=name, line=i)) from None
            if isinstance(entry, dict) and isinstance(entry.get("url"), str) and "format" not in entry:
                pages.setdefault(entry["url"], {k: str(entry[k])[:1000] for k in ("title", "ts", "id")
                                                if entry.get(k)})
    return pages


def _chosen(scan: WarcScan, listed: dict[str, dict]) -> list[Message]:
    messages = scan.messages()
    if not listed:
        return messages
    wanted = {scan.final_url(url): facts for url, facts in listed.items()}
    wanted.update(listed)
    kept = []
    for m in messages:
        facts = wanted.get(m.link)
        if facts is None:
            continue
        if facts.get("title") and not m.text:
            m.text = " ".join(facts["title"].split())
        m.recorded.update({f"wacz_page_{k}": v for k, v in facts.items()})
        kept.append(m)
    return kept
