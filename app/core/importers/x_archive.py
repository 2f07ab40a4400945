"""X (Twitter) archive, the zip as downloaded or the folder unpacked: data/tweets.js (older
archives: data/tweet.js; large ones add tweets-part1.js, tweets-part2.js...), deleted-tweets.js,
direct-messages.js (app.core.importers.x_messages) and account.js for her own handle and id;
media in data/tweets_media/ named "<tweet id>-<name>".

The .js files are JavaScript assignments, `window.YTD.tweets.part0 = [...]` (UTF-8, at times
with a byte-order mark): the prefix is removed and the rest parsed as JSON, never evaluated.
A post's time follows from its id (a snowflake: milliseconds since 2010-11-04 01:42:54.657 UTC
in its upper bits); created_at ("Wed Jul 05 10:30:15 +0000 2023") is checked against it and
whether they agree is recorded. t.co links are shown as the addresses they stand for.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import export_tree, x_messages
from app.core.importers.model import Attachment, Author, ImportPreview, Message, Owner
from app.core.importers.sources import MAX_FIELD_CHARS, ExportReader, SourceFile, load_json
from app.core.importers.timecheck import check_instant

TWITTER_EPOCH_MS = 1288834974657
TIME_TOLERANCE_S = 1  # created_at has whole seconds, the id milliseconds
_PREFIX = re.compile(rb"^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
_POSTS = re.compile(r"tweets?(-part\d+)?\.js")
_DELETED = re.compile(r"deleted-tweets?(-part\d+)?\.js")
_ACCOUNT = re.compile(r"account\.js")
_RETWEET = re.compile(r"RT @(\w{1,50}):")
_MEDIA_DIRS = ("tweets_media", "tweet_media", "deleted_tweets_media")


def strip_assignment(data: bytes, name: str) -> object:
    """The JSON after `window.YTD.<name>.partN =`; anything else is refused."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    m = _PREFIX.match(data)
    if not m:
        raise MalformedExport(_("the file does not start with 'window.YTD'"), name)
    return load_json(data[m.end():].rstrip().removesuffix(b";"), name)


def snowflake_time(ident: int) -> datetime | None:
    """The time encoded in a post id, or None for ids from before snowflakes (2010)."""
    if ident < (1 << 22) * 1000:
        return None
    return datetime.fromtimestamp(((ident >> 22) + TWITTER_EPOCH_MS) / 1000, UTC)


def read_items(reader: ExportReader, name: str, sources: list[SourceFile]) -> list:
    data, source = reader.read(name)
    sources.append(source)
    items = strip_assignment(data, name.rpartition("/")[2])
    if not isinstance(items, list):
        raise MalformedExport(_("a list of posts was expected"), name)
    return items


def parse(path: Path, **_options: object) -> ImportPreview:
    reader, sources, _chosen = export_tree.open_tree(Path(path))
    try:
        posts = export_tree.matching(reader, _POSTS)
        if not posts:
            raise MalformedExport(_("the archive holds no data/tweets.js"), Path(path).name)
        data_dir = posts[0].rpartition("/")[0]
        prefix = data_dir + "/" if data_dir else ""
        posts = [n for n in posts if n.rpartition("/")[0] == data_dir]
        author, owner = Author(), None
        if (account := prefix + "account.js") and reader.exists(account):
            author = _account(read_items(reader, account, sources))
            owner = Owner(author)
        media = _media_index(reader, prefix)
        messages = []
        for name in posts:
            messages += [_post(item, f"{name}, item {i}", author, media)
                         for i, item in enumerate(read_items(reader, name, sources))]
        for name in export_tree.matching(reader, _DELETED):
            if name.rpartition("/")[0] == data_dir:
                for i, item in enumerate(read_items(reader, name, sources)):
                    messages.append(_deleted(_post(item, f"{name}, item {i}", author, media), item))
        messages += x_messages.read(reader, prefix, author, sources)
    except BaseException:
        reader.close()
        raise
    messages.sort(key=lambda m: (m.when, m.id))
    notes = []
    if differ := sum(1 for m in messages if m.recorded.get("time_check") == "differs"):
        notes.append(_("{n} posts state a time (created_at) that is not the time in their id; the id's time is "
                       "used and both are recorded.").format(n=differ))
    return ImportPreview("x", "x", messages, sources, reader, timezone="UTC", notes=notes, owner=owner)


