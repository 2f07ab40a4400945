"""Every main screen and dialog fits a 1366×768 laptop and stays usable at 1024×640, in
English, Arabic and Turkish: nothing outside its window, no label, button or choice narrower
than its text ("Any statu"), no toolbar action in the overflow menu (Lock), no column
cutting its header or its content (wrapped text is fine), no table wider than its view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from app.gui.export.fingerprints_dialog import FingerprintsDialog
from app.gui.export.wizard import ExportWizard
from app.gui.imports.dialog import ImportDialog
from app.gui.widgets import screen_fit
from app.gui.widgets.screen_fit import bounded_size
from tests.core.importers import exports as ex
from tests.gui.conftest import idle
from tests.gui.screens import demo_controller, main_screens, widgets_cut_off

# The available area of each screen (a 40-pixel taskbar taken off).
SCREENS = {"1366x768": QSize(1366, 728), "1024x640": QSize(1024, 600)}


def test_windows_open_no_larger_than_the_screen():
    assert bounded_size(QSize(1200, 780), QSize(1366, 728)).height() <= 728 - 40
    assert bounded_size(QSize(1200, 780), QSize(1920, 1040)) == QSize(1200, 780)
    small = bounded_size(QSize(1200, 780), QSize(1024, 600))
    assert small.width() <= 1024 and small.height() <= 600


@pytest.mark.parametrize("language", ["en", "ar", "tr"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_nothing_is_cut_off_on_a_small_screen(qtbot, tmp_path, messages, monkeypatch, language, screen):
    available = SCREENS[screen]
    monkeypatch.setattr(screen_fit, "available_size", lambda widget: available)
    controller = demo_controller(qtbot, tmp_path, language)
    main = controller.main
    main.resize(available - screen_fit.FRAME)  # maximised, as on a small laptop
    qtbot.wait(30)
    assert main.width() <= available.width() and main.height() <= available.height()
    found = []
    for name, window in main_screens(qtbot, controller):
        found += [f"{name}: {problem}" for problem in widgets_cut_off(window)]
    first = main.incidents.model.incident_id(0)
    dialogs = [main.open_incident(first), main.settings_dialog(), ExportWizard(main.session, [first], main),
               ImportDialog(main.session, first, main), FingerprintsDialog(main.session, main)]
    for dialog in dialogs:
        dialog.show()
        if isinstance(dialog, ImportDialog):  # its preview table, filled from a real export
            dialog.open_path(ex.telegram_sample(tmp_path / "tg"))
            qtbot.waitUntil(lambda d=dialog: d.model.rowCount() > 0, timeout=20_000)
        idle(qtbot, controller)
        qtbot.wait(30)
        assert dialog.width() <= available.width() and dialog.height() <= available.height(), type(dialog)
        assert dialog.minimumSizeHint().width() <= available.width()
        found += [f"{type(dialog).__name__}: {problem}" for problem in widgets_cut_off(dialog)]
        dialog.close()
    controller.shutdown()
    assert not found, "\n".join(found)
