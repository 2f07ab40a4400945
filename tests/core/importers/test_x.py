"""The X archive as X writes it: zip or folder, tweets.js with a BOM and tweets-part1.js, the
old tweet.js, t.co links expanded, media by "<id>-<name>", replies, retweets, edits, deleted
posts, direct messages, her account; the time from the id checked against created_at."""

from __future__ import annotations

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from tests.core.importers import x_exports as xx


def _by_text(p):
    return {m.text: m for m in p.messages}


@pytest.mark.parametrize("zipped", [False, True])
def test_a_full_archive_zip_or_folder(tmp_path, zipped):
    with importers.parse("x", xx.x_archive(tmp_path / "archive", zipped=zipped)) as p:
        posts = _by_text(p)
        t = posts["Her address is on https://doxx.example/leyla?ref=x now"]
        assert t.when == "2023-07-05T10:30:15+00:00" and t.recorded["time_check"] == "agrees"
        assert t.recorded["urls"][0]["url"] == "https://t.co/AbC123"
        assert t.author.handle == "defender_x" and t.author.numeric_id == "99887766"
        assert t.link == f"https://x.com/defender_x/status/{t.id}"
        photo = next(m for m in p.messages if m.text.startswith("Look"))
        assert photo.kind == "photo" and p.reader.exists(photo.attachments[0].name)
        video = posts["A video"]
        assert [a.kind for a in video.attachments] == ["video"] and video.attachments[0].name.endswith(".mp4")
        reply = posts["@troll stop this"]
        assert reply.reply_to == "1600000000000000000" and reply.recorded["in_reply_to"]["in_reply_to_user_id_str"] \
            == xx.TROLL_ID
        origin = posts["RT @troll: she lives at the corner & works <here>"].origin
        assert (origin.display_name, origin.handle, origin.numeric_id) == ("Troll Account", "troll", xx.TROLL_ID)
        assert photo.text == "Look https://x.com/defender_x/status/1/photo/1"
        assert posts["Reported the accounts"].edited == "yes" and posts["Reported the accounts"].recorded["edit_of"] \
            == posts["Reported the account"].id
        assert len(posts["Reported the account"].recorded["edit_versions"]) == 2
        assert posts["deleted one"].deleted and posts["deleted one"].recorded["deleted_at"].startswith("2023-07-06")
        skew = posts["time skew"]
        assert skew.recorded["time_check"] == "differs" and skew.when == "2023-07-05T10:37:15+00:00"
        assert any("created_at" in n for n in p.notes)
        names = {s.name for s in p.sources}
        assert {"tweets.js", "tweets-part1.js", "account.js", "direct-messages.js"} <= {n.rpartition("/")[2]
                                                                                        for n in names}


def test_direct_messages_have_their_authors_links_and_media(tmp_path):
    with importers.parse("x", xx.x_archive(tmp_path / "a")) as p:
        dms = [m for m in p.messages if m.thread != "x"]
        assert len(dms) == 2  # a group join is not a message
        troll = next(m for m in dms if m.author.numeric_id == xx.TROLL_ID)
        assert troll.text == "I know where you are https://doxx.example/map" and troll.kind == "photo"
        assert p.reader.exists(troll.attachments[0].name)
        assert troll.recorded["reactions"][0]["reactionKey"] == "angry"
        assert troll.when == "2023-07-05T10:31:15+00:00" and troll.id.endswith(":" + troll.id.rpartition(":")[2])
        mine = next(m for m in dms if m is not troll)
        assert mine.author.handle == "defender_x"  # her own, by account.js's id


def test_an_old_archive_without_the_tweet_wrapper(tmp_path):
    with importers.parse("x", xx.old_archive(tmp_path / "a") / "data" / "tweet.js") as p:
        assert [m.text for m in p.messages] == ["old style"] and p.messages[0].author.handle == "defender_x"


def test_an_archive_zip_round_trip_keeps_the_zip_and_the_dm_authors(vault, tmp_path):
    with importers.parse("x", xx.x_archive(tmp_path / "a", zipped=True)) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(split="per-thread"))
    exported = [vault.journal.evidence.get(i) for i in result.export_evidence_ids]
    assert [e.original_name for e in exported] == ["twitter-2023-07-06-abc123.zip"]
    actors = vault.journal.conn.execute("SELECT numeric_id, display_name FROM actors WHERE platform = 'x'").fetchall()
    # Her own account (account.js) is no actor; the troll of the direct messages is the retweeted
    # account: one actor, named by the retweet.
    assert set(actors) == {(xx.TROLL_ID, "Troll Account")}
    troll = vault.journal.actors.where("numeric_id = ?", (xx.TROLL_ID,))[0]
    assert troll.handle == "troll" and troll.profile_url == "https://x.com/troll"
    assert len(result.incident_ids) == 2


@pytest.mark.parametrize(("body", "field"), [
    (xx.js("tweets", [{"tweet": {"id_str": "12x"}}]), "id_str"),
    (xx.js("tweets", [{"tweet": {"id_str": "1676543210987654321", "full_text": 5}}]), "full_text"),
    (xx.js("tweets", [{"tweet": {"id_str": "1676543210987654321", "created_at": "yesterday"}}]), "created_at"),
    (xx.js("tweets", {"tweet": {}}), "list"),
    (b"\xef\xbb\xbfwindow.YTD.tweets.part0 = [{", "JSON"),
])
def test_a_malformed_archive_names_the_file_item_and_field(tmp_path, body, field):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tweets.js").write_bytes(body)
    with pytest.raises(MalformedExport) as err:
        importers.parse("x", tmp_path)
    assert field in err.value.message and "tweets.js" in err.value.message
