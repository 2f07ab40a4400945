"""Key derivation, key wrapping, subkeys, streamed file encryption and signing (libsodium).

Design:
- passphrase --Argon2id--> key-encryption key (KEK), which wraps a random 256-bit master key
  with XChaCha20-Poly1305 (AEAD; the KDF parameters are bound as associated data, so a
  header whose parameters were altered does not unwrap).
- master key --BLAKE2b keyed, per-purpose personalisation--> independent subkeys
  (database, blobs, backup, signing seed). Changing the passphrase re-wraps the master key
  only; nothing else is re-encrypted.
- files are encrypted with secretstream (XChaCha20-Poly1305) in 1 MiB chunks; the last
  chunk carries TAG_FINAL and decryption refuses a stream that ends without it, so
  truncation, reordering and tampering are all detected.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import nacl.bindings as sodium
import nacl.encoding
import nacl.exceptions
import nacl.hash
import nacl.pwhash.argon2id as argon2id
import nacl.signing
import nacl.utils

from app.core.errors import IntegrityError
from app.core.i18n import _

KEY_BYTES = 32
CHUNK = 1 << 20
STREAM_MAGIC = b"SJL1"
# Blobs since format 2: plaintext = u64 length | data | zeros up to a Padmé bucket, so a blob's
# size tells only its bucket (within 12% of the original size, at least MIN_PADDED bytes).
PADDED_MAGIC = b"SJL2"
MIN_PADDED = 16 * 1024
_LENGTH = 8
_HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored beside the salt in the vault header."""

    opslimit: int
    memlimit: int
    salt: bytes

    @classmethod
    def new(cls, strength: str = "normal") -> KdfParams:
        if strength == "high":
            ops, mem = argon2id.OPSLIMIT_SENSITIVE, argon2id.MEMLIMIT_SENSITIVE
        elif strength == "normal":
            ops, mem = argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE
        elif strength == "test":  # only for the test suite: fast, never offered to users
            ops, mem = argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN
        else:
            raise ValueError(f"unknown key strength {strength!r}")
        return cls(ops, mem, nacl.utils.random(argon2id.SALTBYTES))

    def is_known(self) -> bool:
        """True for the parameter sets this program writes. The header checksum is unkeyed,
        so anyone can raise the cost: unlock refuses every other set at once, as damage,
        instead of spending minutes or gigabytes on a forged one."""
        return (self.opslimit, self.memlimit) in _KNOWN_COSTS and len(self.salt) == argon2id.SALTBYTES

    @property
    def strength(self) -> str:
        if self.memlimit >= argon2id.MEMLIMIT_SENSITIVE:
            return "high"
        return "normal" if self.memlimit >= argon2id.MEMLIMIT_MODERATE else "test"

    def associated_data(self) -> bytes:
        return b"sijil-kek|%d|%d|" % (self.opslimit, self.memlimit) + self.salt


_KNOWN_COSTS = {
    (argon2id.OPSLIMIT_SENSITIVE, argon2id.MEMLIMIT_SENSITIVE),
    (argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE),
    (argon2id.OPSLIMIT_MIN, argon2id.MEMLIMIT_MIN),
}


def derive_kek(passphrase: str, params: KdfParams) -> bytes:
    """Stretch a passphrase into a key-encryption key. Slow by design (~0.3-4 s)."""
    if not params.is_known():
        raise IntegrityError(_("The journal header asks for impossible key settings; it was damaged."))
    return argon2id.kdf(
        KEY_BYTES, passphrase.encode("utf-8"), params.salt,
        opslimit=params.opslimit, memlimit=params.memlimit,
    )


def kek_check(kek: bytes) -> bytes:
    """A tag that proves a KEK right without the header's other fields: when the wrapped
    key does not open but this matches, the passphrase was right and the header was edited."""
    return nacl.hash.blake2b(b"", digest_size=16, key=kek, person=b"sijil-kek-check".ljust(16, b"\0"),
                             encoder=nacl.encoding.RawEncoder)


