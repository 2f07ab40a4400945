"""Imported identities in redacted dossiers: authors of WhatsApp and Telegram exports carry
phone numbers and numeric ids in every way phones and exports write them. When a person is
shown by pseudonym, or contact details go, none of those forms may be read back from the PDF
(pypdf and poppler), the JSON or the CSV: not in a caption, a citation, an actor, a link."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from datetime import datetime, timedelta

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from app.core import importers
from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from app.core.models import Person, PlatformReport, ReportItem
from app.core.redaction import contacts
from app.core.redaction.pictures import PictureMatcher
from app.core.redaction.text import RedactionRules, Redactor
from tests.core.importers import exports as ex

pytestmark = pytest.mark.slow

# Hers (a protected person): a German mobile and a Telegram id. The harasser's own phone is a
# contact detail too. Each is looked for by its national digits, which every form contains.
HER_PHONE, HER_NATIONAL = "+49 176 83920415", "17683920415"
HER_TG = "583920174"
HIS_PHONE, HIS_NATIONAL = "+90 532 418 27 96", "5324182796"
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def writings(cc: str, national: str) -> list[str]:
    """The ways a phone number is written: groupings, + / 00 / bare country code / trunk 0,
    Arabic-Indic and Persian digits, direction marks, inside ids and links."""
    a, b, c = national[:3], national[3:6], national[6:]
    intl = cc + national
    forms = [f"+{cc} {a} {b} {c}", f"+{cc}-{a}-{b}-{c}", f"00{cc} {a} {b}{c}", f"({cc}) {a}/{b}{c}",
             f"+{cc} (0){a} {b} {c}", f"0{a} {b} {c}", f"0{national}", intl, f"+{intl}", f"00{intl}",
             f"id {intl}", f"wa.me/{intl}", f"https://wa.me/{intl}?text=hi", f"https://wa.me/+{cc} {a} {b}{c}",
             f"tel:+{intl}", f"\u202a+{cc} {a} {b} {c}\u202c", f"\u200e+{cc}\u00a0{a}\u00a0{b}\u00a0{c}"]
    forms += [intl.translate(ARABIC_DIGITS), f"+{cc} {a} {b} {c}".translate(ARABIC_DIGITS),
              f"\u202a+{cc} {a} {b} {c}\u202c".translate(PERSIAN_DIGITS)]
    return forms


def digits_read(text: str) -> str:
    """What an adversary reads as numbers: every digit in ASCII, the separators phones use taken out."""
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in unicodedata.normalize("NFKC", text))
    return re.sub(r"[\s\-./()+\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


# The Redactor on its own: every form, in prose and as an id ------------------------------------

@pytest.mark.parametrize("form", [*writings("49", HER_NATIONAL), f"user{HER_TG}", f"id {HER_TG}",
                                  f"from_id: user{HER_TG}", HER_TG])
def test_a_protected_persons_number_goes_in_every_form(form):
    layla = Person(name="Layla Haddad", pseudonym="Defender K", aliases=[HER_PHONE, f"user{HER_TG}"])
    # Contact details kept (patterns off): only her being a protected person takes the number out.
    red = Redactor(RedactionRules([layla], patterns=False))
    for value in (f"reach her at {form}, today", form):
        out = red.text(value)
        assert HER_NATIONAL not in digits_read(out) and HER_TG not in digits_read(out), out
        assert "Defender K" in out
    assert HER_NATIONAL not in digits_read(red.identifier(form))


@pytest.mark.parametrize("line", ["Layla ٠١٧٦ ٨٣٩٢٠٤١٥", "wa.me/4917683920415", "user583920174 joined"])
def test_a_picture_line_with_her_number_gets_a_box(line):
    layla = Person(name="Layla Haddad", pseudonym="Defender K", aliases=[HER_PHONE, f"user{HER_TG}"])
    spans = PictureMatcher(RedactionRules([layla], patterns=False)).sensitive_spans(line)
    covered = "".join(" " if any(a <= i < b for a, b, _k in spans) else ch for i, ch in enumerate(line))
    assert HER_NATIONAL not in digits_read(covered) and HER_TG not in digits_read(covered), covered


@pytest.mark.parametrize("form", writings("90", HIS_NATIONAL))
def test_contact_details_go_in_every_form(form):
    red = Redactor(RedactionRules([]))
    out = red.text(f"his number {form} was posted")
    assert HIS_NATIONAL not in digits_read(out) and out.endswith(" was posted"), out
    assert HIS_NATIONAL not in digits_read(red.reference(form, phone_ids=True))


@pytest.mark.parametrize("form", ["https://t.me/c/1655091877/42", "channel1655091877", "id -1001655091877",
                                  "chat ١٦٥٥٠٩١٨٧٧"])
def test_a_protected_organisations_channel_goes_in_every_form(form):
    group = Person(name="Equity Collective", pseudonym="Organisation E", role="organisation",
                   aliases=["-1001655091877"])
    red = Redactor(RedactionRules([group], patterns=False))
    assert "1655091877" not in digits_read(red.text(form)) and "1655091877" not in digits_read(red.identifier(form))


def test_numbers_that_are_not_hers_stay():
    layla = Person(name="Layla Haddad", pseudonym="Defender K", aliases=[HER_PHONE, f"user{HER_TG}"])
    red = Redactor(RedactionRules([layla], patterns=False))
    kept = f"message {HER_TG}1, user 1{HER_TG}, 2023-07-04, 176, 8392 0415 and 0176 8392041"
    assert red.text(kept) == kept


# A WhatsApp and a Telegram export through import and export ------------------------------------

def _whatsapp(folder):
    t = datetime(2023, 7, 14, 9, 5, 7)
    loc = next(x for x in ex.LOCALES if x.name == "en-ios")
    her_forms = writings("49", HER_NATIONAL)
    his_forms = writings("90", HIS_NATIONAL)
    lines = [ex.WaLine(t, "\u202a" + HER_PHONE + "\u202c", "it is me, Layla"),
             ex.WaLine(t + timedelta(minutes=1), "\u202a" + HER_PHONE.translate(ARABIC_DIGITS) + "\u202c",
                       "from my other phone"),
             ex.WaLine(t + timedelta(minutes=2), "\u202a" + HIS_PHONE + "\u202c", "<attached: IMG-1.jpg>"),
             ex.WaLine(t + timedelta(minutes=3), "\u202a" + HIS_PHONE + "\u202c",
                       "her numbers: " + " ; ".join(her_forms) + "\nmine: " + " ; ".join(his_forms))]
    body = ex.wa_text(loc, lines).encode("utf-8")
    folder.mkdir()
    path = folder / "WhatsApp Chat - Group.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_chat.txt", body)
        z.writestr("IMG-1.jpg", ex.photo_bytes(2))
    return path


def _telegram(folder):
    start = datetime(2023, 7, 4, 10, 30, 15)
    msgs = [ex.telegram_message(1, start, author=("Layla Haddad", int(HER_TG)), text="hello"),
            ex.telegram_message(2, start, author=("Harasser", 777),
                                text=[f"found her: user{HER_TG} id {HER_TG} ",
                                      {"type": "text_link", "text": "profile", "href": f"tg://user?id={HER_TG}"},
                                      {"type": "mention_name", "text": "Layla", "user_id": int(HER_TG)}]),
            ex.telegram_message(3, start, author=("Harasser", 777), text="look", forwarded="Layla Haddad")]
    msgs[2]["forwarded_from_id"] = f"user{HER_TG}"
    return ex.telegram_export(folder, msgs)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from app.core.vault import Vault

    folder = tmp_path_factory.mktemp("identities")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    incidents = []
    for fmt, path in (("whatsapp", _whatsapp(folder / "wa")), ("telegram", _telegram(folder / "tg"))):
        with importers.parse(fmt, path) as preview:
            incidents += commit.import_messages(vault, preview, filters.select(preview), ImportTarget()).incident_ids
    # She is known by her name and her WhatsApp number; her Telegram id is only in the export.
    j = vault.journal
    j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K", aliases=[HER_PHONE]))
    # Reports name accounts by their ids: the harasser's WhatsApp account is his phone number.
    actors = {a.numeric_id: a.id for a in j.actors.list()}
    j.reports.add(PlatformReport(platform="whatsapp", filed_on="2023-07-15", incident_ids=[incidents[0]], items=[
        ReportItem(url="https://wa.me/" + HIS_PHONE.replace(" ", "").lstrip("+"), actor_id=actors["90" + HIS_NATIONAL]),
        ReportItem(url="https://wa.me/49" + HER_NATIONAL, actor_id=actors["49" + HER_NATIONAL])]))
    j.reports.add(PlatformReport(platform="telegram", filed_on="2023-07-15", incident_ids=[incidents[1]], items=[
        ReportItem(url="https://t.me/c/1234567890/2", actor_id=actors["777"]),
        ReportItem(url=f"tg://user?id={HER_TG}", actor_id=actors[HER_TG])]))
    yield vault, incidents, folder
    vault.lock()


def _read_back(built: dossier.Built, path) -> dict[str, str]:
    path.write_bytes(built.pdf)
    texts = {"pypdf": " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built.pdf)).pages)}
    texts["pdftotext"] = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                                        check=True).stdout.decode("utf-8")
    texts |= {suffix: data.decode("utf-8-sig") for suffix, data in built.sidecars.items()}
    # A lawyer's copy carries its JSON/CSV (and, unredacted, the originals) as attachments.
    for name, datas in PdfReader(io.BytesIO(built.pdf)).attachments.items():
        texts |= {f"{name} {n}": data.decode("utf-8", "replace") for n, data in enumerate(datas)}
    return texts


@pytest.mark.parametrize("template, kw", [("un", {}), ("platform", {"platform": "whatsapp"}),
                                          ("platform", {"platform": "telegram"}), ("lawyer", {"redact": True})])
def test_no_form_of_an_imported_identity_reaches_a_redacted_dossier(imported, template, kw):
    vault, incidents, folder = imported
    options = ExportOptions(template, incidents, json=True, csv=True, include_other_platforms=True, **kw)
    built = dossier.build(vault, options)
    texts = _read_back(built, folder / f"{template}-{kw.get('platform', '')}.pdf")
    for where, text in texts.items():
        read = digits_read(text)
        for secret in (HER_NATIONAL, HER_TG, HIS_NATIONAL):
            assert secret not in read, (where, secret)
        assert "Layla" not in text and "Haddad" not in text, where
    # What is not hers stays: the pseudonym, the harasser's Telegram id, the message links.
    pages = texts["pypdf"]
    assert "Defender K" in pages
    if kw.get("platform") != "whatsapp":
        assert "id 777" in pages and "t.me/c/1234567890/2" in pages


def test_the_lawyers_full_copy_keeps_every_identity(imported):
    vault, incidents, _folder = imported
    built = dossier.build(vault, ExportOptions("lawyer", incidents, json=True))
    read = digits_read(PdfReader(io.BytesIO(built.pdf)).attachments["dossier.json"][0].decode("utf-8"))
    assert HER_NATIONAL in read and HER_TG in read and HIS_NATIONAL in read


def test_one_phone_number_is_one_actor_whatever_digits_the_phone_wrote(imported):
    vault, _incidents, _folder = imported
    hers = [a for a in vault.journal.actors.list() if a.platform == "whatsapp" and a.numeric_id == "49" + HER_NATIONAL]
    assert len(hers) == 1 and hers[0].first_seen == "2023-07-14"


# Any mobile number of the regions Sijil's users live in, written any way ------------------------

MOBILES = [phonenumbers.example_number_for_type(r, phonenumbers.PhoneNumberType.MOBILE) for r in contacts.REGIONS]
SEPARATORS = [" ", "-", ".", "\u00a0", "\u202f", " - ", "\u200e", ""]


@st.composite
def written_phone(draw) -> tuple[str, str, str]:
    """(the number as her contact card has it, as written in a message, its national digits)."""
    number = draw(st.sampled_from([m for m in MOBILES if m is not None]))
    cc, nsn = str(number.country_code), str(number.national_number)
    cuts = sorted(draw(st.sets(st.integers(2, len(nsn) - 2), max_size=4)))
    cuts = [c for n, c in enumerate(cuts) if n == 0 or c - cuts[n - 1] >= 2]  # groups of two digits or more
    sep = draw(st.sampled_from(SEPARATORS))
    grouped = sep.join(nsn[a:b] for a, b in zip([0, *cuts], [*cuts, len(nsn)], strict=True))
    # Nationally as the region writes it: with a trunk "0" in most, none for Colombian mobiles.
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    trunk = "0" if national.startswith("0") else ""
    prefix = draw(st.sampled_from(["+" + cc + " ", "00" + cc + " ", "+" + cc + sep, trunk,
                                   "+" + cc + " (0)" if trunk == "0" else "+" + cc]))
    written = prefix + grouped
    written = written.translate(draw(st.sampled_from([str.maketrans("", ""), ARABIC_DIGITS, PERSIAN_DIGITS])))
    wrap = draw(st.sampled_from([("", ""), ("\u202a", "\u202c"), ("wa.me/", ""), ("(", ")"), ("tel:", "")]))
    card = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return card, wrap[0] + written + wrap[1], nsn


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_phone(), st.sampled_from(["call {} now", "{}", "رقمها {} الآن", "numarası: {}."]))
def test_any_mobile_of_hers_goes_however_it_is_written(phone, sentence):
    card, written, nsn = phone
    layla = Person(name="Layla Haddad", pseudonym="Defender K", aliases=[card])
    text = sentence.format(written)
    out = Redactor(RedactionRules([layla], patterns=False)).text(text)
    assert nsn not in digits_read(out), (text, out)
    assert "Defender K" in out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_phone(), st.sampled_from(["call {} now", "{}", "رقمها {} الآن", "numarası: {}."]))
def test_any_mobile_goes_with_contact_details_however_it_is_written(phone, sentence):
    _card, written, nsn = phone
    # Without a country code or trunk 0 ("612345678", "33-12-3456") a number is one only for her
    # own numbers (above): in anyone's text it could be a date, an amount or a case number.
    assume("+" in written or re.sub(r"^\D*", "", digits_read(written)).startswith("0"))
    text = sentence.format(written)
    out = Redactor(RedactionRules([])).text(text)
    assert nsn not in digits_read(out), (text, out)


# Her own account, as a full-account export names it --------------------------------------------

def test_her_own_account_named_by_the_export_leaves_nothing_in_a_redacted_dossier(vault, tmp_path):
    """Her Telegram name says nothing of her name ("NQ ✨"): only personal_information tells
    the account is hers. Its id, handle and phone go; it is not listed as an actor; the
    harasser's id stays."""
    import json

    j = vault.journal
    j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K"))
    start = datetime(2023, 7, 4, 10, 30, 15)
    msgs = [ex.telegram_message(1, start, author=("NQ ✨", int(HER_TG)), text="leave me alone"),
            ex.telegram_message(2, start, author=("Harasser", 777), text="found you: @nq_layla", forwarded="NQ ✨"),
            ex.telegram_message(3, start, author=("Harasser", 777), text=f"call {HER_PHONE} or tg://user?id={HER_TG}")]
    msgs[1]["forwarded_from_id"] = f"user{HER_TG}"
    folder = ex.telegram_export(tmp_path / "tg", msgs, full_account=True)
    doc = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    doc["personal_information"] = {"user_id": int(HER_TG), "first_name": "NQ", "last_name": "✨",
                                   "phone_number": HER_PHONE, "username": "@nq_layla", "bio": ""}
    (folder / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with importers.parse("telegram", folder) as preview:
        incidents = commit.import_messages(vault, preview, filters.select(preview), ImportTarget()).incident_ids
    assert [a.numeric_id for a in j.actors.list()] == ["777"]
    for template, kw in (("platform", {"platform": "telegram"}), ("un", {}), ("lawyer", {"redact": True})):
        # Contact details kept would not matter: her phone is hers, not a mere contact detail.
        built = dossier.build(vault, ExportOptions(template, incidents, json=True, csv=True, **kw))
        texts = _read_back(built, tmp_path / f"{template}.pdf")
        for where, text in texts.items():
            read = digits_read(text)
            assert HER_TG not in read and HER_NATIONAL not in read, (template, where)
            assert "nq_layla" not in text.casefold(), (template, where)
        assert "Defender K" in texts["pypdf"]
        if template == "platform":
            assert "id 777" in texts["pypdf"]
