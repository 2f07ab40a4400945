"""The times Meta writes in an HTML download, in the language the download was made in:
"Jul 04, 2023 10:30:15 am" (2023-2024, English), "Feb 16, 2018, 10:17 PM" and "Feb 16, 2018
10:17pm" (older), "16 Feb 2018, 22:17" (British English), "4 juil. 2023 10:30", "4 jul 2023,
10:30", "4 Tem 2023 10:30", "٤ يوليو ٢٠٢٣ ١٠:٣٠ ص", "۴ ژوئیه ۲۰۲۳، ۱۰:۳۰" and, before 2018,
"Wednesday, November 12, 2008 at 8:53pm UTC+01".

A date is read from its parts, not from one pattern per language: the time (h:mm[:ss], "10 h 30"),
an AM/PM word of any of Sijil's languages, a month's name (CLDR's names in English, French,
Spanish, Turkish, Arabic with the Levantine names, Persian, and the Solar Hijri months, whose
dates are converted), the day and the year. Weekday names and words such as "at" or "de" are
skipped. A date written only in numbers (04/07/2023) is kept as its numbers until the whole
download is read: its order is decided from all of them (see `whatsapp._date_order`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

from babel import Locale

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers import calendars
from app.core.importers.timecheck import check_instant

LANGUAGES = ("en", "fr", "es", "tr", "ar", "ar_SY", "fa")
SOLAR_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0640"))
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_ZONE = re.compile(r"\b(?:utc|gmt)\s?(?:([+-])(\d{1,2})(?::?(\d{2}))?)?")
_TIME = re.compile(r"(\d{1,2})(?::|\s?h\s?)(\d{2})(?::(\d{2}))?")
# "a. m.", "p.m.", "ق.ظ.", "ب.ظ" -> one word, so the words of a date can be split on spaces
_CLOCK = ((re.compile(r"(?<![^\W\d_])([ap])\.?\s?m\.?(?![^\W\d_])"), r"\1m"),
          (re.compile(r"ق\.?\s?ظ\.?"), "am"), (re.compile(r"ب\.?\s?ظ\.?"), "pm"))
_CLOCK_WORDS = {"am": "am", "pm": "pm", "ص": "am", "م": "pm", "öö": "am", "ös": "pm"}
_WORD = re.compile(r"[^\W\d_]+\.?")
_NUMBER = re.compile(r"\d{1,4}")
MAX_DATE_CHARS = 200
# What most downloads write ("Jul 04, 2023 10:30:15 am", "Feb 16, 2018, 10:17 PM"): read at once.
_ENGLISH = re.compile(r"([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])?")
_ENGLISH_MONTHS = {m: n for n, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                               "Nov", "Dec"), 1)}


@dataclass(frozen=True)
class Stamp:
    """A time as written: the date's parts, or only its numbers when no month is named."""

    numbers: tuple[int, ...]       # day and year when `month` is set, else the date's three numbers
    month: int                     # 1-12 when the month is named, 0 when the date is all numbers
    hour: int
    minute: int
    second: int
    offset: str = ""               # "+01:00" when the text states a zone
    solar: bool = False            # a Solar Hijri date (a Persian month's name)

    @property
    def parts(self) -> tuple[str, str, str]:
        """The numbers as written, as `whatsapp._date_order` reads them."""
        return tuple(str(n).zfill(4 if n > 31 else 1) for n in self.numbers)  # type: ignore[return-value]


@functools.lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], set[str]]:
    """month name (folded, without its dot) -> number; and weekday names."""
    months: dict[str, int] = {}
    days: set[str] = set()
    for language in LANGUAGES:
        loc = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in loc.months[context][width].items():
                    months[_fold(name)] = number
                for name in loc.days[context][width].values():
                    days.add(_fold(name))
    return months, days


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_MARKS)).casefold().replace(".", "").strip()