def wrap_key(kek: bytes, master: bytes, associated: bytes) -> bytes:
    nonce = nacl.utils.random(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    return nonce + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(master, associated, nonce, kek)


def unwrap_key(kek: bytes, wrapped: bytes, associated: bytes) -> bytes | None:
    """Return the master key, or None if the KEK (passphrase) or the header is wrong."""
    n = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
    try:
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(wrapped[n:], associated, wrapped[:n], kek)
    except nacl.exceptions.CryptoError:
        return None


def new_master_key() -> bytes:
    return nacl.utils.random(KEY_BYTES)


def subkey(master: bytes, purpose: bytes) -> bytes:
    """Independent 256-bit key for one purpose (BLAKE2b keyed with the master key)."""
    if len(purpose) > 16:
        raise ValueError("purpose label is at most 16 bytes")
    return nacl.hash.blake2b(
        b"", digest_size=KEY_BYTES, key=master, person=purpose.ljust(16, b"\0"),
        encoder=nacl.encoding.RawEncoder,
    )


def signing_key(master: bytes) -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey(subkey(master, b"sijil-sign"))


def fingerprint(verify_key: bytes) -> str:
    """Short, human-comparable fingerprint of an Ed25519 public key."""
    digest = hashlib.sha256(verify_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


class StreamEncryptor:
    """Encrypts a byte stream chunk by chunk; `finish` must be called for a valid stream."""

    def __init__(self, key: bytes, out: BinaryIO, magic: bytes = STREAM_MAGIC) -> None:
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        self._out = out
        out.write(magic + header)
        self._pending = b""

    def write(self, data: bytes) -> None:
        # Chunks are emitted one behind, so the last one can carry TAG_FINAL. Aligned 1 MiB
        # writes (the common case) pass through without copying.
        if self._pending and len(self._pending) + len(data) > CHUNK:
            fill = CHUNK - len(self._pending)
            self._push(self._pending + data[:fill], _TAG_MESSAGE)
            self._pending, data = b"", data[fill:]
        while len(data) > CHUNK:
            self._push(data[:CHUNK], _TAG_MESSAGE)
            data = data[CHUNK:]
        self._pending = self._pending + data if self._pending else data

    def finish(self) -> None:
        self._push(self._pending, _TAG_FINAL)
        self._pending = b""

    def _push(self, chunk: bytes, tag: int) -> None:
        self._out.write(sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, None, tag))


def padded_size(length: int) -> int:
    """Padmé (Nikitin et al., PURBs, 2019): round up so that only O(log log n) bits of the
    length remain; the overhead is at most about 12%."""
    length = max(length, MIN_PADDED)
    e = length.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (length + mask) & ~mask


def padded_prefix(length: int) -> bytes:
    return length.to_bytes(_LENGTH, "big")


def padding(length: int) -> Iterator[bytes]:
    """The zeros that follow `length` bytes of data (after the prefix) in a padded stream."""
    rest = padded_size(_LENGTH + length) - _LENGTH - length
    zeros = bytes(min(rest, CHUNK))
    while rest > 0:
        yield zeros[:rest]
        rest -= len(zeros)


def damaged(what: str) -> IntegrityError:
    return IntegrityError(
        _("{what} has been changed or damaged since it was saved, so it was not opened.").format(what=what))


def decrypt_stream(key: bytes, src: BinaryIO, what: str) -> Iterator[bytes]:
    """Yield plaintext chunks; raise IntegrityError naming `what` on any change or truncation.
    Reads both formats: SJL1 (data only) and SJL2 (length-prefixed, padded; the padding is
    authenticated and dropped).

    Callers must not act on the chunks as final until the generator is exhausted:
    only then is the whole stream authenticated.
    """
    def broken() -> IntegrityError:
        return damaged(what)

    head = src.read(len(STREAM_MAGIC) + _HEADER_BYTES)
    if len(head) != len(STREAM_MAGIC) + _HEADER_BYTES or head[:len(STREAM_MAGIC)] not in (STREAM_MAGIC, PADDED_MAGIC):
        raise broken()
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, head[len(STREAM_MAGIC):], key)
    remaining = None if head.startswith(STREAM_MAGIC) else -1  # data bytes still to yield (SJL2)
    while True:
        block = src.read(CHUNK + _ABYTES)
        if not block:
            raise broken()  # ended without the final tag: truncated
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, block, None)
        except nacl.exceptions.CryptoError:
            raise broken() from None
        if remaining is not None:
            if remaining < 0:
                if len(plain) < _LENGTH:
                    raise broken()
                remaining, plain = int.from_bytes(plain[:_LENGTH], "big"), plain[_LENGTH:]
            plain, remaining = plain[:remaining], remaining - min(remaining, len(plain))
        if plain:
            yield plain
        if tag == _TAG_FINAL:
            if src.read(1) or remaining:
                raise broken()  # bytes after the final chunk, or a length the data does not reach
            return


def encrypt_stream(key: bytes, chunks: Iterator[bytes], out: BinaryIO) -> None:
    enc = StreamEncryptor(key, out)
    for chunk in chunks:
        enc.write(chunk)
    enc.finish()


def read_chunks(src: BinaryIO, size: int = CHUNK) -> Iterator[bytes]:
    while chunk := src.read(size):
        yield chunk


def random_name() -> str:
    return os.urandom(16).hex()
