"""Settings: app preferences in the INI file, journal settings in the journal, passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.core import settings
from app.core import vault as vaults
from app.core.i18n import APP_LANGUAGES, LANGUAGE_NAMES
from app.gui.gate.passphrase_dialog import ChangePassphraseDialog
from app.gui.settings_dialog import SettingsDialog
from tests.gui.conftest import PASSPHRASE, idle, run


def test_settings_store_app_prefs_and_the_overdue_threshold(qtbot, main, controller, prefs):
    dialog = main.settings_dialog()
    idle(qtbot, main.session.runner)
    assert dialog.overdue.value() == 30  # the documented default
    dialog.autolock.setValue(12)
    dialog.discreet.setChecked(True)
    dialog.overdue.setValue(45)
    with qtbot.waitSignal(dialog.applied):
        dialog.save()
    idle(qtbot, main.session.runner)
    assert (prefs.autolock_minutes, prefs.discreet) == (12, True)
    assert run(qtbot, main.session, lambda v: v.journal.get_setting("overdue_days")) == "45"
    assert main.windowTitle() == "Notes"  # applied at once
    assert controller.inactivity.active
    assert "45" not in prefs.path.read_text(encoding="utf-8")  # journal settings stay in the journal


def test_keyring_choice_explains_when_no_secure_keyring_exists(qtbot, main, prefs):
    dialog = SettingsDialog(main.session, prefs, main)
    idle(qtbot, main.session.runner)
    # This test machine has no OS keyring: the option is off and says why in plain words.
    assert not dialog.keyring.isEnabled()
    assert "keyring" in dialog.keyring_reason.text().lower()


def test_change_passphrase_needs_the_current_one(qtbot, main, messages):
    dialog = ChangePassphraseDialog(main.session, main)
    qtbot.keyClicks(dialog.current, "wrong current passphrase")
    qtbot.keyClicks(dialog.new, "new lantern river cobalt")
    qtbot.keyClicks(dialog.repeat, "new lantern river cobalt")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(messages))
    assert "does not open this journal" in messages[-1]
    assert dialog.current.text() == "" and dialog.new.text() == ""


def test_change_passphrase_then_unlock_with_the_new_one(qtbot, main, controller, tmp_path):
    dialog = ChangePassphraseDialog(main.session, main)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "new lantern river cobalt")
    qtbot.keyClicks(dialog.repeat, "new lantern river cobalt")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    controller.lock()
    idle(qtbot, controller)
    vaults.Vault.unlock(tmp_path / "vault", "new lantern river cobalt").lock()


def test_change_passphrase_refuses_a_mismatch(qtbot, main):
    dialog = ChangePassphraseDialog(main.session, main)
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "new lantern river cobalt")
    qtbot.keyClicks(dialog.repeat, "new lantern river")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "not the same" in dialog.error.text()


def test_settings_list_the_fingerprint_to_give_each_destination(qtbot, main, prefs):
    from app.core.export import keys
    from app.gui.export.fingerprints_dialog import FingerprintsDialog

    dialog = SettingsDialog(main.session, prefs, main)
    assert dialog.fingerprints.isVisibleTo(dialog)
    listing = FingerprintsDialog(main.session, dialog)
    qtbot.addWidget(listing)
    qtbot.waitUntil(lambda: listing.table.rowCount() > 0)
    shown = {listing.table.item(r, 0).text(): listing.table.item(r, 1).text() for r in range(listing.table.rowCount())}
    expected = run(qtbot, main.session, lambda v: keys.fingerprint_for(keys.root(v), "platform:telegram"))
    assert shown["Platform report to Telegram"] == expected
    assert shown["UN Special Procedures"] != expected and len(set(shown.values())) == len(shown)


def test_a_damaged_overdue_setting_shows_the_registry_default_and_the_languages_come_from_the_core(qtbot, main):
    run(qtbot, main.session, lambda v: v.journal.set_setting("overdue_days", "soon"))  # by hand or an old version
    dialog = main.settings_dialog()
    idle(qtbot, main.session.runner)
    assert dialog.overdue.value() == settings.OVERDUE_DAYS.default
    assert (dialog.overdue.minimum(), dialog.overdue.maximum()) == (settings.OVERDUE_DAYS.minimum,
                                                                    settings.OVERDUE_DAYS.maximum)
    offered = [(dialog.language.itemData(i), dialog.language.itemText(i)) for i in range(dialog.language.count())]
    assert offered == [(code, LANGUAGE_NAMES[code]) for code in APP_LANGUAGES]
    assert ("ar", "العربية") in offered
