"""File choosers that leave no trace: Qt's own dialog (native ones on Linux and Windows add
chosen files to the desktop's "recent files" list), with its history wiped after use."""

from __future__ import annotations

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.i18n import _


def _dialog(parent: QWidget | None, title: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, QDir.homePath())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    chosen = dialog.selectedFiles() if accepted else []
    dialog.setHistory([])  # Qt would otherwise remember the folders visited
    dialog.deleteLater()
    return chosen


def choose_files(parent: QWidget | None) -> list[str]:
    dialog = _dialog(parent, _("Add evidence files"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def choose_save_path(parent: QWidget | None, title: str, suggested_name: str) -> str | None:
    dialog = _dialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested_name)
    chosen = _run(dialog)
    return chosen[0] if chosen else None
