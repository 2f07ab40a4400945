"""Blob files: keys must stay what they were when each blob was written (a different derivation
would make every stored evidence file unreadable); small blobs are written whole or not at all."""

from __future__ import annotations

import contextlib
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


@pytest.mark.parametrize("durable", [True, False])
def test_a_full_disk_while_a_small_blob_is_written_leaves_no_file_and_says_so(tmp_path, monkeypatch, durable):
    import errno

    from app.core.errors import DiskFull
    store = BlobStore(tmp_path / "b", {0: os.urandom(32)})
    kept = store.put_bytes(b"already there")
    real_write, real_pwrite = os.write, os.pwrite

    def full(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def full_at(fd, data, offset):  # a batch's small blobs go into a pack file
        real_pwrite(fd, bytes(data[: len(data) // 2]), offset)
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(os, "pwrite", full_at)
    with pytest.raises(DiskFull), (store.batch() if not durable else contextlib.nullcontext()):
        store.put_bytes(b"x" * 5000)
    monkeypatch.undo()
    assert sorted(p.name for p in store.root.iterdir()) == [kept]
