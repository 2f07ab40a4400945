"""Phone numbers and platform ids among a person's names, found however they are written.

A person may be known by "+49 170 1234567" (a WhatsApp contact she never saved) or by
"user123456789" (a Telegram from_id). Those are matched on their digits, not as words: with
any spaces, dashes, dots, brackets or direction marks between the digits, in Arabic-Indic or
Persian digits, with the country code written "+49", "0049", "49" or not at all (a national
"0170 1234567"), and inside anything ("id 491701234567", "wa.me/491701234567",
"user123456789"); a Telegram channel as -1001655091877 or 1655091877; but never as a piece
of a longer number.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from app.core.redaction.contacts import REGIONS

MIN_DIGITS = 6
# What may come before the digits of a phone ("wa.me/49...", "tel:+49...") or of an id that is
# not a phone ("user123", "channel123", "id 123").
_PHONE_PREFIX = re.compile(r"^(?:https?://)?(?:wa\.me/|t\.me/|tel:)", re.IGNORECASE)
_ID_PREFIX = re.compile(r"^(?:user|channel|chat|id\s*:?)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"\+?[\d\s().\-/]+")
# A run of digits with up to three of the separators phones are written with (spaces, dashes,
# dots, slashes, brackets, direction and invisible marks) between each two; not commas: "176, 8392" is a list.
_SEP = r"[\s\-\u2010-\u2013./()\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
_RUN = re.compile(rf"\d(?:{_SEP}{{0,3}}\d)*")


def forms(text: str) -> tuple[str, ...]:
    """The digit strings (ASCII) that `text` is written as, longest first, or () when `text`
    is not a phone number or an id: a phone's international, 00, trunk-0 and national forms;
    an id's digits."""
    bare = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    bare = _PHONE_PREFIX.sub("", bare, count=1)
    plain_id = _ID_PREFIX.match(bare)
    if plain_id:
        bare = bare[plain_id.end():]
    if not _NUMBER.fullmatch(bare):
        return ()
    digits = "".join(str(int(ch)) for ch in bare if ch.isdigit())
    if len(digits) < MIN_DIGITS:
        return ()
    found = {digits}
    if plain_id or bare.startswith("-100"):
        # Telegram writes a channel as -1001655091877 in ids and 1655091877 in links and from_id.
        found |= {digits[3:]} if bare.startswith("-100") and len(digits) > 12 else {"100" + digits}
    if plain_id:
        return tuple(sorted(found, key=lambda f: (-len(f), f)))
    written_international = bare.startswith(("+", "00"))
    phones = []
    if written_international or not digits.startswith("0"):  # "491701234567" as WhatsApp writes it
        phones += [n for n in (_phone("+" + digits.removeprefix("00")),) if n is not None]
    if not written_international:
        # Written the local way, as her contact card may have it ("0532 123 45 67", "06 12 34 56 78",
        # "۰۹۱۲ ۳۴۵ ۶۷۸۹", Colombia's "321 1234567", "(201) 555-0123"): the same phone in every
        # region where it is one, so its international forms go too. Another region's number
        # with the same digits goes as well: hiding too much is the safe side.
        phones += [n for region in REGIONS if (n := _phone(digits, region)) is not None]
    for phone in phones:
        cc, nsn = str(phone.country_code), str(phone.national_number)
        found |= {cc + nsn, "00" + cc + nsn, cc + "0" + nsn, "00" + cc + "0" + nsn, "0" + nsn, nsn}
    return tuple(sorted(found, key=lambda f: (-len(f), f)))


def _phone(text: str, region: str | None = None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def find(value: str, wanted: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of `value` that are one of the digit strings `wanted` (see `forms`), each starting
    and ending where the digits do (a "+" before is part of it)."""
    spans = []
    for run in _RUN.finditer(value):
        positions = [run.start() + i for i, ch in enumerate(run.group(0)) if ch.isdigit()]
        digits = "".join(str(int(value[p])) for p in positions)
        pos = 0
        while pos < len(digits):
            for form in wanted:
                if digits.startswith(form, pos) and _ends_a_group(value, positions, pos, len(form)):
                    start, end = positions[pos], positions[pos + len(form) - 1] + 1
                    spans.append((_lead(value, start), end))
                    pos += len(form)
                    break
            else:
                pos = _next_group(value, positions, pos)
    return spans


_LEAD = re.compile(r"(?:user|channel|chat|[+＋])$", re.IGNORECASE)


def _lead(value: str, start: int) -> int:
    """Where the number starts with what is glued before it: "+49...", "user123..."."""
    m = _LEAD.search(value, 0, start)
    return m.start() if m else start


def _ends_a_group(value: str, positions: list[int], pos: int, length: int) -> bool:
    """The digits pos..pos+length are not glued to a digit on either side."""
    first, last = positions[pos], positions[pos + length - 1]
    return (first == 0 or not value[first - 1].isdigit()) and (last + 1 >= len(value) or not value[last + 1].isdigit())


def _next_group(value: str, positions: list[int], pos: int) -> int:
    """The index of the first digit of the next group (after a separator)."""
    pos += 1
    while pos < len(positions) and value[positions[pos] - 1].isdigit():
        pos += 1
    return pos
