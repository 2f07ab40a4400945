"""An unexpected error in a task is logged by type and place only: its message could quote
journal content, so it never reaches the log or the user."""

import logging

from app.gui.tasks import TaskRunner


def test_unexpected_error_logs_no_message(qtbot, caplog):
    runner = TaskRunner()
    shown = []
    runner.failed.connect(shown.append)

    secret = "-".join(("SECRET", "JOURNAL", "TEXT"))  # built at run time, so not in the source line

    def boom(ctx):
        raise ValueError(f"invalid value: {secret}")

    with caplog.at_level(logging.ERROR, logger="app.gui.tasks"):
        runner.run(boom, label="save incident")
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    runner.shutdown()
    assert "SECRET-JOURNAL-TEXT" not in caplog.text and "SECRET-JOURNAL-TEXT" not in shown[0]
    assert "ValueError" in caplog.text and "boom" in caplog.text
    assert "unchanged" in shown[0]
