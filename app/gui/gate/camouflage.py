"""The cover: a first screen that is a small, working calculator. Her code followed by "="
shows the unlock screen; any other sum is just a sum. It hides the app from a glance at the
screen, not from anyone who looks at the installed program or its settings (README)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.core.i18n import _

_OPERATORS = {"+": "+", "−": "-", "×": "*", "÷": "/"}
_KEY_OPERATORS = {"+": "+", "-": "−", "*": "×", "/": "÷"}
_ROWS = (("7", "8", "9", "÷"), ("4", "5", "6", "×"), ("1", "2", "3", "−"), ("0", ".", "=", "+"))


class Calculator:
    """Immediate execution, as a pocket calculator: 2 + 3 × 4 = 20."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.entry = ""        # the number being typed
        self.total: Decimal | None = None
        self.pending: str | None = None
        self.display = "0"

    def digit(self, char: str) -> None:
        if char == "." and "." in self.entry:
            return
        if len(self.entry) < 15:
            self.entry += char
        self.display = self.entry

    def back(self) -> None:
        self.entry = self.entry[:-1]
        self.display = self.entry or "0"

    def _apply(self) -> None:
        if not self.entry:
            return
        value = Decimal(self.entry if self.entry != "." else "0")
        if self.total is None or self.pending is None:
            self.total = value
        else:
            a, op = self.total, self.pending
            self.total = a + value if op == "+" else a - value if op == "-" else a * value if op == "*" else a / value
        self.entry = ""
        self.display = _format(self.total)

    def operator(self, op: str | None) -> None:
        """Apply what is pending, then wait for the next number under `op` (None: "=")."""
        try:
            self._apply()
        except (DivisionByZero, InvalidOperation):
            self.clear()
            self.display = _("Error")
            return
        self.pending = op

    def equals(self) -> None:
        self.operator(None)


def _format(value: Decimal) -> str:
    text = f"{value:.12g}"
    return text if "e" in text or "." not in text else text.rstrip("0").rstrip(".")


class CoverWindow(QWidget):
    revealed = Signal()

    def __init__(self, matches: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches = matches
        self.calc = Calculator()
        self.display = QLineEdit("0")
        self.display.setReadOnly(True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = self.display.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        self.display.setFont(font)
        self.display.setMinimumHeight(56)
        self.display.setAccessibleName(_("Result"))
        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        clear = self._button("C", self._clear)
        grid.addWidget(clear, 0, 0, 1, 3)
        grid.addWidget(self._button("⌫", self._back), 0, 3)
        for r, row in enumerate(_ROWS, start=1):
            for c, label in enumerate(row):
                grid.addWidget(self._button(label, lambda _c=False, k=label: self.press(k)), r, c)
        layout = QVBoxLayout(self)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the window itself takes the keys
        self.resize(300, 380)

    def _button(self, label: str, slot) -> QPushButton:
        button = QPushButton(label)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the window, as in a calculator
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMinimumSize(52, 44)
        button.clicked.connect(slot)
        self.buttons[label] = button
        return button

    def press(self, key: str) -> None:
        if key.isdigit() or key == ".":
            self.calc.digit(key)
        elif key in _OPERATORS:
            self.calc.operator(_OPERATORS[key])
        elif key == "=":
            if self.calc.pending is None and self.calc.entry and self._matches(self.calc.entry):
                self.calc.clear()
                self._show()
                self.revealed.emit()
                return
            self.calc.equals()
        self._show()

    def _clear(self) -> None:
        self.calc.clear()
        self._show()

    def _back(self) -> None:
        self.calc.back()
        self._show()

    def _show(self) -> None:
        self.display.setText(self.calc.display)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() or text == ".":
            self.press(str(int(text)) if text.isdigit() else ".")  # Eastern Arabic digits too
        elif text in _KEY_OPERATORS:
            self.press(_KEY_OPERATORS[text])
        elif text == "=" or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("=")
        elif event.key() == Qt.Key.Key_Backspace:
            self._back()
        elif event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete) and not event.modifiers():
            self._clear()
        else:
            super().keyPressEvent(event)
