"""The slow half of opening a journal, run beside it: every page's HMAC, SQLite's structural
check and the rollback sums over every record (db_state.sums_problem), on a read-only
connection in one read transaction, so they see exactly the database the journal opened.

At campaign scale (100,000 evidence rows) these take seconds; the window opens at once and
every write waits for the verdict (Vault.before_write). What the verdict can say is what the
synchronous open says, in the same words: damaged (IntegrityError) or partly older
(RollbackDetected). Stoppable: lock interrupts the statement running and joins the thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import sqlcipher3

from app.core import db
from app.core.db_state import sums_problem
from app.core.errors import RollbackDetected, SijilError, VaultLocked
from app.core.journal import RECORD_KEEPING, Journal

log = logging.getLogger(__name__)


class Stopped(Exception):
    """The check was stopped (the journal is being locked) before it reached a verdict."""


class OpenCheck:
    """Starts at once; `result()` waits for the verdict: None (sound) or the error to raise."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._future: Future[SijilError | None] = Future()
        self._stop = threading.Event()
        self._conn: sqlcipher3.Connection | None = None
        self._conn_guard = threading.Lock()  # interrupt() must not meet a closing connection
        self._thread = threading.Thread(target=self._run, args=(path, key), name="sijil-open-check", daemon=True)
        self._thread.start()

    def _run(self, path: Path, key: bytes) -> None:
        try:
            verdict = self._check(path, key)
        except Stopped as exc:
            self._future.set_exception(exc)
            return
        except sqlcipher3.DatabaseError as exc:
            if self._stop.is_set() and db.interrupted(exc):
                self._future.set_exception(Stopped())
                return
            verdict = db.damaged()
        except BaseException as exc:  # never leave a writer waiting for ever
            log.warning("open check failed: %s", type(exc).__name__)
            verdict = db.damaged()
        self._future.set_result(verdict)

    def _check(self, path: Path, key: bytes) -> SijilError | None:
        conn = db.open_read_only(path, key)
        # Every statement started or running after stop() aborts ("interrupted"); interrupt()
        # below reaches what runs inside one step (a pragma's own loop).
        conn.set_progress_handler(self._stop.is_set, 10_000)
        with self._conn_guard:
            self._conn = conn
        try:
            if self._stop.is_set():
                raise Stopped()
            conn.execute("BEGIN")  # one snapshot for every step
            try:
                db.check_pages(conn)
            except SijilError as exc:
                return exc
            problem = sums_problem(conn)
            conn.execute("COMMIT")
            return RollbackDetected(problem) if problem else None
        finally:
            with self._conn_guard:
                self._conn = None
            conn.close()

    @property
    def done(self) -> bool:
        return self._future.done()

    def result(self) -> SijilError | None:
        """Wait for the verdict. Raises Stopped if the check was stopped first."""
        return self._future.result()

    def when_done(self, fn: Callable[[SijilError | None], None]) -> None:
        """Call fn(verdict) once there is one (at once if there is), on the checking thread;
        never if the check is stopped."""
        def deliver(future: Future) -> None:
            if future.exception() is None:
                fn(future.result())
        self._future.add_done_callback(deliver)

    def stop(self) -> None:
        """Stop promptly (from any thread): abort the statement running, wait for the thread."""
        self._stop.set()
        with self._conn_guard:
            if self._conn is not None:
                self._conn.interrupt()
        if threading.current_thread() is not self._thread:
            self._thread.join()


class DeferredCheck:
    """The part of a vault that an open check still running concerns: every writer waits for
    its verdict, and damage turns the vault read-only. Mixed into Vault, which sets these."""

    _check: OpenCheck | None
    _journal: Journal | None
    read_only: bool
    integrity_warning: str | None

    def _checked(self, verdict: SijilError | None) -> None:
        """The check's verdict (on its thread, or a writer's): damage turns the vault read-only."""
        if verdict is None or self.read_only:
            return
        self.integrity_warning = verdict.message
        self.read_only = True
        journal = self._journal
        if journal is not None:
            journal.read_only = True
        log.warning("open check found the journal damaged; now read-only")

    def before_write(self, action: str = "") -> None:
        """Wait for the deferred open check before writing anything (the journal, the header,
        another store, a backup). Raises its verdict in plain words if it found damage (a
        record of reading, `action` in RECORD_KEEPING, goes on as a read-only journal allows),
        VaultLocked if the vault was locked meanwhile."""
        check = self._check
        if check is None:
            return
        try:
            verdict = check.result()
        except Stopped:
            raise VaultLocked() from None
        self._checked(verdict)
        if verdict is not None and not action.startswith(RECORD_KEEPING):
            raise type(verdict)(verdict.message)

    def when_checked(self, fn: Callable[[SijilError | None], None]) -> None:
        """fn(verdict) once the open check has one: None when sound (at once if there was no
        deferred check, or it is done), else the error. Called on the checking thread."""
        if self._check is None:
            fn(None)
        else:
            self._check.when_done(fn)

    def _stop_check(self) -> None:
        if self._check is not None:
            self._check.stop()
