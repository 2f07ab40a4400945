"""Dates from exports are checked before they reach the journal: a year 1 or 9999 in a
forged export would otherwise sort, split per day and print as if it were true."""

from __future__ import annotations

import time
from datetime import datetime

from app.core.errors import MalformedExport
from app.core.i18n import _

FIRST_YEAR = 1990  # before any of these platforms existed


def plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= time.gmtime().tm_year + 1


def check_instant(when: datetime, where: str, field: str) -> None:
    """Refuse a time before FIRST_YEAR or more than a year in the future."""
    if not plausible_year(when.year):
        raise MalformedExport(_("the date in '{field}' ({year}) cannot be true").format(field=field, year=when.year),
                              where)
