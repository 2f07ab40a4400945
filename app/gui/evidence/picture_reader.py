"""Reads the text in pictures in the background, one picture at a time, after imports.

The journal's worker only decrypts and decodes a picture (fast) and later stores the words;
tesseract itself runs on a thread of its own, so saving an incident never waits behind OCR
and the UI thread never runs any of it."""

from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import QObject, Signal

from app.core import ocr, operations
from app.core.operations import queries
from app.gui.session import Session

log = logging.getLogger(__name__)


class PictureReader(QObject):
    read = Signal(int)           # evidence id whose words were stored
    _engine_done = Signal(object)  # RecognisedText, from the engine thread

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy = False
        self._engine_done.connect(self._store)
        session.changed.connect(lambda changes: self.wake() if changes.evidence else None)
        session.locked.connect(self._stop)

    @property
    def busy(self) -> bool:
        return self._busy

    def wake(self) -> None:
        """Read the next picture not read yet, if any (and if OCR is installed)."""
        if self._busy or not self._session.is_open or not ocr.available():
            return
        self._busy = True

        def next_job(vault, ctx):
            unread = queries.next_unread_picture(vault)
            return ocr.prepare(vault, unread) if unread is not None else None

        task = self._session.call(self, next_job, on_success=self._start, on_failure=self._failed)
        if task is None:
            self._busy = False

    def _start(self, job: ocr.Job | None) -> None:
        if job is None or not self._session.is_open:
            self._busy = False
            return
        threading.Thread(target=self._run, args=(job,), name="sijil-ocr", daemon=True).start()

    def _run(self, job: ocr.Job) -> None:
        found = ocr.run(job)
        # RuntimeError: the journal was locked and this reader deleted meanwhile; drop the words.
        with contextlib.suppress(RuntimeError):
            self._engine_done.emit(found)

    def _store(self, found) -> None:
        if self._session.call(self, lambda vault, ctx: operations.save_recognised(vault, found),
                              on_success=self._saved, on_failure=self._failed) is None:
            self._busy = False

    def _saved(self, evidence_id: int) -> None:
        self._busy = False
        # RuntimeError: the journal was locked and this reader deleted while the words were saved.
        with contextlib.suppress(RuntimeError):
            self.read.emit(evidence_id)
            self.wake()

    def _failed(self, error) -> None:
        # A picture that cannot be decoded was refused at import; anything else is retried at
        # export, which reads unread pictures itself. Stop here rather than loop.
        log.warning("background text recognition stopped")
        self._busy = False

    def _stop(self) -> None:
        self._busy = True  # a result arriving after the lock is dropped
