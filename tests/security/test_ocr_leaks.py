"""Reading text in a picture writes nothing to disk: the decoded pixels go to tesseract on
stdin and the words come back on stdout. Checked with strace on every file the OCR process
tree opens for writing, and with a private TMPDIR and HOME that must stay empty."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.screens import needs_tesseract

pytestmark = [pytest.mark.slow, needs_tesseract,
              pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")]

PROBE = """
import io, sys
from app.core import ocr
from tests.core.screens import screenshot
img = screenshot(["kill Hiba Al-Hajji tonight", "سنقتل هبة الحجي"], size=(800, 600), pt=30)
grey = img.convert("L"); out = io.BytesIO(); grey.save(out, format="PPM")
found = ocr.run(ocr.Job(1, out.getvalue(), *img.size))
print(found.status, " ".join(w.text for w in found.words))
"""


def test_ocr_opens_no_file_for_writing_and_leaves_tmp_and_home_empty(tmp_path):
    tmp, home = tmp_path / "tmp", tmp_path / "home"
    tmp.mkdir()
    home.mkdir()
    trace = tmp_path / "trace"
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, TMPDIR=str(tmp), HOME=str(home), PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat,open,creat,rename,renameat2,link,memfd_create",
                           "-o", str(trace), sys.executable, "-c", PROBE],
                          env=env, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.startswith("done") and "Hiba" in done.stdout
    writes = [line for line in trace.read_text().splitlines()
              if ("O_WRONLY" in line or "O_RDWR" in line or "O_CREAT" in line or "creat(" in line
                  or "rename" in line or "link(" in line) and "/dev/" not in line]
    assert writes == []
    assert list(tmp.iterdir()) == [] and list(home.iterdir()) == []
