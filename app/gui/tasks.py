"""The only route from widgets to the core: one serialized worker thread owns the vault.

Work is submitted as a function of a `TaskContext`; it runs on the worker, and its result
or error comes back on the UI thread through a queued signal. One worker (not a pool)
keeps every SQLCipher call on one thread and in submission order, as anki's TaskManager
does. Long tasks report progress and can be cancelled; `TaskContext.progress` raises
Cancelled once cancel was asked for, so core loops stop at the next chunk.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.core.errors import Cancelled, SijilError, from_os_error
from app.core.i18n import _

log = logging.getLogger(__name__)


class TaskContext:
    """Handed to the task function on the worker thread."""

    def __init__(self, task: Task, runner: TaskRunner) -> None:
        self._task = task
        self._runner = runner

    @property
    def cancelled(self) -> bool:
        return self._task.cancel_event.is_set()

    def progress(self, done: int, total: int = 0) -> None:
        """Report progress (thread-safe); raises Cancelled if the user pressed Cancel."""
        if self.cancelled:
            raise Cancelled()
        self._runner._progress.emit(self._task.ident, int(done), int(total))


@dataclass(eq=False)
class Task:
    ident: int
    label: str
    cancellable: bool
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self.cancel_event.set()


class TaskRunner(QObject):
    """Runs core work off the UI thread, one task at a time, in order."""

    started = Signal(object)            # Task
    progressed = Signal(object, int, int)  # Task, done, total
    finished = Signal(object)           # Task (success, failure or cancel)
    failed = Signal(str)                # plain-words message for tasks without on_failure

    _deliver = Signal(object)           # a callable to run on the UI thread
    _progress = Signal(int, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sijil-vault")
        self._ids = itertools.count(1)
        self._live: dict[int, Task] = {}
        self._deliver.connect(self._on_deliver)
        self._progress.connect(self._on_progress)

    def run(self, fn: Callable[[TaskContext], Any], *, on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[SijilError], None] | None = None, label: str = "",
            cancellable: bool = False) -> Task:
        """Queue `fn(ctx)`; `on_success(result)` or `on_failure(error)` run on the UI thread."""
        task = Task(next(self._ids), label, cancellable)
        self._live[task.ident] = task

        def work() -> None:
            self._deliver.emit(lambda: self.started.emit(task))
            try:
                if task.cancel_event.is_set():
                    raise Cancelled()
                result = fn(TaskContext(task, self))
            except SijilError as exc:
                error = exc
                self._deliver.emit(lambda: self._finish(task, None, error, on_success, on_failure))
            except OSError as exc:  # a full, read-only or forbidden disk: say which, in plain words
                error = from_os_error(exc)
                self._deliver.emit(lambda: self._finish(task, None, error, on_success, on_failure))
            except Exception as exc:
                # Unexpected: log the type and where it happened, never the message, which can
                # quote journal content; show plain words.
                log.error("task %r failed with %s:\n%s", task.label, type(exc).__name__,
                          "".join(traceback.format_tb(exc.__traceback__)))
                error = SijilError(_("Something went wrong and this step was not finished. "
                                     "Your journal is unchanged; please try again."))
                self._deliver.emit(lambda: self._finish(task, None, error, on_success, on_failure))
            else:
                self._deliver.emit(lambda: self._finish(task, result, None, on_success, on_failure))

        try:
            self._pool.submit(work)
        except RuntimeError:
            # Shut down already (a lock delivered late, at exit): no worker is left to race
            # with, so the work (dropping the keys) runs here rather than not at all.
            work()
        return task

    def _finish(self, task: Task, result: Any, error: SijilError | None, on_success, on_failure) -> None:
        self._live.pop(task.ident, None)
        self.finished.emit(task)
        if error is None:
            if on_success:
                on_success(result)
        elif on_failure:
            on_failure(error)
        elif not isinstance(error, Cancelled):
            self.failed.emit(error.message)

    def cancel_all(self) -> None:
        for task in list(self._live.values()):
            task.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until queued work has run (used at lock and shutdown, and by tests)."""
        self._pool.submit(lambda: None).result(timeout)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what is queued and stop the worker; `wait=False` lets a running task end on
        its own (a closed window's read, whose answer is then dropped)."""
        self.cancel_all()
        self._pool.shutdown(wait=wait)

    @Slot(object)
    def _on_deliver(self, fn: Callable[[], None]) -> None:
        fn()

    @Slot(int, int, int)
    def _on_progress(self, ident: int, done: int, total: int) -> None:
        task = self._live.get(ident)
        if task is not None:
            self.progressed.emit(task, done, total)
