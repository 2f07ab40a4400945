"""The incident editor: the form, links, steps and the evidence panel side by side.

A new incident is saved the first time evidence or a step is added to it, so a defender can
paste screenshots straight away without thinking about saving first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
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


def _load(vault, incident_id: int | None) -> tuple:
    j = vault.journal
    if incident_id is None:
        return None, j.persons.list(), j.actors.list(), set(), set(), [], []
    incidents = j.incidents
    return (incidents.get(incident_id), j.persons.list(), j.actors.list(),
            {p.id for p in incidents.persons_of(incident_id)},
            {a.id for a in incidents.actors_of(incident_id)}, incidents.steps_of(incident_id),
            j.exports.of_incident(incident_id))


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
        self.form = IncidentForm()
        self.form.load(Incident(title="", occurred_on=QDate.currentDate().toString("yyyy-MM-dd")))
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.links = LinksTab()
        self.steps = StepsTab(session, self.ensure_saved)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, _("&Details"))
        self.tabs.addTab(self.links, _("People and a&ctors"))
        self.tabs.addTab(self.steps, _("Steps &taken"))
        self.evidence = EvidencePanel(session, self.ensure_saved)
        self.evidence.view_requested.connect(self.view_evidence)
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
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save(close=False))
        # Ctrl+V anywhere outside a text field pastes a screenshot as evidence.
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self.evidence.paste)
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
        session.call(self, lambda vault, ctx: _load(vault, incident_id), on_success=self._show,
                     on_failure=self._load_failed)
        self.delete_button.setVisible(incident_id is not None)
        self.form.title.setFocus()
        session.unsaved.register(self)

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def _show(self, loaded: tuple) -> None:
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
        dialog.saved.connect(lambda _record: self._session.call(self, lambda vault, ctx: vault.journal.exports.of_incident(ident),
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
        if self._saving:
            return
        incident = self.form.incident()
        persons, actors = self.links.changes()
        self._saving = True

        def done(ident: int) -> None:
            self._saving = False
            self._incident_id = ident
            self.form.load(incident)
            self.links.mark_saved()
            self.delete_button.setVisible(True)
            self.saved.emit(ident)
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
        return self.form.incident() != self.form.loaded or bool(persons or actors)

    def pending_save(self) -> Callable | None:
        """For locking: a save of what was typed, with a stand-in title if there is none."""
        if not self.has_changes():
            return None
        incident = self.form.incident()
        incident.title = incident.title or _("Untitled incident (kept when Sijil locked)")
        persons, actors = self.links.changes()
        return lambda vault: operations.save_incident(vault, incident, persons, actors)

    def ensure_saved(self, then: Callable[[int], None]) -> None:
        """Run `then(incident_id)`, saving a new incident first."""
        if self._incident_id is not None:
            then(self._incident_id)
        else:
            self.save(then=lambda ident: (self.evidence.load(ident), then(ident)))

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
