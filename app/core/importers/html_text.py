"""What a saved or archived HTML page says about itself, read from its bytes: its encoding
(byte-order mark, the server's Content-Type charset, `<meta charset>`), its title and its
canonical link. Only the page's head is looked at; nothing is rendered or fetched."""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser

HEAD_BYTES = 200_000
_META_CHARSET = re.compile(rb"<meta[^>]{0,400}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]{1,40})", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]{1,40})", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>(.{0,4000}?)</title>", re.IGNORECASE | re.DOTALL)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _known(name: str) -> str:
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return ""
    # As browsers do (WHATWG encoding standard): "latin-1" and "ascii" pages are windows-1252.
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def charset(data: bytes, content_type: str = "") -> str:
    """The page's encoding: a BOM wins, then the server's header, then <meta>, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    stated = _HEADER_CHARSET.search(content_type or "")
    if stated and (name := _known(stated.group(1))):
        return name
    meta = _META_CHARSET.search(data[:4096])
    if meta and (name := _known(meta.group(1).decode("ascii", "replace"))):
        # A page saved as UTF-8 can still say "utf-16" in its meta: that cannot be (it parsed as ASCII).
        return "utf-8" if name.startswith("utf-16") else name
    return "utf-8"


def decode(data: bytes, content_type: str = "") -> str:
    """The text of the page's bytes in its own encoding (undecodable bytes replaced)."""
    enc = charset(data, content_type)
    if enc in ("utf-16-le", "utf-16-be"):
        data = data[2:]
    return data.decode(enc, "replace").removeprefix("\ufeff")


def _head(data: bytes, content_type: str) -> bytes:
    """The head re-encoded as UTF-8, so the byte patterns work on UTF-16 pages too."""
    enc = charset(data, content_type)
    head = data[:HEAD_BYTES]
    return head if enc == "utf-8" else decode(head, content_type).encode("utf-8")


def title(data: bytes, content_type: str = "") -> str:
    """The page's <title>, entities resolved, spaces collapsed; "" when it has none."""
    head = _head(data, content_type)
    found = _TITLE.search(head)
    if not found:
        return ""
    text = found.group(1).decode("utf-8", "replace")  # the head is UTF-8 by now
    return " ".join(html.unescape(text).split())[:1000]


class _Head(HTMLParser):
    """<meta name|property=... content=...>, <link rel=canonical href>, <base href> of a head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta" and "content" in a:
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key:
                self.meta.setdefault(key, a["content"].strip()[:2000])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.links.setdefault("canonical", a.get("href", "").strip())
        elif tag == "base":
            self.links.setdefault("base", a.get("href", "").strip())


def head_facts(data: bytes, content_type: str = "") -> tuple[dict[str, str], dict[str, str]]:
    """The head's <meta> values by (lower-case) name and its canonical and base links."""
    parser = _Head()
    text = _head(data, content_type)[:HEAD_BYTES].decode("utf-8", "replace")
    end = text.lower().find("</head>")
    try:
        parser.feed(text[:end] if end > 0 else text)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return parser.meta, parser.links


def absolute(url: str) -> str:
    """The URL if it is an absolute web address, else ""."""
    url = url.strip()
    return url if url.startswith(("http://", "https://")) and len(url) <= 8000 else ""


def canonical_url(data: bytes, content_type: str = "") -> str:
    """The page's own statement of its address (rel=canonical, og:url), when absolute."""
    meta, links = head_facts(data, content_type)
    return absolute(links.get("canonical", "")) or absolute(meta.get("og:url", ""))
