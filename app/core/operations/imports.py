"""Importing the picked messages of an export preview (app.core.importers) into the journal."""

from __future__ import annotations

from app.core.importers.commit import (
    CancelCheck,
    ImportResult,
    ImportTarget,
    Progress,
    import_messages,
)
from app.core.importers.model import ImportPreview
from app.core.operations.changes import Changes, Done
from app.core.vault import Vault

IMPORTED = Changes(incidents=True, evidence=True, actors=True)


def import_export(vault: Vault, preview: ImportPreview, indexes: list[int], target: ImportTarget,
                  progress: Progress | None = None, cancel: CancelCheck | None = None) -> Done[ImportResult]:
    """Import preview.messages[i] for i in indexes (one transaction; cancel leaves the journal
    as it was). New incidents, evidence and actors change."""
    return Done(IMPORTED, import_messages(vault, preview, indexes, target, progress=progress, cancel=cancel))
