"""WhatsApp exports as phones write them in many locales (built by tests/core/importers/exports.py):
headers, clocks, digits and marks; localised markers; system lines; polls, locations, contacts;
media in zips; and the cost of pathological lines (linear, not quadratic)."""

from __future__ import annotations

import time
import zipfile
from datetime import datetime, timedelta

import pytest

from app.core import importers
from app.core.errors import MalformedExport
from app.core.importers import calendars, whatsapp
from app.core.importers import whatsapp_markers as wm
from tests.core.importers import exports as ex

LOCALES = {loc.name: loc for loc in ex.LOCALES}


@pytest.mark.parametrize("zipped", [False, True], ids=["txt", "zip"])
@pytest.mark.parametrize("loc", ex.LOCALES, ids=[x.name for x in ex.LOCALES])
def test_every_locale_reads_the_sample(tmp_path, loc, zipped):
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, zipped=zipped)) as p:
        assert p.date_order == ("year-first" if loc.year_first else "day-first" if loc.day_first else "month-first")
        msgs = p.messages
        assert [m.kind for m in msgs] == ["service", "text", "photo", loc.omitted_kind, "text", "text"]
        assert msgs[0].author.key == ""  # the encryption notice is no one's message (iOS: "from" the chat)
        assert msgs[1].text == "first line\nsecond line" and msgs[1].author.display_name == "Harasser"
        seconds = 7 if loc.ios else 0
        assert [m.when for m in msgs[1:3]] == [f"2023-07-04T09:06:{seconds:02d}", f"2023-07-04T14:05:{seconds:02d}"]
        assert msgs[2].attachments[0].name == "IMG-20230704-WA0003.jpg" and msgs[2].attachments[0].present
        assert msgs[2].text == ""
        assert msgs[3].attachments[0].present is False and msgs[3].author.numeric_id == "491701234567"
        assert msgs[3].author.display_name == "+49 170 1234567"
        assert msgs[4].deleted and msgs[4].when.startswith("2023-07-14T17:05")
        assert msgs[5].text == "سنجدك ١٢٣" and msgs[5].author.display_name == "ليلى"
        assert p.notes == [n for n in [calendars.converted_note(loc.calendar)] if n]


@pytest.mark.parametrize("name", ["en-ios", "en-android", "ar-android", "fa-ios", "tr-android"])
def test_a_group_system_lines_polls_locations_contacts(tmp_path, name):
    loc = LOCALES[name]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, lines=ex.wa_group_lines(loc))) as p:
        msgs = p.messages
        assert [m.kind for m in msgs[:6]] == ["service"] * 6
        assert {m.author.key for m in msgs[:6]} == {""}  # not "Troll changed the subject from “x” to “Campaign"
        assert msgs[4].text == "Troll changed the subject from “x” to “Campaign: round 2”"
        edited, location, contact, poll, empty, colon = msgs[6:]
        assert edited.edited == "yes" and edited.text == "we know your street"
        assert location.kind == "location"
        assert location.recorded["location"] == "https://maps.google.com/?q=41.0082,28.9784"
        assert contact.kind == "contact" and contact.attachments[0].name.endswith("Ali.vcf")
        assert poll.kind == "text" and poll.recorded["poll"] == {
            "question": "Where does she live?", "options": [{"text": "Here", "votes": 2}, {"text": "There", "votes": 0}]}
        assert empty.kind == "text" and empty.text == "" and empty.author.display_name == "Troll"
        assert colon.text == "note: her text can hold a colon" and colon.author.display_name == "Troll"
        assert {m.author.display_name for m in msgs if m.author.key} == {"Troll"}


