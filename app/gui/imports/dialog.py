"""The import window: choose an export, browse and filter its messages, pick, import.

Reading and filtering run on this window's own worker (a TaskRunner parented to the session,
so a read still running when the window closes finishes harmlessly and is dropped); the
import runs as an operation on the vault's worker, with progress and Cancel, and the
operation's Changes refresh every view. Nothing here blocks the window: a filter is asked for
FILTER_DELAY_MS after the last keystroke and only the newest answer is shown.
"""

from __future__ import annotations

import gc
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import importers, operations
from app.core.errors import Cancelled, SijilError
from app.core.i18n import _, current_language, ngettext
from app.core.importers import filters
from app.core.importers.commit import ImportResult
from app.core.importers.guess import guess_format
from app.core.importers.model import ImportPreview
from app.core.locale_format import format_iso_date, format_number
from app.core.operations import queries
from app.gui.imports.filter_bar import FilterBar
from app.gui.imports.formats import format_labels
from app.gui.imports.preview_model import PreviewModel
from app.gui.imports.target import RECENT_INCIDENTS, TargetChooser
from app.gui.session import Session
from app.gui.tasks import Task, TaskRunner
from app.gui.widgets.columns import fit_columns, install_header
from app.gui.widgets.common import ErrorLabel, heading, hint
from app.gui.widgets.screen_fit import fit_to_screen

FILTER_DELAY_MS = 150
PROGRESS_STEPS = 200  # progress reports per import, however many messages


