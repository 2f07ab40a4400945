"""Each export format read into a preview, from exports written the way the apps write them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import filters, meta, whatsapp, x_archive
from app.core.importers.filters import MessageFilter
from tests.core.importers import exports as ex


def by_id(preview):
    return {m.id.rpartition(":")[2]: m for m in preview.messages}


# Telegram JSON ---------------------------------------------------------------------------------

def test_telegram_json_fields_reach_the_message(tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        m = by_id(p)
        assert m["2"].when == "2023-07-04T10:32:15+03:00" and p.timezone == "UTC+03:00"
        assert m["2"].author.numeric_id == "777" and m["2"].author.display_name == "Harasser"
        assert m["2"].link == "https://t.me/c/1234567890/2"
        assert m["3"].text == "Look here link"  # a list of strings and entity objects
        assert m["4"].kind == "photo" and m["4"].attachments[0].present
        assert m["5"].forwarded_from == "Hate channel" and "forwarded" in m["5"].kinds
        assert m["6"].reply_to == "2" and m["6"].edited == "2023-07-04T10:41:15+03:00"
        assert m["7"].attachments[0].present is False  # "(File not included ...)"
        assert m["1"].kind == "service"
        assert p.sources[0].name == "result.json" and len(p.sources[0].sha256) == 64


@pytest.mark.parametrize(("chat_type", "chat_id", "username", "link"), [
    ("private_channel", -1001234567890, "", "https://t.me/c/1234567890/2"),
    ("public_channel", 1234567890, "hate_channel", "https://t.me/hate_channel/2"),
    ("public_supergroup", 1234567890, "@hate_group", "https://t.me/hate_group/2"),
    ("personal_chat", 42, "", ""),
    ("private_group", 43, "", ""),
])
def test_telegram_canonical_links(tmp_path, chat_type, chat_id, username, link):
    msgs = [ex.telegram_message(2, datetime(2023, 7, 4, 10, 0))]
    folder = ex.telegram_export(tmp_path / "tg", msgs, chat_type=chat_type, chat_id=chat_id)
    with importers.parse("telegram", folder, username=username) as p:
        assert p.messages[0].link == link


def test_telegram_full_account_export_reads_every_chat(tmp_path):
    folder = ex.telegram_sample(tmp_path / "tg", full_account=True)
    with importers.parse("telegram", folder / "result.json") as p:
        assert len(p.messages) == 7 and {m.thread for m in p.messages} == {"1234567890"}


def test_channel_posts_have_channel_authors(tmp_path):
    m = ex.telegram_message(2, datetime(2023, 7, 4, 10, 0))
    m["from"], m["from_id"] = "Hate channel", "channel1234567890"
    with importers.parse("telegram", ex.telegram_export(tmp_path / "tg", [m], chat_type="public_channel")) as p:
        assert p.messages[0].author.numeric_id == "channel1234567890"  # not user 1234567890


def test_telegram_html_pages_are_read_in_order(tmp_path):
    with importers.parse("telegram", ex.telegram_html(tmp_path / "h", n=3, pages=2)) as p:
        m = {x.id: x for x in p.messages}
        assert [x.id for x in p.messages if x.kind != "service"] == ["11", "12", "13", "14", "15", "16"]
        assert m["11"].text == "text 11\nsecond line & more" and m["11"].author.display_name == "Troll 0"
        assert m["13"].author.display_name == "Troll 1" and m["13"].reply_to == "11"  # a "joined" message
        assert m["12"].attachments[0].name == "photos/photo_1.jpg" and m["12"].kind == "photo"
        assert m["14"].forwarded_from == "Hate channel" and m["14"].text == "forwarded text"
        assert m["11"].when == "2023-07-04T10:41:15+03:00"
        assert [s.name for s in p.sources] == ["messages.html", "messages2.html"]
    with importers.parse("telegram", tmp_path / "h", username="camp") as p:
        assert p.messages[0].link.startswith("https://t.me/camp/")


# WhatsApp ---------------------------------------------------------------------------------------

# Every locale's sample: tests/core/importers/test_whatsapp_locales.py

def test_whatsapp_ambiguous_dates_follow_the_order_of_the_chat(tmp_path):
    """Every date fits both orders (days and months <= 12): the order under which time runs
    forward wins, and the preview says it was assumed."""
    loc = ex.Locale("en-us", ios=False, day_first=False)
    days = [(3, 10), (3, 11), (3, 12), (4, 1), (4, 2)]
    lines = [ex.WaLine(datetime(2023, m, d, 10, 0), "A", f"m{d}") for m, d in days]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, lines=lines)) as p:
        assert p.date_order == "month-first" and "both orders" in p.date_order_reason
        assert [m.day for m in p.messages] == ["2023-03-10", "2023-03-11", "2023-03-12", "2023-04-01",
                                               "2023-04-02"]
    # the same days written day first, and a chat that stays within a few days of March
    loc = ex.Locale("en-gb", ios=False, day_first=True)
    lines = [ex.WaLine(datetime(2023, 3, d, 10, 0), "A", f"m{d}") for d in (1, 2, 3, 5, 9, 12)]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wb", loc, lines=lines)) as p:
        assert p.date_order == "day-first" and p.messages[-1].day == "2023-03-12"


def test_whatsapp_undecidable_order_is_reported_as_assumed(tmp_path):
    loc = ex.Locale("x", ios=False)
    lines = [ex.WaLine(datetime(2023, 3, 3, 10, 0), "A", "one")]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, lines=lines)) as p:
        assert p.date_order == "day-first" and "assumed" in p.date_order_reason


def test_whatsapp_edited_marker_and_ios_attachment_with_direction_marks(tmp_path):
    text = ("\u200e[04/07/2023, 10:30:15] Ali: \u200e<attached: 00000012-PHOTO-2023-07-04-10-30-15.jpg>\n"
            "[14/07/2023, 10:31:00] Ali: I changed this <This message was edited>\n")
    (tmp_path / "_chat.txt").write_text(text, encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "_chat.txt") as p:
        assert p.messages[0].attachments[0].name == "00000012-PHOTO-2023-07-04-10-30-15.jpg"
        assert p.messages[0].attachments[0].present is False  # not beside the .txt
        assert p.messages[1].edited == "yes" and p.messages[1].text == "I changed this"


@pytest.mark.parametrize(("text", "where"), [
    ("hello\n", "line 1"),
    ("04/07/2023, 10:30 - A: x\n31/13/2023, 10:30 - A: y\n", "line 2"),
    ("04/07/2023, 13:30 PM - A: x\n", "line 1"),
    ("04/07/1890, 10:30 - A: x\n", "line 1"),
    ("", "chat.txt"),
])
def test_whatsapp_malformed_names_the_line(tmp_path, text, where):
    (tmp_path / "chat.txt").write_text(text, encoding="utf-8")
    with pytest.raises(MalformedExport) as err:
        whatsapp.parse(tmp_path / "chat.txt")
    assert where in err.value.message


def test_whatsapp_not_utf8_names_the_line(tmp_path):
    (tmp_path / "chat.txt").write_bytes(b"04/07/2023, 10:30 - A: x\n04/07/2023, 10:31 - A: \xff\n")
    with pytest.raises(MalformedExport, match="line 2"):
        whatsapp.parse(tmp_path / "chat.txt")


# Meta and X -------------------------------------------------------------------------------------

def test_meta_mojibake_is_repaired(tmp_path):
    with importers.parse("meta", ex.meta_export(tmp_path)) as p:
        texts = [m.text for m in p.messages]
        assert "Je sais où tu habites — سنجدك" in texts
        assert {m.author.display_name for m in p.messages} == {"Zoë Hater", "Me"}
        assert p.platform == "facebook" and p.messages[0].when.endswith("+00:00")
        photo = next(m for m in p.messages if m.kind == "photo")
        assert p.reader.exists(photo.attachments[0].name)
    assert meta.repair("plain ü") == "plain ü"  # not mojibake: unchanged


def test_x_archive_is_parsed_not_evaluated_and_time_follows_the_id(tmp_path):
    with importers.parse("x", ex.x_export(tmp_path)) as p:
        first = p.messages[0]
        assert first.when == "2023-07-04T07:30:15+00:00"
        assert first.link == f"https://x.com/defender_x/status/{first.id}"
        assert first.author.numeric_id == "99887766" and first.kind == "photo"
        assert p.reader.exists(first.attachments[0].name)
        assert p.messages[1].reply_to == first.id and p.messages[1].origin.handle == "troll"  # "RT @troll:", no mention listed
    assert x_archive.snowflake_time(ex.tweet_id_at(datetime(2022, 1, 1, tzinfo=x_archive.UTC))).year == 2022


@pytest.mark.parametrize("body", [
    b"alert(1); window.YTD.tweets.part0 = []",
    b"window.YTD.tweets.part0 = (function(){return []})()",
    b"[]",
])
def test_x_archive_refuses_anything_but_the_assignment_of_json(tmp_path, body):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tweets.js").write_bytes(body)
    with pytest.raises(MalformedExport):
        importers.parse("x", tmp_path)


# Filters ----------------------------------------------------------------------------------------

def test_filters_by_text_in_any_script_author_date_and_kind(tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        def ids(**kw):
            return [p.messages[i].id.rpartition(":")[2] for i in filters.select(p, MessageFilter(**kw))]
        assert ids(text="سَنجدك") == ["5"]          # harakat folded away
        assert ids(text="ليلي") == ["5"]            # author name, alef maqsura folded
        assert ids(text="KNOW where") == ["2"]
        assert ids(authors=["4242"]) == ["5"] and ids(authors=["user4242"]) == ["5"]
        assert ids(authors=["harasser"]) == ["2", "3", "4", "6", "7"]
        assert ids(kinds=["photo"]) == ["4", "7"] and ids(kinds=["forwarded"]) == ["5"]
        assert ids(since="2023-07-05") == [] and ids(until="2023-07-04") == ["2", "3", "4", "5", "6", "7"]
        assert ids() == ["2", "3", "4", "5", "6", "7"]  # service messages only when asked for
        assert ids(kinds=["service"]) == ["1"]
        assert ids(ids=["1234567890:3", "5"]) == ["3", "5"]


def test_a_summary_of_the_choice(tmp_path):
    with importers.parse("telegram", ex.telegram_sample(tmp_path / "tg")) as p:
        s = p.summary(filters.select(p, MessageFilter(authors=["777"])))
        assert s["messages"] == 5 and s["first"] == s["last"] == "2023-07-04"
        assert s["authors"] == [{"display_name": "Harasser", "handle": "", "numeric_id": "777", "messages": 5}]
        json.dumps(s)


def test_the_preview_folds_texts_word_by_word_exactly_as_fold_does():
    from app.core.importers.model import _FoldedWords
    from app.core.textnorm import fold
    words = _FoldedWords()
    for text in ("ليلى  الناشطة — KADIN İstanbul", "سنجدك ١٢٣ ۲۰۲۳", "Láylá\tLAYLA\u00a0x", " ", "", "ـــ ـ", "ß ǅ ﬁ"):
        assert words.fold(text) == fold(text), text
