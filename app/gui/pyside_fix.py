"""Work around a reference-counting bug in PySide6 6.12.0 on Python 3.11.

There, `SignalInstance.emit()` returns `True` without taking a reference to it. Every emit
from Python then steals one reference from the `True` singleton, and after a few thousand
signals (a long import reports progress for every chunk) the interpreter aborts with
"Fatal Python error: bool_dealloc". Python 3.12+ makes `True` immortal, and other PySide6
versions do not have the bug, so we measure it once at start-up and patch only if it is there.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def emit_steals_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(32):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 16


def install() -> bool:
    """Patch SignalInstance.emit if this PySide6 has the bug; returns whether it did."""
    if getattr(SignalInstance.emit, "_sijil_fixed", False) or not emit_steals_true():
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True:
            _incref(True)  # give back the reference the binding forgot to take
        return result

    emit._sijil_fixed = True
    SignalInstance.emit = emit
    return True
