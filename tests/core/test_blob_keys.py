"""Blob keys must stay what they were when each blob was written: a different derivation
would make every stored evidence file unreadable."""

from __future__ import annotations

import os

import nacl.encoding
import nacl.hash
import pytest

from app.core.blobstore import BlobStore
from app.core.errors import IntegrityError


def test_blob_keys_are_libsodiums_personalised_blake2b_of_the_name(tmp_path):
    for generation in (0, 1, 7):
        key = os.urandom(32)
        store = BlobStore(tmp_path / f"b{generation}", {generation: key})
        for _ in range(20):
            name = store._new_name()
            expected = nacl.hash.blake2b(name.encode("ascii"), digest_size=32, key=key,
                                         person=b"sijil-blob".ljust(16, b"\0"), encoder=nacl.encoding.RawEncoder)
            assert store._blob_key(name) == expected


def test_a_blob_written_reads_back_and_another_name_does_not_decrypt_it(tmp_path):
    store = BlobStore(tmp_path / "b", {0: os.urandom(32)})
    name = store.put_bytes(b"evidence bytes")
    assert store.read(name, "x") == b"evidence bytes"
    other = store.put_bytes(b"other")
    os.replace(store.path(name), store.path(other))
    with pytest.raises(IntegrityError):
        store.read(other, "x")
