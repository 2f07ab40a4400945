"""Canaries through every importer: an export of each format (Telegram JSON and HTML, WhatsApp
txt and zip, Meta, X, a folder of pictures, archived web pages) where every field the importer
reads carries her identity (name, handle, numeric ids, her phone written the local and the
international way) or a contact detail (his phone and e-mail, a shared place). It is imported
into a real vault, she is recorded as a person shown by pseudonym (as the person editor does:
her name, her handle and her number as aliases), and the redacted UN and platform dossiers are
read back as an adversary reads them: pypdf and poppler text, every stream, metadata, embedded
files, the JSON and CSV beside the PDF, and the pictures, read by tesseract. No canary that
should go may be found; what is not hers (the harasser's name, a marked message) must stay,
so the test can fail."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import phonenumbers
import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfReader

from app.core import importers
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from app.core.models import Person
from app.core.redaction.contacts import REGIONS
from app.core.redaction.text import RedactionRules, Redactor
from tests.core.export import adversary
from tests.core.importers import exports as ex
from tests.core.screens import needs_tesseract, screenshot

pytestmark = pytest.mark.slow

NAME, PSEUDONYM, HANDLE = "Nesrin Qanaryan", "Defender Q", "nesrinq_kanarya"
PHONE, NATIONAL = "+90 532 418 27 96", "5324182796"
TG_ID, X_ID = "583920174", "4455667788"
HIS_PHONE, HIS_NATIONAL, HIS_MAIL = "+49 176 83920415", "17683920415", "ravenpost77@example.org"
LAT, LON = 36.202105, 37.134260
ARABIC, PERSIAN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Her number as people type it: the local way (Turkish grouping, brackets, Arabic and Persian
# digits), with the country code, as WhatsApp's id and link carry it.
HER_NUMBER_WRITTEN = ["0532 418 27 96", "(0532) 418-27-96", "0532 418 2796", "٠٥٣٢ ٤١٨ ٢٧ ٩٦", "۰۵۳۲ ۴۱۸ ۲۷ ۹۶",
                      "+90 (532) 418 27 96", "905324182796", "wa.me/905324182796", "\u202a+90 532 418 27 96\u202c"]
# Her name as people write it: joined, in a handle, a hashtag or a link, in capitals (Turkish İ),
# in Arabic script (her card has that spelling too).
HER_NAME_WRITTEN = ["NesrinQanaryan", "#JusticeForNesrin", "nesrin.qanaryan.5", "facebook.com/nesrin.qanaryan",
                    "NESRİN QANARYAN", "Nesrin'in", "نسرين قناريان", "@nesrin_qanaryan99"]
WRITTEN = " ; ".join(HER_NUMBER_WRITTEN + HER_NAME_WRITTEN)
CONTACT = f"his number {HIS_PHONE}, mail {HIS_MAIL}"
# Found as words (folded, without spaces) and as digits (any script, separators removed).
WORDS = ["Nesrin", "Qanaryan", "نسرين", "قناريان", HANDLE, "ravenpost77", "36.2021", "37.1342", "CanaryMake", "CanaryModel"]
DIGITS = [NATIONAL, TG_ID, X_ID, HIS_NATIONAL, "3620210", "3713426"]
KEPT = "Trollvik Brann"  # the harasser's name: evidence, never redacted


def her() -> Person:
    return Person(name=NAME, pseudonym=PSEUDONYM, aliases=["@" + HANDLE, PHONE, "نسرين قناريان"])


def digits_read(text: str) -> str:
    """Every digit in ASCII, the separators phones use taken out."""
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in unicodedata.normalize("NFKC", text))
    return re.sub(r"[\s\-./()+\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def exif_photo(n: int, *, text: list[str] | None = None, fmt: str = "JPEG") -> bytes:
    """A photo whose EXIF names the device and the place, optionally showing text."""
    img = screenshot(text, size=(900, 260), pt=40) if text else Image.new("RGB", (64, 48), (n * 40 % 256, 90, 120))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "CanaryMake", "CanaryModel"
    exif[0x013B] = NAME  # Artist
    exif.get_ifd(0x8769)[0x9003] = "2023:07:04 10:30:15"
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 12.0, 7.578), 3: "E", 4: (37.0, 8.0, 3.336)})
    out = io.BytesIO()
    if fmt == "PNG":  # text chunks: what a screenshot tool or an editor writes
        info = PngInfo()
        info.add_text("Author", NAME)
        info.add_itxt("Comment", f"{PHONE} {HANDLE}")
        img.save(out, format=fmt, exif=exif, pnginfo=info)
    else:
        img.save(out, format=fmt, exif=exif)
    return out.getvalue()


VCARD = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{NAME}\r\nTEL;TYPE=CELL:{PHONE}\r\nEND:VCARD\r\n").encode()


# The exports ----------------------------------------------------------------------------------

def telegram_json(folder: Path) -> Path:
    start = datetime(2023, 7, 4, 10, 30, 15)
    me = (NAME, int(TG_ID))
    msgs = [
        ex.telegram_message(1, start, author=me, text="it is me"),
        ex.telegram_message(2, start, author=(KEPT, 777), text=[
            f"found her @{HANDLE} ", {"type": "mention", "text": f"@{HANDLE}"}, " ",
            {"type": "mention_name", "text": "Nesrin", "user_id": int(TG_ID)}, " call ",
            {"type": "phone", "text": HER_NUMBER_WRITTEN[0]}, f" {WRITTEN} ", {"type": "email", "text": HIS_MAIL},
            " ", {"type": "text_link", "text": "profile", "href": f"tg://user?id={TG_ID}"}, f" {CONTACT}"]),
        ex.telegram_message(3, start, author=(KEPT, 777), text="look", forwarded=NAME),
        ex.telegram_message(4, start, author=(KEPT, 777), text="answer", reply_to=1),
        ex.telegram_message(5, start, author=(KEPT, 777), photo="photos/Nesrin_Qanaryan_passport.jpg",
                            text=f"the passport of Nesrin, {HER_NUMBER_WRITTEN[3]}"),
        ex.telegram_message(6, start, author=(KEPT, 777), text=""),
        ex.telegram_message(7, start, author=(KEPT, 777), text="her house"),
        ex.telegram_message(8, start, author=me, service=True),
        ex.telegram_message(9, start, author=(KEPT, 777), text=""),
    ]
    msgs[2]["forwarded_from_id"] = f"user{TG_ID}"
    msgs[5].update(contact_information={"first_name": "Nesrin", "last_name": "Qanaryan", "phone_number": PHONE},
                   contact_vcard="contacts/contact_1.vcard")
    msgs[6].update(location_information={"latitude": LAT, "longitude": LON}, place_name="Qanaryan family home",
                   address="12 Baker Street")
    msgs[7]["members"] = [NAME]
    msgs[8]["poll"] = {"question": f"Where does {NAME} live?", "closed": False, "total_voters": 2, "answers": [
        {"text": f"ask {HER_NUMBER_WRITTEN[3]}", "voters": 1, "chosen": False},
        {"text": f"near {LAT}, {LON}", "voters": 1, "chosen": False}]}
    msgs[4]["author"] = NAME  # a channel post's signature
    return ex.telegram_export(folder, msgs, name=f"Justice for {NAME}", photos={
        "photos/Nesrin_Qanaryan_passport.jpg": exif_photo(1), "contacts/contact_1.vcard": VCARD})


def telegram_html(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "photos" / "Nesrin_Qanaryan.jpg").write_bytes(exif_photo(2))
    (folder / "contacts").mkdir()
    (folder / "contacts" / "contact_1.vcard").write_bytes(VCARD)
    maps = f"https://maps.google.com/maps?q={LAT},{LON}&amp;ll={LAT},{LON}&amp;z=16"

    def media(href: str, icon: str, title: str, status: str) -> str:
        return (f'<div class="media_wrap clearfix"><a class="media clearfix pull_left block_link" href="{href}">'
                f'<div class="fill pull_left {icon}"></div><div class="body"><div class="title bold">{title}</div>'
                f'<div class="status details">{status}</div></div></a></div>')

    bodies = {
        1: (NAME, '<div class="text">it is me</div>'),
        2: (KEPT, f'<div class="text">found her <a href="https://t.me/{HANDLE}">@{HANDLE}</a> {WRITTEN}<br>'
                  f'{CONTACT}</div>'),
        3: (KEPT, f'<div class="forwarded body"><div class="from_name">{NAME}<span class="details"> '
                  '04.07.2023 09:00:00</span></div><div class="text">forwarded words</div></div>'),
        4: (KEPT, '<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" '
                  'href="photos/Nesrin_Qanaryan.jpg"><img class="photo" src="photos/x_thumb.jpg"></a></div>'
                  '<div class="text">the photo of Nesrin</div>'),
        5: (KEPT, media("contacts/contact_1.vcard", "media_contact", NAME, PHONE)),
        6: (KEPT, media(maps, "media_location", "Location", f"{LAT}, {LON}")),
        7: (KEPT, '<div class="reply_to details">In reply to <a href="#go_to_message1">this message</a></div>'
                  '<div class="text">answer</div>'),
    }
    rows = "".join(f'''
 <div class="message default clearfix" id="message{i}"><div class="body">
  <div class="pull_right date details" title="04.07.2023 10:0{i}:00 UTC+03:00">10:0{i}</div>
  <div class="from_name">{who}</div>{body}
 </div></div>''' for i, (who, body) in bodies.items())
    (folder / "messages.html").write_text(f'''<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body>
<div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">Justice for {NAME}</div>
</div></div><div class="page_body chat_page"><div class="history">{rows}
</div></div></div></body></html>''', encoding="utf-8")
    return folder


def _wa_lines() -> list[ex.WaLine]:
    t = datetime(2023, 7, 14, 9, 5, 7)
    at = [t + timedelta(minutes=n) for n in range(8)]
    return [ex.WaLine(at[0], "\u202a" + PHONE + "\u202c", "it is me"),
            ex.WaLine(at[1], "\u202a" + PHONE.translate(ARABIC) + "\u202c", "from my other phone"),
            ex.WaLine(at[2], NAME, "as you saved me"),
            ex.WaLine(at[3], KEPT, "<attached: 00000012-PHOTO-2023-07-14-09-08-07.jpg>"),
            ex.WaLine(at[4], KEPT, f"her numbers: {WRITTEN}\n{CONTACT}"),
            ex.WaLine(at[5], KEPT, f"<attached: {NAME}.vcf>"),
            ex.WaLine(at[6], KEPT, f"Location: https://maps.google.com/?q={LAT},{LON}"),
            ex.WaLine(at[7], KEPT, f"@{NAME} @{NATIONAL.translate(PERSIAN)}")]


def whatsapp_zip(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / f"WhatsApp Chat - {NAME}.zip"
    loc = next(x for x in ex.LOCALES if x.name == "en-ios")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_chat.txt", ex.wa_text(loc, _wa_lines()).encode("utf-8"))
        z.writestr("00000012-PHOTO-2023-07-14-09-08-07.jpg", exif_photo(3))
        z.writestr(f"{NAME}.vcf", VCARD)
    return path


def whatsapp_txt(folder: Path) -> Path:
    folder.mkdir(parents=True)
    loc = next(x for x in ex.LOCALES if x.name == "ar-android")
    lines = [ex.WaLine(line.when, line.author, line.text.replace("<attached: ", "").replace(">", " (الملف مرفق)")
                       if line.text.startswith("<attached") else line.text) for line in _wa_lines()]
    (folder / f"WhatsApp Chat with {NAME}.txt").write_text(ex.wa_text(loc, lines), encoding="utf-8")
    (folder / "00000012-PHOTO-2023-07-14-09-08-07.jpg").write_bytes(exif_photo(4))
    (folder / f"{NAME}.vcf").write_bytes(VCARD)
    return folder / f"WhatsApp Chat with {NAME}.txt"


def meta(folder: Path) -> Path:
    thread = folder / "your_activity_across_facebook" / "messages" / "inbox" / "nesrinqanaryan_123"
    (thread / "photos").mkdir(parents=True)
    (thread / "photos" / "Nesrin_Qanaryan.jpg").write_bytes(exif_photo(5))
    uri = "your_activity_across_facebook/messages/inbox/nesrinqanaryan_123/photos/Nesrin_Qanaryan.jpg"
    m = ex.mojibake
    doc = {"participants": [{"name": m(NAME)}, {"name": m(KEPT)}], "title": m(NAME),
           "thread_path": "inbox/nesrinqanaryan_123", "messages": [
               {"sender_name": m(NAME), "timestamp_ms": 1688455715000, "content": m("leave me alone")},
               {"sender_name": m(KEPT), "timestamp_ms": 1688455815000,
                "content": m(f"{NAME} — {WRITTEN} {CONTACT} @{HANDLE}")},
               {"sender_name": m(KEPT), "timestamp_ms": 1688455915000, "photos": [{"uri": uri}],
                "share": {"link": f"https://www.facebook.com/{HANDLE}"}, "content": m("look")}]}
    (thread / "message_1.json").write_text(json.dumps(doc), encoding="utf-8")
    return thread / "message_1.json"


def x_archive(folder: Path) -> Path:
    data = folder / "data"
    (data / "tweets_media").mkdir(parents=True)
    when = datetime(2023, 7, 4, 7, 30, 15, tzinfo=UTC)
    tid = ex.tweet_id_at(when)
    (data / "tweets_media" / f"{tid}-abc.jpg").write_bytes(exif_photo(6))
    stamp = "%a %b %d %H:%M:%S +0000 %Y"
    tweets = [{"tweet": {"id_str": str(tid), "full_text": f"They posted {WRITTEN}; I am {NAME}",
                         "created_at": when.strftime(stamp),
                         "extended_entities": {"media": [{"media_url_https": "https://pbs.twimg.com/media/abc.jpg",
                                                          "type": "photo"}]}}},
              {"tweet": {"id_str": str(tid + (60_000 << 22)), "full_text": f"RT @trollvik: {CONTACT}",
                         "created_at": (when + timedelta(minutes=1)).strftime(stamp),
                         "in_reply_to_status_id_str": str(tid), "in_reply_to_screen_name": HANDLE}}]
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8")
    account = [{"account": {"username": HANDLE, "accountId": X_ID, "accountDisplayName": NAME}}]
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(account), encoding="utf-8")
    return folder


def picture_folder(folder: Path) -> Path:
    inner = folder / NAME
    inner.mkdir(parents=True)
    (inner / f"threat to {NAME} from 0532 418 27 96.png").write_bytes(
        exif_photo(7, text=[f"{NAME} lives here", "call 0532 418 27 96"], fmt="PNG"))
    (inner / "Qanaryan_home.jpg").write_bytes(exif_photo(8))
    return folder


def web_archive(folder: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True)
    url = f"https://x.com/{HANDLE}"
    page = (f"<html><head><title>{NAME} (@{HANDLE}) call {HER_NUMBER_WRITTEN[0]}</title></head>"
            f"<body>{CONTACT}</body></html>").encode()
    path = folder / "capture.warc.gz"
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2023-07-04T07:30:15Z"}))
        shot = exif_photo(9, text=[f"{NAME} @{HANDLE}", "0532 418 27 96"], fmt="PNG")
        w.write_record(w.create_warc_record(f"urn:screenshot:{url}", "resource", payload=io.BytesIO(shot),
                                            warc_content_type="image/png",
                                            warc_headers_dict={"WARC-Date": "2023-07-04T07:30:16Z"}))
    return path


def single_file(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / f"{NAME}.html"
    path.write_text(f"<!--\n Page saved with SingleFile \n url: https://www.instagram.com/{HANDLE}/ \n"
                    f" saved date: Tue Jul 04 2023 10:30:15 GMT+0300\n-->"
                    f"<html><head><title>{NAME} • {WRITTEN}</title></head></html>", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Export:
    fmt: str
    make: object
    platform: str  # the platform report made of it


EXPORTS = {
    "telegram-json": Export("telegram", telegram_json, "telegram"),
    "telegram-html": Export("telegram", telegram_html, "telegram"),
    "whatsapp-zip": Export("whatsapp", whatsapp_zip, "whatsapp"),
    "whatsapp-txt": Export("whatsapp", whatsapp_txt, "whatsapp"),
    "meta": Export("meta", meta, "facebook"),
    "x": Export("x", x_archive, "x"),
    "folder": Export("folder", picture_folder, "telegram"),
    "web-warc": Export("web", web_archive, "x"),
    "web-html": Export("web", single_file, "instagram"),
}


# Import, mark her, export, read back ------------------------------------------------------------

@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    from app.core.vault import Vault

    folder = tmp_path_factory.mktemp("canaries")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    person = vault.journal.persons.add(her())
    imported = {}
    for key, export in EXPORTS.items():
        with importers.parse(export.fmt, export.make(folder / key)) as preview:
            assert len(preview.messages) >= 1
            result = commit.import_messages(vault, preview, filters.select(preview), ImportTarget())
        for incident in result.incident_ids:
            vault.journal.incidents.link_person(incident, person)
        imported[key] = result.incident_ids
    yield vault, imported, folder
    vault.lock()


def ocr_text(data: bytes) -> str:
    """What tesseract reads in a picture the PDF carries (every script her languages use)."""
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng+tur+ara+fas"], input=data,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


def read_back(built: dossier.Built, work: Path) -> dict[str, str]:
    """Every text an adversary gets out of the dossier, by where it was found."""
    work.mkdir()
    reading = adversary.read(built.pdf, work)
    texts = {"pypdf": " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built.pdf)).pages)}
    for args in ([], ["-raw"]):
        texts[f"pdftotext {args}"] = subprocess.run(["pdftotext", *args, str(work / "adversary.pdf"), "-"],
                                                    capture_output=True, check=True).stdout.decode("utf-8")
    texts["metadata"] = json.dumps({k: str(v) for k, v in reading.metadata.items()}, ensure_ascii=False)
    texts["streams"] = "\n".join(s.decode("utf-8", "replace") for s in reading.streams)
    for name, datas in PdfReader(io.BytesIO(built.pdf)).attachments.items():
        texts |= {f"attachment {name} {n}": d.decode("utf-8", "replace") for n, d in enumerate(datas)}
    texts |= {f"beside {suffix}": data.decode("utf-8-sig") for suffix, data in built.sidecars.items()}
    if shutil.which("tesseract"):
        texts |= {f"picture {n} (OCR)": ocr_text(data) for n, data in enumerate(reading.images)}
    for n, data in enumerate(reading.images):
        texts[f"picture {n} metadata"] = json.dumps(adversary.image_metadata(data), default=str)
    return texts


def leaks(texts: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for where, text in texts.items():
        squashed, digits = adversary.squash(text), digits_read(text)
        hits = [w for w in WORDS if adversary.squash(w) in squashed or adversary.squash(w)[::-1] in squashed]
        hits += [d for d in DIGITS if d in digits or d[::-1] in digits]
        if hits:
            found[where] = hits
    return found


@needs_tesseract
@pytest.mark.parametrize("key", list(EXPORTS))
@pytest.mark.parametrize("template", ["un", "platform", "lawyer"])
def test_no_canary_of_hers_or_contact_detail_reaches_a_redacted_dossier(journal, key, template):
    vault, imported, folder = journal
    export = EXPORTS[key]
    kw = {"platform": export.platform, "include_other_platforms": True} if template == "platform" else {}
    if template == "lawyer":
        kw["redact"] = True  # a redacted lawyer's copy carries its JSON and CSV inside the PDF
    built = dossier.build(vault, ExportOptions(template, imported[key], json=True, csv=True, **kw))
    texts = read_back(built, folder / f"read-{key}-{template}")
    assert leaks(texts) == {}
    pages = adversary.squash(texts["pypdf"])
    # It can fail: the canaries were there and were taken out, and what is not hers stays.
    assert adversary.squash(PSEUDONYM) in pages and "name" in {h.kind for h in built.dossier.hits}
    if export.fmt in ("telegram", "whatsapp", "meta"):
        assert adversary.squash(KEPT) in pages
    if export.fmt in ("telegram", "whatsapp", "meta", "x"):
        assert {"phone", "email"} <= {h.kind for h in built.dossier.hits}
    pictures = [ev for ev in built.dossier.all_evidence() if ev.kind == "image"]
    assert all(ev.rendition_sha256 for ev in pictures) and (pictures or key == "web-html")
    if key in ("folder", "web-warc"):  # her name and number on a screenshot: boxes burned over them
        assert any(ev.regions_burned for ev in pictures)


def test_the_full_lawyers_copy_keeps_every_canary(journal):
    """The canaries are in the journal: an unredacted record carries them (the test above can fail)."""
    vault, imported, _folder = journal
    built = dossier.build(vault, ExportOptions("lawyer", imported["telegram-json"], json=True))
    record = PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0].decode("utf-8")
    assert {"Nesrin", "Qanaryan", HANDLE, "ravenpost77", "36.2021"} <= {
        w for w in WORDS if adversary.squash(w) in adversary.squash(record)}
    assert all(d in digits_read(record) for d in (NATIONAL, TG_ID, HIS_NATIONAL))
    assert f"Where does {NAME} live?" in record  # the poll's question, as the sender wrote it


# Her number written the local way --------------------------------------------------------------

LOCAL_WAYS = [  # (her card, as written in a message, the national digits)
    ("+33 6 12 34 56 78", "06 12 34 56 78", "612345678"), ("+33 6 12 34 56 78", "06.12.34.56.78", "612345678"),
    ("+34 612 34 56 78", "612 34 56 78", "612345678"), ("+90 532 123 45 67", "0532 123 45 67", "5321234567"),
    ("+90 555 123 45 67", "٠٥٥٥ ١٢٣ ٤٥٦٧", "5551234567"), ("+98 912 345 6789", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "9123456789"),
    ("+966 55 512 3456", "٠٥٥ ٥١٢ ٣٤٥٦", "555123456"), ("+20 100 123 4567", "٠١٠٠ ١٢٣ ٤٥٦٧", "1001234567"),
    ("+52 55 1234 5678", "55 1234 5678", "5512345678"),
]


@pytest.mark.parametrize("card, written, nsn", LOCAL_WAYS + [(w, c, n) for c, w, n in LOCAL_WAYS])
def test_her_number_the_local_way_is_her_international_number_and_back(card, written, nsn):
    """Her card may have her number either way, and messages the other: both are her."""
    person = Person(name=NAME, pseudonym=PSEUDONYM, aliases=[card])
    for sentence in ("call {} now", "رقمها {} الآن", "numarası: {}.", "شماره‌اش {} است"):
        out = Redactor(RedactionRules([person], patterns=False)).text(sentence.format(written))
        assert nsn not in digits_read(out) and PSEUDONYM in out, out


def test_a_local_number_does_not_swallow_other_numbers():
    person = Person(name=NAME, pseudonym=PSEUDONYM, aliases=["0532 123 45 67"])
    kept = "case 2023-07-04, 5321234, 0532 123 45 68, +90 532 123 45 68 and 1500000 TL"
    assert Redactor(RedactionRules([person], patterns=False)).text(kept) == kept


MOBILES = {r: n for r in REGIONS if (n := phonenumbers.example_number_for_type(r, phonenumbers.PhoneNumberType.MOBILE))}


@pytest.mark.parametrize("region", sorted(MOBILES))
def test_in_every_region_her_card_and_the_message_may_write_her_number_either_way(region):
    number = MOBILES[region]
    local = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    forms = [phonenumbers.format_number(number, f) for f in (phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                                             phonenumbers.PhoneNumberFormat.E164)]
    nsn = str(number.national_number)
    for card, written in [(local, f) for f in forms] + [(f, local) for f in forms] + [(local, local.translate(ARABIC))]:
        person = Person(name=NAME, pseudonym=PSEUDONYM, aliases=[card])
        out = Redactor(RedactionRules([person], patterns=False)).text(f"her number {written}, today")
        assert nsn not in digits_read(out) and out.endswith(", today"), (card, written, out)


@pytest.mark.parametrize("label", ["Nesrin Qanaryan | Avukat", "Av. Nesrin Qanaryan"])
def test_her_own_account_with_a_title_in_its_name_keeps_her_id_out(vault, tmp_path, label):
    vault.journal.persons.add(her())
    folder = ex.telegram_export(tmp_path / "tg", [ex.telegram_message(1, datetime(2023, 7, 4, 10, 30),
                                                                      author=(label, int(TG_ID)), text="hi")])
    with importers.parse("telegram", folder) as preview:
        incidents = commit.import_messages(vault, preview, [0], ImportTarget()).incident_ids
    built = dossier.build(vault, ExportOptions("platform", incidents, platform="telegram"))
    pages = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built.pdf)).pages)
    assert "Qanaryan" not in pages and TG_ID not in digits_read(pages)


IMPERSONATOR_ID = "918273645"


@pytest.mark.parametrize("marking", ["none", "motive", "relation", "report"])
def test_an_impersonators_id_stays_only_once_she_marks_it_as_attacking_her(vault, tmp_path, marking):
    """'Nesrin Qanaryan Fan' may be her own account as well as an impersonator: hidden by
    default, its id is in the platform report once she records it as attacking her."""
    from dataclasses import replace as dc_replace

    from app.core.models import PlatformReport, ReportItem

    vault.journal.persons.add(her())
    folder = ex.telegram_export(tmp_path / "tg", [ex.telegram_message(
        1, datetime(2023, 7, 4, 10, 30), author=(f"{NAME} Fan", int(IMPERSONATOR_ID)), text="I am her")])
    with importers.parse("telegram", folder) as preview:
        incidents = commit.import_messages(vault, preview, [0], ImportTarget()).incident_ids
    j = vault.journal
    actor = next(a for a in j.actors.list() if a.numeric_id == IMPERSONATOR_ID)
    if marking in ("motive", "relation"):
        field = "motive" if marking == "motive" else "relation_to_victim"
        j.actors.update(dc_replace(actor, **{field: "impersonates her"}))
    elif marking == "report":
        j.reports.add(PlatformReport(platform="telegram", filed_on="2023-07-05", incident_ids=incidents,
                                     items=[ReportItem(url="https://t.me/c/1234567890/1", actor_id=actor.id)]))
    built = dossier.build(vault, ExportOptions("platform", incidents, platform="telegram"))
    pages = digits_read(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built.pdf)).pages))
    assert "Qanaryan" not in pages  # her name goes either way
    assert (IMPERSONATOR_ID in pages) == (marking != "none")


def test_a_channel_named_after_her_keeps_its_id_and_its_links(vault, tmp_path):
    """Campaigns name channels after her ("Nesrin Qanaryan exposed"): its posts' links hold its
    id, which a platform report needs; her name goes, the channel's id stays (a channel's id
    keeps its kind, "channel1655091877", so the names rule never takes it for hers)."""
    vault.journal.persons.add(her())
    channel = 1655091877
    post = ex.telegram_message(1, datetime(2023, 7, 4, 10, 30), text="traitor")
    post["from"], post["from_id"] = f"{NAME} exposed", f"channel{channel}"
    folder = ex.telegram_export(tmp_path / "tg", [post], chat_type="public_channel", chat_id=channel,
                                name=f"{NAME} exposed")
    with importers.parse("telegram", folder) as preview:
        incidents = commit.import_messages(vault, preview, [0], ImportTarget()).incident_ids
    built = dossier.build(vault, ExportOptions("platform", incidents, platform="telegram"))
    pages = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built.pdf)).pages)
    assert "Qanaryan" not in pages and f"t.me/c/{channel}/1" in pages.replace("\n", "")
