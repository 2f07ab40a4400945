"""kill -9 at random moments while a process imports, edits and changes the passphrase (the
re-keying), hundreds of times under `make stress` (SIJIL_STRESS_RUNS=500); a few times in `make test`.

After every kill: the journal opens with exactly one of the two passphrases, without any
integrity warning; everything the process reported as committed is there and reads back;
the audit trail is intact; no half-written file is left once it was opened.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from app.core import evidence
from app.core.errors import WrongPassphrase
from app.core.models import Incident
from app.core.vault import Vault
from tests.security.children import wait_for_line

PHRASES = ("first passphrase words", "second passphrase words")
RUNS = int(os.environ.get("SIJIL_STRESS_RUNS", "5"))

CHILD = """
    import itertools, sys
    from app.core import evidence
    from app.core.models import Incident
    from app.core.vault import Vault
    path, phrase, other = sys.argv[1:4]
    v = Vault.unlock(path, phrase)
    print("open", flush=True)
    for n in itertools.count():
        if n % 3 == 0:
            ident = v.journal.incidents.add(Incident(title=f"incident {n}", occurred_on="2026-01-01"))
            print("incident", ident, flush=True)
        elif n % 3 == 1:
            ev = evidence.import_bytes(v, 1, b"evidence %d " % n * 2000)
            print("evidence", ev.id, n, flush=True)
        else:
            v.change_passphrase(other)
            phrase, other = other, phrase
"""


def _working(path) -> list[str]:
    works = []
    for phrase in PHRASES:
        try:
            Vault.unlock(path, phrase).lock()
            works.append(phrase)
        except WrongPassphrase:
            pass
    return works


def test_kill_nine_loop(tmp_path):
    path = tmp_path / "vault"
    with Vault.create(path, PHRASES[0], "test") as v:
        v.journal.incidents.add(Incident(title="evidence holder", occurred_on="2026-01-01"))
    incidents: set[int] = set()
    items: dict[int, bytes] = {}
    rng = random.Random(int(os.environ.get("SIJIL_STRESS_SEED", "9")))
    for run in range(RUNS):
        works = _working(path)
        assert len(works) == 1, f"run {run}: {len(works)} passphrases open the journal"
        phrase = works[0]
        other = PHRASES[1] if phrase == PHRASES[0] else PHRASES[0]
        child = _spawn(path, phrase, other)
        wait_for_line(child, "open")
        time.sleep(rng.uniform(0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate()
        for line in out.splitlines():
            parts = line.split()
            if parts[0] == "incident":
                incidents.add(int(parts[1]))
            elif parts[0] == "evidence":
                items[int(parts[1])] = b"evidence %d " % int(parts[2]) * 2000
        works = _working(path)
        with Vault.unlock(path, works[0]) as v:
            assert v.integrity_warning is None
            present = {i.id for i in v.journal.incidents.list()}
            assert incidents <= present, f"run {run}: committed incidents lost"
            for ident, data in items.items():
                assert evidence.read_original(v, ident) == data, f"run {run}: evidence {ident}"
            assert v.journal.audit.verify()[1] is None
        assert not list(path.glob("journal.db.rekey*")) and not list(path.glob(".*.tmp"))
    print(f"\nkill -9 loop: {RUNS} runs, {len(incidents)} incidents and {len(items)} evidence items "
          f"committed, failures: 0")  # any failure stops at its assert


def _spawn(path, phrase, other) -> subprocess.Popen:
    root = Path(__file__).resolve().parents[2]
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHILD), str(path), phrase, other],
                            env=dict(os.environ, PYTHONPATH=str(root)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
