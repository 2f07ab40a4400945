"""Thumbnails of imported pictures are made when first shown, encrypted, and recorded only
after their blobs are durable (app/core/thumbnails.py)."""

from __future__ import annotations

import io
import random
from datetime import datetime

import pytest
from PIL import Image

from app.core import blobpack, evidence, images, importers
from app.core.errors import Cancelled
from app.core.importers import commit, filters
from app.core.importers.commit import ImportTarget
from app.core.thumbnails import thumbnails
from tests.core.importers import exports as ex
from tests.core.importers.test_import import state


def _photo(seed: int, size=(900, 600)) -> bytes:
    """A noisy JPEG: its bytes (and any decoded thumbnail's) are unlike anything else on disk."""
    rng = random.Random(seed)
    img = Image.effect_noise(size, 40).convert("RGB")
    img.paste((rng.randrange(256), rng.randrange(256), 0), (10, 10, 200, 120))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _export(folder, photos: dict[str, bytes], texts: int = 0):
    start = datetime(2024, 2, 1, 9, 0)
    msgs = [ex.telegram_message(i, start, text=f"photo {i}", photo=name) for i, name in enumerate(photos, 1)]
    msgs += [ex.telegram_message(len(photos) + i, start, text=f"text {i}") for i in range(1, texts + 1)]
    return ex.telegram_export(folder, msgs, photos=photos)


def _files_under(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_an_imported_photo_has_no_thumbnail_until_asked_then_an_encrypted_one(vault, vault_path, tmp_path):
    photos = {f"photos/p{i}.jpg": _photo(i) for i in range(3)}
    with importers.parse("telegram", _export(tmp_path / "tg", photos)) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    pictures = [e for e in map(vault.journal.evidence.get, result.evidence_ids) if e.kind == "image"]
    assert len(pictures) == 3 and all(e.thumbnail_blob is None for e in pictures)
    assert all((e.width, e.height) == (900, 600) for e in pictures)  # read from the header
    blobs_before = vault.blobs.names()
    made = thumbnails(vault, [e.id for e in pictures] + result.export_evidence_ids)
    assert made[result.export_evidence_ids[0]] is None  # not a picture
    for ev in pictures:
        png = made[ev.id]
        thumb = Image.open(io.BytesIO(png))
        assert thumb.format == "PNG" and max(thumb.size) == max(images.THUMBNAIL_SIZE)
        stored = vault.journal.evidence.get(ev.id).thumbnail_blob
        assert stored and stored not in blobs_before and evidence.read_thumbnail(vault, ev.id) == png
    # the three thumbnails were made in one batch: they share one new pack file
    assert vault.blobs.names() - blobs_before == {
        blobpack.file_of(vault.journal.evidence.get(e.id).thumbnail_blob) for e in pictures}
    # asked again: read back, not made again
    assert thumbnails(vault, [e.id for e in pictures]) == {e.id: made[e.id] for e in pictures}
    # the three thumbnails were made in one batch: they share one new pack file
    assert vault.blobs.names() - blobs_before == {
        blobpack.file_of(vault.journal.evidence.get(e.id).thumbnail_blob) for e in pictures}
    # nothing plaintext anywhere under the journal folder: neither the photos nor their thumbnails
    secrets = [data[1000:1064] for data in photos.values()] + [made[e.id][-200:-100] for e in pictures]
    contents = [f.read_bytes() for f in _files_under(vault_path)]
    assert contents and not any(s in c for s in secrets for c in contents)


def test_a_picture_that_cannot_be_decoded_keeps_its_placeholder_and_changes_nothing(vault, tmp_path):
    whole = _photo(7)
    photos = {"photos/cut.jpg": whole[: len(whole) // 3]}  # a valid header, two thirds of the pixels gone
    with importers.parse("telegram", _export(tmp_path / "tg", photos)) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    [ev] = [e for e in map(vault.journal.evidence.get, result.evidence_ids) if e.kind == "image"]
    before = state(vault)
    assert thumbnails(vault, [ev.id]) == {ev.id: None}
    assert state(vault) == before


def test_a_failure_recording_thumbnails_removes_their_blobs(vault, tmp_path, monkeypatch):
    with importers.parse("telegram", _export(tmp_path / "tg", {"photos/a.jpg": _photo(1)})) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    before = state(vault)

    def broken(*_a, **_k):
        raise RuntimeError("disk gone")
    monkeypatch.setattr(type(vault.journal.evidence), "set_thumbnails", broken)
    with pytest.raises(RuntimeError):
        thumbnails(vault, result.evidence_ids)
    assert state(vault) == before


def test_a_gone_item_is_skipped(vault):
    assert thumbnails(vault, [12345]) == {12345: None}


@pytest.mark.parametrize("stop_after", [1, 5, 12])
def test_cancel_mid_import_with_photos_leaves_the_journal_and_no_blob_behind(vault, tmp_path, stop_after):
    photos = {f"photos/p{i}.jpg": _photo(i, (320, 240)) for i in range(16)}
    with importers.parse("telegram", _export(tmp_path / "tg", photos, texts=8)) as p:
        before = state(vault)
        asked = []
        with pytest.raises(Cancelled):
            commit.import_messages(vault, p, filters.select(p), ImportTarget(),
                                   cancel=lambda: asked.append(1) or len(asked) > stop_after)
    assert state(vault) == before
    assert vault.journal.evidence.all_blob_names() <= vault.blobs.names()


def test_blobs_are_made_durable_once_before_the_rows_naming_them_commit(vault, tmp_path, monkeypatch):
    from app.core import blobstore
    photos = {f"photos/p{i}.jpg": _photo(i, (320, 240)) for i in range(6)}
    before, files_before = state(vault), vault.blobs.names()
    calls = []
    real = blobstore.make_durable

    def checked(paths, folder):
        # every blob is complete on disk and no row names one yet
        assert all(p.is_file() for p in paths) and state(vault)[0] == before[0]
        calls.append(len(paths))
        real(paths, folder)
    monkeypatch.setattr(blobstore, "make_durable", checked)
    with importers.parse("telegram", _export(tmp_path / "tg", photos, texts=3)) as p:
        result = commit.import_messages(vault, p, filters.select(p), ImportTarget())
    assert calls == [len(vault.blobs.names() - files_before)]  # once, every new file (here one pack)
    assert len(result.evidence_ids) == 9


def test_a_failed_sync_leaves_the_journal_and_the_blobs_as_they_were(vault, tmp_path, monkeypatch):
    import errno

    from app.core import blobstore

    def failing(paths, folder):
        raise OSError(errno.EIO, "I/O error")
    monkeypatch.setattr(blobstore, "make_durable", failing)
    with importers.parse("telegram", _export(tmp_path / "tg", {"photos/a.jpg": _photo(2)}, texts=2)) as p:
        before = state(vault)
        with pytest.raises(OSError):
            commit.import_messages(vault, p, filters.select(p), ImportTarget())
    assert state(vault) == before
