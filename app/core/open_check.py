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
from app.core.errors import RollbackDetected, SijilError

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
