"""Fixtures shared by every test folder: real vaults on disk, real image files."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from app.core.models import Incident
from app.core.vault import Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_path: Path):
    v = Vault.create(vault_path, PASSPHRASE, strength="test")
    yield v
    v.lock()


@pytest.fixture
def incident_id(vault: Vault) -> int:
    return vault.journal.incidents.add(Incident(title="Threat on Telegram", occurred_on="2026-03-14",
                                                platforms=["telegram"], kinds=["death_threat"]))


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour: str = "red", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def run_cli(*args: str, env: dict | None = None, passphrase: str | None = PASSPHRASE,
            check: bool = False, cwd: Path | None = None, timeout: float = 300,
            stdin_text: str | None = None):
    """Run `python -m app ARGS` in a subprocess, the way a user would."""
    import subprocess

    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SIJIL_")}
    full_env["LANGUAGE"] = "en"  # the CLI follows the system language; tests ask for theirs in env
    if passphrase is not None:
        full_env["SIJIL_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    root = Path(__file__).resolve().parents[1]
    full_env["PYTHONPATH"] = str(root)
    proc = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or root, timeout=timeout,
                          **({"input": stdin_text} if stdin_text is not None else {"stdin": subprocess.DEVNULL}))
    if check and proc.returncode != 0:
        raise AssertionError(f"sijil {args} failed ({proc.returncode}): {proc.stderr}")
    return proc


def child_peak_rss_mib(code: str) -> float:
    """Run Python code in a fresh process and return its peak resident memory in MiB.

    Read from /proc/self/status VmHWM, which is reset at exec; getrusage's ru_maxrss is not
    (Linux carries the parent's high-water mark into the child), so it would hide growth.
    """
    import subprocess
    import textwrap

    root = Path(__file__).resolve().parents[1]
    probe = textwrap.dedent(code) + textwrap.dedent("""
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                print("PEAK", int(line.split()[1]) / 1024)
    """)
    out = subprocess.run([sys.executable, "-c", probe], env=dict(os.environ, PYTHONPATH=str(root)),
                         capture_output=True, text=True, check=True, timeout=600)
    return float(out.stdout.split("PEAK")[-1])
