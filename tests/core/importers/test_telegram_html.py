"""Telegram Desktop's HTML export as export_output_html.cpp writes it: pages in order, joined
messages and joined forwards, replies here and elsewhere, service messages (dated by the day
line above them), the media block in its two layouts (the class on the link, as tdesktop
writes it, and on the inner .fill, as older exports did), files left out, calls, polls,
signatures, "via @bot", and the date titles with and without a zone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers.guess import guess_format
from tests.core.importers import exports as ex

T0 = datetime(2023, 7, 4, 10, 30, 15)


def _export(folder, *pages: str, chat: str = "Campaign"):
    folder.mkdir(parents=True, exist_ok=True)
    for n, rows in enumerate(pages, 1):
        name = "messages.html" if n == 1 else f"messages{n}.html"
        (folder / name).write_text(ex.tdesktop_html_page(chat, rows), encoding="utf-8")
    return folder


def _day_line(text: str = "4 July 2023", ident: int = -1) -> str:
    return ex.tdesktop_html_message(ident, None, text)


def _parse(folder, **kw):
    with importers.parse("telegram", folder, **kw) as p:
        return p, {m.id: m for m in p.messages}


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_pages_in_order_with_joined_messages_carried_across_pages(tmp_path):
    page1 = _day_line() + ex.tdesktop_html_message(2, _at(2), '<div class="text">first</div>', author="Harasser")
    page2 = ex.tdesktop_html_message(3, _at(3), '<div class="text">joined on the next page</div>', author=None)
    page10 = ex.tdesktop_html_message(4, _at(4), '<div class="text">tenth</div>', author="Troll")
    pages = [page1, page2] + [""] * 7 + [page10]  # messages10.html sorts after messages2.html
    p, m = _parse(_export(tmp_path / "h", *pages), username="camp")
    assert [x.id for x in p.messages] == ["2", "3", "4"]
    assert m["3"].author.display_name == "Harasser" and m["4"].author.display_name == "Troll"
    assert m["3"].link == "https://t.me/camp/3" and m["2"].when == "2023-07-04T10:32:15+03:00"
    assert [s.name for s in p.sources][:2] == ["messages.html", "messages2.html"] and len(p.sources) == 10


def test_forwards_joined_forwards_replies_signature_and_via_bot(tmp_path):
    fwd = '''
       <div class="pull_left forwarded userpic_wrap">
        <div class="userpic userpic2" style="width: 42px; height: 42px"><div class="initials">H</div></div>
       </div>
       <div class="forwarded body">
        <div class="from_name">
Hate channel via @gif<span class="date details" title="03.07.2023 21:00:00 UTC+03:00"> 03.07.2023 21:00:00</span>
        </div>
        <div class="text">
reposted lie
        </div>
        <div class="signature details">
Admin Samir
        </div>
       </div>'''
    joined_fwd = '''
       <div class="forwarded body">
        <div class="text">
second part
        </div>
       </div>'''
    reply_here = ('<div class="reply_to details">\nIn reply to <a href="messages.html#go_to_message2" '
                  'onclick="return GoToMessage(2)">this message</a>\n</div>\n<div class="text">we see you</div>')
    reply_elsewhere = ('<div class="reply_to details">\nIn reply to a message in another chat\n</div>\n'
                       '<div class="text">also</div>')
    rows = (_day_line()
            + ex.tdesktop_html_message(2, _at(2), '<div class="text">We know <strong>where</strong></div>',
                                       author="Harasser via @spam_bot")
            + ex.tdesktop_html_message(3, _at(3), fwd, author="Troll Two")
            + ex.tdesktop_html_message(4, _at(3), joined_fwd, author=None)
            + ex.tdesktop_html_message(5, _at(5), reply_here, author="Troll Two")
            + ex.tdesktop_html_message(6, _at(6), reply_elsewhere, author=None))
    _p, m = _parse(_export(tmp_path / "h", rows))
    assert (m["2"].author.display_name, m["2"].recorded["via_bot"]) == ("Harasser", "@spam_bot")
    assert m["2"].text == "We know where"
    assert (m["3"].forwarded_from, m["3"].text, m["3"].recorded["author"]) == ("Hate channel", "reposted lie",
                                                                                 "Admin Samir")
    assert m["3"].recorded["forwarded_date"] == "2023-07-03T21:00:00+03:00"
    assert (m["4"].forwarded_from, m["4"].author.display_name, m["4"].text) == ("Hate channel", "Troll Two",
                                                                                 "second part")
    assert m["5"].reply_to == "2" and "reply_in_other_chat" not in m["5"].recorded
    assert m["6"].reply_to == "" and m["6"].recorded["reply_in_other_chat"] is True


def test_service_messages_take_the_day_of_their_date_line_and_pins_are_not_replies(tmp_path):
    rows = (_day_line("4 July 2023")
            + ex.tdesktop_html_message(10, None, 'Admin invited Troll Two')
            + ex.tdesktop_html_message(2, _at(2), '<div class="text">hi</div>')
            + _day_line("5 July 2023", -2)
            + ex.tdesktop_html_message(11, None, 'Admin pinned <a href="#go_to_message2" '
                                                 'onclick="return GoToMessage(2)">this message</a>'))
    _p, m = _parse(_export(tmp_path / "h", rows))
    assert (m["10"].kind, m["10"].when, m["10"].text) == ("service", "2023-07-04", "Admin invited Troll Two")
    assert (m["11"].when, m["11"].reply_to, m["11"].recorded["refers_to_message"]) == ("2023-07-05", "", 2)
    assert "-1" not in m and "-2" not in m  # date lines are not messages


def test_media_blocks_as_tdesktop_writes_them(tmp_path):
    maps = "https://maps.google.com/maps?q=36.202105,37.134260&amp;ll=36.202105,37.134260&amp;z=16"
    (tmp_path / "h" / "voice_messages").mkdir(parents=True)
    (tmp_path / "h" / "voice_messages" / "audio_1.ogg").write_bytes(b"OggS")
    bodies = {
        2: ex.tdesktop_generic_media("media_voice_message", "Voice message", "00:04",
                                     href="voice_messages/audio_1.ogg"),
        3: ex.tdesktop_generic_media("media_file", "leak.pdf", "1.2 MB",
                                     description="Not included, change data exporting settings to download."),
        4: ex.tdesktop_generic_media("media_location", "Location", "36.202105, 37.134260", href=maps),
        5: ex.tdesktop_generic_media("media_contact", "Rana Haddad", "+49 170 5550123 - vCard",
                                     href="contacts/contact_1.vcard"),
        6: ex.tdesktop_generic_media("media_venue", "Citadel", description="Aleppo", href=maps),
        7: ex.tdesktop_generic_media("media_call success", "Leila", "Incoming (35 seconds)"),
        8: ex.tdesktop_generic_media("media_video", "Video message", "00:09", href="round_video_messages/r.mp4"),
        9: ex.tdesktop_generic_media("media_audio_file", "P \u2013 T", "03:01", href="files/song.mp3"),
        10: ex.tdesktop_generic_media("media_game", "Hunt", "https://t.me/bot?game=h", "find her",
                                      href="https://t.me/bot?game=h"),
        11: ex.tdesktop_generic_media("media_invoice", "Dox pack", "$5.00", "her data"),
        12: '''
       <div class="media_wrap clearfix">
        <div class="media_poll">
         <div class="question bold">
Where does she live?
         </div>
         <div class="details">
Anonymous poll
         </div>
         <div class="answer">
- Berlin <span class="details">2 votes</span>
         </div>
         <div class="answer">
- Paris
         </div>
         <div class="total details	">
2 votes
         </div>
        </div>
       </div>''',
        13: '''
       <div class="media_wrap clearfix">
        <a class="sticker_wrap clearfix pull_left" href="stickers/sticker.webp">
         <img class="sticker" src="stickers/sticker.webp_thumb.png" style="width: 192px; height: 192px"/>
        </a>
       </div>''',
        14: '''
       <div class="media_wrap clearfix">
        <a class="video_file_wrap clearfix pull_left" href="video_files/v.mp4">
         <div class="video_play_bg"><div class="video_play"></div></div>
         <div class="video_duration">00:12</div>
         <img class="video_file" src="video_files/v.mp4_thumb.jpg" style="width: 260px; height: 146px"/>
        </a>
       </div>
       <div class="text">
caption with <a href = "stickers/emoji.webp">🔥</a>
       </div>''',
    }
    rows = _day_line() + "".join(ex.tdesktop_html_message(i, _at(i), b, author="Harasser") for i, b in bodies.items())
    _p, m = _parse(_export(tmp_path / "h", rows))
    assert (m["2"].kind, [(a.name, a.kind, a.present) for a in m["2"].attachments]) == (
        "voice", [("voice_messages/audio_1.ogg", "voice", True)])
    assert (m["3"].kind, [(a.name, a.present) for a in m["3"].attachments]) == ("file", [("", False)])
    assert (m["4"].kind, m["4"].text) == ("location", "Location shared: 36.202105, 37.134260")
    assert (m["5"].kind, m["5"].text) == ("contact", "Contact shared: Rana Haddad, +49 170 5550123")
    assert [a.name for a in m["5"].attachments] == ["contacts/contact_1.vcard"]
    assert m["6"].text == "Location shared: 36.202105, 37.134260 (Citadel, Aleppo)"
    assert (m["7"].kind, m["7"].text) == ("service", "phone_call: Incoming (35 seconds)")
    assert (m["8"].kind, m["9"].kind) == ("video", "voice")
    assert m["10"].text == "Hunt\nfind her\nhttps://t.me/bot?game=h" and not m["10"].attachments
    assert m["11"].text == "Dox pack\nher data\n$5.00"
    assert m["12"].text == "Where does she live?\n- Berlin\n- Paris"
    assert (m["13"].kind, m["13"].attachments[0].name) == ("photo", "stickers/sticker.webp")
    assert (m["14"].kind, [a.name for a in m["14"].attachments]) == ("video", ["video_files/v.mp4"])
    assert m["14"].text == "caption with 🔥"  # a custom emoji's picture is not an attachment


@pytest.mark.parametrize(("title", "when", "zone"), [
    ("04.07.2023 10:30:15 UTC+03:00", "2023-07-04T10:30:15+03:00", "UTC+03:00"),
    ("04.07.2023 10:30:15 UTC-04:30", "2023-07-04T10:30:15-04:30", "UTC-04:30"),
    ("04.07.2023 10:30:15 UTC", "2023-07-04T10:30:15+00:00", "UTC+00:00"),  # Qt names offset zero "UTC"
    ("04.07.2023 10:30:15 UTC+3", "2023-07-04T10:30:15+03:00", "UTC+03:00"),
    ("04.07.2023 10:30:15", "2023-07-04T10:30:15", ""),  # before tdesktop wrote zones
])
def test_date_titles_with_and_without_a_zone(tmp_path, title, when, zone):
    row = ex.tdesktop_html_message(2, T0, '<div class="text">x</div>', zone="")
    row = row.replace('title="04.07.2023 10:30:15"', f'title="{title}"')
    p, m = _parse(_export(tmp_path / "h", row))
    assert m["2"].when == when
    assert p.timezone.startswith(zone or "not stated")
    assert any("standard offset" in n for n in p.notes) == bool(zone)


@pytest.mark.parametrize("title", ["4.7.2023 10:30", "31.02.2023 10:30:15 UTC+03:00", "04.07.1900 10:30:15"])
def test_a_broken_date_title_names_the_page_and_message(tmp_path, title):
    row = ex.tdesktop_html_message(7, T0, '<div class="text">x</div>').replace(
        'title="04.07.2023 10:30:15 UTC+03:00"', f'title="{title}"')
    with pytest.raises(MalformedExport) as err:
        importers.parse("telegram", _export(tmp_path / "h", row))
    assert "messages.html, message 7" in str(err.value)


def test_a_full_account_html_export_reads_every_chat_with_its_media(tmp_path):
    root = tmp_path / "Telegram Desktop" / "DataExport_2023-07-05"
    for n, (chat, text) in enumerate((("Harasser", "first chat"), ("Hate channel", "second chat")), 1):
        folder = root / "chats" / f"chat_{n}"
        (folder / "photos").mkdir(parents=True)
        (folder / "photos" / "photo_1.jpg").write_bytes(ex.photo_bytes(n))
        # Pages two folders down link media from the export's root, as HtmlWriter::Wrap writes them.
        media = ('<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" '
                 f'href="../../chats/chat_{n}/photos/photo_1.jpg"></a></div>')
        rows = _day_line() + ex.tdesktop_html_message(7, _at(n), media + f'<div class="text">{text}</div>', author=chat)
        (folder / "messages.html").write_text(ex.tdesktop_html_page(chat, rows), encoding="utf-8")
    (root / "export_results.html").write_text("<html></html>", encoding="utf-8")
    (root / "css").mkdir()
    (root / "css" / "style.css").write_text("body {}", encoding="utf-8")
    assert guess_format(root) == "telegram"
    p, m = _parse(root)
    assert set(m) == {"chats/chat_1:7", "chats/chat_2:7"}
    assert [(x.thread, x.thread_name, x.text) for x in p.messages] == [
        ("chats/chat_1", "Harasser", "first chat"), ("chats/chat_2", "Hate channel", "second chat")]
    photo = m["chats/chat_2:7"].attachments[0]
    assert photo.name == "chats/chat_2/photos/photo_1.jpg"
    assert p.reader.read(photo.name)[0] == ex.photo_bytes(2)
    assert [s.name for s in p.sources] == ["chats/chat_1/messages.html", "chats/chat_2/messages.html"]


def test_html_service_messages_and_missing_files_import_into_the_journal(vault, tmp_path):
    from app.core.importers import commit, filters
    from app.core.importers.commit import ImportTarget
    from app.core.importers.filters import MessageFilter
    folder = ex.tdesktop_rich_html(tmp_path / "h")
    with importers.parse("telegram", folder, username="camp") as p:
        picked = filters.select(p, MessageFilter(include_service=True))
        result = commit.import_messages(vault, p, picked, ImportTarget(split="per-day"))
    facts = {ev.metadata["import"]["message_id"]: ev for ev in vault.journal.evidence.of_incident(result.incident_ids[0])
             if "message_id" in ev.metadata["import"]}
    assert facts["9"].metadata["import"]["time"] == "2023-07-04"  # a service message: its day, no time
    assert facts["9"].metadata["import"]["recorded"]["refers_to_message"] == 2
    assert facts["3"].kind == "image" and facts["5"].metadata["import"]["forwarded_from"] == "Hate channel"
    assert facts["6"].metadata["import"]["reply_to"] == "2"
    recorded = facts["5"].metadata["import"]["recorded"]
    assert recorded["author"] == "Samir" and recorded["buttons"][1] == {"type": "callback", "text": "like",
                                                                        "dataBase64": "djox"}  # b"v:1"
    assert [r["type"] for r in recorded["reactions"]] == ["emoji", "custom_emoji", "paid"]
    assert vault.journal.incidents.get(result.incident_ids[0]).occurred_on == "2023-07-04"