@pytest.mark.parametrize(("line", "when", "author", "text"), [
    # Arabic Android: RLM after each part of the date, Arabic digits, Arabic comma, ص/م
    ("\u200f٤\u200f/٧\u200f/٢٠٢٣ \u200f١٠:٣٠ م - \u200fليلى: مرحبا", "2023-07-04T22:30:00", "ليلى", "مرحبا"),
    # Persian iOS: Persian digits, ق.ظ, RLM before the bracket and the name
    ("\u200f[۱۴/۷/۲۰۲۳، ۹:۰۵:۰۷ ق.ظ] \u200fعلی: سلام", "2023-07-14T09:05:07", "علی", "سلام"),
    # Arabic letter mark (U+061C) and LRM inside the header
    ("\u061c14/07/2023\u061c, 10:30\u200e - Ali: hi", "2023-07-14T10:30:00", "Ali", "hi"),
    # Spanish: "p. m." with U+202F before it and U+00A0 inside it
    ("14/7/23, 10:30\u202fp.\u00a0m. - Ana: hola", "2023-07-14T22:30:00", "Ana", "hola"),
    ("[14/7/23, 10:30:15 a. m.] Ana: hola", "2023-07-14T10:30:15", "Ana", "hola"),
    # Turkish clock word first; German 2-digit year with dots
    ("14.07.2023 ÖS 3:05 - Can: selam", "2023-07-14T15:05:00", "Can", "selam"),
    ("14.07.23, 22:30 - Jan: hallo", "2023-07-14T22:30:00", "Jan", "hallo"),
    # year first: Swedish, Hungarian (dots and spaces), Chinese (clock word before the time)
    ("2023-07-14 10:30 - Sven: hej", "2023-07-14T10:30:00", "Sven", "hej"),
    ("2023. 07. 14. 10:30 - Anna: szia", "2023-07-14T10:30:00", "Anna", "szia"),
    ("2023/7/14 下午10:30 - 李: 你好", "2023-07-14T22:30:00", "李", "你好"),
    # Japanese 午前0:30 is half past midnight; dotted time (Finnish, Indonesian)
    ("[2023/07/14 午前0:30:00] 花子: こんにちは", "2023-07-14T00:30:00", "花子", "こんにちは"),
    ("14/07/23 10.30 - Budi: halo", "2023-07-14T10:30:00", "Budi", "halo"),
    # iOS: number wrapped in U+202A…U+202C (and isolates U+2066…U+2069), LRM before the text
    ("[14/07/2023, 10:30:15] \u202a+90 532 111 22 33\u202c: \u200eyes", "2023-07-14T10:30:15", "+90 532 111 22 33",
     "yes"),
    ("14/07/2023, 10:30 - \u2068+90 532 111 22 33\u2069: ok", "2023-07-14T10:30:00", "+90 532 111 22 33", "ok"),
    # CRLF line ends (some exports), and an empty message
    ("14/07/2023, 10:30 - Ali: \r", "2023-07-14T10:30:00", "Ali", ""),
])
def test_header_forms(tmp_path, line, when, author, text):
    (tmp_path / "chat.txt").write_text(line + "\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        (m,) = p.messages
        assert (m.when, m.author.display_name, m.text) == (when, author, text)


def test_a_phone_number_is_one_actor_in_any_digits(tmp_path):
    text = ("[14/07/2023, 10:30:15] \u202a+49 170 1234567\u202c: a\n"
            "[14/07/2023, 10:31:15] \u202a+٤٩ ١٧٠ ١٢٣٤٥٦٧\u202c: b\n")
    (tmp_path / "_chat.txt").write_text(text, encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "_chat.txt") as p:
        assert {m.author.numeric_id for m in p.messages} == {"491701234567"}


@pytest.mark.parametrize(("body", "kind"), [
    ("\u200eimage omitted", "photo"), ("\u200evideo omitted", "video"), ("\u200eaudio omitted", "voice"),
    ("\u200esticker omitted", "photo"), ("\u200eGIF omitted", "video"), ("\u200eContact card omitted", "contact"),
    ("Report.pdf • 3 pages \u200edocument omitted", "file"), ("<Media omitted>", "file"),
    ("<Medien ausgeschlossen>", "file"), ("<Médias omis>", "file"), ("imagen omitida", "photo"),
    ("Bild weggelassen", "photo"), ("görüntü dahil edilmedi", "photo"), ("изображение отсутствует", "photo"),
    ("gambar tidak disertakan", "photo"), ("لم يتم إدراج الصورة", "photo"), ("تصویر حذف شد", "photo"),
    ("immagine omessa", "photo"), ("imagem ocultada", "photo"), ("<Medios omitidos en otra versión>", "file"),
])
def test_omitted_media_markers(tmp_path, body, kind):
    (tmp_path / "chat.txt").write_text(f"14/07/2023, 10:30 - Ali: {body}\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        m = p.messages[0]
        assert m.kind == kind and m.attachments[0].present is False and m.recorded["media_omitted"]


@pytest.mark.parametrize("body", ["<3 you>", "see image omitted above, then", "<b>bold</b>", "I left",
                                  "\u200fهذا غير مقبول أبدا", "\u200fغادر البيت صباحا وعاد", "you added"])
def test_text_that_only_resembles_a_marker_stays_text(tmp_path, body):
    (tmp_path / "chat.txt").write_text(f"14/07/2023, 10:30 - Ali: {body}\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        m = p.messages[0]
        assert (m.kind, m.text, m.attachments, m.author.display_name) == ("text", body.strip("\u200f"), [], "Ali")


@pytest.mark.parametrize("body", [
    "<attached: 00000012-PHOTO-2023-07-04-10-30-15.jpg>", "<adjunto: 00000012-PHOTO-2023-07-04-10-30-15.jpg>",
    "<Anhang: 00000012-PHOTO-2023-07-04-10-30-15.jpg>", "<pièce jointe : 00000012-PHOTO-2023-07-04-10-30-15.jpg>",
    "<allegato: 00000012-PHOTO-2023-07-04-10-30-15.jpg>", "<anexo: 00000012-PHOTO-2023-07-04-10-30-15.jpg>",
    "<прикреплено: 00000012-PHOTO-2023-07-04-10-30-15.jpg>", "<المُرفق: 00000012-PHOTO-2023-07-04-10-30-15.jpg>",
    "<پیوست: 00000012-PHOTO-2023-07-04-10-30-15.jpg>", "<terlampir: 00000012-PHOTO-2023-07-04-10-30-15.jpg>",
    "IMG-20230704-WA0003.jpg (file attached)", "IMG-20230704-WA0003.jpg (Datei angehängt)",
    "IMG-20230704-WA0003.jpg (fichier joint)", "IMG-20230704-WA0003.jpg (archivo adjunto)",
    "IMG-20230704-WA0003.jpg (arquivo anexado)", "IMG-20230704-WA0003.jpg (file allegato)",
    "IMG-20230704-WA0003.jpg (dosya ekli)", "IMG-20230704-WA0003.jpg (файл добавлен)",
    "IMG-20230704-WA0003.jpg (الملف مرفق)", "IMG-20230704-WA0003.jpg (فایل پیوست شد)",
    "IMG-20230704-WA0003.jpg (a wording not listed)",
])
def test_attachment_markers_in_many_languages(tmp_path, body):
    (tmp_path / "chat.txt").write_text(f"14/07/2023, 10:30 - Ali: \u200e{body}\ncaption line\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        m = p.messages[0]
        assert m.kind == "photo" and m.text == "caption line"
        assert m.attachments[0].name.split("-")[0] in ("00000012", "IMG") and not m.attachments[0].present
        assert "1" in p.notes[0]  # one file named but not in the export: said in the preview


@pytest.mark.parametrize("body", sorted(["This message was deleted", "You deleted this message.",
                                         "Se eliminó este mensaje.", "Ce message a été supprimé",
                                         "Diese Nachricht wurde gelöscht.", "Bu mesajı sildiniz",
                                         "Данное сообщение удалено", "تم حذف هذه الرسالة", "این پیام حذف شد",
                                         "Mensagem apagada", "Questo messaggio è stato eliminato",
                                         "Pesan ini telah dihapus"]))
def test_deleted_in_many_languages(tmp_path, body):
    (tmp_path / "chat.txt").write_text(f"14/07/2023, 10:30 - Ali: \u200e{body}\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        assert p.messages[0].deleted and p.messages[0].kind == "text"


@pytest.mark.parametrize("line", [
    "14/07/2023, 10:30 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more.",
    "14/07/2023, 10:30 - Ali changed the subject from “a” to “Plan: B”",
    "14/07/2023, 10:30 - You created group “Plan: B”",
    "14/07/2023, 10:30 - Your security code with Ali: the second changed. Tap to learn more.",
    "[14/07/2023, 10:30:15] Plan: B: \u200eAli added Bob",
    "[14/07/2023, 10:30:15] Plan B: \u200eAli left",
    "[14/07/2023, 10:30:15] Ali: \u200eMessages and calls are end-to-end encrypted.",
    "[14/07/2023, 10:30:15] مجموعة: \u200fليلى غيّرت اسم المجموعة إلى: حملة",
    "[14/07/2023, 10:30:15] گروه: \u200fعلی گروه «کمپین» را ایجاد کرد",
    "14/07/2023, 10:30 - Ana cambió el asunto de “a” a “Plan: B”",
    "14.07.23, 10:30 - Jan hat den Betreff von „a“ zu „Plan: B“ geändert",
    # older iOS, no mark: the notices no one types are still known
    "[3/18/22, 14:56:01] Elon Musk: Messages and calls are end-to-end encrypted. No one outside of this chat, not "
    "even WhatsApp, can read or listen to them.",
    "[4/28/22, 20:17:31] Elon Musk: Your security code with Elon changed. Tap to learn more.",
    "11/01/2023, 16:14 - You updated the message timer. New messages will disappear from this chat 24 hours after "
    "they're sent. Tap to change.",
    "11/01/2023, 16:21 - +7 995 920-79-00 joined using this group's invite link",
])
def test_system_lines_are_no_ones_message(tmp_path, line):
    (tmp_path / "chat.txt").write_text(line + "\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        m = p.messages[0]
        assert m.kind == "service" and m.author.key == "", (m.author, m.text)


@pytest.mark.parametrize(("body", "link", "text"), [
    ("Pimlico Gardens (London, United Kingdom): https://foursquare.com/v/4e89af95e5fa82ad4c0aa03b",
     "https://foursquare.com/v/4e89af95e5fa82ad4c0aa03b", "Pimlico Gardens (London, United Kingdom): "),
    ("\u200eLocation: https://maps.google.com/?q=51.5021456,-0.127397",
     "https://maps.google.com/?q=51.5021456,-0.127397", "Location: "),
    ("الموقع: https://maps.google.com/?q=33.5,36.3", "https://maps.google.com/?q=33.5,36.3", "الموقع: "),
    ("live location shared", "live location shared", "live location shared"),
])
def test_locations(tmp_path, body, link, text):
    (tmp_path / "chat.txt").write_text(f"[3/27/22, 21:46:03] Dmitry S: {body}\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        m = p.messages[0]
        assert m.kind == "location" and m.recorded["location"] == link and m.text.startswith(text)


def test_a_chat_one_folder_down_with_media_matched_and_missing_reported(tmp_path):
    loc = LOCALES["en-ios"]
    t = datetime(2023, 7, 14, 9, 5, 7)
    lines = [ex.WaLine(t, "Troll", ex.LRM + "<attached: IMG-20230704-WA0003.jpg>"),
             ex.WaLine(t, "Troll", ex.LRM + "<attached: 00000013-PHOTO-2023-07-14-09-05-07.jpg>")]
    path = ex.wa_export(tmp_path, loc, zipped=True, lines=lines, subfolder="WhatsApp Chat - Troll/")
    with importers.parse("whatsapp", path) as p:
        present, missing = (m.attachments[0] for m in p.messages)
        assert present.present and present.name == "WhatsApp Chat - Troll/IMG-20230704-WA0003.jpg"
        assert p.reader.read(present.name)[0][:2] == b"\xff\xd8"
        assert not missing.present and ": 1." in p.notes[0]


@pytest.mark.parametrize("ios", [True, False], ids=["ios", "android"])
def test_a_text_file_sent_in_the_chat_is_not_taken_for_the_chat(tmp_path, ios):
    loc = LOCALES["en-ios" if ios else "en-android"]
    sent = "00000007-AAA notes.txt" if ios else "DOC-20230704-WA0001.txt"
    marker = f"\u200e<attached: {sent}>" if ios else f"{sent} (file attached)"
    lines = [ex.WaLine(datetime(2023, 7, 14, 9, 5, 7), "Troll", marker)]
    path = ex.wa_export(tmp_path, loc, zipped=True, lines=lines)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(sent, "14/07/2023, 10:30 - Not: the chat\n")
        z.writestr("AAA.txt", "not the chat either\n")
    with importers.parse("whatsapp", path) as p:
        (m,) = p.messages
        assert m.author.display_name == "Troll" and m.kind == "file" and m.attachments[0].present


def test_a_text_file_sent_in_the_chat_is_not_taken_for_the_chat_in_a_folder(tmp_path):
    loc = LOCALES["en-ios"]
    lines = [ex.WaLine(datetime(2023, 7, 14, 9, 5, 7), "Troll", "\u200e<attached: 00000007-AAA.txt>")]
    ex.wa_export(tmp_path, loc, lines=lines, with_media=False)
    (tmp_path / "00000007-AAA.txt").write_text("14/07/2023, 10:30 - Not: the chat\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path) as p:
        (m,) = p.messages
        assert m.author.display_name == "Troll" and m.attachments[0].present


def test_media_elsewhere_in_the_zip_is_found_by_its_name(tmp_path):
    path = tmp_path / "c.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("chat/_chat.txt", "[14/07/2023, 10:30:15] A: \u200e<attached: 00000001-PHOTO-x.jpg>\n")
        z.writestr("media/00000001-PHOTO-x.jpg", ex.photo_bytes(1))
    with importers.parse("whatsapp", path) as p:
        att = p.messages[0].attachments[0]
        assert att.present and att.name == "media/00000001-PHOTO-x.jpg" and p.notes == []


def test_ambiguous_dates_decided_by_the_whole_file_and_said(tmp_path):
    """Every date but one fits both orders; the last (13/07) settles day first for all of them."""
    loc = ex.Locale("x", ios=False, clock12=True, ampm_space=ex.NNBSP)
    t = datetime(2023, 7, 3, 23, 59)
    lines = [ex.WaLine(t + timedelta(days=d), "A", str(d)) for d in (0, 1, 2, 10)]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, lines=lines)) as p:
        assert p.date_order == "day-first" and "above 12" in p.date_order_reason
        assert p.messages[0].when == "2023-07-03T23:59:00" and p.summary()["date_order"] == "day-first"


@pytest.mark.parametrize(("text", "where"), [
    ("\u200e[32/07/2023, 10:30:15] A: x\n", "line 1"),
    ("14/07/2023, 10:30 - A: x\n\u200fnot a header but a continuation\n14/07/2023, 25:30 - A: y\n", "line 3"),
    ("14/07/2023, 10:30 م - A: x\n14/07/2023, 13:30 م - A: y\n", "line 2"),
    ("\u200f\u200e \n", "holds no messages"),  # marks and spaces only: nothing to read
])
def test_malformed_lines_are_named(tmp_path, text, where):
    (tmp_path / "chat.txt").write_text(text, encoding="utf-8")
    with pytest.raises(MalformedExport) as err:
        whatsapp.parse(tmp_path / "chat.txt")
    assert where in err.value.message or where in str(err.value)


def test_a_line_separator_typed_in_a_message_stays_in_it(tmp_path):
    (tmp_path / "chat.txt").write_text("14/07/2023, 10:30 - A: one\u2028two\x85three\n", encoding="utf-8")
    with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
        assert p.messages[0].text == "one\u2028two\x85three"


def test_marker_tables_fold_marks_case_and_final_dot():
    assert wm.fold("\u200eThis message was deleted.") == "this message was deleted"
    assert wm.omitted_kind(wm.fold("\u200eIMAGE OMITTED")) == "photo" and wm.omitted_kind("hello") == ""
    assert wm.clock_word("p.\u00a0m.".replace("\u00a0", " ")) == "pm" and wm.clock_word("ق.ظ") == "am"


# Pathological lines -----------------------------------------------------------------------------

# Each shape once took (or could take) time growing with the square of the line: 20,000 spaces
# inside a message took 8 s in the regex that trimmed marks at its edges. At 400,000 characters
# a quadratic pass would take hours, a linear one well under a second: the bound is 100x the
# linear time, and still 1,000x below the quadratic one, so it cannot flake on a busy machine.
N = 400_000
SHAPES = {
    "spaces inside": "x" + " " * N + "y",
    "spaces only": " " * N,
    "marks inside": "x" + "\u200e" * N + "y",
    "angle brackets": "<" * N,
    "angle and colon": "<a: " * (N // 4),
    "parentheses": "a.jpg (" * (N // 7),
    "dots": "a." * (N // 2),
    "colons": ": " * (N // 2),
    "no colon": "a " * (N // 2),
    "omitted words": "image omitted " * (N // 14),
    "poll": "POLL:\n" + "OPTION: (" * (N // 9),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_huge_line_is_read_in_linear_time(tmp_path, shape):
    body = SHAPES[shape]
    for header in ("14/07/2023, 10:30 - A: ", "14/07/2023, 10:30 - ", "[14/07/2023, 10:30:15] A: \u200e"):
        (tmp_path / "chat.txt").write_text(header + body + "\n", encoding="utf-8")
        start = time.perf_counter()
        with importers.parse("whatsapp", tmp_path / "chat.txt") as p:
            assert len(p.messages) == 1
        assert time.perf_counter() - start < 5.0, (shape, header)


def test_a_line_above_the_field_limit_is_refused_by_name(tmp_path):
    (tmp_path / "chat.txt").write_text("14/07/2023, 10:30 - A: x\n14/07/2023, 10:31 - A: " + "a" * ((1 << 20) + 1) + "\n",
                                       encoding="utf-8")
    with pytest.raises(MalformedExport, match="line 2"):
        whatsapp.parse(tmp_path / "chat.txt")


def test_50000_lines_parse_in_well_under_3_seconds(tmp_path):
    """Arabic Android, the costliest header (a mark after every part of the date). CPU time of
    this process, so other work on the machine does not count against it."""
    loc = LOCALES["ar-android"]
    t = datetime(2023, 1, 1, 8, 0)
    lines = [ex.WaLine(t + timedelta(minutes=7 * i), f"troll {i % 50}", f"message {i} سنجدك"
                       + ("\nsecond line" if i % 9 == 0 else "")) for i in range(50_000)]
    path = ex.wa_export(tmp_path, loc, lines=lines, with_media=False)
    start = time.process_time()
    with importers.parse("whatsapp", path) as p:
        took = time.process_time() - start
        assert len(p.messages) == 50_000 and p.messages[-1].author.display_name == "troll 49"
    assert took < 3.0, took


def test_a_persian_group_round_trips_into_the_journal(vault, tmp_path):
    """System lines are not actors; the poll, the location and the edit reach the evidence."""
    from app.core.importers import commit, filters
    from app.core.importers.commit import ImportTarget
    from app.core.importers.filters import MessageFilter
    loc = LOCALES["fa-ios"]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc, lines=ex.wa_group_lines(loc))) as p:
        picked = filters.select(p, MessageFilter(include_service=True))
        result = commit.import_messages(vault, p, picked, ImportTarget())
    assert [a.display_name for a in vault.journal.actors.list()] == ["Troll"]
    facts = [e.metadata["import"] for e in vault.journal.evidence.of_incident(result.incident_ids[0])
             if "import" in e.metadata]
    recorded = [f.get("recorded", {}) for f in facts]
    assert {"question": "Where does she live?", "options": [{"text": "Here", "votes": 2},
                                                            {"text": "There", "votes": 0}]} in \
        [r.get("poll") for r in recorded]
    assert "https://maps.google.com/?q=41.0082,28.9784" in [r.get("location") for r in recorded]
    [edited] = [e for e in vault.journal.evidence.of_incident(result.incident_ids[0])
                if e.metadata.get("import", {}).get("edited") == "yes"]
    assert edited.captured_at == "2023-07-14T21:15:07"  # Persian digits, ب.ظ: 9:15:07 in the evening


@pytest.mark.parametrize("name", ["fa-ios-solar", "ar-ios-hijri"])
def test_a_chat_in_another_calendar_lands_on_the_gregorian_days_in_the_journal(vault, tmp_path, name):
    from app.core.importers import commit, filters
    from app.core.importers.commit import ImportTarget
    loc = LOCALES[name]
    with importers.parse("whatsapp", ex.wa_export(tmp_path / "wa", loc)) as p:
        assert any("converted to the Gregorian calendar" in n for n in p.notes)
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget(split="per-day"))
    days = sorted(vault.journal.incidents.get(i).occurred_on for i in result.incident_ids)
    assert days == ["2023-07-04", "2023-07-14"]


@pytest.mark.parametrize("date", [
    "۱۴۰۲/۱۲/۳۰",  # 1402 is a common year: Esfand has 29 days
    "۱۴۰۲/۱۳/۰۱",
])
def test_a_day_the_persian_calendar_does_not_have_is_refused_by_line(tmp_path, date):
    good = "\u200f[۱۴۰۲/۴/۱۳، ۹:۰۵:۰۷ ق.ظ] Harasser: first"
    (tmp_path / "_chat.txt").write_text(f"{good}\n\u200f[{date}، ۹:۰۶:۰۷ ق.ظ] Harasser: second\n", encoding="utf-8")
    with pytest.raises(MalformedExport, match=r"does not exist.*line 2"):
        whatsapp.parse(tmp_path / "_chat.txt")


def test_a_chat_mixing_calendars_is_read_as_gregorian_and_the_odd_date_refused(tmp_path):
    (tmp_path / "_chat.txt").write_text("[2023/07/04, 09:05:07] Harasser: first\n"
                                        "[1402/04/13, 09:06:07] Harasser: second\n", encoding="utf-8")
    with pytest.raises(MalformedExport, match=r"\(1402\) cannot be true.*line 2"):
        whatsapp.parse(tmp_path / "_chat.txt")
