"""Pack files (app/core/blobpack.py): the small blobs of a batch share files that show only a
rounded size, every item authenticated where it lies, deleted items overwritten, a pack gone
with its last item, and nothing of a failed batch left behind."""

from __future__ import annotations

import os
import threading

import pytest

from app.core import blobpack, crypto, evidence
from app.core.blobstore import BlobStore
from app.core.errors import IntegrityError
from app.core.operations import delete_evidence, delete_incident
from tests.conftest import image_bytes


def _store(tmp_path, in_use=lambda pack: True) -> BlobStore:
    return BlobStore(tmp_path / "b", {0: os.urandom(32)}, in_use)


def _items(n: int) -> list[bytes]:
    return [f"message {i} ".encode() * (1 + i * 37 % 400) for i in range(n)]


def test_a_batch_of_small_blobs_is_one_padded_pack_that_reads_back_and_holds_no_plaintext(tmp_path):
    store, items = _store(tmp_path), _items(300)
    with store.batch():
        refs = [store.put([data], len(data))[0] for data in items]
    [pack] = store.names()
    assert {blobpack.parse_ref(r)[0] for r in refs} == {pack}
    assert [store.read(r, "x") for r in refs] == items
    size = (store.root / pack).stat().st_size
    end = max(o + n for _p, o, n in map(blobpack.parse_ref, refs))
    assert size == crypto.padded_size(end) > end
    raw = (store.root / pack).read_bytes()
    assert b"message" not in raw and raw[end:] != bytes(size - end)  # padding is random, not zeros


def test_blobs_larger_than_a_chunk_keep_files_of_their_own_in_a_batch(tmp_path):
    store = _store(tmp_path)
    big = os.urandom(crypto.CHUNK + 1)
    with store.batch():
        small, large = store.put_bytes(b"small"), store.put_bytes(big)
    assert blobpack.is_packed(small) and not blobpack.is_packed(large)
    assert store.read(large, "x") == big and store.names() == {small.partition("-")[0], large}


