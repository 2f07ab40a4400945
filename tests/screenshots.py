"""Screenshots of every main screen, with the demo journal:
`python tests/screenshots.py [dir] [--language CODE]`.

Creates the demo journal in a temporary folder (fast test KDF; nothing touches the real
vault), opens each screen and saves PNGs to resources/screenshots/ (or the folder given); with
--language (ar, fa, tr, fr, es) the interface speaks that language and the PNGs go to
resources/screenshots/<language>/.
Runs under Xvfb (DISPLAY set) or, without a display, on Qt's offscreen platform.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.core.demo import DEMO_PASSPHRASE, create_demo  # noqa: E402
from app.gui.application import Controller  # noqa: E402
from app.gui.evidence.viewer import EvidenceViewer  # noqa: E402
from app.gui.gate.wipe_dialog import WipeDialog  # noqa: E402
from app.gui.prefs import Prefs  # noqa: E402
from app.gui.style import apply_style  # noqa: E402

SIZE = (1280, 800)


def settle(controller: Controller, ms: int = 400) -> None:
    """Let queued work finish and the widgets paint."""
    end = time.monotonic() + 30
    while controller.runner.busy and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    until = time.monotonic() + ms / 1000
    while time.monotonic() < until:
        QApplication.processEvents()
        time.sleep(0.01)


def shoot(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / name), "PNG")
    print(out / name)


def prefs(path: Path, language: str) -> Prefs:
    chosen = Prefs(path)
    chosen.language = language
    return chosen


def first_run(out: Path, tmp: Path, language: str) -> None:
    controller = Controller(prefs(tmp / "prefs-first.ini", language), tmp / "empty", strength_for=lambda _s: "test")
    controller.start()
    controller.gate.resize(760, 680)
    controller.gate.first_run.passphrase.setText("river lantern cobalt")
    settle(controller)
    shoot(controller.gate, out, "01-first-run.png")
    controller.shutdown()
    controller.gate.close()


def journal_screens(out: Path, tmp: Path, language: str) -> None:
    vault = tmp / "vault"
    create_demo(vault, DEMO_PASSPHRASE, "test").lock()
    controller = Controller(prefs(tmp / "prefs.ini", language), vault, strength_for=lambda _s: "test")
    controller.start()
    controller.gate.resize(760, 600)
    settle(controller)
    shoot(controller.gate, out, "02-unlock.png")
    controller.unlock(DEMO_PASSPHRASE)
    settle(controller, 600)
    main = controller.main
    main.resize(*SIZE)
    settle(controller)
    shoot(main, out, "03-incidents.png")
    names = ["04-timeline.png", "05-actors.png", "06-platform-reports.png", "07-threat-assessment.png",
             "08-people.png"]
    for row, name in enumerate(names, start=1):
        main.nav.setCurrentRow(row)
        settle(controller, 600)
        shoot(main, out, name)
    main.nav.setCurrentRow(0)
    main.search.setText("address" if language == "en" else "Rania")
    settle(controller, 800)
    shoot(main, out, "09-search.png")
    main.search.clear()
    settle(controller, 600)

    found: list = []
    main.session.call(None, lambda v, ctx: next(i.id for i in v.journal.incidents.list(order="severity")
                                          if v.journal.evidence.of_incident(i.id)), on_success=found.append)
    settle(controller)
    editor = main.open_incident(found[0])
    editor.resize(*SIZE)
    settle(controller, 800)
    shoot(editor, out, "10-incident-editor.png")
    evidence_ids = editor.evidence.evidence_ids()
    if evidence_ids:
        viewer = EvidenceViewer(main.session, evidence_ids[0], editor)
        viewer.resize(1200, 760)
        viewer.show()
        settle(controller, 600)
        viewer.canvas.set_redactions([[0.08, 0.30, 0.45, 0.12]])  # shown, not saved: no edit signal
        settle(controller, 200)
        shoot(viewer, out, "11-evidence-viewer-redaction.png")
        viewer.close()
    editor.close()
    settings = main.settings_dialog()
    settings.show()
    settle(controller, 400)
    shoot(settings, out, "12-settings.png")
    settings.close()

    if language == "en":  # the English interface mirrored: right-to-left text in a left-to-right UI
        QGuiApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        settle(controller, 400)
        shoot(main, out, "13-incidents-right-to-left.png")
        QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    controller.shutdown()
    controller.gate.close()


def coercion_screens(out: Path, tmp: Path) -> None:
    """The quick-wipe countdown over the journal, Settings → Under coercion, the calculator cover."""
    vault = tmp / "coerced"
    create_demo(vault, DEMO_PASSPHRASE, "test").lock()
    prefs = Prefs(tmp / "prefs-coerced.ini")
    controller = Controller(prefs, vault, strength_for=lambda _s: "test")
    controller.start()
    controller.unlock(DEMO_PASSPHRASE)
    settle(controller, 600)
    controller.main.resize(*SIZE)
    WipeDialog.tick_ms = 3_600_000  # hold the countdown still for the picture
    dialog = controller.quick_wipe.request()
    dialog._tick()
    dialog._tick()
    settle(controller, 400)
    shoot(dialog, out, "14-wipe-countdown.png")
    dialog.reject()
    coercion = controller.main.settings_dialog().open_coercion()
    settle(controller, 400)
    shoot(coercion, out, "15-under-coercion.png")
    coercion.reject()
    prefs.set_cover_code("2468")
    prefs.cover = True
    controller.apply_prefs()
    controller.lock()
    settle(controller, 400)
    for key in "12+30=":
        controller.cover.press(key)
    settle(controller, 300)
    shoot(controller.cover, out, "16-calculator-cover.png")
    controller.shutdown()
    controller.gate.close()


def main(argv: list[str]) -> int:
    language = "en"
    if "--language" in argv:
        at = argv.index("--language")
        language, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    default = ROOT / "resources" / "screenshots"
    out = Path(argv[0]) if argv else default if language == "en" else default / language
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["sijil-screenshots"])
    apply_style(app)
    with tempfile.TemporaryDirectory(prefix="sijil-shots-") as tmp:
        first_run(out, Path(tmp), language)
        journal_screens(out, Path(tmp), language)
        if language == "en":
            coercion_screens(out, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
