"""One signing key per destination, so dossiers sent to different places share nothing.

A single journal key would print the same fingerprint on a UN dossier that names her and on
a Telegram report that calls her "Defender A": anyone holding both links the pseudonym to
the name. Each destination (the UN, each platform, each lawyer's public key, an unsealed
lawyer's copy) gets its own Ed25519 key, derived from the master key and the destination's
name alone, so the key is the same every time she writes to that destination and the
recipient's stored fingerprint keeps working; nothing is stored.

    root = vault.derived_key(PURPOSE)              (BLAKE2b keyed with the master key)
    seed = BLAKE2b(destination, key=root)          (one Ed25519 seed per destination)
"""

from __future__ import annotations

from dataclasses import dataclass

import nacl.encoding
import nacl.hash
import nacl.signing

from app.core.crypto import fingerprint
from app.core.export.vocabulary import word
from app.core.i18n import _
from app.core.models import PLATFORMS
from app.core.vault import Vault

PURPOSE = b"sijil-sign-dest"
_PERSON = b"sijil-dest-key-1"
# Channels that are not platforms a report can be sent to.
_NOT_PLATFORMS = {"email", "sms", "phone", "in_person", "other"}
REPORT_PLATFORMS = tuple(p for p in PLATFORMS if p not in _NOT_PLATFORMS)


def destination(template: str, platform: str = "", recipient: bytes | None = None) -> str:
    """The destination a dossier is signed for: "un", "platform:telegram", "lawyer:<hex key>"
    (a sealed copy: one key per lawyer) or "lawyer" (an unsealed copy)."""
    if template == "un":
        return "un"
    if template == "platform":
        return f"platform:{platform}"
    return f"lawyer:{recipient.hex()}" if recipient is not None else "lawyer"


def root(vault: Vault) -> bytes:
    """The journal's root of all destination keys (the vault's subkey for this purpose)."""
    return vault.derived_key(PURPOSE)


def signing_key(root: bytes, dest: str) -> nacl.signing.SigningKey:
    """The destination's key: a pure function of the root and the destination name."""
    seed = nacl.hash.blake2b(dest.encode("utf-8"), digest_size=32, key=root, person=_PERSON,
                             encoder=nacl.encoding.RawEncoder)
    return nacl.signing.SigningKey(seed)


def fingerprint_for(root: bytes, dest: str) -> str:
    return fingerprint(signing_key(root, dest).verify_key.encode())


@dataclass(frozen=True)
class DestinationKey:
    destination: str
    label: str
    fingerprint: str


def describe(dest: str) -> str:
    """A destination in plain words."""
    kind, _sep, rest = dest.partition(":")
    if kind == "un":
        return _("UN Special Procedures")
    if kind == "platform":
        return _("Platform report to {platform}").format(platform=word(rest, "en"))
    if rest:
        return _("Sealed lawyer's copy for the key {fp}").format(fp=fingerprint(bytes.fromhex(rest)))
    return _("Unsealed lawyer's copy")


def fingerprints(root: bytes, lawyer_keys: list[bytes] = ()) -> list[DestinationKey]:
    """For each destination, the fingerprint she gives that recipient by another channel."""
    dests = ["un", *(f"platform:{p}" for p in REPORT_PLATFORMS), "lawyer"]
    dests += [destination("lawyer", recipient=k) for k in lawyer_keys]
    return [DestinationKey(d, describe(d), fingerprint_for(root, d)) for d in dests]
