"""The frozen desktop app opens its first-run window, for a new user with no Python, and
never opens a network socket while it does: on Qt's offscreen platform (stays up, says nothing
alarming) and, where Xvfb is installed, on a real X server (the window is mapped, and a
screenshot of it reads "Create your journal")."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.offline import foreign_socket_calls, strace_available, traced

STARTUP_SECONDS = 30
ALARMS = ("Traceback", "Error", "No module", "Could not load", "Aborted", "cannot")


def start(bundle: Path, env: dict[str, str], log: Path | None) -> subprocess.Popen[str]:
    command = [str(bundle / "sijil")]
    return subprocess.Popen(traced(command, log) if log else command, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def stop(process: subprocess.Popen[str]) -> str:
    """End the app (and strace, if it runs under it); its standard error."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    return err


def network_log(tmp_path: Path) -> Path | None:
    return tmp_path / "net.log" if strace_available() else None


def assert_offline(log: Path | None) -> None:
    if log is not None:
        assert foreign_socket_calls(log) == []


def test_offscreen_first_run_window_stays_up(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    log = network_log(tmp_path)
    app = start(bundle, {**bare_env, "QT_QPA_PLATFORM": "offscreen"}, log)
    time.sleep(8)
    alive = app.poll() is None
    err = stop(app)
    assert alive, f"the frozen app quit at once: {err}"
    assert not [line for line in err.splitlines() if any(a in line for a in ALARMS)], err
    assert_offline(log)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private X server (no TCP, no other clients); its DISPLAY."""
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.skip("Xvfb and xwininfo (packages xvfb, x11-utils) are not installed")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        display = ":" + numbers.readline().strip()
    yield display
    server.terminate()
    server.wait(timeout=10)


def mapped_sijil_window(display: str) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True).stdout
    return '"Sijil": ("sijil" "sijil")' in tree


def screenshot(display: str, path: Path) -> None:
    # The screen as the X server holds it, grabbed by this test's own Qt, not the frozen one.
    code = ("import sys; from PySide6.QtGui import QGuiApplication; a = QGuiApplication([]); "
            "sys.exit(0 if a.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True, timeout=60)


def test_first_run_window_on_a_real_x_server(bundle: Path, bare_env: dict[str, str], tmp_path: Path,
                                             x_display: str) -> None:
    log = network_log(tmp_path)
    app = start(bundle, {**bare_env, "DISPLAY": x_display}, log)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not mapped_sijil_window(x_display) and app.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        assert mapped_sijil_window(x_display), "no Sijil window appeared"
        time.sleep(1)  # the first paint
        shot = tmp_path / "first-run.png"
        screenshot(x_display, shot)
    finally:
        err = stop(app)
    assert not [line for line in err.splitlines() if any(a in line for a in ALARMS)], err
    assert_offline(log)
    if shutil.which("tesseract"):
        words = subprocess.run(["tesseract", str(shot), "-"], capture_output=True, text=True).stdout
        assert "Create your journal" in words, words
