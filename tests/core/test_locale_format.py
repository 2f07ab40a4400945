"""Dates, times and numbers the way each app language writes them, and dates typed back."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.core import locale_format as lf
from app.core.errors import InvalidInput

DAY = date(2026, 3, 14)


@pytest.mark.parametrize("lang, month, digits", [
    ("en", "March", "14"), ("fr", "mars", "14"), ("es", "marzo", "14"), ("tr", "Mart", "14"),
    ("ar", "مارس", "١٤"), ("fa", "مارس", "۱۴"),
])
def test_dates_name_the_month_with_the_locale_digits(lang, month, digits):
    text = lf.format_date(DAY, lang)
    assert month in text and digits in text
    if lang in ("ar", "fa"):
        assert not any(c.isascii() and c.isdigit() for c in text)


@pytest.mark.parametrize("lang, expected", [
    ("en", "12,345.5"), ("fr", "12\u202f345,5"), ("es", "12.345,5"), ("tr", "12.345,5"),
    ("ar", "١٢٬٣٤٥٫٥"), ("fa", "۱۲٬۳۴۵٫۵"),
])
def test_numbers_use_the_locale_digits_and_separators(lang, expected):
    assert lf.format_number(12345.5, lang) == expected


def test_times_and_date_times_follow_the_locale():
    assert lf.format_time(time(21, 40), "fr") == "21:40"
    assert "٩:٤٠" in lf.format_time(time(21, 40), "ar")
    assert "۲۱:۴۰" in lf.format_datetime(datetime(2026, 3, 14, 21, 40), "fa")


@pytest.mark.parametrize("lang, weekday", [("en", 0), ("fr", 0), ("tr", 0), ("es", 0), ("ar", 5), ("fa", 5)])
def test_week_starts_where_her_calendar_starts_it(lang, weekday):
    assert lf.first_weekday(lang) == weekday  # Monday, or Saturday in Egypt, Syria and Iran


@pytest.mark.parametrize("lang, typed", [
    ("en", "14/03/2026"), ("en", "14 March 2026"), ("en", "2026-03-14"), ("fr", "14/03/2026"),
    ("fr", "14 mars 2026"), ("es", "14/3/26"), ("es", "14 de marzo de 2026"), ("tr", "14.03.2026"),
    ("tr", "14 Mart 2026"), ("ar", "١٤/٣/٢٠٢٦"), ("ar", "14/3/2026"), ("ar", "١٤ مارس ٢٠٢٦"),
    ("ar", "\u200f١٤\u200f/٣\u200f/٢٠٢٦"), ("fa", "۲۰۲۶/۳/۱۴"), ("fa", "2026/3/14"), ("fa", "۲۰۲۶-۰۳-۱۴"),
])
def test_a_date_typed_in_the_locale_format_with_either_digits_is_read(lang, typed):
    assert lf.parse_date(typed, lang) == DAY


@pytest.mark.parametrize("typed", ["late July 2023", "July", "14/3", "yesterday", "14/03/2026 or so",
                                   "2026-03", "", "   ", "14//2026", "1/2/3/4", "03 Foo 2026"])
def test_nonsense_is_refused_with_an_example_of_what_works(typed):
    with pytest.raises(InvalidInput) as refused:
        lf.parse_date(typed, "en")
    assert "14/03/2026" in refused.value.message


@pytest.mark.parametrize("typed", ["31/02/2026", "00/01/2026", "14/13/2026"])
def test_a_day_that_does_not_exist_is_refused(typed):
    with pytest.raises(InvalidInput, match="not a day of the calendar"):
        lf.parse_date(typed, "fr")


@pytest.mark.parametrize("lang", list(lf.LOCALES))
def test_the_example_shown_to_her_is_itself_accepted(lang):
    assert lf.parse_date(lf.date_example(lang), lang) == DAY


@pytest.mark.parametrize("lang, typed", [
    ("en", "21:40"), ("en", "9:40 pm"), ("en", "9.40 PM"), ("ar", "٢١:٤٠"), ("ar", "٩:٤٠ م"),
    ("ar", "٩:٤٠ مساءً"), ("fa", "۲۱:۴۰"), ("es", "9:40 p. m."), ("tr", "21.40"), ("fr", "21:40"),
])
def test_a_time_typed_with_any_digits_or_the_locale_am_pm_is_read(lang, typed):
    assert lf.parse_time(typed, lang) == "21:40"


@pytest.mark.parametrize("typed", ["25:00", "21:60", "13:00 pm", "0:10 am", "9:40 zz", "evening", "2140", "21:4"])
def test_a_time_that_is_not_one_is_refused_with_her_words(typed):
    with pytest.raises(InvalidInput) as refused:
        lf.parse_time(typed, "en")
    assert typed in refused.value.message and "21:40" in refused.value.message


@pytest.mark.parametrize("lang", list(lf.LOCALES))
def test_dates_and_times_shown_to_her_read_back_the_same(lang):
    assert lf.parse_time(lf.time_example(lang), lang) == "21:40"
    assert lf.parse_time(lf.format_clock("09:05", lang), lang) == "09:05"
    for value in ("2026-03-14", "2026-03-14 21:40", "1999-12-31 00:05"):
        assert lf.parse_when(lf.format_when(value, lang), lang) == value
    assert lf.parse_date(lf.format_typed_date(date(2023, 7, 1), lang), lang) == date(2023, 7, 1)


@pytest.mark.parametrize("lang, typed, stored", [
    ("en", "14/03/2026 21:40", "2026-03-14 21:40"), ("ar", "١٤/٣/٢٠٢٦ ٩:٤٠ م", "2026-03-14 21:40"),
    ("fr", "14 mars 2026 21:40", "2026-03-14 21:40"), ("fa", "۲۰۲۶/۳/۱۴", "2026-03-14"),
    ("en", "2026-03-14T21:40:05+03:00", "2026-03-14T21:40:05+03:00"), ("en", "", ""),
])
def test_a_date_with_or_without_a_time_is_stored_in_iso(lang, typed, stored):
    assert lf.parse_when(typed, lang) == stored


@pytest.mark.parametrize("typed", ["late July 2023 21:40", "31/02/2026 10:00", "14/03/2026 25:00", "21:40"])
def test_nonsense_dates_with_times_are_refused(typed):
    with pytest.raises(InvalidInput):
        lf.parse_when(typed, "en")


def test_text_that_is_not_a_plain_date_and_time_is_shown_as_it_is():
    assert lf.format_when("2026-03-14T21:40:05Z", "ar") == "2026-03-14T21:40:05Z"
    assert lf.format_when("2026-02-31", "ar") == "2026-02-31"


@pytest.mark.parametrize(("value", "language", "shown"), [
    ("2023-07-04T10:30:15+03:00", "en", "04/07/2023 10:30:15 UTC+03:00"),
    ("2023-07-04T22:05:00-04:30", "fa", "۲۰۲۳/۷/۴ ۲۲:۰۵:۰۰ UTC-۰۴:۳۰"),
    ("2023-07-04T10:30:15", "ar", "٤/٧/٢٠٢٣ ١٠:٣٠:١٥"),  # no zone stated: none shown
    ("no time at all", "ar", "no time at all"),
])
def test_a_recorded_instant_is_shown_in_her_order_and_digits_to_the_second(value, language, shown):
    assert lf.format_moment(value, language).replace("\u200f", "") == shown
