"""The incident editor: the form, links, steps and the evidence panel side by side.

A new incident is saved the first time evidence or a step is added to it, so a defender can
paste screenshots straight away without thinking about saving first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.journal.exports import describe
from app.core.models import ExportRecord, Incident
from app.core.operations import NewIncident, queries
from app.gui.evidence.panel import EvidencePanel
from app.gui.evidence.viewer import EvidenceViewer
from app.gui.icons import icon
from app.gui.incidents.form import IncidentForm
from app.gui.incidents.links_tab import LinksTab
from app.gui.incidents.steps_tab import StepsTab
from app.gui.overviews.mark_sent_dialog import MarkSentDialog, platform_name
from app.gui.session import Session
from app.gui.widgets.common import heading, hint
from app.gui.widgets.dialogs import confirm, show_error
from app.gui.widgets.screen_fit import fit_to_screen


def exports_text(exports: list[ExportRecord]) -> str:
    """The dossiers this incident went into, e.g. "Dossiers: prepared for Telegram on 2026-03-02,
    sent on 2026-03-03 (reference TG-88213); prepared for a lawyer on 2026-03-05, not marked as sent."."""
    parts = [describe(e, platform_name) for e in exports]
    return (_("Dossiers: {list}.").format(list="; ".join(parts))) if parts else ""


