"""Key slots and the unlock guard of a version-2 vault header.

Every version-2 header holds exactly SLOTS key slots of SLOT_BYTES each, always filled: a slot
in use is `check | nonce | AEAD(payload)` under the key-encryption key of one passphrase, an
unused slot is random bytes of the same size. Nothing outside a slot says which slots are in
use, or how many: a journal with a duress passphrase and one without carry headers of the
same structure and size. One salt and one Argon2id run per unlock serve every slot, so
unlock costs the same whatever the number of passphrases; every slot is always tried.

A slot's payload names the store (database) it opens, its role and, for a duress slot,
whether opening it destroys the other slots first.

The guard holds the wipe-after-failed-unlocks threshold and the count of failed unlocks in a
row. It must be readable before unlock, so it cannot be secret from someone who knows this
program: it is sealed under a key derived from the journal's (public) id, with a fresh nonce
at every write, so it only hides from a casual look whether the setting is on. It is always
present and always of the same size.
"""

from __future__ import annotations

import hmac
import os
import struct
from dataclasses import dataclass

from app.core import crypto

SLOTS = 2
MAIN, DURESS = 1, 2  # roles
_DESTROY_OTHERS = 1
_PAYLOAD = struct.Struct(">BBBx32s")  # role, store, flags, master key
_NONCE = 24
_CHECK = 16
_TAG = 16
SLOT_BYTES = _CHECK + _NONCE + _PAYLOAD.size + _TAG
_GUARD_PLAIN = struct.Struct(">BB6x")  # threshold (0 = off), failures in a row
GUARD_BYTES = _NONCE + _GUARD_PLAIN.size + _TAG


@dataclass(frozen=True)
class Opened:
    """What one passphrase opened: the master key of one store, through one slot."""

    master: bytes
    store: int
    slot: int
    role: int
    destroy_others: bool = False


def random_slot() -> bytes:
    return os.urandom(SLOT_BYTES)


def seal_slot(kek: bytes, associated: bytes, master: bytes, store: int, role: int,
              destroy_others: bool = False) -> bytes:
    payload = _PAYLOAD.pack(role, store, _DESTROY_OTHERS if destroy_others else 0, master)
    return crypto.kek_check(kek) + crypto.wrap_key(kek, payload, associated)


def open_slots(kek: bytes, associated: bytes, slots: tuple[bytes, ...]) -> tuple[Opened | None, bool]:
    """(what the KEK opens, or None; whether some slot's check matched the KEK). Every slot is
    tried whatever the outcome, so the time taken does not say which slot, if any, opened."""
    found: Opened | None = None
    checked = False
    check = crypto.kek_check(kek)
    for index, slot in enumerate(slots):
        matches = hmac.compare_digest(slot[:_CHECK], check)
        payload = crypto.unwrap_key(kek, slot[_CHECK:], associated)
        checked = checked or matches
        if payload is not None and found is None and len(payload) == _PAYLOAD.size:
            role, store, flags, master = _PAYLOAD.unpack(payload)
            found = Opened(master, store, index, role, bool(flags & _DESTROY_OTHERS))
    return found, checked


def _guard_key(vault_id: str) -> bytes:
    return crypto.subkey(vault_id.encode("ascii"), b"sijil-guard")


def seal_guard(vault_id: str, threshold: int, failures: int) -> bytes:
    plain = _GUARD_PLAIN.pack(min(threshold, 255), min(failures, 255))
    return crypto.wrap_key(_guard_key(vault_id), plain, b"sijil-guard|" + vault_id.encode("ascii"))


def open_guard(vault_id: str, sealed: bytes) -> tuple[int, int]:
    """(threshold, failures); a guard that does not open counts as off (never a reason to wipe)."""
    plain = crypto.unwrap_key(_guard_key(vault_id), sealed, b"sijil-guard|" + vault_id.encode("ascii"))
    if plain is None or len(plain) != _GUARD_PLAIN.size:
        return 0, 0
    return _GUARD_PLAIN.unpack(plain)
