"""Dates that phones write in other calendars, as the Gregorian days they fall on.

An iPhone set to the Persian calendar (the default for Iran) writes its WhatsApp export as
"۱۴۰۲/۴/۱۳", and Meta's pages in Persian name Solar Hijri months; one set to the Hijri calendar
(Umm al-Qura, as in Saudi Arabia) writes 1445. ICU holds each calendar's rules (the Persian leap
years, the Umm al-Qura month lengths, which no formula gives), through PyICU.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from app.core.i18n import _
from app.core.importers.timecheck import plausible_year

GREGORIAN, SOLAR_HIJRI, HIJRI = "gregorian", "persian", "islamic-umalqura"


def converted_note(calendar: str) -> str:
    """The preview's note that dates were converted (nothing for Gregorian ones)."""
    if calendar == SOLAR_HIJRI:
        return _("Dates written in the Solar Hijri calendar were converted to the Gregorian calendar.")
    if calendar == HIJRI:
        return _("Dates written in the Hijri (Umm al-Qura) calendar were converted to the Gregorian calendar.")
    return ""


@functools.lru_cache(maxsize=8192)  # a chat's 50,000 lines fall on a few hundred days
def to_gregorian(calendar: str, year: int, month: int, day: int) -> tuple[int, int, int]:
    """(year, month, day) of `calendar` as the Gregorian day it is; ValueError for a day that
    calendar does not have (the 30th of Esfand in a common year, a 13th month)."""
    if calendar == GREGORIAN:
        return year, month, day
    import icu  # PyICU: loaded on first use, as in app.core.textnorm

    cal = icu.Calendar.createInstance(icu.TimeZone.getGMT(), icu.Locale(f"en@calendar={calendar}"))
    cal.setLenient(False)
    cal.clear()
    cal.set(icu.UCalendarDateFields.YEAR, year)
    cal.set(icu.UCalendarDateFields.MONTH, month - 1)
    cal.set(icu.UCalendarDateFields.DATE, day)
    try:
        seconds = cal.getTime()
    except icu.ICUError:
        raise ValueError(f"not a day of the {calendar} calendar") from None
    day_of = (datetime(1970, 1, 1) + timedelta(seconds=seconds)).date()
    return day_of.year, day_of.month, day_of.day


def calendar_of_years(years: set[int]) -> str:
    """The calendar a file's four-digit years are written in: Gregorian when they all can be,
    else the one in which they all fall between 1990 and next year (Solar Hijri about 1369-1406,
    Hijri 1410-1449: the two never overlap there)."""
    for calendar in (GREGORIAN, SOLAR_HIJRI, HIJRI):
        try:
            if all(plausible_year(to_gregorian(calendar, y, 6, 1)[0]) for y in years):
                return calendar
        except ValueError:
            continue
    return GREGORIAN  # implausible in every calendar: the date check names the line
