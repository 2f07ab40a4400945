"""`sijil` with no command, or with only --vault DIR, opens the desktop app (on that journal)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import gui_request
from app.core.vault import Vault
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("args, expected", [
    ([], (True, None)),
    (["--vault", "/tmp/j"], (True, Path("/tmp/j"))),
    (["--vault=/tmp/j"], (True, Path("/tmp/j"))),
    (["--vault", "~/j"], (True, Path.home() / "j")),
    (["--vault"], (False, None)),                    # argparse says what is missing
    (["--vault="], (False, None)),
    (["--vault", "--help"], (False, None)),
    (["--vault", "/tmp/j", "list"], (False, None)),
    (["--vault", "/tmp/j", "--read-only"], (False, None)),
    (["--help"], (False, None)),
    (["list"], (False, None)),
])
def test_only_a_journal_folder_opens_the_app(args, expected):
    assert gui_request(args) == expected


def test_a_relative_folder_is_taken_from_where_she_started(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert gui_request(["--vault", "journal"]) == (True, tmp_path / "journal")


# The real program, offscreen, in a fresh HOME: it opens the unlock screen of the journal named on
# the command line (the default journal does not exist there, so it would show the first run).
_DRIVER = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.__main__ import main
from app.gui.gate.window import GateWindow

app = QApplication(sys.argv[:1])
seen = {}

def look():
    gates = [w for w in QApplication.topLevelWidgets() if isinstance(w, GateWindow) and w.isVisible()]
    if gates:
        page = gates[0].pages.currentWidget()
        seen["page"] = "unlock" if page is gates[0].unlock else "first_run" if page is gates[0].first_run else "other"
        app.quit()
    else:
        QTimer.singleShot(50, look)

QTimer.singleShot(0, look)
QTimer.singleShot(20000, app.quit)
code = main(sys.argv[1:])
print(json.dumps({"seen": seen, "code": code}))
"""


def _run_app(tmp_path: Path, *args: str) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIJIL_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_RUNTIME_DIR=str(tmp_path))
    os.chmod(tmp_path, 0o700)
    done = subprocess.run([sys.executable, "-c", _DRIVER, *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("form", ["--vault DIR", "--vault=DIR"])
def test_the_app_opens_on_the_journal_given_with_vault(tmp_path, form):
    journal = tmp_path / "elsewhere" / "journal"
    Vault.create(journal, PASSPHRASE, strength="test").lock()
    args = ["--vault", str(journal)] if form == "--vault DIR" else [f"--vault={journal}"]
    result = _run_app(tmp_path, *args)
    assert result == {"seen": {"page": "unlock"}, "code": 0}
    assert not list((tmp_path / "home").rglob("journal.db"))  # no default journal was made or opened


def test_with_no_argument_the_app_opens_on_the_default_journal(tmp_path):
    result = _run_app(tmp_path)
    assert result == {"seen": {"page": "first_run"}, "code": 0}
