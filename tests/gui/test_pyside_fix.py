"""Signals can be emitted for as long as the app runs (PySide6 6.12.0 refcount bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import app.gui  # noqa: F401  (installs the fix)
from app.gui import pyside_fix


class Emitter(QObject):
    tick = Signal(int)


def test_emitting_many_signals_keeps_true_alive(qapp):
    emitter = Emitter()
    received: list[int] = []
    emitter.tick.connect(received.append)
    for n in range(5000):
        emitter.tick.emit(n)
    assert len(received) == 5000
    assert True is not False and bool(1) is True
    if sys.version_info < (3, 12):
        assert sys.getrefcount(True) > pyside_fix._RESERVE // 2  # far from ever reaching zero
    assert not pyside_fix.install()  # only once
