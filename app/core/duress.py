"""Duress passphrase: a second passphrase that opens a decoy journal she keeps up herself,
and may destroy the journal's keys as it opens.

Design (see also keyslots.py and stores.py, and the README's threat model):
- the decoy is a full journal in the folder's second store, made by the same code as the
  spare every folder has when no duress passphrase is set; its key sits in the header's
  second slot, which is otherwise random bytes of the same size. Setting, changing or
  removing the duress passphrase rewrites that slot (an atomic header write) and replaces
  that store.
- opening with the duress passphrase goes through `Vault.unlock`, like the real one, and
  gives an ordinary Vault (store 1): every command and window works on the decoy as usual.
- with `destroy_real`, that unlock first overwrites every other slot with random bytes (in
  place, fsynced) and drops the keyring entry: the journal's database stays on disk as
  ciphertext nobody can open, looking like a spare.

Like VeraCrypt's hidden volumes, this hides only from someone who cannot compare: the
journal and the decoy are told apart by how much they hold and by which files change over
time. The README says what that means in practice.
"""

from __future__ import annotations

from app.core import crypto, keyslots
from app.core.atomic import write_atomic
from app.core.errors import InvalidInput
from app.core.header import HEADER_NAME
from app.core.i18n import _
from app.core.vault import Vault


def _other(vault: Vault) -> tuple[int, int]:
    """(the store that is not open, the slot that is not this vault's)."""
    if vault.header.version == 1 or vault.slot is None:
        raise InvalidInput(_("Lock Sijil and open it with your passphrase first, then try again."))
    vault.before_write()
    if vault.read_only:
        raise InvalidInput(_("This journal is open read-only; nothing can be changed."))
    return 1 - vault.store, next(i for i in range(keyslots.SLOTS) if i != vault.slot)


def set_duress(vault: Vault, passphrase: str, destroy_real: bool = False) -> None:
    """Make a new, empty decoy journal that `passphrase` opens (replacing any earlier decoy).
    With `destroy_real`, opening it also destroys this journal's keys. Slow: one key derivation."""
    store, slot = _other(vault)
    kek = crypto.derive_kek(passphrase, vault.header.kdf)
    opened, _checked = keyslots.open_slots(kek, vault.header.associated_data(), (vault.header.slots[vault.slot],))
    if opened is not None:
        raise InvalidInput(_("The duress passphrase must differ from your passphrase. Nothing was changed."))
    master = crypto.new_master_key()
    vault.replace_store(store, master)._close_database()  # the decoy exists before any slot names it
    header = vault.header.with_slot(slot, vault.header.sealed_slot(kek, master, store, keyslots.DURESS,
                                                                  destroy_real))
    write_atomic(vault.path / HEADER_NAME, header.to_bytes())
    vault.header = header


def remove_duress(vault: Vault) -> None:
    """Forget the duress passphrase: its slot becomes random bytes again and the decoy's store
    a new spare. Done the same way whether or not one was set."""
    store, slot = _other(vault)
    header = vault.header.with_slot(slot, keyslots.random_slot())
    write_atomic(vault.path / HEADER_NAME, header.to_bytes())
    vault.header = header
    vault.replace_store(store, crypto.new_master_key())._close_database()


