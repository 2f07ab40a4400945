"""The frozen command-line program does the whole journey with no Python installed, keeps the
journal in the new user's data folder, and never opens a network socket."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app import __version__
from tests.security.offline import foreign_socket_calls, journey, strace_available, traced


def frozen(bundle: Path, env: dict[str, str], prefix: list[str] | None = None):
    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*(prefix or []), str(bundle / "sijil-cli"), *args], env=env,
                              capture_output=True, text=True, timeout=300)
    return run


@pytest.mark.parametrize("program", ["sijil-cli", "sijil"])
def test_both_programs_answer_version_and_help(bundle: Path, bare_env: dict[str, str], program: str) -> None:
    # `sijil` is the windowed program; given a command it runs the CLI like `sijil-cli`.
    for args, expected in ((["--version"], f"sijil {__version__}"), (["--help"], "COMMAND")):
        done = subprocess.run([str(bundle / program), *args], env=bare_env, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout and done.stderr == ""


def test_journey_in_a_fresh_home(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    journey(frozen(bundle, bare_env), tmp_path)
    # No --vault given: the journal went to the new user's data folder, nowhere else.
    assert (Path(bare_env["HOME"]) / ".local" / "share" / "Sijil" / "vault").is_dir()


@pytest.mark.skipif(not strace_available(), reason="strace cannot trace here")
def test_journey_never_opens_a_network_socket(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    logs: list[Path] = []

    def traced_run(args: list[str]) -> subprocess.CompletedProcess[str]:
        logs.append(tmp_path / f"net-{len(logs)}.log")
        return frozen(bundle, bare_env, traced([], logs[-1]))(args)

    journey(traced_run, tmp_path)
    # strace really followed each command to its end (a log left empty would prove nothing)
    assert all("+++ exited with" in log.read_text() for log in logs)
    assert [call for log in logs for call in foreign_socket_calls(log)] == []


def _can_unshare_network() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.skipif(not _can_unshare_network(), reason="no permission to make a network namespace")
def test_journey_works_with_no_network_at_all(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    # A namespace with only a loopback that is down: a program that needed the network fails.
    journey(frozen(bundle, bare_env, [shutil.which("unshare") or "unshare", "-n", "--"]), tmp_path)
