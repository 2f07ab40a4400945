"""Proof that a program never even tries the network, and the command-line journey it is
proved on.

The program runs under `strace -f -e trace=network`, which logs every socket call of the
process and its children with the address family. Sijil may use local sockets only (AF_UNIX:
the single-instance lock, D-Bus for the keyring, the X server); a DNS lookup, a connection or
a datagram to anywhere opens an AF_INET or AF_INET6 socket (AF_PACKET, AF_NETLINK, ... are
refused as well), so one such call in the log fails the test, whether or not it would have
reached anything.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from app.core.errors import EXIT_INTEGRITY

PASSPHRASE = "wild orchid lantern seventeen"
LOCAL_FAMILIES = frozenset({"AF_UNIX", "AF_LOCAL"})
_FAMILY = re.compile(r"\b[AP]F_[A-Z0-9]+")

Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


def strace_available() -> bool:
    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-f", "-q", "-o", "/dev/null", "true"], capture_output=True).returncode == 0


def traced(command: list[str], log: Path) -> list[str]:
    """`command` run under strace, every network system call written to `log`. (strace by its
    full path: the frozen program runs with a PATH that holds no strace.)"""
    return [shutil.which("strace") or "strace", "-f", "-q", "-e", "trace=network", "-o", str(log), *command]


def foreign_socket_calls(log: Path) -> list[str]:
    """Lines of an strace log that touch any address family but local sockets."""
    return [line for line in log.read_text(errors="replace").splitlines()
            if set(_FAMILY.findall(line)) - LOCAL_FAMILIES]


def write_screenshot(path: Path) -> None:
    """A real PNG with words on it, as a screenshot of a threat would be."""
    image = Image.new("RGB", (640, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "@burner_account_4471: we know where you live", fill="black")
    draw.text((20, 60), "Telegram, 1 March 2024, 21:14", fill="black")
    image.save(path, format="PNG")


def _ok(done: subprocess.CompletedProcess[str], step: str) -> str:
    assert done.returncode == 0, f"{step} failed ({done.returncode}): {done.stderr.strip()}"
    return done.stdout


def journey(run: Runner, work: Path) -> Path:
    """The whole path on the command line: create a journal, record an incident, attach a
    screenshot, export a signed platform report, verify it, and see verification catch one
    changed byte. `run` executes one sijil command (with the passphrase in its environment).
    Returns the dossier."""
    picture, dossier = work / "screenshot.png", work / "dossier.pdf"
    write_screenshot(picture)
    _ok(run(["init"]), "init")
    incident = _ok(run(["incident", "add", "--title", "Threats on Telegram", "--occurred", "2024-03-01",
                        "--platform", "telegram", "--kind", "death_threat",
                        "--description", "Messages saying they know where I live"]), "incident add").strip()
    assert incident.isdigit(), incident
    _ok(run(["evidence", "add", incident, str(picture), "--caption", "The first message"]), "evidence add")
    _ok(run(["export", incident, "--format", "platform", "--platform", "telegram", "--out", str(dossier)]),
        "export")
    assert dossier.stat().st_size > 10_000
    assert "Intact" in _ok(run(["verify", str(dossier)]), "verify")

    changed = work / "changed.pdf"
    data = bytearray(dossier.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    assert run(["verify", str(changed)]).returncode == EXIT_INTEGRITY
    return dossier
