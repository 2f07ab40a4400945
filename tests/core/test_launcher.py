"""The neutral launcher entry: a valid desktop entry under the user's own applications folder,
with a neutral name and stock icon, a command that survives spaces, and removal."""

from __future__ import annotations

import sys

from app.core import launcher


def test_the_entry_is_written_where_the_desktop_reads_it_and_removed(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = launcher.install("calculator")
    assert path == tmp_path / "data" / "applications" / launcher.ENTRY_NAME
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert {"Type=Application", "Name=Calculator", "Icon=accessories-calculator", "Terminal=false"} <= set(lines)
    launcher.install("notes")  # rewritten, not added to
    assert "Name=Notes" in path.read_text(encoding="utf-8").splitlines()
    launcher.remove()
    assert not launcher.installed()
    launcher.remove()  # twice: nothing to do


def test_the_command_is_quoted_as_the_specification_says(monkeypatch):
    monkeypatch.setattr(sys, "executable", '/opt/my apps/py"thon$')
    exec_line = next(x for x in launcher.entry_text("notes").splitlines() if x.startswith("Exec="))
    assert exec_line == 'Exec="/opt/my apps/py\\"thon\\$" -m app'
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/sijil/sijil")
    assert "Exec=/opt/sijil/sijil" in launcher.entry_text("calculator").splitlines()


def test_an_unknown_disguise_falls_back_to_notes():
    assert "Name=Notes" in launcher.entry_text("bogus").splitlines()
