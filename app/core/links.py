"""Links into the platforms: which platform a link points into, its canonical form, and a pasted
list of links read one item per line.

The canonical form is the link a platform's moderators open, without what the app added when it
was shared: tracking parameters (utm_*, fbclid, igshid, si, X's s and t) can identify who shared
it, and the same post reached by the mobile site, the short domain or the /s/ preview is one item.
Short links whose target is unknown offline (vm.tiktok.com, t.co, fb.watch, youtu.be is known)
are kept as they are, less their query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit

from app.core.i18n import _

# Hosts (and their subdomains) per platform code of app.core.models.PLATFORMS.
_HOSTS = {
    "telegram": ("t.me", "telegram.me", "telegram.dog", "telegram.org"),
    "facebook": ("facebook.com", "fb.com", "fb.watch", "fb.me", "messenger.com", "m.me"),
    "instagram": ("instagram.com", "instagr.am"),
    "whatsapp": ("wa.me", "whatsapp.com"),
    "x": ("x.com", "twitter.com", "t.co"),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be", "youtube-nocookie.com"),
}
_BY_HOST = {host: code for code, hosts in _HOSTS.items() for host in hosts}

# Query parameters that only say who shared a link, from where: dropped everywhere.
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "mc_eid", "igshid", "igsh", "mibextid", "si", "feature",
    "ref", "ref_src", "ref_url", "refsrc", "_rdr", "rdid", "share_url", "sfnsn", "paipv", "eav", "hc_ref",
    "fref", "__tn__", "pp", "ab_channel", "is_from_webapp", "sender_device", "sender_web_id", "web_id",
    "_r", "_t", "checksum", "u_code", "share_app_id", "share_link_id", "social_sharing", "embeds_referring_euri",
})
_TRACKING_PREFIXES = ("utm_", "__cft__", "__xts__")
# What identifies a Facebook item when its path does not (story.php?story_fbid=..&id=..).
_FACEBOOK_KEEP = frozenset({"story_fbid", "id", "fbid", "v", "set", "comment_id", "reply_comment_id",
                            "multi_permalinks", "type"})
# What a Telegram post link may add that points at a different item (a comment, a thread).
_TELEGRAM_KEEP = frozenset({"comment", "thread"})
_TELEGRAM_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")

# One link in a line of text: with a scheme, or a bare host with a known-looking TLD and a path
# ("t.me/chan/1"), or www.; what sits around it (bullets, numbering, "<...>") is not the link.
_LINK = re.compile(
    r"(?:https?://|tg://)[^\s<>\"'«»]+"
    r"|(?<![@\w.])(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,24}/[^\s<>\"'«»]*"
    r"|(?<![@\w.])www\.(?:[a-z0-9-]+\.)+[a-z]{2,24}\b",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\"»”’…"


def platform_of_link(url: str) -> str:
    """The platform a link points into, or "" if it is none Sijil knows."""
    host = _host(url)
    labels = host.split(".")
    for i in range(len(labels) - 1):
        code = _BY_HOST.get(".".join(labels[i:]))
        if code:
            return code
    return ""


def _host(url: str) -> str:
    raw = url.strip()
    if not raw:
        return ""
    try:
        return (urlsplit(raw if "://" in raw else "https://" + raw).hostname or "").lower()
    except ValueError:
        return ""


def _clean_query(query: str, keep: frozenset[str] | None = None) -> str:
    """The query less its tracking parameters (and, with `keep`, less every other name), each
    remaining parameter exactly as it was written."""
    kept = []
    for piece in query.split("&"):
        name = unquote_plus(piece.partition("=")[0]).lower()
        if not piece or (keep is not None and name not in keep):
            continue
        if name in _TRACKING or name.startswith(_TRACKING_PREFIXES):
            continue
        kept.append(piece)
    return "&".join(kept)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _telegram(parts, segments: list[str]) -> str:
    if parts.scheme == "tg":  # tg://resolve?domain=chan&post=5, as the desktop app copies it
        q = dict(parse_qsl(parts.query))
        if parts.netloc == "resolve" and q.get("domain"):
            return canonical_link(f"https://t.me/{q['domain']}/{q.get('post', '')}")
        return urlunsplit(parts)
    if segments[:1] == ["s"]:  # the web preview of a channel
        segments = segments[1:]
    if segments and _TELEGRAM_USERNAME.fullmatch(segments[0]) and segments[0].lower() not in ("joinchat", "addstickers"):
        segments[0] = segments[0].lower()  # usernames ignore case; invite codes (+AbC) do not
    query = _clean_query(parts.query, _TELEGRAM_KEEP)
    return "https://t.me/" + "/".join(segments) + (f"?{query}" if query else "")


def _x(host: str, parts, segments: list[str]) -> str:
    if host == "t.co":
        return urlunsplit(("https", "t.co", parts.path, "", ""))
    if len(segments) >= 3 and segments[1] == "status" and segments[2].isdigit():
        return f"https://x.com/{segments[0]}/status/{segments[2]}"
    if len(segments) >= 4 and segments[:3] == ["i", "web", "status"] and segments[3].isdigit():
        return f"https://x.com/i/web/status/{segments[3]}"
    if len(segments) >= 3 and segments[:2] == ["i", "status"] and segments[2].isdigit():
        return f"https://x.com/i/web/status/{segments[2]}"
    # A profile or post needs no query (s= and t= only say who shared it); a search is its query.
    query = _clean_query(parts.query) if segments[:1] in (["search"], ["hashtag"]) else ""
    return "https://x.com/" + "/".join(segments) + (f"?{query}" if query else "")


def _youtube(host: str, parts, segments: list[str]) -> str:
    video = ""
    if host.endswith("youtu.be") and segments:
        video = segments[0]
    elif segments[:1] == ["watch"]:
        video = dict(parse_qsl(parts.query)).get("v", "")
    elif len(segments) >= 2 and segments[0] in ("embed", "live", "v", "e"):
        video = segments[1]
    elif len(segments) >= 2 and segments[0] == "shorts" and _YOUTUBE_ID.fullmatch(segments[1]):
        return f"https://www.youtube.com/shorts/{segments[1]}"
    if _YOUTUBE_ID.fullmatch(video):
        return f"https://www.youtube.com/watch?v={video}"
    query = _clean_query(parts.query)
    return "https://www.youtube.com/" + "/".join(segments) + (f"?{query}" if query else "")


def _tiktok(host: str, parts, segments: list[str]) -> str:
    if host.split(".")[0] in ("vm", "vt"):  # a short link: its target is only known online
        return urlunsplit(("https", host, "/" + "/".join(segments) + "/", "", ""))
    if segments and segments[0].startswith("@"):
        segments[0] = segments[0].lower()  # TikTok usernames are lower case
    return "https://www.tiktok.com/" + "/".join(segments)


def _instagram(parts, segments: list[str]) -> str:
    if len(segments) >= 2 and segments[0] in ("p", "reel", "reels", "tv"):
        kind = "reel" if segments[0] == "reels" else segments[0]
        return f"https://www.instagram.com/{kind}/{segments[1]}/"
    if len(segments) >= 3 and segments[1] in ("p", "reel"):  # instagram.com/<user>/p/<code>/
        return f"https://www.instagram.com/{segments[1]}/{segments[2]}/"
    query = _clean_query(parts.query, frozenset())
    return "https://www.instagram.com/" + "/".join(segments) + ("/" if segments else "") + (f"?{query}" if query else "")


def _facebook(host: str, parts, segments: list[str]) -> str:
    if host.endswith(("fb.watch", "fb.me", "m.me", "messenger.com")):
        return urlunsplit(("https", host.removeprefix("www."), parts.path, _clean_query(parts.query), ""))
    query = _clean_query(parts.query, _FACEBOOK_KEEP)
    return "https://www.facebook.com/" + "/".join(segments) + (f"?{query}" if query else "")


def canonical_link(url: str) -> str:
    """The link a platform's moderators can open (see the module docstring): Telegram posts as
    t.me/<channel>/<id> or t.me/c/<chat_id>/<id>, X posts as x.com/<user>/status/<id>, YouTube
    videos as youtube.com/watch?v=<id>, TikTok videos as tiktok.com/@<user>/video/<id>, Instagram
    posts as instagram.com/p/<code>/, Facebook on www.facebook.com; tracking parameters dropped.
    Text that is not a link comes back as it is (stripped)."""
    raw = url.strip()
    if not raw:
        return raw
    try:
        parts = urlsplit(raw if "://" in raw else "https://" + raw)
        host = (parts.hostname or "").lower()
    except ValueError:
        return raw
    platform = platform_of_link(raw) if parts.scheme != "tg" else "telegram"
    segments = _segments(parts.path)
    if platform == "telegram" and (parts.scheme == "tg" or host.removeprefix("www.") != "telegram.org"):
        return _telegram(parts, segments)
    if platform == "x":
        return _x(host, parts, segments)
    if platform == "youtube":
        return _youtube(host, parts, segments)
    if platform == "tiktok":
        return _tiktok(host, parts, segments)
    if platform == "instagram":
        return _instagram(parts, segments)
    if platform == "facebook":
        return _facebook(host, parts, segments)
    if not host or "." not in host:
        return raw
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    return urlunsplit((parts.scheme.lower() or "https", netloc, parts.path, _clean_query(parts.query), parts.fragment))


def _identity(url: str) -> str:
    """What makes two canonical links one item: an X post is its number, whoever's name is in front."""
    m = re.fullmatch(r"https://x\.com/(?:[^/]+|i/web)/status/(\d+)", url)
    if m:
        return f"x:{m.group(1)}"
    return url.lower() if url.startswith("https://x.com/") else url  # X names ignore case


