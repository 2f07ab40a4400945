"""Work queued after the worker shut down (the lock a late delivery asks for at exit) still
runs, in order, instead of raising and leaving the keys in memory."""

from app.gui.tasks import TaskRunner


def test_work_queued_after_shutdown_still_runs(qtbot):
    runner = TaskRunner()
    runner.shutdown()
    ran, delivered = [], []
    runner.run(lambda ctx: ran.append("lock") or "locked", on_success=delivered.append, label="lock")
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    assert ran == ["lock"] and delivered == ["locked"] and not runner.busy
