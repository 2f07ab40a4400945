"""kill -9 at random moments of a real `sijil wipe --yes`, then check that the journal is
either untouched (the kill came before the wipe began: it opens, whole) or opens with
neither its passphrase nor its duress passphrase: never something in between.

    python -m tests.stress.wipe_kill9 RUNS      (make stress: 500 runs)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.core import duress, evidence
from app.core.errors import IntegrityError, SijilError, VaultNotFound, WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.stress.kill9 import _wait_for_group_gone, start, startup

PASSPHRASE, DURESS = "the journal passphrase of the loop", "the duress passphrase of the loop"
EVIDENCE_BYTES = 4 << 20  # several MiB to overwrite, so kills land inside the wipe


def _journal(path: Path, payload: bytes) -> None:
    with Vault.create(path, PASSPHRASE, strength="test") as v:
        iid = v.journal.incidents.add(Incident(title="kept", occurred_on="2026-03-14"))
        evidence.import_bytes(v, iid, payload, name="video.bin")
        duress.set_duress(v, DURESS)


def _wipe(path: Path, config: Path) -> subprocess.Popen:
    return start(["--vault", str(path), "wipe", "--yes"], {"XDG_CONFIG_HOME": str(config)})


def check(path: Path, header_before: bytes) -> list[str]:
    header = path / "sijil-vault.json"
    untouched = header.is_file() and header.read_bytes() == header_before
    failures = []
    for passphrase in (PASSPHRASE, DURESS):
        try:
            with Vault.unlock(path, passphrase) as v:
                if not untouched:
                    failures.append("a passphrase still opens the journal after the wipe began")
                elif passphrase == PASSPHRASE and [i.title for i in v.journal.incidents.list()] != ["kept"]:
                    failures.append("a kill before the wipe began changed the journal")
        except (VaultNotFound, IntegrityError, WrongPassphrase):
            if untouched:
                failures.append("the header is untouched but the journal does not open")
        except SijilError as exc:
            failures.append(f"unexpected {type(exc).__name__}")
    return failures


def loop(runs: int, seed: int = 0) -> tuple[int, list[str], dict[str, int]]:
    """Returns (runs, failures, how many runs ended: before the wipe began, inside it, finished)."""
    rng = random.Random(seed)
    payload = os.urandom(EVIDENCE_BYTES)
    with tempfile.TemporaryDirectory(prefix="sijil-wipe-kill9-") as tmp:
        root = Path(tmp)
        config = root / "config"
        _journal(root / "timing", payload)
        started = time.monotonic()
        _wipe(root / "timing", config).communicate()
        took, ready = time.monotonic() - started, startup()
        failures: list[str] = []
        ends = {"before": 0, "inside": 0, "finished": 0}
        # Kills are drawn between these bounds, which close in on the wipe itself: a kill that
        # came before it raises the lower one, a run that finished lowers the upper one (the
        # wipe is short beside start-up, and a loaded machine moves both).
        low, high = ready * 0.5, took
        for run in range(runs):
            path = root / f"run-{run}"
            _journal(path, payload)
            header_before = (path / "sijil-vault.json").read_bytes()
            proc = _wipe(path, config)
            delay = rng.uniform(low, high)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                _wait_for_group_gone(proc.pid)
            proc.stderr.close()
            found = check(path, header_before)
            failures += [f"run {run}: {f}" for f in found]
            header = path / "sijil-vault.json"
            if not path.exists():
                ends["finished"] += 1
                high = delay
            elif header.is_file() and header.read_bytes() == header_before:
                ends["before"] += 1
                low = delay
            else:
                ends["inside"] += 1
            if path.exists():  # finish the job, as she would by running it again
                rerun = _wipe(path, config)
                rerun.communicate()
                if path.exists():
                    failures.append(f"run {run}: a second wipe left files: {sorted(p.name for p in path.iterdir())}")
        return runs, failures, ends


if __name__ == "__main__":
    done, failed, ends = loop(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
    print(f"{done} runs, ended {ends}; {len(failed)} failures")
    for failure in failed:
        print(failure)
    sys.exit(1 if failed else 0)