def _account(items: list) -> Author:
    try:
        account = items[0]["account"]
        return Author(display_name=str(account.get("accountDisplayName", ""))[:200],
                      handle=str(account["username"])[:100], numeric_id=str(account["accountId"])[:30])
    except (KeyError, IndexError, TypeError, AttributeError):
        raise MalformedExport(_("account.js does not name the account"), "account.js") from None


def _media_index(reader: ExportReader, prefix: str) -> dict[str, list[str]]:
    """Tweet id -> its files in data/tweets_media/ ("1676543210987654321-AbCdEf.jpg")."""
    index: dict[str, list[str]] = {}
    for name in reader.names():
        folder, _sep, file = name.rpartition("/")
        if folder in (prefix + d for d in _MEDIA_DIRS):
            ident = file.partition("-")[0]
            if ident.isdigit():
                index.setdefault(ident, []).append(name)
    return index


def _text_field(tweet: dict, where: str) -> str:
    text = tweet.get("full_text", tweet.get("text", ""))
    if not isinstance(text, str) or len(text) > MAX_FIELD_CHARS:
        raise MalformedExport(_("the field '{field}' is not text").format(field="full_text"), where)
    return text


def unescape(text: str) -> str:
    """X stores post text with "&", "<" and ">" as HTML entities (and only those)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def expand_links(text: str, urls: object) -> tuple[str, list[dict]]:
    """t.co links replaced by the addresses the archive says they stand for ("expanded_url" in
    posts, "expanded" in direct messages)."""
    found = []
    for u in urls if isinstance(urls, list) else []:
        full = u.get("expanded_url", u.get("expanded")) if isinstance(u, dict) else None  # posts / messages
        if isinstance(u.get("url"), str) and isinstance(full, str):
            short, full = u["url"][:200], full[:8000]
            if short and short in text:
                text = text.replace(short, full)
            found.append({"url": short, "expanded_url": full})
    return text, found


def _when(tweet: dict, id_str: str, where: str, recorded: dict) -> datetime:
    from_id = snowflake_time(int(id_str))
    stated = None
    created = tweet.get("created_at")
    if created is not None:
        try:
            stated = datetime.strptime(str(created), "%a %b %d %H:%M:%S %z %Y")
        except ValueError:
            raise MalformedExport(_("the field '{field}' is not a date").format(field="created_at"), where) from None
        recorded["created_at"] = str(created)
    if from_id and stated:
        agree = abs((from_id - stated).total_seconds()) <= TIME_TOLERANCE_S
        recorded["time_check"] = "agrees" if agree else "differs"
    when = from_id or stated
    if when is None:
        raise MalformedExport(_("the post has no time"), where)
    check_instant(when, where, "created_at" if stated and not from_id else "id_str")
    if stated:
        check_instant(stated, where, "created_at")
    return when


def _post(item: object, where: str, author: Author, media: dict[str, list[str]]) -> Message:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        raise MalformedExport(_("a post is not an object"), where)
    id_str = str(tweet.get("id_str") or tweet.get("id") or "")
    if not id_str.isdigit() or len(id_str) > 20:
        raise MalformedExport(_("the field '{field}' is missing or not a number").format(field="id_str"), where)
    recorded: dict = {}
    when = _when(tweet, id_str, where, recorded)
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    ext = tweet.get("extended_entities") if isinstance(tweet.get("extended_entities"), dict) else {}
    links = [u for group in (entities.get("urls"), ext.get("media") or entities.get("media"))
             if isinstance(group, list) for u in group]
    text, urls = expand_links(unescape(_text_field(tweet, where)), links)
    if urls:
        recorded["urls"] = urls
    handle = author.handle
    msg = Message(id=id_str, when=when.astimezone(UTC).isoformat(timespec="seconds"), text=text, author=author,
                  thread="x", link=f"https://x.com/{handle}/status/{id_str}" if handle else
                  f"https://x.com/i/status/{id_str}", reply_to=str(tweet.get("in_reply_to_status_id_str") or ""),
                  recorded=recorded)
    reply = {k: str(tweet[k])[:100] for k in ("in_reply_to_screen_name", "in_reply_to_user_id_str") if tweet.get(k)}
    if reply:
        recorded["in_reply_to"] = reply
    _retweeted(tweet, text, entities, msg)
    _edit_info(tweet.get("edit_info"), msg)
    _attach_media(tweet, msg, media.get(id_str, []))
    return msg


def _retweeted(tweet: dict, text: str, entities: dict, msg: Message) -> None:
    """Who wrote a retweeted post first: retweeted_status.user where the post has it (the API's
    form), else the account "RT @handle:" names, with its id and name from the mention of it
    in entities.user_mentions (the archive's form)."""
    user = tweet.get("retweeted_status", {}).get("user") if isinstance(tweet.get("retweeted_status"), dict) else None
    if not isinstance(user, dict):
        named = _RETWEET.match(text)
        if not named:
            return
        handle = named.group(1).casefold()
        mentions = entities.get("user_mentions") if isinstance(entities.get("user_mentions"), list) else []
        user = next((u for u in mentions if isinstance(u, dict) and str(u.get("screen_name", "")).casefold()
                     == handle), {"screen_name": named.group(1)})
    msg.forwarded_from = str(user.get("name") or "")[:200]
    msg.forwarded_from_handle = str(user.get("screen_name") or "")[:100]
    ident = str(user.get("id_str") or user.get("id") or "")
    msg.forwarded_from_id = ident if ident.isdigit() and len(ident) <= 30 else ""


def _edit_info(info: object, msg: Message) -> None:
    """{"initial": {"editTweetIds": [...]}} on a first version (more than one id: edited later);
    {"edit": {"initialTweetId": ..., "editControlInitial": {"editTweetIds": [...]}}} on a later one."""
    if not isinstance(info, dict):
        return
    edit, initial = info.get("edit"), info.get("initial")
    control = initial if isinstance(initial, dict) else {}
    if isinstance(edit, dict):
        if str(edit.get("initialTweetId", "")).isdigit():
            msg.edited = "yes"
            msg.recorded["edit_of"] = str(edit["initialTweetId"])[:20]
        control = edit.get("editControlInitial") if isinstance(edit.get("editControlInitial"), dict) else {}
    ids = control.get("editTweetIds")
    if isinstance(ids, list) and len(ids) > 1:
        msg.recorded["edit_versions"] = [str(i)[:20] for i in ids[:100]]


def _attach_media(tweet: dict, msg: Message, files: list[str]) -> None:
    ext = tweet.get("extended_entities") if isinstance(tweet.get("extended_entities"), dict) else {}
    items = ext.get("media") if isinstance(ext.get("media"), list) else []
    kinds = [("video" if i.get("type") in ("video", "animated_gif") else "photo") for i in items if isinstance(i, dict)]
    by_name = {f.rpartition("/")[2].partition("-")[2]: f for f in files}
    for n, item in enumerate(i for i in items if isinstance(i, dict)):
        url = item.get("media_url_https") or item.get("media_url") or ""
        base = url.rpartition("/")[2] if isinstance(url, str) else ""
        name = by_name.pop(base, "")
        if not name and kinds[n] == "video":
            continue  # the file is saved under the video's own name: added below
        msg.attachments.append(Attachment(name or f"tweets_media/{msg.id}-{base}", kinds[n], present=bool(name)))
    for name in by_name.values():  # videos are saved under their own names, not the poster picture's
        ext_name = name.rpartition(".")[2].lower()
        msg.attachments.append(Attachment(name, "video" if ext_name in ("mp4", "mov", "m3u8") else "photo"))
    if msg.attachments:
        msg.kind = kinds[0] if kinds else msg.attachments[0].kind


def _deleted(msg: Message, item: object) -> Message:
    tweet = item.get("tweet", item) if isinstance(item, dict) else {}
    msg.deleted = True
    if isinstance(tweet, dict) and tweet.get("deleted_at"):
        msg.recorded["deleted_at"] = str(tweet["deleted_at"])[:50]
    return msg
