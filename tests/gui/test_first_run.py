"""First run: create a journal (or open the demo) from the first window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core import vault as vaults
from app.gui.gate.passphrase import estimate_bits, strength_text
from tests.gui.conftest import PASSPHRASE, create_journal, idle, run


def test_first_run_creates_the_journal_and_opens_the_main_window(qtbot, controller, messages, tmp_path):
    controller.start()
    assert controller.gate.pages.currentWidget() is controller.gate.first_run
    main = create_journal(qtbot, controller)
    assert main.isVisible() and not controller.gate.isVisible()
    assert vaults.exists(tmp_path / "vault")
    page = controller.gate.first_run
    assert page.passphrase.text() == "" and page.repeat.text() == ""  # secrets not kept in widgets
    # The passphrase typed really opens the journal.
    controller.lock()
    idle(qtbot, controller)
    vaults.Vault.unlock(tmp_path / "vault", PASSPHRASE).lock()


def test_first_run_refuses_two_different_passphrases(qtbot, controller, tmp_path):
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE + "x")
    page.create_button.click()
    assert "not the same" in page.error.text()
    assert page.repeat.text() == ""
    assert not vaults.exists(tmp_path / "vault")
    assert controller.main is None


def test_first_run_refuses_a_short_passphrase(qtbot, controller, tmp_path):
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, "abc")
    qtbot.keyClicks(page.repeat, "abc")
    page.create_button.click()
    assert "at least" in page.error.text()
    assert not vaults.exists(tmp_path / "vault")


def test_first_run_tells_the_truth_about_forgotten_passphrases(qtbot, controller):
    controller.start()
    texts = " ".join(label.text() for label in controller.gate.first_run.findChildren(QLabel))
    assert "cannot" in texts.lower() or "nobody can recover" in texts.lower()


def test_strength_meter_prefers_several_words(qtbot, controller):
    assert estimate_bits("aaaaaaaa") < 35
    assert estimate_bits("Tr0ub4dor&3") < estimate_bits("river lantern cobalt meadow")
    assert strength_text(estimate_bits("river lantern cobalt meadow orbit")).startswith(("Good", "Strong"))
    controller.start()
    page = controller.gate.first_run
    qtbot.keyClicks(page.passphrase, "abc")
    weak = page.meter.bar.value()
    qtbot.keyClicks(page.passphrase, " river lantern cobalt meadow")
    assert page.meter.bar.value() > weak
    assert page.meter.bar.property("level") in ("good", "fair")


def test_demo_journal_opens_then_disappears_on_lock(qtbot, controller, messages, tmp_path):
    controller.start()
    controller.gate.first_run.demo_button.click()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=60_000)
    demo_dir = run(qtbot, controller.session, lambda v: v.path)
    assert vaults.exists(demo_dir)
    idle(qtbot, controller)
    qtbot.waitUntil(lambda: controller.main.incidents.model.rowCount() > 5, timeout=10_000)
    assert not vaults.exists(tmp_path / "vault")  # the user's own journal was not touched
    controller.lock()
    idle(qtbot, controller)
    assert not demo_dir.exists()
    assert controller.gate.pages.currentWidget() is controller.gate.first_run
