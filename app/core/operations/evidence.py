"""Evidence: bringing files and screenshots in, captions and redaction boxes, deleting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.core import evidence
from app.core.errors import Cancelled, SijilError
from app.core.journal.recognised_text import RecognisedText
from app.core.models import Evidence
from app.core.operations.changes import NOTHING, Changes, Done
from app.core.operations.incidents import NewIncident, incident_for_evidence
from app.core.vault import Vault

EVIDENCE = Changes(evidence=True)
Progress = Callable[[int, int], None]


def import_evidence(vault: Vault, incident: int | NewIncident, paths: Sequence[Path],
                    progress: Progress | None = None) -> Done[list[tuple[Path, SijilError]]]:
    """Import files into an incident (a new one is saved first), one after the other; a file
    that cannot be taken is given back with why, and the others are still imported. Cancel
    (raised by `progress`) stops between files, or inside a single large one."""
    saved = incident_for_evidence(vault, incident)
    incident_id = saved.value
    refused: list[tuple[Path, SijilError]] = []
    total = len(paths)
    for done, path in enumerate(paths):
        if progress is not None:
            progress(done, total)
        try:
            import_file(vault, incident_id, Path(path), progress=progress if total == 1 else None)
        except Cancelled:
            raise
        except SijilError as error:
            refused.append((Path(path), error))
    if progress is not None:
        progress(total, total)
    return Done(EVIDENCE | saved.changes, refused)


def import_file(vault: Vault, incident_id: int, path: Path, *, source_url: str = "", caption: str = "",
                max_bytes: int | None = None, progress: Progress | None = None) -> Done[Evidence]:
    """Import one file, or refuse it (SijilError) leaving the journal unchanged."""
    return Done(EVIDENCE, evidence.import_file(vault, incident_id, Path(path), source_url=source_url,
                                               caption=caption, max_bytes=max_bytes, progress=progress))


def import_screenshot(vault: Vault, incident: int | NewIncident, png: bytes) -> Done[Evidence]:
    """Import a pasted or dropped picture held in memory (a new incident is saved first)."""
    saved = incident_for_evidence(vault, incident)
    return Done(EVIDENCE | saved.changes, evidence.import_bytes(vault, saved.value, png, name="screenshot.png"))


def save_evidence(vault: Vault, ev: Evidence) -> Done[None]:
    """Keep an item's caption and redaction boxes."""
    vault.journal.evidence.update(ev)
    return Done(EVIDENCE)


def set_redactions(vault: Vault, evidence_id: int, boxes: list[list[float]]) -> Done[Evidence]:
    """Replace the areas of a picture hidden in dossiers (fractions x, y, w, h of the upright picture)."""
    return Done(EVIDENCE, evidence.set_redactions(vault, evidence_id, boxes))


def delete_evidence(vault: Vault, evidence_id: int) -> Done[None]:
    evidence.delete(vault, evidence_id)
    return Done(EVIDENCE)


def save_recognised(vault: Vault, found: RecognisedText) -> Done[int]:
    """Keep the words read (OCR) in a picture, searchable from now on; returns the picture's id.
    No screen shows them, so nothing is reported changed (else every evidence view reloads)."""
    vault.journal.recognised.save(found)
    return Done(NOTHING, found.evidence_id)
