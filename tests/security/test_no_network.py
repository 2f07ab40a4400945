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
