"""Meta's HTML download (the default format): both layouts Meta has written, Facebook and
Instagram, zipped or unpacked, one conversation or the whole download; times in every language
Sijil ships; media, shares, reactions, unsent messages and calls; malformed pages named."""

from __future__ import annotations

import functools
from datetime import datetime

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import calendars, commit, filters, meta_dates
from app.core.importers.commit import ImportTarget
from tests.core.importers import meta_html_exports as hx
from tests.core.importers.meta_exports import write

THREAD = f"{hx.FB}/inbox/harasser_1234567890"


def _check(p, prefix="", seconds=True):
    msgs = [m for m in p.messages if m.thread == "harasser_1234567890"]
    assert [m.id for m in msgs] == [f"{prefix}{n}" for n in range(1, 11)]  # both pages, oldest first
    assert all(m.thread_name == "Zoë Hater" for m in msgs)
    first = msgs[0]
    assert first.text == "Leave me alone" and first.author.display_name == "ليلى Defender"
    assert first.when == ("2023-07-05T10:30:15" if seconds else "2023-07-05T10:30:00")
    assert sorted(first.recorded["participants"]) == ["Zoë Hater", "ليلى Defender"]
    assert first.recorded["thread_path"] == "inbox/harasser_1234567890"
    by_kind = {m.kind: m for m in msgs if m.attachments}
    assert sorted(by_kind) == ["file", "photo", "video", "voice"]
    assert by_kind["video"].attachments[0].name.endswith("videos/v_1.mp4") and len(by_kind["video"].attachments) == 1
    assert by_kind["video"].text == ""  # the player's fallback words and the duration are not the message
    photo = msgs[8]
    assert photo.text == "I know where\nyou live" and photo.kind == "photo"
    assert all(p.reader.exists(a.name) for m in msgs for a in m.attachments)
    assert msgs[5].recorded["sticker"]
    angry = msgs[9]
    assert angry.text == "سنجدك 😡🔥 &lt;"  # an entity written as text stays text
    assert angry.recorded["reactions"] == [{"reaction": "😢", "actor": "ليلى Defender"}]
    share = msgs[3]
    assert share.recorded["shared_link"] == "https://doxx.example/leyla?a=1&b=2"
    assert share.text.startswith("Her home <b>— بيتها</b> & more") and "share_text" not in share.recorded
    assert msgs[1].deleted and msgs[1].recorded["unsent"]
    assert msgs[2].recorded["call"]
    assert p.format == "meta" and "not stated" in p.timezone


@pytest.mark.parametrize(("layout", "style"), [("old", "en-old"), ("new", "en"), ("section", "en")])
@pytest.mark.parametrize("zipped", ["", "facebook-leyla-2023-07-06-AbCdEf.zip"])
def test_a_whole_download_in_each_layout(tmp_path, layout, style, zipped):
    root = "messages" if layout == "old" else hx.FB  # older downloads had messages/ at the top
    path = write(tmp_path / "dl", hx.facebook_files(layout=layout, style=style, root=root), zipped=zipped)
    with importers.parse("meta", path) as p:
        assert p.platform == "facebook"
        _check(p, prefix="harasser_1234567890:", seconds=style == "en")
        assert {m.thread for m in p.messages} == {"harasser_1234567890", "troll2_55"}
        assert p.messages[-1].when == ("2023-07-05T13:30:15" if style == "en" else "2023-07-05T13:30:00")
        if zipped:
            assert p.sources[0].name == zipped
        assert {s.name.rpartition("/")[2] for s in p.sources} >= {"message_1.html", "message_2.html"}


def test_a_download_zipped_again_one_folder_down(tmp_path):
    path = write(tmp_path / "dl", hx.facebook_files("facebook-leyla-2023-07-06/"), zipped="again.zip")
    with importers.parse("meta", path) as p:
        _check(p, prefix="harasser_1234567890:")


@pytest.mark.parametrize("chosen", ["folder", "message_1.html", "message_2.html"])
def test_one_conversation_folder_or_page(tmp_path, chosen):
    root = write(tmp_path / "dl", hx.facebook_files())
    path = root / THREAD if chosen == "folder" else root / THREAD / chosen
    with importers.parse("meta", path) as p:
        _check(p)


