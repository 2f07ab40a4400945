"""Work around a reference-counting bug in PySide6 6.12.0 on Python 3.11.

There, `SignalInstance.emit()` returns `True` without taking a reference to it. Every emit
from Python then steals one reference from the `True` singleton, and after a few thousand
signals (a long import reports progress for every chunk) the interpreter aborts with
"Fatal Python error: bool_dealloc". Python 3.12 solved this class of bug by making `True`
and `False` immortal; we do the same on older Pythons, once, before any thread starts: a
reserve of references so large that no run of the program can use it up.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # a trillion signals


def install() -> bool:
    """Give True and False their reserve (Python < 3.12 only); returns whether it did."""
    if sys.version_info >= (3, 12) or sys.getrefcount(True) > _RESERVE // 2:
        return False
    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object header.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    return True
