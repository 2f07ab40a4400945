"""Property tests for contact details: any valid number of any supported region, formatted any
way a phone or a person writes it, in any digit script, goes; any date or time stays."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import phonenumbers
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from app.core.redaction import contacts
from app.core.redaction.text import RedactionRules, Redactor

DIGITS = {"latin": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹", "fullwidth": "０１２３４５６７８９"}
SEPARATORS = [" ", "-", ".", "\u00a0", "\u202f", "\u2009", "\u200b"]
FRAMES = ["call {} now", "Numarası {} idi.", "رقمها {} الآن", "شماره‌اش {} است", "Son numéro : {}.",
          "su número es {}, llámala", "({})"]


def redact(text: str) -> str:
    return Redactor(RedactionRules(persons=[])).text(text)


def as_script(text: str, script: str) -> str:
    return text.translate(str.maketrans(DIGITS["latin"], DIGITS[script]))


def latin(text: str) -> str:
    return "".join(str(int(ch)) if ch.isdigit() else ch for ch in text)


@st.composite
def valid_numbers(draw):
    region = draw(st.sampled_from(contacts.REGIONS))
    kind = draw(st.sampled_from([PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE]))
    example = phonenumbers.example_number_for_type(region, kind)
    assume(example is not None)
    national = str(example.national_number)
    tail = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    example.national_number = int(national[:-3] + tail)
    assume(phonenumbers.is_valid_number(example))
    return region, example


@settings(max_examples=300, deadline=None)
@given(valid_numbers(), st.sampled_from([PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL,
                                        PhoneNumberFormat.E164]),
       st.sampled_from(list(DIGITS)), st.sampled_from(SEPARATORS), st.sampled_from(FRAMES))
def test_any_valid_number_of_a_supported_region_is_removed(number, fmt, script, separator, frame):
    _region, parsed = number
    written = phonenumbers.format_number(parsed, fmt).replace(" ", separator).replace("-", separator)
    text = frame.format(as_script(written, script))
    out = redact(text)
    assert "[phone removed]" in out, (text, out)
    national = str(parsed.national_number)
    assert national[-6:] not in latin(out), (text, out)


@settings(max_examples=200, deadline=None)
@given(valid_numbers(), st.sampled_from(["https://wa.me/{}", "wa.me/{}", "https://t.me/+{}", "tel:+{}",
                                         "https://api.whatsapp.com/send?phone={}", "viber://chat?number=%2B{}",
                                         "https://signal.me/#p/+{}"]))
def test_any_valid_number_inside_a_messaging_link_takes_the_link(number, link):
    _region, parsed = number
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164).lstrip("+")
    out = redact("he wrote from " + link.format(e164) + " again")
    assert out == "he wrote from [phone removed] again", out


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y%m%d",
                        "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%SZ", "%d/%m/%y", "%H:%M:%S"]),
       st.sampled_from(["latin", "arabic", "persian"]),
       st.sampled_from(["on {}", "في {}", "{} tarihinde", "le {}", "el {}, a las"]))
def test_dates_and_times_in_any_order_and_script_are_kept(moment, fmt, script, frame):
    text = frame.format(as_script(moment.strftime(fmt), script))
    assert redact(text) == text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 400))
def test_date_ranges_are_kept(start, days):
    end = start + timedelta(days=days)
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        text = f"from {start.strftime(fmt)} to {end.strftime(fmt)}"
        assert redact(text) == text


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["{:,}", "{:_}", "{}"]), st.sampled_from(["TL", "lira", "$", "€", "USD"]))
def test_amounts_are_kept(amount, fmt, currency):
    written = fmt.format(amount).replace("_", ".")
    text = f"he offered {written} {currency}"
    assert redact(text) == text
