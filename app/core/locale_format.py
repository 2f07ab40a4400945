"""Dates, times and numbers as the app's language writes them (Babel's CLDR data), and dates
typed that way read back.

Each app language maps to the region its readers most likely live in, because CLDR's data for
a bare language can differ from what they expect: bare "ar" writes Latin digits and starts
the week on Monday, while Egypt and Syria write Arabic-Indic digits (٠١٢٣) and start it on
Saturday. Persian (Iran) writes Persian digits (۰۱۲۳) and starts the week on Saturday.
Babel leaves the digits of dates and times Latin, so they are converted to the locale's own.
The calendar stays Gregorian in every language (the journal stores ISO dates).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_time as _babel_time
from babel.dates import get_date_format
from babel.numbers import format_decimal

from app.core import errors
from app.core.i18n import _

# The app language -> the CLDR locale whose conventions its readers expect.
LOCALES = {"en": "en_GB", "ar": "ar_EG", "fa": "fa_IR", "tr": "tr_TR", "fr": "fr_FR", "es": "es_ES"}
_DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}
# Any decimal digit a user may type (Arabic-Indic, Persian, Latin) -> Latin.
_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Direction marks CLDR puts inside Arabic patterns (d‏/M‏/y), and the tatweel.
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u0640"))


def locale_for(language: str | None) -> Locale:
    """The Babel locale of an app language (English for anything unknown)."""
    return Locale.parse(LOCALES.get((language or "en").split("_")[0], "en_GB"))


def _native_digits(text: str, loc: Locale) -> str:
    digits = _DIGITS.get(loc.default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def format_date(value: date, language: str | None, form: str = "long") -> str:
    """A date with the month's name ("14 mars 2026", "١٤ مارس ٢٠٢٦"); form: short, medium, long, full."""
    loc = locale_for(language)
    return _native_digits(_babel_date(value, form, locale=loc), loc)


def format_iso_date(value: str, language: str | None, form: str = "long") -> str:
    """A stored "YYYY-MM-DD" as `format_date` writes it; any other text is shown as it is."""
    try:
        return format_date(date.fromisoformat(value), language, form)
    except ValueError:
        return value


def format_time(value: time, language: str | None) -> str:
    """A time of day as the locale writes it ("21:40", "٩:٤٠ م")."""
    loc = locale_for(language)
    return _native_digits(_babel_time(value, "short", locale=loc), loc)


def format_datetime(value: datetime, language: str | None, form: str = "medium") -> str:
    loc = locale_for(language)
    return _native_digits(_babel_datetime(value, form, locale=loc), loc)


def format_number(value: float, language: str | None) -> str:
    """A number with the locale's digits and separators ("12 345,5", "١٢٬٣٤٥٫٥", "۱۲٬۳۴۵٫۵")."""
    loc = locale_for(language)
    return _native_digits(format_decimal(value, locale=loc, numbering_system="default"), loc)


def first_weekday(language: str | None) -> int:
    """The first day of the week: 0 is Monday ... 5 Saturday, 6 Sunday."""
    return locale_for(language).first_week_day


def date_order(language: str | None) -> str:
    """The order the locale writes day, month and year in its short dates: "dmy", "ymd" or "mdy"."""
    pattern = get_date_format("short", locale=locale_for(language)).pattern
    return "".join(dict.fromkeys(c for c in pattern.lower() if c in "dmy"))


def format_typed_date(value: date, language: str | None) -> str:
    """A date the way she types it: the locale's short form with a four-digit year ("14/03/2026",
    "۲۰۲۶/۳/۱۴"); `parse_date` reads it back."""
    loc = locale_for(language)
    pattern = get_date_format("short", locale=loc).pattern.replace("yy", "y").replace("yy", "y")
    return _native_digits(_babel_date(value, pattern.replace("y", "yyyy"), locale=loc), loc)


def date_example(language: str | None, sample: date = date(2026, 3, 14)) -> str:
    """How to type a date in this language, shown in hints and messages ("14/03/2026", "۲۰۲۶/۳/۱۴")."""
    return format_typed_date(sample, language)


def _month_names(loc: Locale) -> dict[str, int]:
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                names[name.casefold().rstrip(".").translate(_INVISIBLE)] = number
    return names


def _filler_words(loc: Locale) -> set[str]:
    """The words the locale's long dates put between day, month and year ("de" in Spanish)."""
    found: set[str] = set()
    for form in ("medium", "long", "full"):
        for literal in re.findall(r"'([^']+)'", get_date_format(form, locale=loc).pattern):
            found.update(word.casefold() for word in literal.split())
    return found


