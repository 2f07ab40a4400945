"""Meta "Download your information" as Meta writes it: the zip, the unpacked folder or one
conversation; inbox, e2ee_cutover and archived threads; Instagram; mojibake repaired (Arabic,
emoji); every kind of media; shares, reactions, calls, unsent messages; participants."""

from __future__ import annotations

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from tests.core.importers import meta_exports as mx

THREAD = f"{mx.FB}/inbox/harasser_1234567890"


def _check_harasser_thread(p, prefix=""):
    msgs = [m for m in p.messages if m.thread == "harasser_1234567890"]
    assert [m.id for m in msgs] == [f"{prefix}{n}" for n in range(1, 12)]  # both parts, oldest first
    by_text = {m.text: m for m in msgs}
    angry = by_text["سنجدك 😡🔥"]
    assert angry.author.display_name == "Zoë Hater" and angry.thread_name == "Zoë Hater"
    assert angry.recorded["reactions"] == [{"reaction": "😢", "actor": "ليلى Defender"}]
    assert angry.recorded["participants"] == ["Zoë Hater", "ليلى Defender"]
    assert angry.when == "2023-07-05T10:31:15+00:00"
    kinds = [m.kind for m in msgs if m.attachments]
    assert kinds == ["file", "photo", "video", "voice", "video", "photo"]
    assert all(p.reader.exists(a.name) for m in msgs for a in m.attachments)
    share = by_text["Zoë sent a link."]
    assert share.recorded["shared_link"] == "https://doxx.example/leyla" and share.recorded["share_text"] == \
        "Her home — بيتها"
    call = by_text["Zoë Hater called you."]
    assert call.recorded["call_duration"] == 0 and call.recorded["missed_call"]
    assert by_text["You will regret"].deleted


def test_one_conversation_folder(tmp_path):
    root = mx.write(tmp_path / "dl", mx.facebook_files())
    with importers.parse("meta", root / THREAD / "message_1.json") as p:
        assert p.platform == "facebook"
        _check_harasser_thread(p)


@pytest.mark.parametrize("zipped", ["", "facebook-leyla-2023-07-06-AbCdEf.zip"])
@pytest.mark.parametrize("top", ["", "facebook-leyla-2023-07-06/"])
def test_a_whole_download_reads_every_conversation(tmp_path, zipped, top):
    path = mx.write(tmp_path / "dl", mx.facebook_files(top), zipped=zipped)
    with importers.parse("meta", path) as p:
        _check_harasser_thread(p, prefix="harasser_1234567890:")
        paths = {m.recorded["thread_path"] for m in p.messages}
        assert paths == {"inbox/harasser_1234567890", "e2ee_cutover/troll2_55", "archived_threads/old_66"}
        assert p.sources[0].name == (zipped or p.sources[0].name)


def test_instagram_download(tmp_path, vault):
    path = mx.write(tmp_path / "ig", mx.instagram_files(), zipped="instagram-leyla.d-2023-07-06-XyZ.zip")
    with importers.parse("meta", path) as p:
        assert p.platform == "instagram"
        first, second = p.messages
        assert first.text == "أعرف أين تسكنين 👀" and first.kind == "photo"
        assert second.text == "https://www.instagram.com/p/Cu1AbCdEf/"
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    kinds = sorted(vault.journal.evidence.get(i).kind for i in result.evidence_ids)
    assert kinds == ["image", "text"]
    actor = vault.journal.conn.execute("SELECT display_name, platform FROM actors").fetchall()
    assert ("troll.account", "instagram") in actor


@pytest.mark.parametrize(("message", "field"), [
    ({"sender_name": "x", "timestamp_ms": "1688553015000"}, "timestamp_ms"),
    ({"sender_name": "x", "timestamp_ms": 99_999_999_999_999}, "timestamp_ms"),
    ({"sender_name": 5, "timestamp_ms": mx.T0}, "sender_name"),
    ({"sender_name": "x", "timestamp_ms": mx.T0, "photos": {"uri": "a.jpg"}}, "photos"),
])
def test_a_malformed_message_names_its_file_and_field(tmp_path, message, field):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "message_1.json").write_bytes(mx._doc("t", ["x"], [message], "inbox/t"))
    with pytest.raises(MalformedExport) as err:
        importers.parse("meta", folder)
    assert field in err.value.message and "message_1.json" in err.value.message


def test_an_html_page_without_messages_says_so(tmp_path):
    """HTML downloads are read (test_meta_html); a page that holds no message box is named."""
    thread = tmp_path / "dl" / mx.FB / "inbox" / "harasser_1"
    thread.mkdir(parents=True)
    (thread / "message_1.html").write_text("<html><body>Zoë</body></html>")
    for path in (tmp_path / "dl", thread):
        with pytest.raises(MalformedExport, match="no messages") as err:
            importers.parse("meta", path)
        assert "harasser_1/message_1.html" in err.value.message
