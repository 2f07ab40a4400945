"""Every field of an Incident as a form: load() fills it, incident() reads it back."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core import locale_format
from app.core.errors import InvalidInput
from app.core.i18n import _, current_language
from app.core.models import INCIDENT_KINDS, INCIDENT_STATUSES, PLATFORMS, Incident
from app.gui.vocabulary import kind_label, platform_label, severity_label, status_label
from app.gui.widgets.check_list import CheckList
from app.gui.widgets.common import ErrorLabel
from app.gui.widgets.date_field import DateField
from app.gui.widgets.text_box import TextBox


def _text_box(accessible: str, placeholder: str = "") -> TextBox:
    box = TextBox()
    box.setAccessibleName(accessible)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, so the form works from the keyboard
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * 4)
    return box


def _line(accessible: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


class IncidentForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _line(_("Title"), _("A few words: what happened"))
        # A line she types into from wherever she clicks (a date spin box wants the year
        # section double-clicked first); checked as she leaves it.
        self.occurred_on = DateField(QDate.currentDate().toString("yyyy-MM-dd"), optional=False)
        self.occurred_on.setAccessibleName(_("Date"))
        self.occurred_on.setMaximumWidth(self.occurred_on.minimumWidth() + 24)
        self.date_error = ErrorLabel()
        self.occurred_on.editingFinished.connect(self.check_date)
        # Hours and minutes in any digits ("٢١:٤٠"), checked as she leaves it like the date.
        self.occurred_time = _line(_("Time"), locale_format.time_example(current_language()))
        self.occurred_time.editingFinished.connect(self.check_date)
        self.occurred_time.setMaximumWidth(90)
        self.timezone = _line(_("Time zone"), _("e.g. UTC+3"))
        self.timezone.setMaximumWidth(140)
        self.approximate = QCheckBox(_("&Approximate date"))
        self.location = _line(_("Location"), _("City or place, if it matters"))
        self.platforms = CheckList(_("Platforms"))
        self.platforms.set_choices((platform_label(p), p) for p in PLATFORMS)
        self.kinds = CheckList(_("Kinds of incident"))
        self.kinds.set_choices((kind_label(k), k) for k in INCIDENT_KINDS)
        self.severity = QComboBox()
        self.severity.setAccessibleName(_("Severity"))
        for level in range(1, 6):
            self.severity.addItem(severity_label(level), level)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        for code in INCIDENT_STATUSES:
            self.status.addItem(status_label(code), code)
        self.description = _text_box(_("Description"), _("What happened, in your own words. Copy the exact words of threats."))
        self.translation = _text_box(_("Translation"), _("Optional: a translation for people who will read the dossier"))
        self.translation_language = _line(_("Translation language"), _("e.g. en"))
        self.translation_language.setMaximumWidth(90)
        self.current_situation = _text_box(_("Current situation"), _("Is it still going on? What changed for you?"))
        self.offline_followup = QCheckBox(_("It also happened &offline (in person)"))
        self.confidential = QCheckBox(_("&Confidential: leave out of exports unless I choose it"))
        self.tags = _line(_("Tags"), _("Comma-separated words to group incidents"))

        when = QHBoxLayout()
        when.addWidget(self.occurred_on)
        when.addWidget(self.occurred_time)
        when.addWidget(self.timezone)
        when.addWidget(self.approximate)
        when.addStretch(1)
        translation_row = QHBoxLayout()
        translation_row.addWidget(self.translation, 1)
        translation_row.addWidget(self.translation_language)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("&Title"), self.title)
        form.addRow(self._label(_("&When"), self.occurred_on), when)
        form.addRow("", self.date_error)
        form.addRow(_("&Where"), self.location)
        form.addRow(_("&Platforms"), self.platforms)
        form.addRow(_("&Kind"), self.kinds)
        form.addRow(_("&Severity"), self.severity)
        form.addRow(_("Stat&us"), self.status)
        form.addRow(_("&Description"), self.description)
        form.addRow(self._label(_("Tra&nslation"), self.translation), translation_row)
        form.addRow(_("Current situatio&n"), self.current_situation)
        form.addRow("", self.offline_followup)
        form.addRow("", self.confidential)
        form.addRow(_("Ta&gs"), self.tags)
        self._base: Incident | None = None

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A row label for a row holding several fields: the mnemonic goes to the first."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def load(self, inc: Incident) -> None:
        self._base = inc
        self.title.setText(inc.title)
        self.occurred_on.set_iso(inc.occurred_on)
        self.date_error.show_message("")
        self.occurred_time.setText(locale_format.format_clock(inc.occurred_time, current_language()))
        self.timezone.setText(inc.timezone)
        self.approximate.setChecked(inc.approximate)
        self.location.setText(inc.location)
        self.platforms.set_checked(inc.platforms)
        self.kinds.set_checked(inc.kinds)
        self.severity.setCurrentIndex(max(0, self.severity.findData(int(inc.severity))))
        self.status.setCurrentIndex(max(0, self.status.findData(inc.status)))
        self.description.setPlainText(inc.description)
        self.translation.setPlainText(inc.translation)
        self.translation_language.setText(inc.translation_language)
        self.current_situation.setPlainText(inc.current_situation)
        self.offline_followup.setChecked(inc.offline_followup)
        self.confidential.setChecked(inc.confidential)
        self.tags.setText(", ".join(inc.tags))

    @property
    def loaded(self) -> Incident | None:
        """The incident as last loaded or saved, to tell whether the form was changed."""
        return self._base

    def _time(self) -> str:
        return locale_format.parse_time(self.occurred_time.text(), current_language())

    def check_date(self) -> bool:
        """Say under the fields, in words, if the date or the time is not one; True if both are."""
        for field, read in ((self.occurred_on, self.occurred_on.iso), (self.occurred_time, self._time)):
            try:
                read()
            except InvalidInput as exc:
                self.date_error.show_message(exc.message)
                self.wrong_field = field  # where the editor puts the cursor
                return False
        self.date_error.show_message("")
        return True

    def incident(self, strict: bool = True) -> Incident:
        """The incident as the form shows it (keeping the id of the one loaded). A date that is
        not one raises InvalidInput, or with `strict=False` keeps the date last loaded."""
        try:
            occurred_on = self.occurred_on.iso()
        except InvalidInput:
            if strict:
                raise
            occurred_on = self._base.occurred_on if self._base else QDate.currentDate().toString("yyyy-MM-dd")
        try:
            occurred_time = self._time()
        except InvalidInput:
            if strict:
                raise
            occurred_time = self._base.occurred_time if self._base else ""
        fields = dict(
            title=self.title.text().strip(),
            occurred_on=occurred_on,
            occurred_time=occurred_time, timezone=self.timezone.text().strip(),
            approximate=self.approximate.isChecked(), location=self.location.text().strip(),
            platforms=self.platforms.checked(), kinds=self.kinds.checked(),
            description=self.description.toPlainText(), translation=self.translation.toPlainText(),
            translation_language=self.translation_language.text().strip(),
            current_situation=self.current_situation.toPlainText(),
            severity=int(self.severity.currentData()), status=self.status.currentData(),
            offline_followup=self.offline_followup.isChecked(), confidential=self.confidential.isChecked(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
        )
        return replace(self._base, **fields) if self._base else Incident(**fields)
