"""Form rows, button rows and the editor dialog base: labelled fields with mnemonics that
screen readers can name, and an editor that saves through the session and keeps its input on error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import SijilError
from app.core.i18n import _
from app.core.operations import Done
from app.core.vault import Vault
from app.gui.session import Session
from app.gui.widgets.common import SPACING, ErrorLabel, plain
from app.gui.widgets.date_field import DateField, date_example


def button_row(*buttons: tuple[str, Callable[[], None]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """Buttons with mnemonics ("&Add…"), left-aligned (mirrored in right-to-left layouts)."""
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    made = []
    for text, slot in buttons:
        button = QPushButton(text)
        button.setAccessibleName(plain(text).rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made



def fill_combo(combo: QComboBox, labels: dict, current: Any = None) -> None:
    combo.clear()
    for code, text in labels.items():
        combo.addItem(text, code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))



def date_field(value: str, optional: bool = True) -> DateField:
    """A date typed the locale's way (or YYYY-MM-DD); `iso()` refuses anything else in words."""
    return DateField(value, optional)



def date_hint(optional: bool = True) -> str:
    example = date_example()
    if optional:
        return _("A date, for example {example}; leave empty if unknown").format(example=example)
    return _("A date, for example {example}").format(example=example)



def add_row(form: QFormLayout, text: str, widget: QWidget, hint: str = "") -> QLabel:
    """A form row whose label carries a mnemonic and names the field for screen readers."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(plain(text))
    if hint:
        widget.setToolTip(hint)
        widget.setAccessibleDescription(hint)
    form.addRow(label, widget)
    return label



class FormDialog(QDialog):
    """The one dialog base: labelled rows in `form`, an inline error line, and the buttons.

    OK/Save calls `submit()`; by default it runs `check()` and closes, or says what is wrong
    inline and keeps everything she typed. Subclasses add rows, then call `finish_layout()`."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 buttons: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save
                 | QDialogButtonBox.StandardButton.Cancel) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setSpacing(SPACING)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.column = QVBoxLayout(self)
        self.column.addLayout(self.form)

    def finish_layout(self) -> None:
        if self.form.rowCount() == 0:  # a dialog laid out without rows: no empty gap at the top
            self.column.removeItem(self.form)
        self.column.addWidget(self.error)
        self.column.addWidget(self.buttons)

    def check(self) -> None:
        """Raise SijilError if what was typed cannot be kept (UI thread)."""

    def checked(self) -> bool:
        """Run `check()`; say inline what is wrong (the input stays) and return False."""
        try:
            self.check()
        except SijilError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.show_message("")
        return True

    def submit(self) -> None:
        if self.checked():
            self.accept()


class EditorDialog(FormDialog):
    """An editor that saves through the session and stays open, input intact, on error."""

    saved = Signal(object)  # the value the operation returned (the record's id)
    save_op: Callable[[Vault, Any], Done]  # the core operation that stores the record (a staticmethod)

    def __init__(self, session: Session, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.session = session
        self.setModal(True)
        self.column.setSpacing(SPACING)  # editors are dense forms: the rows' own spacing

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def collect(self) -> Any:
        """The edited record from the fields (UI thread); may raise SijilError."""

    def submit(self) -> None:
        self.save()

    def save(self) -> None:
        try:
            record = self.collect()
        except SijilError as exc:
            self.error.show_message(exc.message)
            return
        self.save_button.setEnabled(False)
        self.session.call(self, lambda vault, ctx: self.save_op(vault, record), on_success=self._saved,
                          on_failure=self._failed, label="save")

    def _saved(self, ident: Any) -> None:
        self.saved.emit(ident)
        self.accept()

    def _failed(self, error: SijilError) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(error.message)
