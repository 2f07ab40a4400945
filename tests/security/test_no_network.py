"""The program from source (`python -m app`) never opens a network socket on the whole
command-line journey; the frozen program is checked the same way in tests/packaging."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.offline import (
    PASSPHRASE,
    foreign_socket_calls,
    journey,
    strace_available,
    traced,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not strace_available(), reason="strace cannot trace here")]
ROOT = Path(__file__).resolve().parents[2]


def test_the_detector_sees_a_connection_attempt(tmp_path: Path) -> None:
    # A UDP "connect" sends nothing, yet it is exactly the attempt these tests must catch.
    log = tmp_path / "net.log"
    code = "import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.connect(('::1', 9))"
    subprocess.run(traced([sys.executable, "-c", code], log), check=True)
    calls = foreign_socket_calls(log)
    assert any("socket(AF_INET6" in c for c in calls) and any("connect(" in c for c in calls)


def test_cli_journey_from_source_opens_no_network_socket(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIJIL_PASSPHRASE": PASSPHRASE, "HOME": str(tmp_path)}
    logs: list[Path] = []

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        logs.append(tmp_path / f"net-{len(logs)}.log")
        command = [sys.executable, "-m", "app", "--vault", str(tmp_path / "vault"), *args]
        return subprocess.run(traced(command, logs[-1]), env=env, capture_output=True, text=True, timeout=300)

    journey(run, tmp_path)
    assert [call for log in logs for call in foreign_socket_calls(log)] == []


def test_importing_archived_pages_that_name_other_sites_opens_no_network_socket(tmp_path: Path) -> None:
    """Pages full of links, images and scripts from elsewhere, in every archive form: reading
    and importing them touches only the archive's bytes."""
    from tests.core.importers import web_exports as wx
    from tests.core.importers.test_web import _mhtml
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIJIL_PASSPHRASE": PASSPHRASE, "HOME": str(tmp_path)}
    page = (b'<html><head><meta http-equiv="refresh" content="0; url=https://tracker.example/"><link rel="stylesheet" '
            b'href="https://cdn.example/a.css"><script src="https://cdn.example/a.js"></script><title>t</title></head>'
            b'<body><img src="https://img.example/p.png"><iframe src="https://frame.example/"></iframe></body></html>')
    paths = [wx.wget_warc(tmp_path / "a.warc.gz"), wx.wacz(tmp_path / "b.wacz", wx.browsertrix_warc(html=page))]
    (tmp_path / "c.mhtml").write_bytes(_mhtml("x"))
    (tmp_path / "d.html").write_bytes(b"<!--\n Page saved with SingleFile \n url: https://x.example/ \n-->" + page)
    paths += [tmp_path / "c.mhtml", tmp_path / "d.html"]
    logs: list[Path] = []
    base = [sys.executable, "-m", "app", "--vault", str(tmp_path / "vault")]
    subprocess.run([*base, "init"], env=env, capture_output=True, check=True, timeout=300)
    for path in paths:
        logs.append(tmp_path / f"net-{len(logs)}.log")
        done = subprocess.run(traced([*base, "import", "web", str(path), "--all"], logs[-1]), env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert [call for log in logs for call in foreign_socket_calls(log)] == []