class IncidentEditor(QDialog):
    saved = Signal(int)

    def __init__(self, session: Session, incident_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Incident"))  # never the incident's title: it may be seen over a shoulder
        self._session = session
        self._incident_id = incident_id
        self._saving = False
        self._after_save: list[Callable[[int], None]] = []
        self._close_after_save = False
        self._new: NewIncident | None = None  # being saved by the import of its first evidence
        self._save_after_new = False
        self._saving_incident: Incident | None = None
        self._kept_for_evidence = False  # a new incident saved because evidence or a step was added
        self.form = IncidentForm()
        self.form.load(Incident(title="", occurred_on=QDate.currentDate().toString("yyyy-MM-dd")))
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.links = LinksTab(session)
        self.steps = StepsTab(session, self.ensure_saved)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, _("&Details"))
        self.tabs.addTab(self.links, _("People and a&ctors"))
        self.tabs.addTab(self.steps, _("Steps &taken"))
        self.evidence = EvidencePanel(session, self.evidence_target)
        self.evidence.view_requested.connect(self.view_evidence)
        self.evidence.new_incident_settled.connect(self._saved_with_evidence)
        evidence_box = QWidget()
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.addWidget(heading(_("Evidence"), 1.15))
        evidence_layout.addWidget(self.evidence, 1)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(evidence_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.save_button = QPushButton(icon("save"), _("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save(close=True))
        self.delete_button = QPushButton(icon("trash-2"), _("De&lete incident"))
        self.delete_button.clicked.connect(self.delete)
        cancel = QPushButton(_("Close without saving"))
        cancel.clicked.connect(self.close_without_saving)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save(close=False))
        # Ctrl+V outside a text box pastes a screenshot as evidence (the only Paste shortcut in
        # this window: two would make both silent). Text boxes take Ctrl+V before any shortcut,
        # so a picture pasted there is caught by eventFilter below.
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.evidence.paste)
        QApplication.instance().installEventFilter(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        self.exports = hint("")
        self.exports.setAccessibleName(_("Dossiers this incident was part of"))
        self.mark_sent_button = QPushButton(_("&Mark a dossier as sent…"))
        self.mark_sent_button.setToolTip(_("Sijil sends nothing: say when you sent a dossier and the reference you got"))
        self.mark_sent_button.clicked.connect(self.mark_sent)
        self._export_records: list[ExportRecord] = []
        exports_row = QHBoxLayout()
        exports_row.addWidget(self.exports, 1)
        exports_row.addWidget(self.mark_sent_button)
        self._show_exports([])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(exports_row)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 760)
        self.setEnabled(incident_id is None)
        session.call(self, lambda vault, ctx: queries.incident_for_editing(vault, incident_id), on_success=self._show,
                     on_failure=self._load_failed)
        self.delete_button.setVisible(incident_id is not None)
        self.form.title.setFocus()
        session.unsaved.register(self)

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+V in a text box of this window with a picture (and no text) on the clipboard:
        the picture becomes evidence. With text on the clipboard, the text box pastes it."""
        if (event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste)
                and isinstance(watched, QWidget) and watched.window() is self):
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and mime.hasImage() and not mime.hasText():
                self.evidence.paste()
                return True
        return False

    def _show(self, loaded: queries.IncidentForEditing) -> None:
        incident, persons, actors, linked_persons, linked_actors, steps, exports = loaded
        self._show_exports(exports)
        if incident is not None:
            self.form.load(incident)
        self.links.load(persons, actors, linked_persons, linked_actors)
        self.steps.show_steps(steps)
        self.evidence.load(self._incident_id)
        self.setEnabled(True)

    def _show_exports(self, exports: list[ExportRecord]) -> None:
        self._export_records = exports
        self.exports.setText(exports_text(exports))
        self.exports.setVisible(bool(exports))
        self.mark_sent_button.setVisible(bool(exports))

    def mark_sent(self) -> None:
        dialog = MarkSentDialog(self._session, self._export_records, self)
        ident = self._incident_id
        dialog.saved.connect(lambda _record: self._session.call(self, lambda vault, ctx: queries.exports_of(vault, ident),
            on_success=self._show_exports))
        dialog.open()
        self.mark_sent_dialog = dialog

    def _load_failed(self, error) -> None:
        show_error(self, error)
        self.reject()

    def save(self, close: bool = False, then: Callable[[int], None] | None = None) -> None:
        """Save the form; `then(incident_id)` runs after it (several may wait for one save)."""
        if then is not None:
            self._after_save.append(then)
        self._close_after_save |= close
        if self._new is not None:  # the first evidence is saving it: save again once it has
            self._save_after_new = True
            return
        if self._saving:
            return
        if not self.form.check_date():
            self._after_save.clear()
            self._close_after_save = False
            self.tabs.setCurrentIndex(0)
            self.form.wrong_field.setFocus()
            return
        incident = self.form.incident()
        persons, actors = self.links.changes()
        self._saving, self._saving_incident = True, incident

        def done(ident: int) -> None:
            self._saving = False
            self._kept_for_evidence = self._incident_id is None and then is not None and not close
            self._now_saved(ident, incident)
            waiting, self._after_save = self._after_save, []
            for fn in waiting:
                fn(ident)
            if self._close_after_save:
                self.accept()

        def failed(error) -> None:
            self._saving = False
            self._after_save.clear()
            self._close_after_save = False
            show_error(self, error)

        self._session.call(self, lambda vault, ctx: operations.save_incident(vault, incident, persons, actors), on_success=done,
             on_failure=failed)

    def has_changes(self) -> bool:
        persons, actors = self.links.changes()
        return self.form.incident(strict=False) != self.form.loaded or bool(persons or actors)

    def pending_save(self) -> Callable | None:
        """For locking: a save of what was typed, with a stand-in title if there is none."""
        if not self.has_changes():
            return None
        incident = self.form.incident(strict=False)
        incident.title = incident.title or _("Untitled incident (kept when Sijil locked)")
        persons, actors = self.links.changes()
        return lambda vault: operations.save_incident(vault, incident, persons, actors)

    def _now_saved(self, ident: int, incident: Incident) -> None:
        first, self._incident_id = self._incident_id is None, ident
        self.form.load(incident)
        self.links.mark_saved()
        self.delete_button.setVisible(True)
        self.saved.emit(ident)
        if first:  # evidence dropped meanwhile went to this incident: show it
            self.evidence.load(ident)

    def evidence_target(self) -> int | NewIncident:
        """Where dropped or pasted evidence goes: this incident, or while it is new the incident
        as typed, which the import saves first in the same operation."""
        if self._incident_id is not None:
            return self._incident_id
        if self._saving and self._saving_incident is not None:
            # A save of the new incident is on its way: it runs first (one worker), sets the id,
            # and the import finds the incident saved.
            return NewIncident(self._saving_incident)
        if self._new is None:
            self._new = NewIncident(self.form.incident(), *self.links.changes())
        return self._new

    def _saved_with_evidence(self, ident: int | None) -> None:
        new, self._new = self._new, None
        if new is None or self._incident_id is not None:
            return
        waiting, self._save_after_new = self._save_after_new, False  # Save was pressed meanwhile
        if ident is not None:
            self._kept_for_evidence = not waiting  # kept by the evidence alone, not by her Save
            # What was typed since the drop stays on screen, for the waiting save to keep.
            self._now_saved(ident, replace(self.form.incident(), id=ident) if waiting else new.incident)
        if waiting:
            self.save()

    def ensure_saved(self, then: Callable[[int], None]) -> None:
        """Run `then(incident_id)`, saving a new incident first."""
        if self._incident_id is not None:
            then(self._incident_id)
        else:
            self.save(then=lambda ident: (self.evidence.load(ident), then(ident)))

    def close_without_saving(self) -> None:
        """Close, dropping what was typed since the last save. A new incident that was kept
        because evidence was added to it is not silently left behind: she chooses."""
        ident = self._incident_id
        if ident is not None and self._kept_for_evidence and confirm(self, _("Close without saving"), _(
                "This incident was already kept, because you added evidence or a step to it. Keep it "
                "in the journal, or delete it with its evidence?"), _("Delete incident"), _("Keep incident")):
            self._session.call(self, lambda vault, ctx: operations.delete_incident(vault, ident),
                               on_success=lambda _r: self.reject())
            return
        self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_without_saving()
            return
        super().keyPressEvent(event)

    def delete(self) -> None:
        ident = self._incident_id
        if ident is None or not confirm(self, _("Delete incident"), _(
                "Delete this incident with its evidence and steps? This cannot be undone."),
                _("Delete")):
            return
        self._session.call(self, lambda vault, ctx: operations.delete_incident(vault, ident),
                           on_success=lambda _r: self.accept())

    def view_evidence(self, evidence_id: int) -> None:
        EvidenceViewer(self._session, evidence_id, self).show()
