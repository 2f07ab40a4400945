"""Session calls on behalf of a widget: results and errors are dropped if the widget was
closed in the meantime (a closed editor must not be touched), and errors are shown in plain
words on the widget unless the caller handles them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.errors import SijilError
from app.gui.session import Session
from app.gui.tasks import Task
from app.gui.widgets.dialogs import show_error


def call(owner: QObject, session: Session, fn: Callable, *, on_success: Callable[[Any], Any] | None = None,
         on_failure: Callable[[SijilError], Any] | None = None, **kwargs: Any) -> Task | None:
    def success(result: Any) -> None:
        if on_success is not None and shiboken6.isValid(owner):
            on_success(result)

    def failure(error: SijilError) -> None:
        if not shiboken6.isValid(owner):
            return
        if on_failure is not None:
            on_failure(error)
        else:
            show_error(owner if isinstance(owner, QWidget) else None, error)

    return session.call(fn, on_success=success, on_failure=failure, **kwargs)
