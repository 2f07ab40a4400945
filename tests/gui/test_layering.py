"""The GUI reaches the store only through core operations and queries: no module under app/gui
names the vault's journal or blob store (`vault.journal.incidents.list(...)`, `vault.blobs`),
so each read and write exists once, in app/core/operations, for the GUI and the CLI alike."""

import ast
from pathlib import Path

import app.gui

GUI = Path(app.gui.__file__).parent
STORE = {"journal", "blobs"}


def store_reaches(source: str) -> list[int]:
    """Lines where an attribute `.journal` or `.blobs` is read (imports of app.core.journal
    modules, for types such as IncidentFilter, are not attribute reads and are allowed)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr in STORE]


def test_the_guard_sees_every_way_of_reaching_the_store():
    assert store_reaches("rows = vault.journal.incidents.list()") == [1]
    assert store_reaches("j = vault.journal\nj.incidents.get(1)") == [1]
    assert store_reaches("session.call(self, lambda v, c: v.blobs.delete(names))") == [1]
    assert store_reaches("from app.core.journal.incidents import IncidentFilter") == []


def test_no_gui_module_reaches_into_the_journal_or_the_blob_store():
    modules = sorted(GUI.rglob("*.py"))
    assert len(modules) > 30  # the walk found the GUI, not an empty folder
    found = {str(p.relative_to(GUI)): lines for p in modules
             if (lines := store_reaches(p.read_text(encoding="utf-8")))}
    assert found == {}, ("widgets must call app.core.operations (writes) or "
                         "app.core.operations.queries (reads), not the journal: " + repr(found))