def test_workers_writing_at_once_each_get_their_own_item(tmp_path):
    store, items = _store(tmp_path), _items(400)
    refs: dict[int, str] = {}

    def put(start: int) -> None:
        for i in range(start, len(items), 4):
            refs[i] = store.put_bytes(items[i])
    with store.batch():
        threads = [threading.Thread(target=put, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert [store.read(refs[i], "x") for i in range(len(items))] == items


def test_a_moved_changed_or_cut_item_is_refused_in_plain_words(tmp_path):
    store = _store(tmp_path)
    with store.batch():
        a, b = store.put_bytes(b"first item" * 10), store.put_bytes(b"second item" * 10)
    pack, offset_b, _length = blobpack.parse_ref(b)
    path = store.root / pack
    raw = bytearray(path.read_bytes())
    # another item's bytes at this item's place: its key names the place, so it does not open
    _p, offset_a, length_a = blobpack.parse_ref(a)
    moved = f"{pack}-{offset_b}-{length_a}"
    raw[offset_b:offset_b + length_a] = raw[offset_a:offset_a + length_a]
    path.write_bytes(raw)
    with pytest.raises(IntegrityError, match="changed or damaged"):
        store.read(moved, "The photo")
    with pytest.raises(IntegrityError, match="The photo has been changed or damaged"):
        store.read(b, "The photo")
    for forged in (f"{pack}-{offset_a}-{length_a - 1}", f"{pack}-{offset_a + 1}-{length_a}"):
        with pytest.raises(IntegrityError):
            store.read(forged, "x")
    os.truncate(path, offset_a + 10)
    with pytest.raises(IntegrityError):
        store.read(a, "x")
    os.unlink(path)
    with pytest.raises(IntegrityError, match="missing from the journal folder"):
        store.read(a, "The photo")


def test_a_reference_that_could_leave_the_folder_is_refused(tmp_path):
    store = _store(tmp_path)
    for bad in ("..-0-40", "a/b-0-40", "abc-x-40", "abc-0-40-1"):
        with pytest.raises(ValueError):
            store.read(bad, "x")


def test_large_items_written_behind_the_caller_read_back_where_their_references_say(tmp_path):
    # items of BEHIND_MIN (256 KiB) and more are sealed and written on a thread behind the import
    store = _store(tmp_path)
    sizes = [100, blobpack.BEHIND_MIN, crypto.CHUNK - 100, blobpack.BEHIND_MIN - 1]
    items = [bytes([n % 251]) * sizes[n % len(sizes)] + b"photo %d" % n for n in range(250)]
    with store.batch():
        refs = [store.put_bytes(data) for data in items]
    assert [store.read(r, "x") for r in refs] == items
    assert len(store.names()) == len({blobpack.parse_ref(r)[0] for r in refs}) >= 2  # 64 MiB per pack
    assert not any(b"photo 7" in (store.root / pack).read_bytes() for pack in store.names())


@pytest.mark.parametrize("size", [100, blobpack.BEHIND_MIN])
def test_an_error_inside_a_batch_leaves_no_pack_and_no_temp_file(tmp_path, size):
    store = _store(tmp_path)
    with pytest.raises(RuntimeError), store.batch():
        for _ in range(40):
            store.put_bytes(os.urandom(size))
        raise RuntimeError("cancelled")
    assert list(store.root.iterdir()) == []


def test_deleting_items_overwrites_them_and_the_last_one_takes_the_pack(tmp_path):
    live: set[str] = set()
    store = _store(tmp_path, in_use=lambda pack: any(r.startswith(pack + "-") for r in live))
    with store.batch():
        refs = [store.put_bytes(b"keep me %d" % i * 20) for i in range(3)]
    live.update(refs)
    pack, offset, length = blobpack.parse_ref(refs[0])
    before = (store.root / pack).read_bytes()[offset:offset + length]
    live.discard(refs[0])
    store.delete([refs[0]])
    assert (store.root / pack).read_bytes()[offset:offset + length] != before
    assert [store.read(r, "x") for r in refs[1:]] == [b"keep me 1" * 20, b"keep me 2" * 20]
    live.clear()
    store.delete(refs[1:])
    assert store.names() == set()


def test_in_a_vault_a_pack_lives_exactly_as_long_as_the_evidence_in_it(vault, incident_id):
    with vault.blobs.batch():
        made = [evidence.store_bytes(vault, data, name=f"{i}.png") for i, data in
                enumerate([image_bytes(colour=c) for c in ("red", "blue", "green")])]
    for ev in made:
        ev.incident_id = incident_id
        ev.id = vault.journal.evidence.add(ev)
    [pack] = vault.blobs.names()
    delete_evidence(vault, made[0].id)
    assert vault.blobs.names() == {pack}
    assert evidence.read_original(vault, made[1].id) == vault.blobs.read(made[1].blob, "x")
    delete_incident(vault, incident_id)
    assert vault.blobs.names() == set()


def _named(vault, incident_id, blob: str, thumbnail: str | None) -> None:
    ev = evidence.store_bytes(vault, b"x", name="x.txt", text=True)
    ev.incident_id = incident_id
    ident = vault.journal.evidence.add(ev)
    with vault.journal.write("test.rename"):
        vault.journal.conn.execute("UPDATE evidence SET blob = ?, thumbnail_blob = ? WHERE id = ?",
                                   (blob, thumbnail, ident))


def test_a_pack_is_in_use_only_while_a_row_names_one_of_its_items(vault, incident_id):
    evidence_rows = vault.journal.evidence
    # Names next to "ab-" in sort order: a longer pack, a whole-file blob, the bare name.
    _named(vault, incident_id, "abc-0-10", None)
    _named(vault, incident_id, "ab", "abd")
    _named(vault, incident_id, "abz", "ab.0")
    assert not evidence_rows.uses_pack("ab")
    _named(vault, incident_id, "whole", "ab-4096-80")  # a thumbnail alone keeps its pack
    assert evidence_rows.uses_pack("ab") and evidence_rows.uses_pack("abc")
    assert not evidence_rows.uses_pack("a") and not evidence_rows.uses_pack("abd")


def test_asking_whether_a_pack_is_in_use_searches_indexes_and_scans_nothing(vault):
    from app.core.journal.evidence_records import USES_PACK
    plan = [row[-1] for row in vault.journal.conn.execute("EXPLAIN QUERY PLAN " + USES_PACK, ("p-", "p.") * 2)]
    searches = [step for step in plan if step.startswith("SEARCH evidence")]
    assert len(searches) == 2 and all(" INDEX " in step and "blob>? AND" in step for step in searches), plan
    assert not any(step.startswith("SCAN evidence") for step in plan), plan  # the LIKE it replaced did