def test_instagram_html_download_imports(tmp_path, vault):
    path = write(tmp_path / "ig", hx.instagram_files(), zipped="instagram-leyla.d-2023-07-06-XyZ.zip")
    with importers.parse("meta", path) as p:
        assert p.platform == "instagram"
        first, second = p.messages
        assert first.text == "أعرف أين تسكنين 👀" and first.kind == "photo"
        assert second.recorded["shared_link"] == "https://www.instagram.com/p/Cu1AbCdEf/"
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    kinds = sorted(vault.journal.evidence.get(i).kind for i in result.evidence_ids)
    assert kinds == ["image", "text"]
    actors = vault.journal.conn.execute("SELECT display_name, platform FROM actors").fetchall()
    assert ("troll.account", "instagram") in actors


@pytest.mark.parametrize("style", ["en", "en-old", "en-gb", "fr", "es", "tr", "ar", "ar-sy", "fa", "fa-solar"])
def test_times_in_every_language_sijil_ships(tmp_path, style):
    path = write(tmp_path / "dl", hx.facebook_files(style=style))
    with importers.parse("meta", path) as p:
        whens = [m.when for m in p.messages if m.thread == "harasser_1234567890"]
        assert whens[0].startswith("2023-07-05T10:30") and whens[-1].startswith("2023-07-05T11:30")
        assert p.date_order == ""  # a month's name leaves nothing to assume
        assert any("Solar Hijri" in n for n in p.notes) == (style == "fa-solar")


def test_dates_in_numbers_say_which_order_was_assumed(tmp_path):
    path = write(tmp_path / "dl", hx.facebook_files(style="numeric"))
    with importers.parse("meta", path) as p:
        # 05/07/2023 fits both orders: the messages run forward in small steps either way
        assert p.date_order == "day-first" and p.date_order_reason
        assert p.messages[0].when == "2023-07-05T10:30:00"
        assert p.summary()["date_order"] == "day-first"


@pytest.mark.parametrize(("text", "expected"), [
    ("Jul 04, 2023 10:30:15 am", "2023-07-04T10:30:15"),
    ("Jul 04, 2023 12:05:00 am", "2023-07-04T00:05:00"),
    ("Feb 16, 2018 10:17pm", "2018-02-16T22:17:00"),
    ("Feb 16, 2018, 10:17 PM", "2018-02-16T22:17:00"),
    ("16 Feb 2018, 22:17", "2018-02-16T22:17:00"),
    ("Wednesday, November 12, 2008 at 8:53pm UTC+01", "2008-11-12T20:53:00+01:00"),
    ("4 juil. 2023 10:30", "2023-07-04T10:30:00"),
    ("mar. 4 juil. 2023 à 10 h 30", "2023-07-04T10:30:00"),  # "mar." is Tuesday here
    ("4 jul 2023, 10:30", "2023-07-04T10:30:00"),
    ("4 de julio de 2023, 10:30 p. m.", "2023-07-04T22:30:00"),
    ("4 Tem 2023 ÖS 10:30", "2023-07-04T22:30:00"),
    ("٤ يوليو ٢٠٢٣ ١٠:٣٠ م", "2023-07-04T22:30:00"),
    ("\u200f٤ كانون الثاني ٢٠٢٣ ١٠:٣٠", "2023-01-04T10:30:00"),
    ("۴ ژوئیه ۲۰۲۳، ۱۰:۳۰ ب.ظ.", "2023-07-04T22:30:00"),
    ("۱۳ تیر ۱۴۰۲، ۱۰:۳۰", "2023-07-04T10:30:00"),
    ("۱ فروردین ۱۴۰۳، ۰۹:۰۰", "2024-03-20T09:00:00"),
])
def test_one_time_as_meta_writes_it(text, expected):
    assert meta_dates.instant(meta_dates.read(text, "x"), "", "x") == expected


@pytest.mark.parametrize("text", ["", "Jul 2023", "yesterday 10:30", "Jul Aug 4 2023 10:30", "31 Feb 2023 10:30",
                                  "Jul 4, 1970 10:30", "Jul 4, 2023 13:30 pm", "x" * 500])
