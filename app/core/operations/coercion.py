"""Under coercion: the failed-unlock wipe and the duress passphrase, for the app's settings
(the CLI calls the same core functions). None of them changes a record of the open journal."""

from __future__ import annotations

from app.core import duress, failed_unlocks
from app.core.operations.changes import Changes, Done
from app.core.passphrase_rule import require_acceptable
from app.core.vault import Vault

SETTINGS = Changes(settings=True)


def set_wipe_after_failed(vault: Vault, count: int | str) -> Done[None]:
    """Wipe after `count` wrong passphrases in a row (at least 3), or never (0)."""
    failed_unlocks.set_threshold(vault, count)
    return Done(SETTINGS)


def set_duress_passphrase(vault: Vault, passphrase: str, destroy_real: bool = False) -> Done[None]:
    """A new, empty decoy that `passphrase` opens; see core/duress.py. Slow: one key derivation."""
    duress.set_duress(vault, require_acceptable(passphrase), destroy_real)
    return Done(SETTINGS)


def remove_duress_passphrase(vault: Vault) -> Done[None]:
    duress.remove_duress(vault)
    return Done(SETTINGS)
