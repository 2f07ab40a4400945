"""Plain-words message boxes: core errors become a sentence, never a traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt
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


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    """Tell her something went through, in words she can read at her pace."""
    box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # she may copy the path
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str, keep: str = "") -> bool:
    """Ask before something that cannot be undone; the safe answer (`keep`, "Cancel" unless
    given) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(keep or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    # Enter (or a reflex click on the highlighted button) must keep things, never destroy them.
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes


def offer_read_only(parent: QWidget | None, message: str) -> bool:
    """The journal is older than expected: explain, and offer to open it read-only."""
    box = QMessageBox(QMessageBox.Icon.Critical, _("Sijil"), message, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(_("Problem"))
    box.setInformativeText(_("Read-only: you can read, extract and export, but nothing is changed or "
                             "deleted. To go on writing, restore your most recent backup into a new folder."))
    read_only = box.addButton(_("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only