# Pasted lists ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PastedLink:
    line: int          # 1-based line of the pasted text
    text: str          # the link as pasted
    url: str           # canonical_link(text)
    platform: str      # a code of app.core.models.PLATFORMS, or "" for another site


@dataclass(frozen=True)
class Duplicate:
    line: int
    text: str
    first_line: int    # where the same item was pasted first


@dataclass(frozen=True)
class NotALink:
    line: int
    text: str


@dataclass
class PastedLinks:
    links: list[PastedLink] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    not_links: list[NotALink] = field(default_factory=list)

    def problems(self) -> list[str]:
        """One plain sentence per line that did not become an item, in the app's language."""
        out = [_("Line {line} is not a link, so it was left out: {text}").format(line=n.line, text=_shorten(n.text))
               for n in self.not_links]
        out += [(_("Line {line} has the same item twice, so it was added once.").format(line=d.line)
                 if d.line == d.first_line else
                 _("Line {line} is the same item as line {first}, so it was added once.").format(
                     line=d.line, first=d.first_line)) for d in self.duplicates]
        return out


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _links_in(line: str) -> list[str]:
    found = []
    for m in _LINK.finditer(line):
        token = m.group(0)
        while token and token[-1] in _TRAILING:
            if token[-1] == ")" and token.count("(") >= token.count(")"):
                break  # a link's own parentheses (Wikipedia-style) stay
            token = token[:-1]
        if token:
            found.append(token)
    return found


def parse_links(text: str) -> PastedLinks:
    """Read pasted text as one item per line: every link on a line is an item (in its canonical
    form, with its platform), the same item twice is kept once, and a line with words but no link
    is reported with its number. Blank lines are skipped."""
    result = PastedLinks()
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        tokens = _links_in(stripped)
        if not tokens:
            result.not_links.append(NotALink(number, stripped))
            continue
        for token in tokens:
            url = canonical_link(token)
            key = _identity(url)
            if key in seen:
                result.duplicates.append(Duplicate(number, token, seen[key]))
                continue
            seen[key] = number
            result.links.append(PastedLink(number, token, url, platform_of_link(url)))
    return result
