"""X (Twitter) archive: data/tweets.js (and data/account.js for the account's handle and id).

The .js files are JavaScript assignments, `window.YTD.tweets.part0 = [...]`: the prefix up to
the first "=" is removed and the rest parsed as JSON, never evaluated. A post's time follows
from its id (a snowflake: milliseconds since 2010-11-04 01:42:54.657 UTC in its upper bits),
which is checked against created_at; the id's time is used when both exist.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.model import Attachment, Author, ImportPreview, Message
from app.core.importers.sources import MAX_FIELD_CHARS, FolderReader, load_json, read_bounded
from app.core.importers.timecheck import check_instant

TWITTER_EPOCH_MS = 1288834974657
_PREFIX = re.compile(rb"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
_PARTS = re.compile(r"tweets(-part\d+)?\.js$")


def strip_assignment(data: bytes, name: str) -> object:
    """The JSON after `window.YTD.<name>.partN =`; anything else is refused."""
    m = _PREFIX.match(data)
    if not m:
        raise MalformedExport(_("the file does not start with 'window.YTD'"), name)
    return load_json(data[m.end():], name)


def snowflake_time(ident: int) -> datetime | None:
    """The time encoded in a post id, or None for ids from before snowflakes (2010)."""
    if ident < (1 << 22) * 1000:
        return None
    return datetime.fromtimestamp(((ident >> 22) + TWITTER_EPOCH_MS) / 1000, UTC)


def _data_dir(path: Path) -> Path:
    path = Path(path)
    if path.is_file():
        return path.parent
    return path / "data" if (path / "data").is_dir() else path


def parse(path: Path, **_options: object) -> ImportPreview:
    data_dir = _data_dir(path)
    files = sorted(p for p in data_dir.iterdir() if _PARTS.match(p.name) and p.is_file()) if data_dir.is_dir() else []
    if not files:
        raise MalformedExport(_("the archive holds no data/tweets.js"), data_dir.name)
    author, sources = Author(), []
    account_js = data_dir / "account.js"
    if account_js.is_file():
        data, source = read_bounded(account_js)
        sources.append(source)
        author = _account(strip_assignment(data, account_js.name))
    messages = []
    for f in files:
        data, source = read_bounded(f)
        sources.append(source)
        items = strip_assignment(data, f.name)
        if not isinstance(items, list):
            raise MalformedExport(_("a list of posts was expected"), f.name)
        messages += [_post(item, f"{f.name}, item {i}", author) for i, item in enumerate(items)]
    messages.sort(key=lambda m: m.when)
    return ImportPreview("x", "x", messages, sources, FolderReader(data_dir), timezone="UTC")


def _account(items: object) -> Author:
    try:
        account = items[0]["account"]
        return Author(display_name=str(account.get("accountDisplayName", "")), handle=str(account["username"]),
                      numeric_id=str(account["accountId"]))
    except (KeyError, IndexError, TypeError, AttributeError):
        raise MalformedExport(_("account.js does not name the account"), "account.js") from None


def _post(item: object, where: str, author: Author) -> Message:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        raise MalformedExport(_("a post is not an object"), where)
    id_str = str(tweet.get("id_str") or tweet.get("id") or "")
    if not id_str.isdigit() or len(id_str) > 20:
        raise MalformedExport(_("the field '{field}' is missing or not a number").format(field="id_str"), where)
    text = tweet.get("full_text", tweet.get("text", ""))
    if not isinstance(text, str) or len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("the field '{field}' is not text").format(field="full_text"), where)
    when = snowflake_time(int(id_str))
    recorded = {}
    created = tweet.get("created_at")
    if isinstance(created, str):
        try:
            stated = datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y")
            recorded["created_at"] = created
            when = when or stated
        except ValueError:
            raise MalformedExport(_("the field '{field}' is not a date").format(field="created_at"), where) from None
    if when is None:
        raise MalformedExport(_("the post has no time"), where)
    check_instant(when, where, "id_str")
    handle = author.handle
    msg = Message(id=id_str, when=when.astimezone(UTC).isoformat(timespec="seconds"), text=text, author=author,
                  thread="x", link=f"https://x.com/{handle or 'i'}/status/{id_str}" if handle else
                  f"https://x.com/i/status/{id_str}",
                  reply_to=str(tweet.get("in_reply_to_status_id_str") or ""), recorded=recorded)
    if text.startswith("RT @"):
        msg.forwarded_from = text[3:].split(":", 1)[0]
    media = ((tweet.get("extended_entities") or {}).get("media") or []) if isinstance(
        tweet.get("extended_entities"), dict) else []
    for n, item in enumerate(media if isinstance(media, list) else []):
        url = item.get("media_url_https") or item.get("media_url") if isinstance(item, dict) else ""
        if isinstance(url, str) and url:
            name = f"tweets_media/{id_str}-{url.rpartition('/')[2]}"
            kind = "video" if isinstance(item, dict) and item.get("type") in ("video", "animated_gif") else "photo"
            msg.attachments.append(Attachment(name, kind))
            if n == 0:
                msg.kind = kind
    return msg
