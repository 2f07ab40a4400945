"""The journal as a whole: its passphrase, its settings, being remembered on this device."""

from __future__ import annotations

from collections.abc import Callable

from app.core import keyring_store, settings
from app.core.errors import WrongPassphrase
from app.core.operations.changes import Changes, Done
from app.core.operations.coercion import set_wipe_after_failed
from app.core.vault import Vault, read_header

SETTINGS = Changes(settings=True)


def change_passphrase(vault: Vault, current: str, new: str, strength: str | None = None,
                      progress: Callable[[int, int], None] | None = None) -> Done[None]:
    """Re-key the journal under a new passphrase, once the current one is proved (a journal
    left unlocked must not be re-keyed by whoever sits down at it). Raises WrongPassphrase."""
    opened, _kek = read_header(vault.path).open(current)
    if opened.slot != vault.slot:  # another slot's passphrase (a duress one) proves nothing here
        raise WrongPassphrase()
    if progress is not None:
        progress(0, 4)
    keyring_store.change_passphrase(vault, new, strength, progress)
    return Done(SETTINGS)


def set_setting(vault: Vault, setting: settings.Setting, value: int | str) -> Done[None]:
    """Store a journal setting (checked by the registry); what it governs is shown again."""
    if setting.in_header:
        return set_wipe_after_failed(vault, value)
    settings.write(vault.journal, setting, value)
    return Done(SETTINGS | Changes(reports=setting is settings.OVERDUE_DAYS))


def set_remembered(vault: Vault, remember: bool) -> Done[None]:
    """Keep the journal's key in this device's keyring (no passphrase needed), or forget it."""
    if remember:
        keyring_store.remember(vault)
    else:
        keyring_store.forget(vault.path)
    return Done(SETTINGS)
