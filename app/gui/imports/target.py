"""Where the picked messages go: an incident she already has, or new incidents (one for all,
one per day, one per chat or thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QRadioButton, QWidget

from app.core.i18n import _, current_language
from app.core.importers.commit import ImportTarget
from app.core.locale_format import format_iso_date
from app.core.models import Incident

RECENT_INCIDENTS = 500  # the combo lists the latest ones; an older one is preselected by its id


class TargetChooser(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.existing = QRadioButton(_("Add to the incident"))
        self.incident = QComboBox()
        self.incident.setAccessibleName(_("Incident to add the messages to"))
        self.new = QRadioButton(_("Make new incidents"))
        self.split = QComboBox()
        self.split.setAccessibleName(_("How to make new incidents"))
        for code, label in (("one", _("one for all the messages")), ("per-day", _("one per day")),
                            ("per-thread", _("one per chat or thread"))):
            self.split.addItem(label, code)
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        self.new.setChecked(True)
        self.existing.setEnabled(False)
        self.incident.setEnabled(False)
        self.existing.toggled.connect(self.incident.setEnabled)
        self.new.toggled.connect(self.split.setEnabled)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.existing, 0, 0)
        grid.addWidget(self.incident, 0, 1)
        grid.addWidget(self.new, 1, 0)
        grid.addWidget(self.split, 1, 1)
        grid.setColumnStretch(1, 1)

    def set_incidents(self, incidents: list[Incident], current: int | None) -> None:
        self.incident.clear()
        language = current_language()
        for inc in incidents:
            self.incident.addItem(f"{format_iso_date(inc.occurred_on, language, 'medium')}  {inc.title}", inc.id)
        if not incidents:
            return
        self.existing.setEnabled(True)
        if current is not None:
            row = self.incident.findData(current)
            if row >= 0:
                self.incident.setCurrentIndex(row)
                self.existing.setChecked(True)

    def target(self) -> ImportTarget:
        if self.existing.isChecked() and self.incident.currentData() is not None:
            return ImportTarget(incident_id=int(self.incident.currentData()))
        return ImportTarget(split=str(self.split.currentData()))
