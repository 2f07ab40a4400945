"""kill -9 at random moments of real CLI commands, then check what a defender relies on.

Each run starts one command as a user would (`python -m app ...`: evidence add, incident add,
passwd, backup, restore, export, import telegram of 160 HD photos), kills it with SIGKILL
after a random delay within that command's usual duration, and checks:
- the journal opens, `audit verify` is intact, SQLite's integrity_check says ok;
- every change committed before the run is still there, evidence byte for byte;
- the killed change is there completely or not at all;
- exactly one of the two passphrases opens the journal;
- no file under its final name is half-written: a backup either restores, a dossier either
  verifies, a restore target either opens or holds no journal.
The commands are black boxes, so the loop keeps working when their insides change.

    python -m tests.stress.kill9 RUNS      (make stress: 500 runs)
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.core import backup as backup_mod
from app.core import evidence
from app.core.errors import SijilError, WrongPassphrase
from app.core.export import verify
from app.core.models import Incident
from app.core.vault import Vault
from tests.core.importers import exports as ex

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASES = ("first passphrase of the loop", "second passphrase of the loop")
OPERATIONS = ("import", "edit", "passwd", "backup", "restore", "export", "messages")
VIDEO_BYTES = 4 << 20  # several 1 MiB chunks, so kills land inside the import
MESSAGES = 160  # photos of 450 KB, written behind the import into two packs
KEEP_IMPORTS = 6  # older imported copies are deleted between runs, so the journal stays small


@dataclass
class State:
    """What must survive: committed incident titles and evidence hashes, the live passphrase."""

    root: Path
    passphrase: str = PASSPHRASES[0]
    titles: set[str] = field(default_factory=set)
    evidence: dict[int, str] = field(default_factory=dict)
    backups: list[tuple[Path, str]] = field(default_factory=list)  # (file, its passphrase)
    leftover_temp_files: int = 0

    @property
    def vault(self) -> Path:
        return self.root / "vault"


def setup(root: Path) -> State:
    state = State(root)
    with Vault.create(state.vault, state.passphrase, strength="test") as v:
        v.journal.incidents.add(Incident(title="first", occurred_on="2026-03-14", description="kept"))
        ev = evidence.import_bytes(v, 1, b"the first evidence", name="first.txt")
        state.titles.add("first")
        state.evidence[ev.id] = ev.sha256
    big = root / "video.bin"
    big.write_bytes(os.urandom(VIDEO_BYTES))
    ex.telegram_hd_photos(root / "telegram", MESSAGES)
    return state


def _cli(state: State, run: int, op: str) -> tuple[list[str], dict[str, str], Path | None]:
    """The command line, its environment and the file it writes (if any) for one run."""
    vault = ["--vault", str(state.vault)]
    env = {"SIJIL_PASSPHRASE": state.passphrase}
    if op == "import":
        return [*vault, "evidence", "add", "1", str(state.root / "video.bin"), "--caption", f"run {run}"], env, None
    if op == "messages":
        return [*vault, "import", "telegram", str(state.root / "telegram"), "--all", "--incident", "1"], env, None
    if op == "edit":
        return [*vault, "incident", "add", "--title", f"run {run}", "--occurred", "2026-03-15",
                "--description", "x" * 2000], env, None
    if op == "passwd":
        other = PASSPHRASES[1] if state.passphrase == PASSPHRASES[0] else PASSPHRASES[0]
        return [*vault, "passwd"], env | {"SIJIL_NEW_PASSPHRASE": other}, None
    if op == "backup":
        out = state.root / f"backup-{run}.sijil"
        return [*vault, "backup", "--out", str(out)], env, out
    if op == "restore":
        if not state.backups:
            return _cli(state, run, "backup")
        target = state.root / f"restored-{run}"
        return ["--vault", str(target), "restore", str(state.backups[-1][0])], \
            {"SIJIL_PASSPHRASE": state.backups[-1][1]}, target
    out = state.root / f"dossier-{run}.pdf"
    return [*vault, "export", "1", "--format", "lawyer", "--out", str(out)], env, out


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    full = {k: v for k, v in os.environ.items() if not k.startswith("SIJIL_")} | env | {"PYTHONPATH": str(ROOT)}
    # Its own process group, so a kill also takes a child caught between fork and exec (keyring's
    # backend probe runs ldconfig and gcc), which would hold the folder lock for a moment.
    return subprocess.Popen([sys.executable, "-m", "app", *args], env=full, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_group_gone(group: int, limit: float = 5.0) -> None:
    """SIGKILL reaches the group's other members (a child between fork and exec) a moment
    later than the reaped leader: check only once the whole program is gone, as after a crash."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def check(state: State, run: int, op: str, out: Path | None, finished: bool) -> list[str]:
    """All invariants after one run; returns the failures (empty when all hold)."""
    failures: list[str] = []
    opened = []
    for passphrase in PASSPHRASES:
        try:
            Vault.unlock(state.vault, passphrase).lock()
            opened.append(passphrase)
        except WrongPassphrase:
            pass
        except SijilError as exc:
            return [f"run {run} ({op}): the journal does not open: {exc.message}"]
    if len(opened) != 1:
        return [f"run {run} ({op}): {len(opened)} passphrases open the journal"]
    if op != "passwd" and opened[0] != state.passphrase:
        failures.append(f"run {run} ({op}): the passphrase changed")
    state.passphrase = opened[0]
    with Vault.unlock(state.vault, state.passphrase) as v:
        if v.journal.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            failures.append(f"run {run} ({op}): integrity_check failed")
        if v.journal.audit.verify()[1] is not None:
            failures.append(f"run {run} ({op}): the audit trail is broken")
        titles = {i.title for i in v.journal.incidents.list()}
        if not state.titles <= titles:
            failures.append(f"run {run} ({op}): committed incidents are missing")
        new = titles - state.titles
        if new - {f"run {run}"} or (op != "edit" and new):
            failures.append(f"run {run} ({op}): unexpected incidents {sorted(new)}")
        for title in new:  # the killed edit is complete if it is there
            inc = next(i for i in v.journal.incidents.list() if i.title == title)
            if inc.description != "x" * 2000:
                failures.append(f"run {run} ({op}): a half-saved incident")
        state.titles |= new
        items = {e.id: e for e in v.journal.evidence.of_incident(1)}
        for ev_id, sha in state.evidence.items():
            if ev_id not in items or hashlib.sha256(evidence.read_original(v, ev_id)).hexdigest() != sha:
                failures.append(f"run {run} ({op}): committed evidence {ev_id} is missing or changed")
        added = set(items) - set(state.evidence)
        if op == "messages" and len(added) not in (0, MESSAGES + 1):  # every message and the export file
            failures.append(f"run {run} ({op}): {len(added)} of {MESSAGES + 1} items imported")
        for ev_id in added:
            data = evidence.read_original(v, ev_id)  # raises if half-written
            if (op != "import" or len(data) != VIDEO_BYTES) and op != "messages":
                failures.append(f"run {run} ({op}): unexpected evidence {ev_id}")
            state.evidence[ev_id] = items[ev_id].sha256
    if finished and out is not None and not out.exists():
        failures.append(f"run {run} ({op}): the command succeeded but wrote nothing")
    return failures + _check_output(state, run, op, out)


