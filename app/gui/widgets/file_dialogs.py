"""File choosers that leave no trace of where evidence came from.

Native dialogs add chosen files to the desktop's "recent files" list, so we use Qt's own
dialog. That one writes its history and last folder to Qt's settings ("QtProject") when it
is destroyed; we destroy it at once and then delete those entries.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QDir, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.i18n import _

_REMEMBERED = ("history", "lastVisited", "shortcuts")


def forget_dialog_history() -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup("FileDialog")
    for key in _REMEMBERED:
        settings.remove(key)
    settings.endGroup()
    settings.sync()


def _dialog(parent: QWidget | None, title: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, QDir.homePath())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    chosen = dialog.selectedFiles() if accepted else []
    dialog.setHistory([])
    shiboken6.delete(dialog)  # now, so that its settings are written before we wipe them
    forget_dialog_history()
    return chosen


def choose_files(parent: QWidget | None, title: str | None = None) -> list[str]:
    dialog = _dialog(parent, title or _("Add evidence files"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def choose_save_path(parent: QWidget | None, title: str, suggested_name: str) -> str | None:
    dialog = _dialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested_name)
    chosen = _run(dialog)
    return chosen[0] if chosen else None
