"""The frozen program under test: `make package-test` points SIJIL_BUNDLE at dist/sijil.

Without SIJIL_BUNDLE these tests are skipped (a plain `make test` builds no bundle); with it,
a missing bundle is a failure, not a skip. Every frozen run gets a fresh HOME and an
environment holding nothing from this one: PATH is a folder with tesseract only (the one
outside program Sijil calls, for text in pictures), so no Python can be found or used.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.security.offline import PASSPHRASE


@pytest.fixture(scope="session")
def bundle() -> Path:
    where = os.environ.get("SIJIL_BUNDLE")
    if not where:
        pytest.skip("no bundle to test: run `make package-test`")
    folder = Path(where).resolve()
    exe = ".exe" if sys.platform == "win32" else ""
    assert (folder / f"sijil{exe}").is_file() and (folder / f"sijil-cli{exe}").is_file(), \
        f"no frozen program in {folder}: run `make package` first"
    return folder


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a user who has Sijil and nothing else: no Python, a new HOME."""
    path_dir, home = tmp_path / "bin", tmp_path / "home"
    path_dir.mkdir()
    home.mkdir()
    tesseract = shutil.which("tesseract")
    if tesseract:
        (path_dir / "tesseract").symlink_to(tesseract)
    for python in ("python", "python3", f"python3.{sys.version_info.minor}"):
        assert shutil.which(python, path=str(path_dir)) is None
    return {"PATH": str(path_dir), "HOME": str(home), "LANG": "C.UTF-8", "SIJIL_PASSPHRASE": PASSPHRASE}
