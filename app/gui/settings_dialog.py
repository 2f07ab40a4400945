"""Settings. App preferences (language, auto-lock, discreet mode) go to the INI file and
reveal nothing; journal settings (overdue threshold) go into the encrypted journal."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core import keyring_store, operations, settings
from app.core.i18n import APP_LANGUAGES, LANGUAGE_NAMES, _
from app.core.operations import queries
from app.gui.coercion_dialog import CoercionDialog
from app.gui.export.fingerprints_dialog import FingerprintsDialog
from app.gui.gate.passphrase_dialog import ChangePassphraseDialog
from app.gui.prefs import Prefs
from app.gui.session import Session
from app.gui.widgets.common import hint
from app.gui.widgets.dialogs import confirm, show_error
from app.gui.widgets.forms import FormDialog


class SettingsDialog(FormDialog):
    applied = Signal()  # app preferences changed: language, auto-lock, discreet mode

    def __init__(self, session: Session, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(_("Settings"), parent)
        self._session, self._prefs = session, prefs
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code in APP_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.autolock = QSpinBox()
        self.autolock.setAccessibleName(_("Lock after minutes without use"))
        self.autolock.setRange(0, 240)
        self.autolock.setSpecialValueText(_("Never"))
        self.autolock.setSuffix(_(" min"))
        self.autolock.setValue(prefs.autolock_minutes)
        self.discreet = QCheckBox(_("&Discreet mode: neutral window title and icon"))
        self.discreet.setChecked(prefs.discreet)
        app_box = QGroupBox(_("This computer"))
        app_form = QFormLayout(app_box)
        app_form.addRow(_("&Language"), self.language)
        app_form.addRow(_("Lock &after"), self.autolock)
        app_form.addRow("", self.discreet)

        self.overdue = QSpinBox()
        self.overdue.setAccessibleName(_("Days before a platform report is overdue"))
        self.overdue.setRange(settings.OVERDUE_DAYS.minimum, settings.OVERDUE_DAYS.maximum)
        self.overdue.setSuffix(_(" days"))
        self.overdue.setValue(settings.OVERDUE_DAYS.default)
        self.change_passphrase = QPushButton(_("Change &passphrase or key strength…"))
        self.change_passphrase.clicked.connect(lambda: ChangePassphraseDialog(session, self).exec())
        self.fingerprints = QPushButton(_("Signing key &fingerprints to give recipients…"))
        self.fingerprints.clicked.connect(lambda: FingerprintsDialog(session, self).exec())
        self.keyring = QCheckBox(_("&Remember the journal on this device (no passphrase needed)"))
        self.keyring.setEnabled(False)  # until the keyring was asked, off the UI thread
        self.keyring_reason = hint("", "warning")
        journal_box = QGroupBox(_("This journal (stored encrypted)"))
        journal_form = QFormLayout(journal_box)
        journal_form.addRow(_("Platform report &overdue after"), self.overdue)
        journal_form.addRow("", self.change_passphrase)
        journal_form.addRow("", self.fingerprints)
        journal_form.addRow("", self.keyring)
        journal_form.addRow("", self.keyring_reason)
        self.coercion = QPushButton(_("Under coerc&ion: wipe, duress passphrase, camouflage…"))
        self.coercion.clicked.connect(self.open_coercion)
        journal_form.addRow("", self.coercion)

        self.column.addWidget(app_box)
        self.column.addWidget(journal_box)
        self.finish_layout()
        self._remembered = False
        self._overdue_loaded = settings.OVERDUE_DAYS.default
        session.call(self, self._read_journal_settings, on_success=self._show_journal_settings)

    def open_coercion(self) -> CoercionDialog:
        dialog = CoercionDialog(self._session, self._prefs, self)
        dialog.applied.connect(self.applied)
        dialog.open()
        return dialog

    @staticmethod
    def _read_journal_settings(vault, ctx) -> tuple[int, bool, str, bool]:
        days = queries.setting(vault, settings.OVERDUE_DAYS)
        usable, reason = keyring_store.backend_is_trusted()
        return days, usable, reason, usable and keyring_store.recall(vault.path) is not None

    def _show_journal_settings(self, values: tuple[int, bool, str, bool]) -> None:
        self._overdue_loaded, usable, reason, self._remembered = values
        self.overdue.setValue(self._overdue_loaded)
        self.keyring.setEnabled(usable)
        self.keyring.setChecked(self._remembered)
        self.keyring.setToolTip(reason)
        self.keyring_reason.setText(keyring_store.RISK if usable else reason)
        self.adjustSize()  # the explanation arrived after the dialog was laid out

    def submit(self) -> None:
        self.save()

    def save(self) -> None:
        self._prefs.language = self.language.currentData()
        self._prefs.autolock_minutes = self.autolock.value()
        self._prefs.discreet = self.discreet.isChecked()
        self._prefs.sync()
        self.applied.emit()
        days, remember = self.overdue.value(), self.keyring.isChecked()
        if remember and not self._remembered and not confirm(
                self, _("Remember on this device"), keyring_store.RISK, _("Remember")):
            remember = False
        if days != self._overdue_loaded:
            self._session.call(self, lambda vault, ctx: operations.set_setting(vault, settings.OVERDUE_DAYS, days),
                               on_failure=lambda e: show_error(self.parent(), e))
        if remember != self._remembered:
            self._session.call(self, lambda vault, ctx: operations.set_remembered(vault, remember),
                               on_failure=lambda e: show_error(self.parent(), e))
        self.accept()
