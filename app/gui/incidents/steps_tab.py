"""Steps taken outside the platforms (police, courts, UN...): a list and a small editor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.models import STEP_KINDS, Step
from app.core.operations import queries
from app.gui.session import Session
from app.gui.vocabulary import step_kind_label
from app.gui.widgets.date_field import format_date
from app.gui.widgets.dialogs import confirm
from app.gui.widgets.forms import FormDialog, date_field, date_hint
from app.gui.widgets.text_box import TextBox


class StepDialog(FormDialog):
    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(_("Step taken"), parent)
        self._step = step
        self.taken_on = date_field(step.taken_on, optional=False)
        self.taken_on.setToolTip(date_hint(optional=False))
        self.kind = QComboBox()
        for code in STEP_KINDS:
            self.kind.addItem(step_kind_label(code), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(step.kind)))
        self.body = QLineEdit(step.body)
        self.description = TextBox(step.description)
        self.response = TextBox(step.response)
        for box in (self.description, self.response):
            box.setTabChangesFocus(True)
        self.response_on = date_field(step.response_on)
        self.response_on.setToolTip(_("If they answered: the day, for example {example}").format(
            example=format_date("2026-03-14")))
        for widget, name in ((self.taken_on, _("Date")), (self.kind, _("Kind")), (self.body, _("Body")),
                             (self.description, _("What you did")), (self.response, _("Their response")),
                             (self.response_on, _("Date of response"))):
            widget.setAccessibleName(name)
        form = self.form
        form.addRow(_("&Date"), self.taken_on)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("&Body"), self.body)
        form.addRow(_("&What you did"), self.description)
        form.addRow(_("Their &response"), self.response)
        form.addRow(_("Response &date"), self.response_on)
        self.finish_layout()

    def check(self) -> None:
        """A date that is not one is said here, before anything she typed is lost."""
        self.step()

    def step(self) -> Step:
        return replace(self._step, taken_on=self.taken_on.iso(),
                       kind=self.kind.currentData(), body=self.body.text().strip(),
                       description=self.description.toPlainText(), response=self.response.toPlainText(),
                       response_on=self.response_on.iso())


class StepsTab(QWidget):
    def __init__(self, session: Session, ensure_saved: Callable[[Callable[[int], None]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._ensure_saved = ensure_saved
        self._steps: list[Step] = []
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Steps taken"))
        self.tree.setHeaderLabels([_("Date"), _("Kind"), _("Body"), _("Response")])
        self.tree.setRootIsDecorated(False)
        self.tree.itemActivated.connect(lambda *_args: self._edit())
        add = QPushButton(_("Add &step…"))
        add.clicked.connect(self._add)
        edit = QPushButton(_("&Edit…"))
        edit.clicked.connect(self._edit)
        delete = QPushButton(_("&Remove"))
        delete.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for button in (add, edit, delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def show_steps(self, steps: list[Step]) -> None:
        self._steps = steps
        self.tree.clear()
        for step in steps:
            item = QTreeWidgetItem([format_date(step.taken_on), step_kind_label(step.kind), step.body,
                                    step.response.splitlines()[0] if step.response else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, step.id)
            self.tree.addTopLevelItem(item)

    def _reload(self, incident_id: int) -> None:
        self._session.call(self, lambda vault, ctx: queries.steps_of(vault, incident_id),
                           on_success=self.show_steps)

    def _current(self) -> Step | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((s for s in self._steps if s.id == ident), None)

    def _add(self) -> None:
        self._ensure_saved(self._add_to)

    def _add_to(self, incident_id: int) -> None:
        dialog = StepDialog(Step(incident_id, QDate.currentDate().toString("yyyy-MM-dd")), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        step = dialog.step()
        self._session.call(self, lambda vault, ctx: operations.save_step(vault, step),
                           on_success=lambda _id: self._reload(incident_id))

    def _edit(self) -> None:
        step = self._current()
        if step is None:
            return
        dialog = StepDialog(step, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.step()
        self._session.call(self, lambda vault, ctx: operations.save_step(vault, changed),
                           on_success=lambda _r: self._reload(step.incident_id))

    def _delete(self) -> None:
        step = self._current()
        if step is None or not confirm(self, _("Remove step"), _("Remove this step from the incident?"), _("Remove")):
            return
        self._session.call(self, lambda vault, ctx: operations.delete_step(vault, step.id),
                           on_success=lambda _r: self._reload(step.incident_id))
