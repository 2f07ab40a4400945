"""Process hygiene applied before any secret is read: no core dumps, no memory snapshots.

A crash dump (or `gcore`, or a debugger of the same user) would write the master key, the
passphrase and decrypted journal text to disk in the clear. On Linux, RLIMIT_CORE 0 stops
the kernel writing a core file and PR_SET_DUMPABLE 0 also stops systemd-coredump/apport
and same-user ptrace (and makes /proc/<pid>/mem unreadable to other processes). macOS:
RLIMIT_CORE 0. Windows: no Windows Error Reporting dialog or dump for this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
_SEM_FAILCRITICALERRORS, _SEM_NOGPFAULTERRORBOX = 0x0001, 0x0002


def disable_core_dumps() -> None:
    """Best effort: each step that the platform offers is applied; none may stop the program."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
                log.warning("could not turn off core dumps (prctl errno %d)", ctypes.get_errno())
    elif sys.platform == "win32":
        with contextlib.suppress(OSError, AttributeError):
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX)
            ctypes.windll.wer.WerAddExcludedApplication(sys.executable, False)  # type: ignore[attr-defined]


def dumpable() -> bool | None:
    """Whether the kernel would dump this process (Linux only; None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
