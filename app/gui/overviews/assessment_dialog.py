"""Editor for a threat assessment: the matrix cell, the indicators seen, the measures planned."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.models import Assessment, Measure
from app.gui import vocabulary
from app.gui.overviews.risk_matrix import RiskMatrix, matrix_text
from app.gui.session import Session
from app.gui.widgets.forms import (
    EditorDialog,
    add_row,
    button_row,
    date_field,
    date_hint,
    fill_combo,
)
from app.gui.widgets.screen_fit import fit_to_screen
from app.gui.widgets.tables import make_table
from app.gui.widgets.text_box import TextBox


class AssessmentDialog(EditorDialog):
    save_op = staticmethod(operations.save_assessment)

    def __init__(self, session: Session, assessment: Assessment, parent: QWidget | None = None) -> None:
        """`assessment` without id is a new one (often prefilled from the previous)."""
        title = _("Edit assessment") if assessment.id else _("New threat assessment")
        super().__init__(session, title, parent)
        self.assessment = a = assessment
        self.assessed_on = date_field(a.assessed_on, optional=False)
        self.likelihood = QSpinBox()
        self.impact = QSpinBox()
        for box, value in ((self.likelihood, a.likelihood), (self.impact, a.impact)):
            box.setRange(1, 5)
            box.setValue(value)
            box.valueChanged.connect(self._spin_changed)
        self.matrix = RiskMatrix(choosable=True)
        self.matrix.set_cell(a.likelihood, a.impact)
        self.matrix.cell_chosen.connect(self._cell_chosen)
        self.level = QLabel()
        self.level.setWordWrap(True)
        self.next_review = date_field(a.next_review)
        self.notes = TextBox(a.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)

        add_row(self.form, _("&Date of the assessment"), self.assessed_on, date_hint(optional=False))
        add_row(self.form, _("&Likelihood (1 = unlikely, 5 = almost certain)"), self.likelihood)
        add_row(self.form, _("&Impact (1 = minor, 5 = life-threatening)"), self.impact)
        self.form.addRow(self.level)
        columns = QHBoxLayout()
        columns.addWidget(self.matrix, 1)
        columns.addWidget(self._indicator_box(a.indicators), 1)
        self.column.addLayout(columns)
        self.column.addWidget(self._measures_box(a.measures))
        review = QHBoxLayout()
        review_label = QLabel(_("Next &review"))
        review_label.setBuddy(self.next_review)
        self.next_review.setAccessibleName(_("Next review"))
        self.next_review.setToolTip(date_hint())
        review.addWidget(review_label)
        review.addWidget(self.next_review)
        review.addStretch(1)
        self.column.addLayout(review)
        notes_label = QLabel(_("No&tes"))
        notes_label.setBuddy(self.notes)
        self.notes.setAccessibleName(_("Notes"))
        self.column.addWidget(notes_label)
        self.column.addWidget(self.notes)
        self.finish_layout()
        self._show_level()
        fit_to_screen(self, 820, 720)

    def _indicator_box(self, ticked: list[str]) -> QGroupBox:
        box = QGroupBox(_("What you see (indicators)"))
        layout = QVBoxLayout(box)
        self.indicators: dict[str, QCheckBox] = {}
        for code, text in vocabulary.indicators().items():
            check = QCheckBox(text)
            check.setChecked(code in ticked)
            layout.addWidget(check)
            self.indicators[code] = check
        layout.addStretch(1)
        return box

    def _measures_box(self, measures: list[Measure]) -> QGroupBox:
        box = QGroupBox(_("Protective measures"))
        layout = QVBoxLayout(box)
        self.measures = make_table([_("Measure"), _("Status")], _("Protective measures"))
        self.measures.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers)
        header = self.measures.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.measures.setMinimumHeight(120)
        for m in measures:
            self.add_measure(m)
        buttons, _made = button_row((_("&Add measure"), self.add_measure),
                                    (_("Re&move measure"), self.remove_measure))
        layout.addLayout(buttons)
        layout.addWidget(self.measures)
        return box

    def add_measure(self, measure: Measure | None = None) -> None:
        measure = measure or Measure(description="")
        row = self.measures.rowCount()
        self.measures.insertRow(row)
        self.measures.setItem(row, 0, QTableWidgetItem(measure.description))
        status = QComboBox()
        status.setAccessibleName(_("Status of the measure"))
        fill_combo(status, vocabulary.measure_statuses(), measure.status)
        self.measures.setCellWidget(row, 1, status)
        if not measure.description:
            self.measures.setCurrentCell(row, 0)
            self.measures.editItem(self.measures.item(row, 0))

    def remove_measure(self) -> None:
        row = self.measures.currentRow()
        if row >= 0:
            self.measures.removeRow(row)

    def _spin_changed(self) -> None:
        self.matrix.set_cell(self.likelihood.value(), self.impact.value())
        self._show_level()

    def _cell_chosen(self, likelihood: int, impact: int) -> None:
        self.likelihood.setValue(likelihood)
        self.impact.setValue(impact)

    def _show_level(self) -> None:
        self.level.setText(matrix_text(self.likelihood.value(), self.impact.value()))

    def collect(self) -> Assessment:
        measures = []
        for row in range(self.measures.rowCount()):
            text = self.measures.item(row, 0).text().strip() if self.measures.item(row, 0) else ""
            if text:  # an empty row is a measure the user started and abandoned
                measures.append(Measure(description=text, status=self.measures.cellWidget(row, 1).currentData()))
        return Assessment(
            id=self.assessment.id, assessed_on=self.assessed_on.iso(),
            likelihood=self.likelihood.value(), impact=self.impact.value(),
            indicators=[code for code, check in self.indicators.items() if check.isChecked()],
            notes=self.notes.toPlainText(), next_review=self.next_review.iso(), measures=measures,
        )

