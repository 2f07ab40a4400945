"""An X archive as X writes it: "Your archive.html" and assets/ beside data/, every data file a
`window.YTD.<name>.part0 = ` assignment of JSON pretty-printed with " : " (strings for numbers,
"id" beside "id_str"), tweets split in tweets.js, tweets-part1.js...; older archives
(2019) wrote data/tweet.js without the "tweet" wrapper. Media "<tweet id>-<name>"."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.core.importers.exports import photo_bytes, tweet_id_at

ME = {"username": "defender_x", "accountId": "99887766", "accountDisplayName": "ليلى Defender",
      "email": "x@example.org", "createdVia": "web", "createdAt": "2015-03-01T10:00:00.000Z"}
TROLL_ID = "1234"
T0 = datetime(2023, 7, 5, 10, 30, 15, tzinfo=UTC)


def js(name: str, items: list, bom: bool = False) -> bytes:
    body = f"window.YTD.{name}.part0 = " + json.dumps(items, indent=2, separators=(",", " : "), ensure_ascii=False)
    return (b"\xef\xbb\xbf" if bom else b"") + body.encode()


def created(when: datetime) -> str:
    return when.strftime("%a %b %d %H:%M:%S +0000 %Y")


def tweet(when: datetime, text: str, seq: int = 0, **extra) -> dict:
    tid = str(tweet_id_at(when, seq))
    t = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": (when + timedelta(hours=1)).isoformat(),
                                   "editsRemaining": "5", "isEditEligible": True}},
         "retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
         "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
         "display_text_range": ["0", str(len(text))], "favorite_count": "0", "id_str": tid, "truncated": False,
         "retweet_count": "0", "id": tid, "created_at": created(when), "favorited": False, "full_text": text,
         "lang": "en"}
    t.update(extra)
    return t


def archive_files() -> dict[str, bytes]:
    """The data files and media of a full archive, by path inside the archive."""
    t1 = tweet(T0, "Her address is on https://t.co/AbC123 now", entities={
        "hashtags": [], "symbols": [], "user_mentions": [],
        "urls": [{"url": "https://t.co/AbC123", "expanded_url": "https://doxx.example/leyla?ref=x",
                  "display_url": "doxx.example/leyla?ref=x", "indices": ["19", "42"]}]})
    photo_id = str(tweet_id_at(T0 + timedelta(minutes=1)))
    t2 = tweet(T0 + timedelta(minutes=1), "Look https://t.co/PhOtO1", extended_entities={"media": [
        {"media_url_https": "https://pbs.twimg.com/media/F0aBcDeXwAE1x2y.jpg", "type": "photo", "id_str": "9",
         "url": "https://t.co/PhOtO1", "expanded_url": "https://x.com/defender_x/status/1/photo/1"}]})
    video_id = str(tweet_id_at(T0 + timedelta(minutes=2)))
    t3 = tweet(T0 + timedelta(minutes=2), "A video", extended_entities={"media": [
        {"media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/1/pu/img/thumb.jpg", "type": "video",
         "video_info": {"variants": [{"url": "https://video.twimg.com/ext_tw_video/1/pu/vid/720x1280/Zx9.mp4"}]}}]})
    reply = tweet(T0 + timedelta(minutes=3), "@troll stop this", in_reply_to_status_id_str="1600000000000000000",
                  in_reply_to_status_id="1600000000000000000", in_reply_to_user_id_str=TROLL_ID,
                  in_reply_to_screen_name="troll")
    # The archive writes a retweet as "RT @handle: ..." and names the account among the mentions.
    rt = tweet(T0 + timedelta(minutes=4), "RT @troll: she lives at the corner &amp; works &lt;here&gt;",
               retweeted=False, entities={"hashtags": [], "symbols": [], "urls": [], "user_mentions": [
                   {"name": "Troll Account", "screen_name": "troll", "indices": ["3", "9"], "id_str": TROLL_ID,
                    "id": TROLL_ID}]})
    first = tweet(T0 + timedelta(minutes=5), "Reported the account")
    edited = tweet(T0 + timedelta(minutes=6), "Reported the accounts", seq=1)
    first["edit_info"] = {"initial": {"editTweetIds": [first["id_str"], edited["id_str"]], "isEditEligible": True}}
    edited["edit_info"] = {"edit": {"initialTweetId": first["id_str"], "editControlInitial": {
        "editTweetIds": [first["id_str"], edited["id_str"]], "editsRemaining": "4", "isEditEligible": True}}}
    skewed = tweet(T0 + timedelta(minutes=7), "time skew")
    skewed["created_at"] = created(T0 + timedelta(minutes=30))
    deleted = tweet(T0 + timedelta(minutes=8), "deleted one", deleted_at="2023-07-06T09:00:00.000Z")
    dm_me = {"messageCreate": {"recipientId": TROLL_ID, "reactions": [], "urls": [], "text": "Leave me alone",
                               "mediaUrls": [], "senderId": ME["accountId"], "id": str(tweet_id_at(T0, 5)),
                               "createdAt": "2023-07-05T10:30:15.000Z"}}
    dm_troll = {"messageCreate": {"recipientId": ME["accountId"], "reactions": [
        {"senderId": ME["accountId"], "reactionKey": "angry", "eventId": "1", "createdAt": "2023-07-05T10:32:00.000Z"}],
        "urls": [{"url": "https://t.co/Dm1", "expanded": "https://doxx.example/map", "display": "doxx.example/map"}],
        "text": "I know where you are https://t.co/Dm1", "mediaUrls": ["https://ton.twitter.com/dm/1/2/abc.jpg"],
        "senderId": TROLL_ID, "id": str(tweet_id_at(T0 + timedelta(minutes=1), 6)),
        "createdAt": "2023-07-05T10:31:15.000Z"}}
    conv = f"{TROLL_ID}-{ME['accountId']}"
    return {
        "Your archive.html": b"<html><body>Your archive</body></html>",
        "data/account.js": js("account", [{"account": ME}]),
        "data/tweets.js": js("tweets", [{"tweet": t} for t in (t1, t2, t3, reply, rt)], bom=True),
        "data/tweets-part1.js": js("tweets", [{"tweet": t} for t in (first, edited, skewed)]).replace(
            b"window.YTD.tweets.part0", b"window.YTD.tweets.part1"),
        "data/deleted-tweets.js": js("deleted_tweets", [{"tweet": deleted}]),
        "data/direct-messages.js": js("direct_messages", [{"dmConversation": {
            "conversationId": conv, "messages": [dm_troll, dm_me]}}]),
        "data/direct-messages-group.js": js("direct_messages_group", [{"dmConversation": {
            "conversationId": "1676000000000000000", "messages": [
                {"joinConversation": {"initiatingUserId": TROLL_ID, "createdAt": "2023-07-05T10:00:00.000Z"}}]}}]),
        f"data/tweets_media/{photo_id}-F0aBcDeXwAE1x2y.jpg": photo_bytes(11),
        f"data/tweets_media/{video_id}-Zx9AbCdEfGh.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\0" * 64,
        f"data/direct_messages_media/{dm_troll['messageCreate']['id']}-abc.jpg": photo_bytes(12),
    }


def x_archive(root: Path, *, zipped: bool = False) -> Path:
    files = archive_files()
    if zipped:
        path = root / "twitter-2023-07-06-abc123.zip"
        root.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in files.items():
                z.writestr(name, data)
        return path
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def old_archive(root: Path) -> Path:
    """2019: data/tweet.js, no "tweet" wrapper, no edit_info."""
    t = tweet(T0, "old style")
    del t["edit_info"]
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "tweet.js").write_bytes(js("tweet", [t]))
    (root / "data" / "account.js").write_bytes(js("account", [{"account": ME}]))
    return root
