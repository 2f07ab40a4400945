"""Contacts and places shared in a chat, put in words a person can read (and a redactor can
find: the phone number and the coordinates are written out, not hidden in metadata)."""

from __future__ import annotations

import math

from app.core.i18n import _


def contact_text(name: str, phone: str) -> str:
    """"Contact shared: Ali Kaya, +49 170 1234567"."""
    who = ", ".join(p for p in (name.strip(), phone.strip()) if p)
    return _("Contact shared: {contact}").format(contact=who or _("no name or number"))


def coordinates(latitude: object, longitude: object) -> str:
    """"36.2021, 37.1343", or "" when either is not a number on the globe."""
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        return ""
    return f"{_short(lat)}, {_short(lon)}"


def _short(x: float) -> str:
    # Always six decimals, as Telegram stores them: a shorter "36.2" would read as a mere number.
    return f"{x:.6f}"


def location_text(point: str, place: str = "", address: str = "", live_seconds: int = 0) -> str:
    """"Location shared: 36.2021, 37.1343 (Citadel, Aleppo)"; live locations say for how long."""
    named = ", ".join(p.strip() for p in (place, address) if p and p.strip())
    where = f"{point} ({named})" if point and named else point or named or _("no place given")
    if live_seconds > 0:
        return _("Live location shared for {minutes} min: {place}").format(
            minutes=max(1, round(live_seconds / 60)), place=where)
    return _("Location shared: {place}").format(place=where)

