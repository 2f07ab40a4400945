"""Input checks with plain-words messages (used by the journal, CLI and GUI alike)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from app.core.errors import InvalidInput
from app.core.i18n import _


def _check_parsed(value: str, parse, message: str, what: str) -> None:
    try:
        parse(value)
    except (TypeError, ValueError):
        raise InvalidInput(message.format(what=what)) from None


def check_date(value: str, what: str, required: bool = True) -> None:
    if value or required:
        _check_parsed(value, date.fromisoformat,
                      _("The {what} must be a date written as YYYY-MM-DD, for example 2026-03-14."), what)


def check_time(value: str, what: str) -> None:
    """An optional time of day, "21:40" or "21:40:05"."""
    if value:
        _check_parsed(value, time.fromisoformat,
                      _("The {what} must be a time written as HH:MM, for example 21:40."), what)


def check_when(value: str, what: str) -> None:
    """An optional date, or date and time: "2026-03-14", "2026-03-14 21:40", "2026-03-14T21:40Z"."""
    if value:
        _check_parsed(value, datetime.fromisoformat,
                      _("The {what} must be a date, or a date and time, written as YYYY-MM-DD HH:MM, "
                        "for example 2026-03-14 21:40."), what)


def exif_when(value: object) -> str:
    """EXIF DateTimeOriginal ("2026:03:14 10:22:01") as ISO 8601, or "" when it is not a date:
    the field can hold any text, names included."""
    text = str(value or "").strip().rstrip("\x00")
    if len(text) >= 10 and text[4:5] == ":" and text[7:8] == ":":
        text = text[:4] + "-" + text[5:7] + "-" + text[8:]
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def check_choice(value: str, allowed: Iterable[str], what: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidInput(
            _("'{value}' is not a known {what}. Use one of: {allowed}.").format(
                value=value, what=what, allowed=", ".join(allowed)
            )
        )


def check_choices(values: Iterable[str], allowed: Iterable[str], what: str) -> None:
    allowed = tuple(allowed)
    for value in values:
        check_choice(value, allowed, what)


def check_scale(value: int, what: str) -> None:
    if not 1 <= int(value) <= 5:
        raise InvalidInput(_("The {what} goes from 1 to 5.").format(what=what))
