"""Evidence: bringing files and screenshots in, captions and redaction boxes, deleting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.core import evidence
from app.core.errors import Cancelled, SijilError
from app.core.models import Evidence
from app.core.operations.changes import Changes, Done
from app.core.vault import Vault

EVIDENCE = Changes(evidence=True)
Progress = Callable[[int, int], None]


def import_evidence(vault: Vault, incident_id: int, paths: Sequence[Path],
                    progress: Progress | None = None) -> Done[list[tuple[Path, SijilError]]]:
    """Import files into an incident, one after the other; a file that cannot be taken is
    given back with why, and the others are still imported. Cancel (raised by `progress`)
    stops between files, or inside a single large one."""
    refused: list[tuple[Path, SijilError]] = []
    total = len(paths)
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, total)
        try:
            evidence.import_file(vault, incident_id, Path(path), progress=progress if total == 1 else None)
        except Cancelled:
            raise
        except SijilError as error:
            refused.append((Path(path), error))
    if progress is not None:
        progress(total, total)
    return Done(EVIDENCE, refused)


def import_screenshot(vault: Vault, incident_id: int, png: bytes) -> Done[Evidence]:
    return Done(EVIDENCE, evidence.import_bytes(vault, incident_id, png, name="screenshot.png"))


def save_evidence(vault: Vault, ev: Evidence) -> Done[None]:
    """Keep an item's caption and redaction boxes."""
    vault.journal.evidence.update(ev)
    return Done(EVIDENCE)


def delete_evidence(vault: Vault, evidence_id: int) -> Done[None]:
    evidence.delete(vault, evidence_id)
    return Done(EVIDENCE)
