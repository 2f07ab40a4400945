"""Settings → "Under coercion": wipe after wrong passphrases, the duress passphrase, and
camouflage. Journal settings go through core operations on the worker; camouflage is an app
preference (gui/prefs.py) plus, if she asks, a launcher entry (core/launcher.py).

Nothing here says whether a duress passphrase is set: the open journal cannot know (the other
key slot looks the same either way), and a decoy opened under duress must show this dialog
exactly as the real journal does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core import failed_unlocks, launcher, operations, settings
from app.core.errors import InvalidInput, SijilError
from app.core.i18n import _
from app.core.passphrase_rule import weakness
from app.gui.gate.passphrase import SecretField, StrengthMeter
from app.gui.prefs import Prefs
from app.gui.session import Session
from app.gui.widgets.common import hint
from app.gui.widgets.dialogs import confirm, show_error
from app.gui.widgets.forms import FormDialog

MIN_CODE = 4


class DuressDialog(FormDialog):
    """Set (or replace) the duress passphrase: a new, empty decoy journal."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Duress passphrase"), parent,
                         QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._session = session
        self.passphrase = SecretField(_("Duress passphrase"))
        self.repeat = SecretField(_("Repeat the duress passphrase"))
        self.meter = StrengthMeter()
        self.passphrase.textChanged.connect(self.meter.update_for)
        self.destroy = QCheckBox(_("Opening with it also &destroys this journal's keys, for good"))
        self.form.addRow(_("&Duress passphrase"), self.passphrase)
        self.form.addRow(_("&Repeat it"), self.repeat)
        self.form.addRow("", self.meter)
        self.form.addRow("", self.destroy)
        self.column.insertWidget(0, hint(_(
            "A second passphrase that opens a decoy journal instead of this one, in the same way and "
            "the same time. The decoy starts empty: open it with this passphrase and add a few ordinary "
            "entries over time, so it looks lived in. Setting it again replaces the decoy and what it "
            "holds.")))
        self.column.insertWidget(1, hint(_(
            "It protects against someone who makes you unlock once and looks at what opens. It does not "
            "protect against someone who knows Sijil and compares: a folder that holds far more than the "
            "decoy shows, two copies of the disk taken weeks apart, or someone watching which files change "
            "while it is open. With \"destroy\", the real journal is unreadable from that moment, even for "
            "you; without it, it is still there, hidden only as well as described above."), "warning"))
        self.finish_layout()

    def check(self) -> None:
        if reason := weakness(self.passphrase.text()):
            raise InvalidInput(reason)
        if self.passphrase.text() != self.repeat.text():
            raise InvalidInput(_("The two passphrases are not the same. Type them again."))

    def submit(self) -> None:
        if not self.checked():
            return
        passphrase, destroy = self.passphrase.take(), self.destroy.isChecked()
        self.repeat.clear()
        self.buttons.setEnabled(False)

        def failed(error: SijilError) -> None:
            self.buttons.setEnabled(True)
            self.error.show_message(error.message)

        self._session.call(self, lambda vault, ctx: operations.set_duress_passphrase(vault, passphrase, destroy),
                           on_success=lambda _r: self.accept(), on_failure=failed,
                           label=_("Setting the duress passphrase"))


