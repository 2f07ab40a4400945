"""A desktop session (journal created, incident typed, screenshot pasted, photo imported,
evidence viewed with a redaction box, dossier previewed, journal locked) leaves no journal
text or evidence outside the encrypted vault: HOME, TMPDIR and the XDG folders are scanned
after the program exits. Runs the real app in a child process with those folders private."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.security.leaks import MARKERS, scan

ROOT = Path(__file__).resolve().parents[2]

SESSION = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from app.core import paths
    from app.gui.application import Controller
    from app.gui.evidence.viewer import EvidenceViewer
    from app.gui.export.wizard import ExportWizard
    from app.gui.prefs import Prefs

    def wait(cond, timeout=30):
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.005)

    M = {markers!r}
    controller = Controller(Prefs(), paths.default_vault_dir(), strength_for=lambda s: "test")
    controller.start()
    page = controller.gate.first_run
    page.passphrase.setText("a passphrase for the test")
    page.repeat.setText("a passphrase for the test")
    page.create_button.click()
    wait(lambda: controller.main is not None)
    main = controller.main
    editor = main.open_incident(None)
    editor.form.title.setText(M["title"])
    editor.form.description.setPlainText(M["description"])
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    painter = QPainter(image)
    painter.drawText(20, 40, M["evidence"])
    painter.end()
    QGuiApplication.clipboard().setImage(image)
    editor.evidence.paste()
    wait(lambda: editor.evidence.list.count() == 1)
    ident = editor.evidence.evidence_ids()[0]
    viewer = EvidenceViewer(main.session, ident, editor)
    viewer.show()
    wait(lambda: viewer.evidence is not None)
    viewer.caption.setText(M["caption"])
    viewer.canvas.set_redactions([[0.1, 0.1, 0.3, 0.2]])
    viewer.save()
    viewer.close()
    editor.save()
    wait(lambda: not controller.runner.busy)
    wizard = ExportWizard(main.session, [editor.incident_id], main)
    wizard.show()
    wait(lambda: wizard.incidents.count() == 1)
    wizard.preview_button.click()
    wait(lambda: wizard.built is not None and wizard.preview.page_count > 0)
    wizard.close()
    controller.lock()
    wait(lambda: not controller.runner.busy)
    controller.shutdown()
    print("SESSION-OK")
""")


def test_desktop_session_leaves_no_plaintext(tmp_path):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIJIL_", "XDG_"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(tmp / "runtime"))
    (tmp / "runtime").mkdir(mode=0o700)
    proc = subprocess.run([sys.executable, "-c", SESSION.format(markers=MARKERS)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert "SESSION-OK" in proc.stdout, proc.stderr[-3000:]
    vault = home / ".local" / "share" / "Sijil" / "vault"
    assert (vault / "journal.db").is_file()  # the session really wrote its journal under HOME
    assert scan([home, tmp]) == []
    for marker in MARKERS.values():
        assert marker not in proc.stdout + proc.stderr
