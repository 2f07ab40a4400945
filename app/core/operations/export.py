"""Dossiers: building one for the preview, writing the one the preview showed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.export import dossier
from app.core.export.content import ExportOptions
from app.core.export.un_communication import remember_submitter, save_answers, save_draft
from app.core.operations.changes import NOTHING, Changes, Done
from app.core.vault import Vault


def build_dossier(vault: Vault, options: ExportOptions, recipient: bytes | None = None,
                  un_answers: dict[int, tuple[str, str, str]] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Done[dossier.Built]:
    """Build a dossier in memory (nothing is written out). For a UN communication her consent
    answers, her own words and who submits it are kept in the journal first, for the next time."""
    changes = NOTHING
    if options.template == "un":
        save_answers(vault, un_answers or {})
        save_draft(vault, options.incident_ids, options.un)
        remember_submitter(vault, options.submitter)
        changes = Changes(persons=bool(un_answers), settings=True)
    return Done(changes, dossier.build(vault, options, progress, recipient))


def save_dossier(vault: Vault, built: dossier.Built, out: Path) -> Done[int]:
    """Write a built dossier (the very bytes previewed) and record it against its incidents;
    returns the export record's id."""
    return Done(Changes(incidents=True), dossier.write(vault, built, Path(out)))
