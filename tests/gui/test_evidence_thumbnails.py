"""Pictures imported in bulk have no thumbnail: the evidence panel shows a placeholder, the
worker makes the thumbnails, and they replace it (app/core/thumbnails.py)."""

from __future__ import annotations

import io
import threading
from datetime import datetime

from PIL import Image
from PySide6.QtGui import QColor

from app.core import importers
from app.core.importers import commit, filters
from app.gui.evidence import panel as panel_mod
from app.gui.icons import icon
from tests.core.importers import exports as ex
from tests.gui.conftest import INCIDENTS, run

COLOURS = [(220, 20, 20), (20, 200, 20), (20, 20, 220)] * 10  # 30 photos: more than one task's worth


def _jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, format="JPEG", quality=90)
    return out.getvalue()


def _import(tmp_path):
    photos = {f"photos/p{i}.jpg": _jpeg(c) for i, c in enumerate(COLOURS)}
    start = datetime(2024, 3, 1, 9, 0)
    msgs = [ex.telegram_message(i, start, text="", photo=name) for i, name in enumerate(photos, 1)]
    folder = ex.telegram_export(tmp_path / "tg", msgs, photos=photos)

    def work(vault):
        with importers.parse("telegram", folder) as p:
            result = commit.import_messages(vault, p, filters.select(p), commit.ImportTarget())
        return result.incident_ids[0], {e: vault.journal.evidence.get(e).media_type for e in result.evidence_ids}
    return work


def _centre(item) -> QColor:
    return item.icon().pixmap(64, 64).toImage().pixelColor(32, 32)


def test_placeholder_until_the_worker_made_the_thumbnail(qtbot, main, tmp_path, monkeypatch):
    incident_id, photos = run(qtbot, main.session, _import(tmp_path), changes=INCIDENTS)
    gate, made = threading.Event(), []
    real = panel_mod.thumbnails.thumbnails

    def held(vault, ids):
        gate.wait(10)
        made.append(len(ids))
        return real(vault, ids)
    monkeypatch.setattr(panel_mod.thumbnails, "thumbnails", held)
    editor = main.open_incident(incident_id)
    panel = editor.evidence
    items = lambda: [panel.list.item(r) for r in range(panel.list.count())]  # noqa: E731
    qtbot.waitUntil(lambda: len(items()) == len(photos) + 1, timeout=10_000)  # and the export file
    placeholder = icon("image", "#8a93a6").pixmap(64, 64).toImage()
    pictures = [it for it in items() if it.data(256) in photos]
    assert len(pictures) == len(COLOURS)
    assert all(it.icon().pixmap(64, 64).toImage() == placeholder for it in pictures)
    assert main.isEnabled() and not editor.isHidden()  # the window is usable meanwhile
    gate.set()
    qtbot.waitUntil(lambda: all(it.icon().pixmap(64, 64).toImage() != placeholder for it in pictures),
                    timeout=20_000)
    assert max(made) <= panel_mod.THUMBS_PER_TASK and sum(made) == len(COLOURS)
    by_id = {it.data(256): it for it in pictures}
    for ident, colour in zip(sorted(by_id), COLOURS, strict=True):
        got = _centre(by_id[ident])
        assert max(abs(got.red() - colour[0]), abs(got.green() - colour[1]), abs(got.blue() - colour[2])) < 40
    # stored: opened again, the thumbnails are read back, none is made
    made.clear()
    assert all(run(qtbot, main.session, lambda v: [v.journal.evidence.get(i).thumbnail_blob for i in photos]))
    panel.reload()
    qtbot.waitUntil(lambda: len(items()) == len(photos) + 1 and
                    all(it.icon().pixmap(64, 64).toImage() != placeholder for it in items()
                        if it.data(256) in photos), timeout=10_000)
    assert made == []
