"""The UI never freezes: a heartbeat timer keeps ticking while 200 files are imported."""

from __future__ import annotations

import random

from PIL import Image
from PySide6.QtCore import QElapsedTimer, QTimer

from app.core.models import Incident
from tests.gui.conftest import INCIDENTS, run
from tests.gui.pointer import IGNORE_DRAG_DEPRECATION, drop_files

pytestmark = IGNORE_DRAG_DEPRECATION

FILES = 200
MAX_STALL_MS = 100


def test_event_loop_never_stalls_during_a_200_file_import(qtbot, main, tmp_path):
    rng = random.Random(7)
    paths = []
    for n in range(FILES):
        image = Image.effect_noise((320, 240), 40 + n % 50).convert("RGB")
        image.putpixel((rng.randrange(320), rng.randrange(240)), (255, 0, 0))
        path = tmp_path / f"shot-{n:03d}.png"
        image.save(path, format="PNG")
        paths.append(path)
    ident = run(qtbot, main.session, lambda v: v.journal.incidents.add(Incident("Many", "2026-01-01")),
                changes=INCIDENTS)
    editor = main.open_incident(ident)
    qtbot.waitUntil(editor.isEnabled)

    clock, gaps = QElapsedTimer(), []
    heartbeat = QTimer()
    heartbeat.setInterval(10)

    def beat() -> None:
        gaps.append(clock.restart())

    heartbeat.timeout.connect(beat)
    clock.start()
    heartbeat.start()
    drop_files(editor.evidence.list, paths)
    qtbot.waitUntil(lambda: editor.evidence.list.count() == FILES, timeout=120_000)
    qtbot.wait(100)  # the last batches of thumbnails
    heartbeat.stop()
    assert len(gaps) > 20
    assert max(gaps) <= MAX_STALL_MS, f"event loop stalled for {max(gaps)} ms"
    print(f"\nheartbeat: {len(gaps)} beats, longest gap {max(gaps)} ms during a {FILES}-file import")
