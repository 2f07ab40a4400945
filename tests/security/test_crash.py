"""kill -9 at any moment loses nothing that was committed and leaves nothing half-written."""

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import backup, blobpack, evidence
from app.core import header as header_mod
from app.core.errors import WrongPassphrase
from app.core.vault import Vault
from tests.conftest import PASSPHRASE
from tests.core.importers import exports as ex
from tests.security.children import spawn, wait_for_line


@contextlib.contextmanager
def _killed_importing(child, delay: float, vault_path: Path) -> Iterator[Vault]:
    """kill -9 the child `delay` seconds after it says "importing"; the journal opened after."""
    wait_for_line(child, "importing")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Vault.unlock(vault_path, PASSPHRASE) as v:
        yield v


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_kill_during_import_leaves_the_vault_as_before(vault, vault_path, incident_id, tmp_path, delay):
    first = evidence.import_bytes(vault, incident_id, b"already saved")
    vault.lock()
    big = tmp_path / "video.bin"
    with open(big, "wb") as fh:
        block = os.urandom(1 << 20)
        for _ in range(300):
            fh.write(block)
    child = spawn(f"""
        from app.core.vault import Vault
        from app.core import evidence
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        print("importing", flush=True)
        evidence.import_file(v, {incident_id}, {str(big)!r})
        print("done", flush=True)
    """)
    with _killed_importing(child, delay, vault_path) as v:
        items = v.journal.evidence.of_incident(incident_id)
        assert items[0].id == first.id and evidence.read_original(v, first.id) == b"already saved"
        assert len(items) in (1, 2)  # the kill may land after the commit
        referenced = v.journal.evidence.all_blob_names()
        # A blob renamed into place just before the kill stays (it may be the only copy of
        # evidence; see test_two_processes); temp files of the dead process are swept.
        assert referenced <= v.blobs.names() and len(v.blobs.names() - referenced) <= 1
        assert not list((vault_path / "blobs").glob(".*"))
        assert v.journal.audit.verify()[1] is None


@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8])
def test_kill_during_a_message_import_with_writes_behind_leaves_all_or_nothing(vault, vault_path, incident_id,
                                                                               tmp_path, delay):
    first = evidence.import_bytes(vault, incident_id, b"already saved")
    vault.lock()
    folder = ex.telegram_hd_photos(tmp_path / "tg", 240)  # about 110 MiB: two packs
    assert (folder / "photos/photo_1@04-07-2023.jpg").stat().st_size >= blobpack.BEHIND_MIN
    child = spawn(f"""
        from app.core import importers
        from app.core.importers import commit, filters
        from app.core.vault import Vault
        v = Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        with importers.parse("telegram", {str(folder)!r}) as p:
            print("importing", flush=True)
            commit.import_messages(v, p, filters.select(p), commit.ImportTarget(incident_id={incident_id}))
        print("done", flush=True)
    """)
    with _killed_importing(child, delay, vault_path) as v:
        items = v.journal.evidence.of_incident(incident_id)
        assert items[0].id == first.id and evidence.read_original(v, first.id) == b"already saved"
        assert len(items) in (1, 1 + 240 + 1)  # nothing, or every message and the export file
        for ev in items[1:]:  # what was committed reads back, every photo byte for byte
            if ev.kind == "image":
                n = int(ev.metadata["import"]["message_id"].rpartition(":")[2])
                assert evidence.read_original(v, ev.id) == (folder / f"photos/photo_{n}@04-07-2023.jpg").read_bytes()
        assert v.journal.evidence.all_blob_names() <= v.blobs.names()
        assert not list((vault_path / "blobs").glob(".*"))  # the dead import's temp packs are swept
        assert v.journal.audit.verify()[1] is None


