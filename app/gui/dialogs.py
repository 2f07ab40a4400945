"""Plain-words message boxes: core errors become a sentence, never a traceback."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import Cancelled, SijilError
from app.core.i18n import _


def show_error(parent: QWidget | None, error: SijilError | str) -> None:
    if isinstance(error, Cancelled):
        return
    message = error.message if isinstance(error, SijilError) else str(error)
    box = QMessageBox(QMessageBox.Icon.Warning, _("Sijil"), message, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(_("Problem"))
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.buttons()[-1])
    box.exec()
    return box.clickedButton() is yes