def read(text: str, where: str) -> Stamp:
    """The parts of one time as Meta wrote it; MalformedExport when it holds no date."""
    if len(text) > MAX_DATE_CHARS:
        raise MalformedExport(_("the message's time is not written as Meta writes it"), where)
    quick = _ENGLISH.fullmatch(text)
    if quick and quick.group(1) in _ENGLISH_MONTHS and (not quick.group(7) or 1 <= int(quick.group(4)) <= 12):
        mon, day, year, hour, minute, second, clock = quick.groups()
        h = int(hour) % 12 + (12 if clock and clock.lower() == "pm" else 0) if clock else int(hour)
        return Stamp((int(day), int(year)), _ENGLISH_MONTHS[mon], h, int(minute), int(second or 0))
    clean = _SPACES.sub(" ", text.translate(_TO_LATIN).translate(_MARKS)).casefold().strip()
    for pattern, word in _CLOCK:
        clean = pattern.sub(word, clean)
    offset = ""
    if zone := _ZONE.search(clean):
        sign, hours, minutes = zone.groups()
        offset = f"{sign or '+'}{int(hours or 0):02d}:{minutes or '00'}"
        clean = clean[:zone.start()] + " " + clean[zone.end():]
    found = list(_TIME.finditer(clean))
    if not found:
        raise MalformedExport(_("the message's time is not written as Meta writes it"), where)
    t = found[-1]
    hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
    rest = clean[:t.start()] + " " + clean[t.end():]
    clock = ""
    words = [w.rstrip(".") for w in _WORD.findall(rest)]
    for w in words:
        clock = clock or _CLOCK_WORDS.get(w, "")
    if clock:
        if not 1 <= hour <= 12:
            raise MalformedExport(_("this time is not on a 12-hour clock"), where)
        hour = hour % 12 + (12 if clock == "pm" else 0)
    month, solar = _month(words, where)
    numbers = tuple(int(n) for n in _NUMBER.findall(_WORD.sub(" ", rest)))
    if (month and len(numbers) != 2) or (not month and len(numbers) != 3):
        raise MalformedExport(_("the message's time is not written as Meta writes it"), where)
    if month:  # the day and the year, whichever order they are written in
        numbers = tuple(sorted(numbers, key=lambda n: n > 31))
    return Stamp(numbers, month, hour, minute, second, offset, solar)


def _month(words: list[str], where: str) -> tuple[int, bool]:
    months, days = _names()
    found: list[tuple[int, bool, str]] = []
    for i, w in enumerate(words):
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in months:  # "كانون الثاني", "تشرين الأول": two words
            found.append((months[pair], False, pair))
        elif w in months and not (i and f"{words[i - 1]} {w}" in months):
            found.append((months[w], False, w))
        elif w in SOLAR_MONTHS:
            found.append((SOLAR_MONTHS.index(w) + 1, True, w))
    if len(found) > 1:  # "mar" is March and, in Spanish and French, Tuesday
        found = [f for f in found if f[2] not in days] or found
    if len({(m, s) for m, s, _w in found}) > 1:
        raise MalformedExport(_("the message's time names more than one month"), where)
    return (found[0][0], found[0][1]) if found else (0, False)


def instant(stamp: Stamp, order: str, where: str) -> str:
    """ISO 8601, with the offset when the text stated one. `order` ("day-first", "month-first",
    "year-first") reads a date written in numbers only."""
    if stamp.month:
        day, year = stamp.numbers
        month = stamp.month
    else:
        a, b, c = stamp.numbers
        if order == "year-first":
            year, month, day = a, b, c
        else:
            day, month = (a, b) if order == "day-first" else (b, a)
            year = c + (2000 if c < 100 else 0)
    try:
        if stamp.solar:
            year, month, day = calendars.to_gregorian(calendars.SOLAR_HIJRI, year, month, day)
        when = datetime(year, month, day, stamp.hour, stamp.minute, stamp.second)
    except ValueError:
        raise MalformedExport(_("this date or time does not exist"), where) from None
    check_instant(when, where, _("date"))
    return when.isoformat() + stamp.offset