@pytest.mark.parametrize("point", ["state", "header"])
def test_a_restore_killed_before_its_header_leaves_no_journal_and_after_it_one_that_opens(vault, tmp_path, point):
    # The header is written last: the folder holds a journal only once everything else is in place.
    backup.create_backup(vault, tmp_path / "b")
    target = tmp_path / "restored"
    owner, name = {"state": ("db_state.StateSeal", "adopt"), "header": ("backup", "write_atomic")}[point]
    child = spawn(f"""
        import os, signal
        from app.core import backup, db_state
        real = {owner}.{name}
        def die(*args):
            real(*args)
            os.kill(os.getpid(), signal.SIGKILL)
        {owner}.{name} = die
        backup.restore_backup({str(tmp_path / "b")!r}, {str(target)!r}, {PASSPHRASE!r})
    """)
    child.wait()
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    if point == "state":  # the state file is written, the header not yet: no journal here
        assert not header_mod.exists(target)
    else:
        with Vault.unlock(target, PASSPHRASE) as v:
            assert v.integrity_warning is None and not v.read_only


def working_passphrases(vault_path: Path) -> list[str]:
    works = []
    for phrase in (PASSPHRASE, "second"):
        try:
            Vault.unlock(vault_path, phrase).lock()
            works.append(phrase)
        except WrongPassphrase:
            pass
    return works


# Where a passphrase change can be cut: progress steps 1-3 and the copy come before the header switch,
# "switched" is after the new header is in place but before the re-keyed copy is moved in,
# "moved" is after the move but before the audit entry and the reopen, 4 is the very end.
_KILL_AT = {
    "after_kdf": "progress_kill(1)",
    # The copy's file exists but holds nothing yet: an empty file opens with any key.
    "copy_begun": "vault_mod.db.export_rekeyed = lambda c, target, k: (open(target, 'wb').close(), die())",
    "after_copy": "progress_kill(2)",
    "before_switch": "progress_kill(3)",
    "switched": "vault_mod.rekey.finish = lambda *a: die()",
    "moved": "orig = vault_mod.rekey.finish; vault_mod.rekey.finish = lambda *a: (orig(*a), die())",
    "end": "progress_kill(4)",
}


@pytest.mark.parametrize("point", list(_KILL_AT))
def test_kill_at_each_step_of_a_passphrase_change(vault, vault_path, incident_id, point):
    ev = evidence.import_bytes(vault, incident_id, b"evidence before the change")
    vault.lock()
    child = spawn(f"""
        import os, signal
        from app.core import vault as vault_mod
        def die():
            os.kill(os.getpid(), signal.SIGKILL)
        kill_step = None
        def progress_kill(n):
            global kill_step
            kill_step = n
        def progress(done, total):
            if done == kill_step:
                die()
        v = vault_mod.Vault.unlock({str(vault_path)!r}, {PASSPHRASE!r})
        {_KILL_AT[point]}
        v.change_passphrase("second", progress=progress)
        print("finished", flush=True)
    """)
    _out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err
    works = working_passphrases(vault_path)
    before_switch = point in ("after_kdf", "copy_begun", "after_copy", "before_switch")
    assert works == ([PASSPHRASE] if before_switch else ["second"])
    with Vault.unlock(vault_path, works[0]) as v:
        assert evidence.read_original(v, ev.id) == b"evidence before the change"
        assert v.journal.audit.verify()[1] is None
    assert not list(vault_path.glob("journal.db.rekey*")) and not list(vault_path.glob(".sijil-vault.json.*"))


def test_kill_at_random_moments_of_repeated_passphrase_changes(vault, vault_path, incident_id):
    ev = evidence.import_bytes(vault, incident_id, b"kept through every change")
    vault.lock()
    for pause in (0.05, 0.11, 0.23, 0.31, 0.47):
        phrase = working_passphrases(vault_path)
        assert len(phrase) == 1
        other = "second" if phrase[0] == PASSPHRASE else PASSPHRASE
        child = spawn(f"""
            from app.core.vault import Vault
            v = Vault.unlock({str(vault_path)!r}, {phrase[0]!r})
            print("ready", flush=True)
            for n in range(100000):
                v.change_passphrase({other!r} if n % 2 == 0 else {phrase[0]!r})
        """)
        wait_for_line(child, "ready")
        time.sleep(pause)
        child.send_signal(signal.SIGKILL)
        child.wait()
        works = working_passphrases(vault_path)
        assert len(works) == 1
        with Vault.unlock(vault_path, works[0]) as v:
            assert evidence.read_original(v, ev.id) == b"kept through every change"
    assert not list(vault_path.glob(".sijil-vault.json.*"))  # a cut-short write is swept at open