class ImportDialog(QDialog):
    def __init__(self, session: Session, incident_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import an export"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAcceptDrops(True)
        self.session, self._incident_id = session, incident_id
        self.worker = TaskRunner(session)   # reads and filters; the vault's worker stays free
        self.preview: ImportPreview | None = None
        self.path: Path | None = None
        self._reading: Task | None = None
        self._importing: Task | None = None
        self._generation = 0          # of reads and filters: only the newest answer is shown
        self.last_result: ImportResult | None = None

        self.format = QComboBox()
        self.format.setAccessibleName(_("Kind of export"))
        for code, label in format_labels().items():
            self.format.addItem(label, code)
        choose_file = QPushButton(_("Choose a file…"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton(_("Choose a folder…"))
        choose_folder.clicked.connect(self._choose_folder)
        self.path_label = hint(_("Choose the export's file or folder, or drop it here."))
        self.reading_bar = QProgressBar()
        self.reading_bar.setRange(0, 0)
        self.reading_bar.setAccessibleName(_("Reading the export"))
        self.cancel_reading = QPushButton(_("Stop reading"))
        self.cancel_reading.clicked.connect(self.stop_reading)
        self.about = hint("")
        self.about.setObjectName("importAbout")
        self.error = ErrorLabel()
        self.filters = FilterBar()
        self.filters.setEnabled(False)
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self._run_filter)
        self.filters.changed.connect(self.filter_timer.start)
        self.format.currentIndexChanged.connect(lambda _i: self.path and self.open_path(self.path, self.format_code))

        self.model = PreviewModel(self)
        self.table = QTableView()
        install_header(self.table)
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName(_("Messages in the export"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights, columns fitted to the rows in view only (fit_columns measures
        # the shown rows): Qt never measures 100,000 rows to lay them out. Long cells are
        # elided, with their whole text in a tooltip.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.setWordWrap(False)
        self.model.modelReset.connect(lambda: fit_columns(self.table, wrap=False, remember="import_preview"))
        self.model.dataChanged.connect(lambda *_a: self._update_counts())
        self.model.modelReset.connect(self._update_counts)
        self.count_label = QLabel()
        self.count_label.setObjectName("importCount")
        self.pick_all = QPushButton(_("Pick all that match"))
        self.pick_all.clicked.connect(lambda: self.model.pick_shown(True))
        self.unpick_all = QPushButton(_("Unpick all that match"))
        self.unpick_all.clicked.connect(lambda: self.model.pick_shown(False))

        self.target = TargetChooser()
        self.import_button = QPushButton(_("Import the picked messages"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.import_bar = QProgressBar()
        self.import_bar.setAccessibleName(_("Import progress"))
        self.cancel_import = QPushButton(_("Cancel the import"))
        self.cancel_import.clicked.connect(self.stop_import)
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.format, 1)
        choose_row.addWidget(choose_file)
        choose_row.addWidget(choose_folder)
        reading_row = QHBoxLayout()
        reading_row.addWidget(self.reading_bar, 1)
        reading_row.addWidget(self.cancel_reading)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.count_label, 1)
        pick_row.addWidget(self.pick_all)
        pick_row.addWidget(self.unpick_all)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_bar, 1)
        import_row.addWidget(self.cancel_import)
        import_row.addWidget(self.import_button)
        import_row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Import an export")))
        layout.addLayout(choose_row)
        layout.addWidget(self.path_label)
        layout.addLayout(reading_row)
        layout.addWidget(self.error)
        layout.addWidget(self.about)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(pick_row)
        layout.addWidget(self.target)
        layout.addLayout(import_row)
        layout.addWidget(self.result)
        self._set_reading(False)
        self._set_importing(False)
        self._update_counts()
        fit_to_screen(self, 1000, 720)
        session.runner.progressed.connect(self._on_import_progress)
        session.locked.connect(self.close)
        self._load_incidents()

    @property
    def format_code(self) -> str:
        return str(self.format.currentData())

    # Choosing and reading ----------------------------------------------------------------------

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose the export file"))
        if path:
            self.open_path(Path(path))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Choose the export folder"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, fmt: str | None = None) -> None:
        """Read `path` as `fmt` in the background; when None, the kind is guessed there first (a
        zip's or a folder's names are read) and the choice shown when the preview comes."""
        self.stop_reading()
        self.path = path
        self.path_label.setText(str(path))
        self._drop_preview()
        self.error.clear()
        self._generation += 1
        generation = self._generation

        guessed = [fmt]  # the kind read, for `failed` too: she sees which one was tried

        def read(ctx) -> tuple[str, ImportPreview, dict]:
            kind = guessed[0] = fmt or guess_format(path)
            preview = importers.parse(kind, path)
            return kind, preview, preview.summary()

        def done(result: tuple[str, ImportPreview, dict]) -> None:
            kind, preview, summary = result
            if not shiboken6.isValid(self) or generation != self._generation:
                preview.close()   # she chose another export, or stopped, meanwhile
                return
            self._show_format(kind)
            self._set_reading(False)
            self._show_preview(preview, summary)

        def failed(error: SijilError) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._show_format(guessed[0])
                self._set_reading(False)
                if not isinstance(error, Cancelled):
                    self.error.setText(error.message)

        self._set_reading(True)
        self._reading = self.worker.run(read, on_success=done, on_failure=failed, cancellable=True)

    def _show_format(self, kind: str | None) -> None:
        if kind:
            self.format.blockSignals(True)  # not a choice of hers: nothing to read again
            self.format.setCurrentIndex(max(0, self.format.findData(kind)))
            self.format.blockSignals(False)

    def stop_reading(self) -> None:
        if self._reading is not None:
            self._generation += 1   # the read finishes on its own; its answer is dropped
            self._reading.cancel()
            self._reading = None
        self._set_reading(False)

    def _show_preview(self, preview: ImportPreview, summary: dict) -> None:
        self.preview = preview
        # A campaign's preview is a million small objects without cycles: frozen out of the
        # collector, so that the collections the app runs on this thread (gc_guard.py) do not
        # rescan them every time and hold the window for a few hundred milliseconds.
        gc.freeze()
        self.filters.clear()
        self.filters.set_authors(summary["authors"])
        language = current_language()
        first, last = (format_iso_date(summary[end], language) if summary[end] else "?" for end in ("first", "last"))
        facts = [ngettext("{n} message from {first} to {last}.", "{n} messages from {first} to {last}.",
                          summary["messages"]).format(n=format_number(summary["messages"], language),
                                                      first=first, last=last)]
        if preview.date_order:
            order = {"day-first": _("day first (31/12)"), "month-first": _("month first (12/31)"),
                     "year-first": _("year first (2023/12/31)")}[preview.date_order]
            facts.append(_("Dates read {order}: {reason}").format(order=order, reason=preview.date_order_reason))
        if preview.timezone:
            facts.append(preview.timezone)
        facts.extend(preview.notes)
        self.about.setText("\n".join(facts))
        self.model.set_preview(preview, filters.select(preview))
        self.filters.setEnabled(True)

    def _drop_preview(self) -> None:
        self.filter_timer.stop()
        self.model.set_preview(None, [])
        self.filters.setEnabled(False)
        self.about.clear()
        if self.preview is not None:
            gc.unfreeze()
            if self._importing is None:
                self.preview.close()
        self.preview = None

    def _set_reading(self, on: bool) -> None:
        self.reading_bar.setVisible(on)
        self.cancel_reading.setVisible(on)

    # Filtering ---------------------------------------------------------------------------------

    def _run_filter(self) -> None:
        preview = self.preview
        if preview is None:
            return
        self._generation += 1
        generation, wanted = self._generation, self.filters.message_filter()

        def done(shown: list[int]) -> None:
            if shiboken6.isValid(self) and generation == self._generation and self.preview is preview:
                self.error.clear()
                self.model.set_shown(shown)

        def failed(error: SijilError) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.error.setText(error.message)

        self.worker.run(lambda ctx: filters.select(preview, wanted), on_success=done, on_failure=failed)

    def _update_counts(self) -> None:
        total = len(self.preview.messages) if self.preview else 0
        language = current_language()
        self.count_label.setText(_("{shown} of {total} messages shown, {picked} picked.").format(
            shown=format_number(len(self.model.shown), language), total=format_number(total, language),
            picked=format_number(len(self.model.picked), language)))
        self.import_button.setEnabled(bool(self.model.picked) and self._importing is None)

    # Importing ---------------------------------------------------------------------------------

    def _load_incidents(self) -> None:
        current = self._incident_id

        self.session.call(self, lambda vault, ctx: queries.recent_incidents(vault, RECENT_INCIDENTS, current),
                          on_success=lambda found: self.target.set_incidents(found, current))

    def start_import(self) -> None:
        preview, picked = self.preview, sorted(self.model.picked)
        if preview is None or not picked or self._importing is not None:
            return
        target = self.target.target()
        step = max(1, (len(picked) + len(preview.sources)) // PROGRESS_STEPS)
        owner = self

        def run(vault, ctx):
            def progress(done: int, total: int) -> None:
                if done % step == 0 or done == total:
                    ctx.progress(done, total)
            try:
                return operations.import_export(vault, preview, picked, target, progress=progress,
                                                cancel=lambda: ctx.cancelled)
            finally:
                if not shiboken6.isValid(owner) or owner.preview is not preview:
                    preview.close()   # the window let go of it while the import read it

        self.result.clear()
        self.import_bar.setRange(0, 0)
        self._importing = self.session.call(self, run, on_success=self._imported, on_failure=self._import_failed,
                                            label=_("Importing messages"), cancellable=True)
        self._set_importing(self._importing is not None)

    def stop_import(self) -> None:
        if self._importing is not None:
            self._importing.cancel()

    def _on_import_progress(self, task: Task, done: int, total: int) -> None:
        if task is self._importing and total:
            self.import_bar.setRange(0, total)
            self.import_bar.setValue(done)

    def _imported(self, result: ImportResult) -> None:
        self._importing = None
        self._set_importing(False)
        self.last_result = result
        parts = [ngettext("Imported {n} piece of evidence.", "Imported {n} pieces of evidence.",
                          len(result.evidence_ids)).format(n=len(result.evidence_ids))]
        if result.incident_ids:
            parts.append(_("New incidents: {n}.").format(n=len(result.incident_ids)))
        else:
            parts.append(_("They were added to the incident you chose."))
        if result.actor_ids or result.updated_actor_ids:
            parts.append(_("Accounts: {new} new, {seen} seen again.").format(
                new=len(result.actor_ids), seen=len(result.updated_actor_ids)))
        parts.append(_("The export's own files were kept as evidence too ({n}).").format(
            n=len(result.export_evidence_ids)))
        self.result.setText(" ".join(parts))
        self.model.unpick_all()   # a second click must not import the same messages twice

    def _import_failed(self, error: SijilError) -> None:
        self._importing = None
        self._set_importing(False)
        if isinstance(error, Cancelled):
            self.result.setText(_("The import was cancelled. Nothing was added to your journal."))
        else:
            self.result.setText(error.message)

    def _set_importing(self, on: bool) -> None:
        self.import_bar.setVisible(on)
        self.cancel_import.setVisible(on)
        self._update_counts()

    # Dropping an export and closing ------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_path(paths[0])
            event.acceptProposedAction()

    def closeEvent(self, event) -> None:
        self.stop_reading()
        self.stop_import()
        self._drop_preview()
        self.worker.shutdown(wait=False)   # its thread ends once a read still running is done
        super().closeEvent(event)
