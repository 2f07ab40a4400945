"""Input checks with plain-words messages (used by the journal, CLI and GUI alike)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.core.errors import InvalidInput
from app.core.i18n import _


def check_date(value: str, what: str, required: bool = True) -> None:
    if not value and not required:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(
            _("The {what} must be a date written as YYYY-MM-DD, for example 2026-03-14.").format(what=what)
        ) from None


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