def parse_date(text: str, language: str | None) -> date:
    """A date typed in the locale's short format (local or Latin digits), as YYYY-MM-DD, or
    with the month's name ("14 mars 2026"). Anything else is refused with an example."""
    loc = locale_for(language)
    clean = text.translate(_TO_LATIN).translate(_INVISIBLE).strip()
    tokens = re.findall(r"\d+|[^\W\d_]+", clean)
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit() and t.casefold() not in _filler_words(loc)]
    separators = re.sub(r"[\d\w]", "", clean)
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", clean):
            year, month, day = map(int, clean.split("-"))
            return date(year, month, day)
        if not words and len(numbers) == 3 and set(separators) <= set("/.-, "):
            parts = dict(zip(date_order(language), map(int, numbers), strict=True))
            return date(_full_year(parts["y"]), parts["m"], parts["d"])
        month = _month_names(loc).get(words[0].casefold().rstrip(".")) if len(words) == 1 else None
        if month and len(numbers) == 2:
            day, year = sorted(map(int, numbers), key=lambda v: v > 31)
            return date(_full_year(year), month, day)
    except ValueError as exc:
        raise errors.InvalidInput(_("“{text}” is not a day of the calendar. Check the day and the month.")
                                  .format(text=text)) from exc
    raise errors.InvalidInput(_("“{text}” is not a date Sijil can read. Type it like this: {example}.")
                              .format(text=text, example=date_example(language)))


def _day_periods(loc: Locale) -> dict[str, str]:
    """The words for morning and afternoon hours ("ص", "م", "a. m.") -> "am" / "pm"."""
    found = {"am": "am", "pm": "pm"}
    for context in loc.day_periods.values():
        for names in context.values():
            for key in ("am", "pm"):
                if key in names:
                    found[names[key].casefold().replace("\xa0", " ")] = key
    return found


def time_example(language: str | None) -> str:
    """How to type a time in this language ("21:40", "٩:٤٠ م", "۲۱:۴۰")."""
    return format_time(time(21, 40), language)


def parse_time(text: str, language: str | None) -> str:
    """A time of day typed with any digits, on a 24-hour clock or with the locale's am/pm word
    ("21:40", "٩:٤٠ م", "۲۱:۴۰"), as HH:MM; "" stays "". Anything else is refused with an example."""
    loc = locale_for(language)
    clean = text.translate(_TO_LATIN).translate(_INVISIBLE).replace("\xa0", " ").strip()
    if not clean:
        return ""
    found = re.fullmatch(r"(\d{1,2})[:.٫](\d{2})\s*(.*)", clean)
    period = _day_periods(loc).get(found[3].casefold()) if found and found[3] else None
    if found and (period or not found[3]):
        hour, minute = int(found[1]), int(found[2])
        if (1 <= hour <= 12 if period else hour < 24) and minute < 60:
            hour = hour % 12 + (12 if period == "pm" else 0) if period else hour
            return f"{hour:02d}:{minute:02d}"
    raise errors.InvalidInput(_("“{text}” is not a time Sijil can read. Type hours and minutes, like this: {example}.")
                              .format(text=text.strip(), example=time_example(language)))


def format_clock(value: str, language: str | None) -> str:
    """A stored "HH:MM" in the locale's digits, as `parse_time` reads it back ("٢١:٤٠")."""
    return _native_digits(value, locale_for(language))


def parse_when(text: str, language: str | None) -> str:
    """A date, or a date and a time, typed the locale's way ("14/03/2026 21:40") or in ISO 8601,
    as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (ISO text with seconds or a zone is kept as typed)."""
    clean = text.translate(_TO_LATIN).translate(_INVISIBLE).strip()
    if not clean:
        return ""
    try:
        datetime.fromisoformat(clean)
        return clean
    except ValueError:
        pass
    # The time is the last "h:mm" with what follows it (an am/pm word); the date is before it.
    found = re.fullmatch(r"(.*\S)\s+(\d{1,2}[:.٫]\d{2}\D*)", clean)
    day, clock = (found[1], found[2]) if found else (clean, "")
    iso = parse_date(day, language).isoformat()
    return f"{iso} {parse_time(clock, language)}" if clock else iso


def format_when(value: str, language: str | None) -> str:
    """"YYYY-MM-DD" or "YYYY-MM-DD HH:MM" written the way `parse_when` reads it back; any other
    text (seconds, a time zone, a value from before checking) is shown as it is."""
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?", value.strip())
    if not found:
        return value
    try:
        shown = format_typed_date(date.fromisoformat(found[1]), language)
    except ValueError:
        return value
    return f"{shown} {format_clock(found[2], language)}" if found[2] else shown


def format_moment(value: str, language: str | None) -> str:
    """An instant as an export recorded it ("2023-07-04T10:30:15+03:00") in her date order and
    digits, to the second, with the offset when there is one; other text is shown as it is."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = moment.strftime("%z")
    zone = f" UTC{offset[:3]}:{offset[3:]}" if offset else ""
    loc = locale_for(language)
    return f"{format_typed_date(moment.date(), language)} {_native_digits(moment.strftime('%H:%M:%S') + zone, loc)}"


def _full_year(year: int) -> int:
    """A two-digit year is in this century (Spanish short dates write 14/3/26)."""
    return 2000 + year if year < 100 else year