def test_a_time_meta_never_writes_is_refused(text):
    with pytest.raises(MalformedExport):
        meta_dates.instant(meta_dates.read(text, "message_1.html, line 1"), "", "message_1.html, line 1")


def test_solar_calendar_matches_known_days():
    solar = functools.partial(calendars.to_gregorian, calendars.SOLAR_HIJRI)
    assert solar(1402, 4, 13) == (2023, 7, 4)
    assert solar(1403, 12, 30) == (2025, 3, 20)  # a leap Esfand
    assert solar(1399, 10, 11) == (2020, 12, 31)
    with pytest.raises(ValueError):
        solar(1402, 12, 30)  # 1402 is a common year


@pytest.mark.parametrize(("body", "field"), [
    ('<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_a6-h">x</h2>'
     '<div class="_a6-p"><div><div></div><div>hi</div></div></div></div>', "no time"),
    ('<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_a6-h">x</h2>'
     '<div class="_a6-o">sometime</div></div>', "time"),
    ("<div>" * 5000, "nested"),
    ('<div class="_a6-g"><div class="_a6-p">' + "a" * (1024 * 1024 + 10) + "</div></div>", "longer"),
])
def test_a_malformed_page_names_what_is_wrong(tmp_path, body, field):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "message_1.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    with pytest.raises(MalformedExport) as err:
        importers.parse("meta", folder)
    assert field in err.value.message and "message_1.html" in err.value.message


def test_links_never_leave_the_export(tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(b"secret")
    thread = tmp_path / "dl" / "messages" / "inbox" / "x_1"
    thread.mkdir(parents=True)
    msgs = [hx.Msg("x", datetime(2023, 7, 4, 10, 30), "look", media=[])]
    page = hx.page("x", ["x"], msgs, "messages/inbox/x_1").replace(
        b"<div>look</div>", b'<div>look</div><div><img src="../../../../secret.jpg" /><img src="/etc/passwd" />'
        b'<img src="photos/../../../../../secret.jpg" /><a href="file:///etc/passwd">f</a>'
        b'<img src="data:image/png;base64,AAAA" /></div>')
    (thread / "message_1.html").write_bytes(page)
    with importers.parse("meta", tmp_path / "dl") as p:
        (m,) = p.messages
        assert m.attachments == [] and m.text == "look"


def test_odd_markup_found_by_fuzzing_is_read(tmp_path):
    # a list item inside a list item (reactions), a class attribute without a value
    body = ('<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_a6-h">x</h2><div class>'
            '<title class>t</title></div><div class="_a6-p"><div><div></div><div>hi</div></div></div>'
            '<ul class="_a6-q"><li>😡a<li>😢b</li></li></ul><div class="_a6-o">Jul 04, 2023 10:30:15 am</div></div>')
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "message_1.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    with importers.parse("meta", folder) as p:
        (m,) = p.messages
        assert m.text == "hi" and m.recorded["reactions"][0]["reaction"] == "😡"  # the inner item is part of it


def test_an_html_download_keeps_its_facts_in_the_journal_and_the_dossier(vault, tmp_path):
    import io
    import json

    from pypdf import PdfReader

    from app.core.export import dossier
    from app.core.export.content import ExportOptions
    path = write(tmp_path / "dl", hx.facebook_files(style="fr"), zipped="facebook-leyla.zip")
    with importers.parse("meta", path) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(split="per-thread"))
    items = [vault.journal.evidence.get(i) for i in result.evidence_ids]
    facts = {ev.metadata["import"]["message_id"]: ev for ev in items if "message_id" in ev.metadata["import"]}
    photo = facts["harasser_1234567890:9"]
    assert photo.kind == "image" and photo.metadata["import"]["recorded"]["time_written"] == "5 juil. 2023 11:20"
    assert facts["harasser_1234567890:10"].metadata["import"]["recorded"]["reactions"][0]["actor"] == "ليلى Defender"
    assert {a.display_name for a in vault.journal.actors.list()} == {"Zoë Hater", "ليلى Defender", "Troll Two"}
    built = dossier.build(vault, ExportOptions("lawyer", result.incident_ids, json=True))
    content = json.dumps(json.loads(PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0]),
                         ensure_ascii=False)
    assert "2023-07-05T11:30:00" in content and "سنجدك 😡🔥" in content
