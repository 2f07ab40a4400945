"""Signals can be emitted for as long as the app runs (PySide6 6.12.0 refcount bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import app.gui  # noqa: F401  (installs the fix)
from app.gui import pyside_fix


class Emitter(QObject):
    tick = Signal(int)


def test_emitting_many_signals_does_not_use_up_true(qapp):
    emitter = Emitter()
    received: list[int] = []
    emitter.tick.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(5000):
        emitter.tick.emit(n)
    assert len(received) == 5000
    assert sys.getrefcount(True) >= before - 50  # without the fix: before - 5000, then a crash
    assert not pyside_fix.emit_steals_true()
