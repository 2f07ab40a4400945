"""Wipe after N failed unlocks in a row: the threshold and the count live in the header's
guard (keyslots.py), because they must be known before unlock. `Vault.unlock` counts and
wipes; this module reads and sets the threshold for the settings screens.

It protects against someone typing guesses at her own laptop. It does not protect a copied
folder: a copy can be attacked offline, with a program that keeps no count. Restoring an
older header resets the count, but whoever can replace files can copy the folder anyway.
"""

from __future__ import annotations

from app.core import settings
from app.core.atomic import write_atomic
from app.core.errors import InvalidInput
from app.core.header import HEADER_NAME, read_header
from app.core.i18n import _
from app.core.vault import Vault


def threshold(vault: Vault) -> int:
    """Wrong passphrases in a row that wipe the journal; 0 = off."""
    return read_header(vault.path).guard_state()[0]


def set_threshold(vault: Vault, value: int | str) -> None:
    """Turn the wipe on (`value` >= 3) or off (0); InvalidInput for anything else."""
    number = settings.WIPE_AFTER_FAILED.parse(str(value))
    vault.before_write()
    header = read_header(vault.path)
    if header.version == 1 or vault.read_only:
        raise InvalidInput(_("Lock Sijil and open it with your passphrase first, then try again."))
    header = header.with_guard(int(number), 0)
    write_atomic(vault.path / HEADER_NAME, header.to_bytes())
    vault.header = header