def _check_output(state: State, run: int, op: str, out: Path | None) -> list[str]:
    temp = [p for p in state.root.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    state.leftover_temp_files += len(temp)
    for p in temp:  # a killed process cannot remove its own temp file; never under the final name
        p.unlink()
    if out is None or not out.exists():
        return []
    try:
        if op == "backup" or (op == "restore" and out.suffix == ".sijil"):
            target = state.root / "check-restore"
            backup_mod.restore_backup(out, target, state.passphrase).lock()
            shutil.rmtree(target)
            state.backups.append((out, state.passphrase))
            del state.backups[:-2]
        elif op == "restore":
            if (out / "sijil-vault.json").exists():
                Vault.unlock(out, state.backups[-1][1]).lock()
            shutil.rmtree(out)
        else:
            verify.verify_file(out)
            out.unlink()
    except SijilError as exc:
        return [f"run {run} ({op}): a half-written result under its final name: {exc.message}"]
    return []


def startup() -> float:
    """How long `python -m app` takes to start here (imports): kills before that test nothing."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "app", "--version"], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                   capture_output=True, check=True)
    return time.monotonic() - started


def _trim(state: State) -> None:
    """Delete the oldest imported copies (a committed change the next checks then expect), and
    old backup files: otherwise every backup and restore gets slower run by run."""
    extra = sorted(state.evidence)[1:-KEEP_IMPORTS]
    if extra:
        with Vault.unlock(state.vault, state.passphrase) as v:
            for ev_id in extra:
                evidence.delete(v, ev_id)
                del state.evidence[ev_id]
    kept = {path for path, _passphrase in state.backups}
    for old in state.root.glob("backup-*.sijil"):
        if old not in kept:
            old.unlink()


def durations(state: State) -> dict[str, float]:
    """How long each command takes here, unkilled, so kills land anywhere inside it."""
    took = {}
    for n, op in enumerate(("backup", *OPERATIONS)):
        args, env, out = _cli(state, -n - 1, op)
        started = time.monotonic()
        proc = start(args, env)
        _stderr = proc.communicate()[1]
        if proc.returncode != 0:
            raise RuntimeError(f"{op} failed unkilled: {_stderr.decode(errors='replace')}")
        took[op] = time.monotonic() - started
        failures = check(state, -n - 1, op, out, True)
        if failures:
            raise RuntimeError("; ".join(failures))
    return took


def loop(runs: int, seed: int = 0) -> tuple[int, list[str], dict[str, int], int, int]:
    """Run the loop; returns (runs, failures, runs per operation, kills that landed before the
    command ended, temp files left by killed commands)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="sijil-kill9-") as tmp:
        state = setup(Path(tmp))
        took, ready = durations(state), startup()
        failures: list[str] = []
        per_op = dict.fromkeys(OPERATIONS, 0)
        killed = 0
        for run in range(runs):
            op = OPERATIONS[run % len(OPERATIONS)] if run < len(OPERATIONS) else rng.choice(OPERATIONS)
            per_op[op] += 1
            args, env, out = _cli(state, run, op)
            started = time.monotonic()
            proc = start(args, env)
            try:
                # Mostly inside the command's own work, sometimes during start-up.
                proc.wait(timeout=rng.uniform(0 if rng.random() < 0.1 else ready * 0.9, took[op]))
                took[op] = time.monotonic() - started  # the machine's load changes: follow it
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                _wait_for_group_gone(proc.pid)
                killed += 1
            proc.stderr.close()
            failures += check(state, run, op, out, proc.returncode == 0)
            _trim(state)
        return runs, failures, per_op, killed, state.leftover_temp_files


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    started = time.monotonic()
    done, failures, per_op, killed, temp = loop(runs, seed=int(os.environ.get("SIJIL_STRESS_SEED", "0")))
    print(f"kill -9 loop: {done} runs ({', '.join(f'{k} {v}' for k, v in per_op.items())}), "
          f"killed mid-command: {killed}, failures: {len(failures)}, "
          f"temp files left by killed commands: {temp}, "
          f"{time.monotonic() - started:.0f} s")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
