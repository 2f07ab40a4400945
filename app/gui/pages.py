"""The main window's overview pages, in navigation order. Each is built the first time it
is shown, so opening the journal costs only the incidents page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.core.i18n import _
from app.gui.overviews.actors import ActorsView
from app.gui.overviews.people import PeopleView
from app.gui.overviews.reports import ReportsView
from app.gui.overviews.threat import ThreatView
from app.gui.overviews.timeline import TimelineView
from app.gui.session import Session


@dataclass(frozen=True)
class ViewSpec:
    key: str
    view_class: type[QWidget]
    icon: str
    title: str

    def build(self, session: Session) -> QWidget:
        return self.view_class(session)


def view_specs() -> list[ViewSpec]:
    return [
        ViewSpec("timeline", TimelineView, "clock", _("Timeline")),
        ViewSpec("actors", ActorsView, "users", _("Actors")),
        ViewSpec("reports", ReportsView, "flag", _("Platform reports")),
        ViewSpec("threat", ThreatView, "shield-alert", _("Threat assessment")),
        ViewSpec("people", PeopleView, "user-round", _("People")),
    ]
