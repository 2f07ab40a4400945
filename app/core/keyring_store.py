"""Opt-in "remember on this device": the master key in the operating system's keyring.

Off by default, and the risk is real: anyone who can use this logged-in account (a seized
laptop that was not shut down, a coerced login) opens the journal without the passphrase.
Only real OS keyrings count; keyring's null/fail backends and plaintext "alt" backends
would store the key in the open or silently drop it, so they are refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

from app.core.errors import KeyringUnavailable
from app.core.i18n import _
from app.core.vault import Vault, read_header

log = logging.getLogger(__name__)

SERVICE = "Sijil journal"
# Modules of keyring backends that keep secrets in an OS-protected store.
TRUSTED_BACKENDS = frozenset({
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
})

RISK = _("Anyone who can use this computer account while you are logged in will be able to open "
         "the journal without the passphrase. Turn this on only if the laptop is never left "
         "unlocked and could not be seized while switched on.")


def _backends(kr: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    return list(getattr(kr, "backends", None) or [kr])


def trusted_backend() -> keyring.backend.KeyringBackend:
    """The OS keyring to use, or KeyringUnavailable with the reason in plain words."""
    current = keyring.get_keyring()
    for backend in _backends(current):
        if type(backend).__module__ in TRUSTED_BACKENDS and backend.priority > 0:
            return backend
    raise KeyringUnavailable(
        _("This computer has no secure keyring that Sijil can use, so the journal cannot be "
          "remembered here. You will be asked for the passphrase each time, which is safer.")
    )


def backend_is_trusted() -> tuple[bool, str]:
    """(usable, reason) for showing in settings."""
    try:
        backend = trusted_backend()
    except KeyringUnavailable as exc:
        return False, exc.message
    return True, _("Uses {name}.").format(name=getattr(backend, "name", type(backend).__name__))


def _account(vault_path: Path) -> str:
    return read_header(vault_path).vault_id


def remember(vault: Vault) -> None:
    """Store the vault's master key (and the header slot it came through, so a passphrase
    change from a remembered session re-seals the right slot) in the OS keyring."""
    backend = trusted_backend()
    secret = vault.master_key().hex() + ("" if vault.slot is None else f":{vault.slot}")
    try:
        backend.set_password(SERVICE, vault.header.vault_id, secret)
    except keyring.errors.KeyringError:
        raise KeyringUnavailable(_("The keyring refused to store the key. The journal was not remembered.")) from None
    log.info("journal remembered in the OS keyring")


def forget_id(vault_id: str) -> None:
    """Remove the entry of the journal with this id, if there is one."""
    try:
        trusted_backend().delete_password(SERVICE, vault_id)
    except (KeyringUnavailable, keyring.errors.PasswordDeleteError):
        return


def forget(vault_path: Path) -> None:
    forget_id(_account(vault_path))


def _entry(vault_path: Path) -> tuple[bytes, int | None] | None:
    try:
        stored = trusted_backend().get_password(SERVICE, _account(vault_path))
    except (KeyringUnavailable, keyring.errors.KeyringError):
        return None
    if not stored:
        return None
    key, _sep, slot = stored.partition(":")
    try:
        return bytes.fromhex(key), (int(slot) if slot.isdigit() else None)
    except ValueError:
        return None


def recall(vault_path: Path) -> bytes | None:
    """The remembered master key, or None (not remembered, or no trusted keyring)."""
    entry = _entry(vault_path)
    return entry[0] if entry else None


def unlock_remembered(vault_path: Path, read_only: bool = False) -> Vault | None:
    """Open the journal with the remembered key, or None when nothing is remembered."""
    entry = _entry(vault_path)
    if entry is None:
        return None
    return Vault.unlock_with_master(vault_path, entry[0], read_only=read_only, slot=entry[1])


def change_passphrase(vault: Vault, new_passphrase: str, strength: str | None = None,
                      progress: Callable[[int, int], None] | None = None) -> None:
    """Change the passphrase (a new master key) and keep "remember on this device" as it was:
    a remembered old key would no longer open the journal, so it is replaced by the new one."""
    was_remembered = recall(vault.path) is not None
    vault.change_passphrase(new_passphrase, strength, progress)
    if was_remembered:
        try:
            remember(vault)
        except KeyringUnavailable:
            forget(vault.path)
