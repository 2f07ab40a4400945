"""Incidents over time, by kind or by platform, with escalations marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.i18n import _, current_language, ngettext
from app.core.locale_format import format_date, format_number
from app.core.operations import Changes, queries
from app.core.vault import Vault
from app.gui.overviews.base import JournalView
from app.gui.overviews.timeline_chart import TimelineChart, TimelinePoint
from app.gui.session import Session
from app.gui.tasks import TaskContext
from app.gui.widgets.common import SPACING, EmptyState


class TimelineView(JournalView):
    watches = Changes(incidents=True)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(_("Timeline"))
        self.points: list[TimelinePoint] = []
        self.mode = QComboBox()
        self.mode.addItem(_("Kind of incident"), "kind")
        self.mode.addItem(_("Platform"), "platform")
        self.mode.currentIndexChanged.connect(self._redraw)
        mode_label = QLabel(_("&Group by"))
        mode_label.setBuddy(self.mode)
        self.mode.setAccessibleName(_("Group by"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        controls = QHBoxLayout()
        controls.setSpacing(SPACING)
        controls.addWidget(mode_label)
        controls.addWidget(self.mode)
        controls.addWidget(self.summary, 1)

        self.chart = TimelineChart()
        self.chart.incident_clicked.connect(self.open_incident)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hint = QLabel(_("Click a point, or use the arrow keys and Enter, to open the incident."))
        hint.setWordWrap(True)
        chart_page = QWidget()
        page = QVBoxLayout(chart_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll, 1)
        page.addWidget(hint)
        self.empty = EmptyState(chart_page, "clock", _("No incidents yet"), _(
            "Record each attack as it happens; the timeline then shows how they build up and "
            "when online attacks turn into offline ones."))
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(controls)
        layout.addWidget(self.error)
        layout.addWidget(self.empty, 1)
        self.setTabOrder(self.mode, self.chart)
        self.reload()

    def fetch(self, vault: Vault, ctx: TaskContext, params: None) -> list[TimelinePoint]:
        return queries.timeline(vault)

    def apply(self, points: list[TimelinePoint]) -> None:
        self.points = points
        self._redraw()

    def set_mode(self, mode: str) -> None:
        """"kind" or "platform"."""
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def _redraw(self) -> None:
        self.chart.set_points(self.points, self.mode.currentData())
        self.empty.set_empty(not self.points)
        if self.points:
            escalations = sum(p.escalation for p in self.points)
            language, count = current_language(), len(self.points)
            self.summary.setText(_("{incidents} from {first} to {last}; {escalations}.").format(
                incidents=ngettext("{n} incident", "{n} incidents", count).format(n=format_number(count, language)),
                first=format_date(self.chart.points[0].day, language, "medium"),
                last=format_date(self.chart.points[-1].day, language, "medium"),
                escalations=ngettext("{n} escalation (◆)", "{n} escalations (◆)", escalations).format(
                    n=format_number(escalations, language))))
        else:
            self.summary.clear()

    def clear(self) -> None:
        self.points = []
        self.chart.set_points([], self.mode.currentData())
        self.summary.clear()