class CoercionDialog(FormDialog):
    applied = Signal()  # camouflage (an app preference) changed

    def __init__(self, session: Session, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(_("Under coercion"), parent)
        self._session, self._prefs = session, prefs
        self._loaded_threshold: int | None = None
        self.column.addWidget(self._wipe_box())
        self.column.addWidget(self._duress_box())
        self.column.addWidget(self._camouflage_box())
        self.finish_layout()
        session.call(self, lambda vault, ctx: failed_unlocks.threshold(vault), on_success=self._show_threshold)

    # Wipe after wrong passphrases ----------------------------------------------------------------

    def _wipe_box(self) -> QGroupBox:
        self.wipe_after = QSpinBox()
        self.wipe_after.setRange(0, settings.WIPE_AFTER_FAILED.maximum)
        self.wipe_after.setSpecialValueText(_("Off"))
        self.wipe_after.setAccessibleName(_("Wipe after this many wrong passphrases in a row"))
        self.wipe_after.setEnabled(False)  # until the current value is read
        box = QGroupBox(_("Wipe after wrong passphrases"))
        form = QFormLayout(box)
        form.addRow(_("Wipe after &wrong passphrases in a row"), self.wipe_after)
        form.addRow(hint(_(
            "Off, or 3 or more. The unlock screen looks and answers the same whether this is on or off, "
            "and a right passphrase starts the count again. It stops someone typing guesses at this "
            "laptop; it does not stop someone who copies the journal's folder and guesses on another "
            "computer.")))
        return box

    def _show_threshold(self, value: int) -> None:
        self._loaded_threshold = value
        self.wipe_after.setValue(value)
        self.wipe_after.setEnabled(True)

    # Duress passphrase ------------------------------------------------------------------------

    def _duress_box(self) -> QGroupBox:
        self.set_duress = QPushButton(_("Set a &duress passphrase…"))
        self.set_duress.clicked.connect(lambda: DuressDialog(self._session, self).exec())
        self.remove_duress = QPushButton(_("Re&move the duress passphrase…"))
        self.remove_duress.clicked.connect(self._remove_duress)
        box = QGroupBox(_("Duress passphrase"))
        form = QFormLayout(box)
        form.addRow(hint(_(
            "A second passphrase that opens a decoy journal, and can destroy this one as it opens. "
            "Sijil never shows whether one is set: nothing in its files says so, and this screen looks "
            "the same either way.")))
        form.addRow(self.set_duress)
        form.addRow(self.remove_duress)
        return box

    def _remove_duress(self) -> None:
        if not confirm(self, _("Remove the duress passphrase"),
                       _("The duress passphrase stops working and its decoy journal is deleted. If none "
                         "was set, nothing changes that anyone could see."), _("Remove")):
            return
        self._session.call(self, lambda vault, ctx: operations.remove_duress_passphrase(vault),
                           label=_("Removing the duress passphrase"))

    # Camouflage ---------------------------------------------------------------------------------

    def _camouflage_box(self) -> QGroupBox:
        prefs = self._prefs
        self.disguise = QComboBox()
        self.disguise.addItem(launcher.disguise_name("notes"), "notes")
        self.disguise.addItem(launcher.disguise_name("calculator"), "calculator")
        self.disguise.setCurrentIndex(max(0, self.disguise.findData(prefs.disguise)))
        self.disguise.setAccessibleName(_("Neutral name and icon"))
        self.cover = QCheckBox(_("Start on a working calc&ulator: your code, then =, shows the unlock screen"))
        self.cover.setChecked(prefs.cover)
        self.code = QLineEdit()
        self.code.setValidator(QRegularExpressionValidator(r"[0-9]{0,12}"))
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setPlaceholderText(_("unchanged") if prefs.cover else _("4 to 12 digits"))
        self.code.setAccessibleName(_("Calculator code"))
        self.launcher_button = QPushButton()
        self.launcher_button.clicked.connect(self._toggle_launcher)
        self.launcher_button.setVisible(launcher.supported())
        self._show_launcher()
        box = QGroupBox(_("Camouflage (this computer)"))
        form = QFormLayout(box)
        form.addRow(_("Neutral &name and icon"), self.disguise)
        form.addRow("", self.cover)
        form.addRow(_("Calculator cod&e"), self.code)
        form.addRow("", self.launcher_button)
        form.addRow(hint(_(
            "Discreet mode and the calculator use this name and icon for every window. This hides Sijil "
            "from a glance at the screen, not from a search: anyone who looks at the installed programs, "
            "the menu entry's command or the settings file can tell what it is, and the code is kept "
            "where someone with this computer could find it. Your passphrase is what protects the "
            "journal."), "warning"))
        return box

    def _show_launcher(self) -> None:
        self.launcher_button.setText(_("Remove the neutral en&try from the applications menu")
                                     if launcher.installed() else _("Add a neutral en&try to the applications menu"))

    def _toggle_launcher(self) -> None:
        disguise = self.disguise.currentData()
        work = (lambda ctx: launcher.remove()) if launcher.installed() else (lambda ctx: launcher.install(disguise))
        self._session.runner.run(work, on_success=lambda _r: self._show_launcher(),
                                 on_failure=lambda e: show_error(self, e))

    # Saving -------------------------------------------------------------------------------------

    def check(self) -> None:
        if self.cover.isChecked() and not self._prefs.cover and len(self.code.text()) < MIN_CODE:
            raise InvalidInput(_("Choose a calculator code of at least {n} digits.").format(n=MIN_CODE))
        if self.code.text() and len(self.code.text()) < MIN_CODE:
            raise InvalidInput(_("Choose a calculator code of at least {n} digits.").format(n=MIN_CODE))
        if self.wipe_after.isEnabled():
            settings.WIPE_AFTER_FAILED.parse(str(self.wipe_after.value()))

    def submit(self) -> None:
        if not self.checked():
            return
        prefs = self._prefs
        if self.code.text():
            prefs.set_cover_code(self.code.text())
        prefs.disguise = self.disguise.currentData()
        prefs.cover = self.cover.isChecked()
        prefs.sync()
        self.applied.emit()
        count = self.wipe_after.value()
        if self._loaded_threshold is not None and count != self._loaded_threshold:
            self._session.call(self, lambda vault, ctx: operations.set_wipe_after_failed(vault, count),
                               on_failure=lambda e: show_error(self.parent(), e))
        self.accept()
