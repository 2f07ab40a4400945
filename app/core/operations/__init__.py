"""Each user-level action, once, for every front end (GUI and CLI): an operation takes the
vault and plain values, does the whole action (a deleted incident takes its encrypted files
with it), and returns `Done(changes, value)`: what changed, by kind of record, so screens
reload from that. What the screens read is in `operations.queries`; writes go through here.

To add one: a function `verb_noun(vault, ...) -> Done[T]` in the module of its record kind,
exported below, with a test in tests/core/test_operations.py.
"""

from app.core.operations.changes import ALL, NOTHING, Changes, Done
from app.core.operations.coercion import (
    remove_duress_passphrase,
    set_duress_passphrase,
    set_wipe_after_failed,
)
from app.core.operations.evidence import (
    delete_evidence,
    import_evidence,
    import_file,
    import_screenshot,
    save_evidence,
    save_recognised,
    set_redactions,
)
from app.core.operations.export import build_dossier, save_dossier
from app.core.operations.imports import import_export
from app.core.operations.incidents import (
    NewIncident,
    delete_incident,
    delete_incidents,
    delete_step,
    link,
    mark_sent,
    save_incident,
    save_step,
)
from app.core.operations.journal import change_passphrase, set_remembered, set_setting
from app.core.operations.records import (
    delete_actor,
    delete_assessment,
    delete_person,
    delete_report,
    save_actor,
    save_assessment,
    save_person,
    save_report,
)

__all__ = [
    "ALL",
    "NOTHING",
    "Changes",
    "Done",
    "NewIncident",
    "build_dossier",
    "change_passphrase",
    "delete_actor",
    "delete_assessment",
    "delete_evidence",
    "delete_incident",
    "delete_incidents",
    "delete_person",
    "delete_report",
    "delete_step",
    "import_evidence",
    "import_export",
    "import_file",
    "import_screenshot",
    "link",
    "mark_sent",
    "remove_duress_passphrase",
    "save_actor",
    "save_assessment",
    "save_dossier",
    "save_evidence",
    "save_incident",
    "save_person",
    "save_recognised",
    "save_report",
    "save_step",
    "set_duress_passphrase",
    "set_redactions",
    "set_remembered",
    "set_setting",
    "set_wipe_after_failed",
]
