"""The main window's pages. The five views built beside this file (app/gui/views/) are
imported here, and only here, lazily: a view whose module is not there yet shows a notice."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.core.i18n import _
from app.gui.session import Session
from app.gui.widgets.common import EmptyState


@dataclass(frozen=True)
class ViewSpec:
    module: str
    class_name: str
    icon: str
    title: str


def view_specs() -> list[ViewSpec]:
    return [
        ViewSpec("timeline", "TimelineView", "clock", _("Timeline")),
        ViewSpec("actors", "ActorsView", "users", _("Actors")),
        ViewSpec("reports", "ReportsView", "flag", _("Platform reports")),
        ViewSpec("threat", "ThreatView", "shield-alert", _("Threat assessment")),
        ViewSpec("people", "PeopleView", "user-round", _("People")),
    ]


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def build_view(spec: ViewSpec, session: Session) -> QWidget:
    """The view widget, or a notice while its module is not part of this build."""
    name = f"app.gui.views.{spec.module}"
    if not module_exists(name):
        return EmptyState(spec.icon, spec.title, _("This page is not available in this version yet."))
    view_class = getattr(importlib.import_module(name), spec.class_name)
    return view_class(session)


def export_wizard_class():
    """ExportWizard if the export module is part of this build, else None."""
    name = "app.gui.export_wizard"
    return importlib.import_module(name).ExportWizard if module_exists(name) else None
