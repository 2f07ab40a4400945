"""The one rule for a new passphrase, shared by the first-run screen, the change-passphrase
dialog and the CLI (`init`, `demo`, `passwd`), plus the strength estimate the meter shows.

The estimate is deliberately conservative and simple (character classes, length, repeats,
words): it guides, it does not certify. A passphrase of several unrelated words scores well.
"""

from __future__ import annotations

import math

from app.core.errors import InvalidInput
from app.core.i18n import _

MIN_LENGTH = 8


def weakness(passphrase: str) -> str | None:
    """Why a new passphrase is refused, in plain words; None if it is acceptable."""
    if len(passphrase) < MIN_LENGTH:
        return _("Use at least {n} characters; several words are best.").format(n=MIN_LENGTH)
    return None


def require_acceptable(passphrase: str) -> str:
    """Return the passphrase, or raise InvalidInput with the reason it is refused."""
    reason = weakness(passphrase)
    if reason:
        raise InvalidInput(reason + " " + _("Nothing was changed."))
    return passphrase


def estimate_bits(passphrase: str) -> float:
    """A rough lower-bound guess of the passphrase's entropy in bits."""
    if not passphrase:
        return 0.0
    words = [w for w in passphrase.split() if w]
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() and not c.isascii() for c in passphrase):
        pool += 60  # letters of other scripts (Arabic, Persian...) widen the alphabet
    if any(not c.isalnum() and c.isascii() for c in passphrase):
        pool += 20
    distinct = len(set(passphrase))
    # Repeated characters add little: count length as the distinct characters plus a bit.
    effective = min(len(passphrase), distinct + (len(passphrase) - distinct) * 0.25)
    by_chars = effective * math.log2(max(pool, 2)) * 0.6
    by_words = len(words) * 11.0 if len(words) >= 3 else 0.0
    return max(by_chars, by_words)


def strength_text(bits: float) -> str:
    if bits < 35:
        return _("Too weak: add more words")
    if bits < 55:
        return _("Fair: one or two more words would help")
    if bits < 75:
        return _("Good")
    return _("Strong")
