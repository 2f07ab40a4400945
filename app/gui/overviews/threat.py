"""Threat assessment: the current level, the matrix, indicators, measures, review, history."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import guide, operations
from app.core.i18n import _, current_language
from app.core.locale_format import format_number
from app.core.models import Assessment
from app.core.operations import Changes, queries
from app.core.vault import Vault
from app.gui import vocabulary
from app.gui.overviews.assessment_dialog import AssessmentDialog
from app.gui.overviews.base import JournalView
from app.gui.overviews.risk_matrix import RiskMatrix, matrix_text
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.bidi import PlainLabel
from app.gui.widgets.common import SPACING, EmptyState, heading
from app.gui.widgets.forms import button_row
from app.gui.widgets.tables import cell, make_table


class ThreatView(JournalView):
    watches = Changes(assessments=True)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(_("Threat assessment"))
        self.history: list[Assessment] = []
        self.shown: Assessment | None = None
        self.dialog: AssessmentDialog | None = None

        self.level = heading("", 1.4)
        self.level.setAccessibleName(_("Threat level"))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.review = QLabel()
        self.review.setAccessibleName(_("Next review"))
        self.matrix = RiskMatrix()
        self.indicators: dict[str, QCheckBox] = {}
        indicator_box = QGroupBox(_("Indicators"))
        indicator_layout = QVBoxLayout(indicator_box)
        for code, text in vocabulary.indicators().items():
            check = QCheckBox(text)
            # A record of what was seen, changed through the editor: shown, not clickable.
            check.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            indicator_layout.addWidget(check)
            self.indicators[code] = check
        indicator_layout.addStretch(1)
        self.measures = make_table([_("Protective measure"), _("Status")], _("Protective measures"))
        self.measures.horizontalHeader().setStretchLastSection(False)
        self.measures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.measures.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.measures.setWordWrap(True)
        self.notes = PlainLabel()  # her words, each paragraph in its own direction
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.notes_box = QGroupBox(_("Notes"))
        QVBoxLayout(self.notes_box).addWidget(self.notes)
        history_label = QLabel(_("&History (newest first):"))
        self.history_list = QListWidget()
        self.history_list.setAccessibleName(_("Earlier assessments"))
        history_label.setBuddy(self.history_list)
        self.history_list.currentRowChanged.connect(self._history_selected)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setSpacing(SPACING)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.level, 0, 0, 1, 2)
        grid.addWidget(self.detail, 1, 0, 1, 2)
        grid.addWidget(self.review, 2, 0, 1, 2)
        grid.addWidget(self.matrix, 3, 0)
        grid.addWidget(indicator_box, 3, 1)
        grid.addWidget(self.measures, 4, 0)
        side = QVBoxLayout()
        side.addWidget(history_label)
        side.addWidget(self.history_list)
        grid.addLayout(side, 4, 1)
        grid.addWidget(self.notes_box, 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 3)
        grid.setRowStretch(4, 2)
        self.empty = EmptyState(content, "shield-alert", _("No threat assessment yet"), _(
            "Rate how likely harm is and how serious it would be, tick the warning signs you see, "
            "and plan protective measures. Review it regularly."), guide_anchor=guide.SAFETY,
            guide_text=_("How to document safely"))
        buttons, (self.new_button, self.edit_button, self.delete_button) = button_row(
            (_("&New assessment…"), self.new_assessment), (_("&Edit…"), self.edit_shown),
            (_("&Delete…"), self.delete_shown))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.empty, 1)
        self.reload()

    def fetch(self, vault: Vault, ctx: TaskContext, params: None) -> list[Assessment]:
        return queries.assessments(vault)

    def apply(self, history: list[Assessment]) -> None:
        keep = self.shown.id if self.shown else None
        self.history = history
        levels = vocabulary.levels()
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for a in history:
            item = QListWidgetItem(_("{day} – {level} (score {score})").format(
                day=vocabulary.date_label(a.assessed_on), level=levels[a.level],
                score=format_number(a.score, current_language())))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        self.empty.set_empty(not history)
        self.edit_button.setEnabled(bool(history))
        self.delete_button.setEnabled(bool(history))
        ids = [a.id for a in history]
        self.history_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._history_selected(self.history_list.currentRow())

    def _history_selected(self, row: int) -> None:
        if 0 <= row < len(self.history):
            self.show_assessment(self.history[row], current=row == 0)

    def show_assessment(self, a: Assessment, current: bool) -> None:
        self.shown = a
        level, day = vocabulary.label(vocabulary.levels, a.level), vocabulary.date_label(a.assessed_on)
        self.level.setText(_("Current threat level: {level}").format(level=level) if current else
                           _("Threat level on {day}: {level}").format(day=day, level=level))
        self.detail.setText(_("Assessed on {day}. {matrix}").format(day=day,
                                                                   matrix=matrix_text(a.likelihood, a.impact)))
        self.matrix.set_cell(a.likelihood, a.impact)
        for code, check in self.indicators.items():
            check.setChecked(code in a.indicators)
        statuses = vocabulary.measure_statuses()
        self.measures.setRowCount(len(a.measures))
        for row, m in enumerate(a.measures):
            self.measures.setItem(row, 0, cell(m.description))
            self.measures.setItem(row, 1, cell(statuses.get(m.status, m.status)))
        self.measures.resizeRowsToContents()
        self.notes.setText(a.notes)
        self.notes_box.setVisible(bool(a.notes))
        self._show_review(a, current)

    def _show_review(self, a: Assessment, current: bool) -> None:
        overdue = current and a.review_overdue(date.today())
        if not a.next_review:
            text = _("No review date set. Choose one when you next edit this assessment.")
        elif overdue:
            text = _("⚠ Review overdue: it was due on {day}. Make a new assessment.").format(
                day=vocabulary.date_label(a.next_review))
        else:
            text = _("Next review: {day}").format(day=vocabulary.date_label(a.next_review))
        self.review.setText(text)
        self.review.setStyleSheet("color: #a4000f; font-weight: bold;" if overdue else "")

    def clear(self) -> None:
        self.history, self.shown = [], None
        self.history_list.clear()
        self.matrix.set_cell(None, None)
        self.level.clear()
        self.detail.clear()
        self.notes.clear()
        self.measures.setRowCount(0)

    def new_assessment(self) -> AssessmentDialog:
        """Start from the newest assessment, so a review only changes what changed."""
        today = date.today().isoformat()
        latest = self.history[0] if self.history else None
        draft = Assessment(assessed_on=today, likelihood=3, impact=3) if latest is None else \
            dataclasses.replace(latest, id=None, assessed_on=today, next_review="",
                                measures=[dataclasses.replace(m, id=None) for m in latest.measures])
        return self._open(draft)

    def edit_shown(self) -> AssessmentDialog | None:
        return self._open(self.shown) if self.shown else None

    def _open(self, assessment: Assessment) -> AssessmentDialog:
        self.dialog = AssessmentDialog(self.session, assessment, self)
        self.dialog.open()
        return self.dialog

    def delete_shown(self) -> None:
        if self.shown is None:
            return
        ident = self.shown.id
        text = _("Delete the assessment of {day} and its measures? This cannot be undone.").format(
            day=vocabulary.date_label(self.shown.assessed_on))
        self.delete_after_asking(text, lambda vault: operations.delete_assessment(vault, ident))
