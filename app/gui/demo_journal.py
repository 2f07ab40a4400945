"""The demo journal's lifetime: made in a temporary folder, deleted once it is locked, so
trying Sijil out leaves nothing behind."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class DemoJournal:
    def __init__(self) -> None:
        self.path: Path | None = None

    @property
    def active(self) -> bool:
        return self.path is not None

    def make_folder(self) -> Path:
        """A fresh folder for the demo vault (not created: the vault creates it)."""
        self.path = Path(tempfile.mkdtemp(prefix="sijil-demo-")) / "vault"
        return self.path

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path.parent, ignore_errors=True)
            self.path = None
