"""The progress panel: shown for long labelled work, with a working Cancel button."""

from __future__ import annotations

import time

from app.core.errors import Cancelled


def test_long_work_shows_progress_and_cancel_stops_it(qtbot, main):
    results, errors = [], []

    def long_work(vault, ctx):
        for n in range(500):
            ctx.progress(n, 500)
            time.sleep(0.01)
        return "finished"

    main.session.call(None, long_work, on_success=results.append, on_failure=errors.append,
                      label="Adding 500 evidence files", cancellable=True)
    panel = main.progress
    qtbot.waitUntil(panel.isVisible, timeout=3_000)
    assert panel.label.text() == "Adding 500 evidence files"
    assert panel.cancel_button.isVisible()
    qtbot.waitUntil(lambda: panel.bar.maximum() == 500 and panel.bar.value() > 0)
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], Cancelled) and results == []
    qtbot.waitUntil(lambda: not panel.isVisible())


def test_quick_work_never_flashes_the_panel(qtbot, main):
    done = []
    main.session.call(None, lambda vault, ctx: vault.journal.incidents.count(), on_success=done.append,
                      label="Counting")
    qtbot.waitUntil(lambda: bool(done))
    qtbot.wait(300)
    assert not main.progress.isVisible()
