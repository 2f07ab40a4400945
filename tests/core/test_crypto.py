import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import crypto
from app.core.errors import IntegrityError

KEY = bytes(range(32))


def encrypt(data: bytes, key: bytes = KEY, piece: int = 65536) -> bytes:
    out = io.BytesIO()
    enc = crypto.StreamEncryptor(key, out)
    for i in range(0, len(data), piece):
        enc.write(data[i : i + piece])
    enc.finish()
    return out.getvalue()


def decrypt(blob: bytes, key: bytes = KEY) -> bytes:
    return b"".join(crypto.decrypt_stream(key, io.BytesIO(blob), "Item 7"))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=1, max_value=5000))
def test_stream_round_trips_any_bytes_and_any_write_sizes(data, piece):
    assert decrypt(encrypt(data, piece=piece)) == data


@pytest.mark.parametrize("size", [0, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1, 3 * crypto.CHUNK + 17])
def test_stream_round_trips_at_chunk_boundaries(size):
    data = os.urandom(size)
    assert decrypt(encrypt(data)) == data


def _blocks(blob: bytes) -> tuple[bytes, list[bytes]]:
    head = len(crypto.STREAM_MAGIC) + crypto._HEADER_BYTES
    step = crypto.CHUNK + crypto._ABYTES
    return blob[:head], [blob[i : i + step] for i in range(head, len(blob), step)]


def test_truncation_at_a_chunk_boundary_is_detected():
    head, blocks = _blocks(encrypt(os.urandom(3 * crypto.CHUNK + 5)))
    with pytest.raises(IntegrityError, match="Item 7"):
        decrypt(head + b"".join(blocks[:-1]))


def test_reordered_chunks_are_detected():
    head, blocks = _blocks(encrypt(os.urandom(3 * crypto.CHUNK + 5)))
    with pytest.raises(IntegrityError):
        decrypt(head + blocks[1] + blocks[0] + b"".join(blocks[2:]))


def test_flipped_bit_and_trailing_bytes_are_detected():
    blob = bytearray(encrypt(b"evidence" * 1000))
    blob[len(blob) // 2] ^= 0x01
    with pytest.raises(IntegrityError):
        decrypt(bytes(blob))
    with pytest.raises(IntegrityError):
        decrypt(encrypt(b"evidence") + b"extra")


def test_wrong_key_is_detected():
    with pytest.raises(IntegrityError):
        decrypt(encrypt(b"secret"), key=bytes(32))


def test_subkeys_are_independent_and_deterministic():
    master = os.urandom(32)
    keys = {crypto.subkey(master, p) for p in (b"sijil-db", b"sijil-blobs", b"sijil-backup", b"sijil-sign")}
    assert len(keys) == 4
    assert crypto.subkey(master, b"sijil-db") == crypto.subkey(master, b"sijil-db")
    assert crypto.subkey(os.urandom(32), b"sijil-db") != crypto.subkey(master, b"sijil-db")


def test_wrapped_key_is_bound_to_kdf_parameters():
    params = crypto.KdfParams.new("test")
    kek = crypto.derive_kek("pass", params)
    master = crypto.new_master_key()
    wrapped = crypto.wrap_key(kek, master, params.associated_data())
    assert crypto.unwrap_key(kek, wrapped, params.associated_data()) == master
    weaker = crypto.KdfParams(params.opslimit, params.memlimit, bytes(16))
    assert crypto.unwrap_key(kek, wrapped, weaker.associated_data()) is None
    assert crypto.unwrap_key(crypto.derive_kek("other", params), wrapped, params.associated_data()) is None


def test_key_strengths_use_libsodium_presets():
    import nacl.pwhash.argon2id as a

    normal, high = crypto.KdfParams.new("normal"), crypto.KdfParams.new("high")
    assert (normal.opslimit, normal.memlimit) == (a.OPSLIMIT_MODERATE, a.MEMLIMIT_MODERATE)
    assert (high.opslimit, high.memlimit) == (a.OPSLIMIT_SENSITIVE, a.MEMLIMIT_SENSITIVE)
    assert normal.salt != crypto.KdfParams.new("normal").salt
    assert (normal.strength, high.strength) == ("normal", "high")


def test_fingerprint_is_stable_and_grouped():
    fp = crypto.fingerprint(bytes(32))
    assert fp == crypto.fingerprint(bytes(32))
    assert len(fp.split()) == 8 and all(len(g) == 4 for g in fp.split())
