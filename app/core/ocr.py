"""Offline text recognition in pictures, so names written inside screenshots can be found at
export and screenshots can be found by search.

The `tesseract` program reads the decoded, upright picture on stdin and answers TSV on
stdout: the picture never touches the disk (no temp file, see tests/security/test_ocr_leaks.py),
and a crash of the OCR engine on a hostile picture stays in its own process. (tesserocr has
no Linux wheel and would need libtesseract-dev to build; pytesseract writes temp files.)
If tesseract is not installed, nothing is recognised and the export says pictures were not
checked for names.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from app.core import evidence, images
from app.core.journal.recognised_text import DONE, FAILED, RecognisedText, Word
from app.core.redaction.images import pixels_only
from app.core.vault import Vault

log = logging.getLogger(__name__)

LANGUAGES = ("ara", "fas", "tur", "fra", "spa", "eng")
TIMEOUT_S = 120
FLAT = 8  # grey levels: a picture within this range is one flat shade, with no text to read
MIN_SIDE = 1400  # smaller pictures are enlarged: tesseract misses small screen text
# Tesseract's noise filter throws away whole text rows whose many small marks (Arabic dots
# and harakat) look like specks: at 38 and 50 px an Arabic line of a screenshot vanished.
_CONFIG = ("-c", "textord_noise_rejrows=0")
# Page layout analysis (3) keeps lines together; sparse text (11) finds what layout analysis
# missed, e.g. a whole screenshot it called "Empty page" next to a black box. Both are kept.
_LAYOUTS = ("3", "11")


@functools.cache
def _engine() -> tuple[str, str] | None:
    """(program, "+"-joined installed languages), or None when OCR is unavailable."""
    program = shutil.which("tesseract")
    if not program:
        return None
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30,
                                check=True).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    langs = [lang for lang in LANGUAGES if lang in listed]
    return (program, "+".join(langs)) if langs else None


def available() -> bool:
    """Whether pictures can be read on this machine."""
    return _engine() is not None


def engine_name() -> str:
    found = _engine()
    return f"tesseract:{found[1]}" if found else ""


@dataclass(frozen=True)
class Job:
    """One picture ready for the engine: upright greyscale PGM (empty when the picture is
    one flat shade and cannot hold text), and the upright size."""

    evidence_id: int
    pgm: bytes
    width: int
    height: int


def prepare(vault: Vault, evidence_id: int) -> Job:
    """Decrypt and decode a picture for `run` (needs the vault; fast)."""
    upright = pixels_only(images.open_image(evidence.read_original(vault, evidence_id)))
    grey = upright.convert("L")
    darkest, lightest = grey.getextrema()
    if lightest - darkest < FLAT:
        return Job(evidence_id, b"", upright.width, upright.height)
    if max(grey.size) < MIN_SIDE:
        scale = MIN_SIDE / max(grey.size)
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    grey.save(out, format="PPM")  # uncompressed: the cheapest format to hand over
    return Job(evidence_id, out.getvalue(), upright.width, upright.height)


def run(job: Job) -> RecognisedText:
    """Read the words of a prepared picture (slow; needs no vault, so it can run on any thread).
    A failing or missing engine gives a FAILED result, which the export reports."""
    found = _engine()
    if found is None:
        return RecognisedText(job.evidence_id, FAILED, "", [], job.width, job.height)
    if not job.pgm:
        return RecognisedText(job.evidence_id, DONE, engine_name(), [], job.width, job.height)
    program, langs = found
    # One thread: the machine is shared with the UI and the journal's own work.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TESSDATA_PREFIX")}
    env["OMP_THREAD_LIMIT"] = "1"
    passes = []
    try:
        for psm in _LAYOUTS:
            done = subprocess.run([program, "stdin", "stdout", "-l", langs, "--psm", psm, *_CONFIG, "tsv"],
                                  input=job.pgm, capture_output=True, timeout=TIMEOUT_S, env=env, check=True)
            passes.append(parse_tsv(done.stdout.decode("utf-8", errors="replace")))
    except (OSError, subprocess.SubprocessError, ValueError):
        log.warning("text recognition failed for one picture")
        return RecognisedText(job.evidence_id, FAILED, engine_name(), [], job.width, job.height)
    return RecognisedText(job.evidence_id, DONE, engine_name(), merge(passes), job.width, job.height)


def merge(passes: list[list[Word]]) -> list[Word]:
    """Words of every pass; a word an earlier pass found at the same place is kept once.
    Line numbers stay apart per pass."""
    kept: list[Word] = []
    offset = 0
    for words in passes:
        new = [w for w in words if not any(k.text == w.text and _overlap(k, w) > 0.5 for k in kept)]
        kept += [Word(w.text, w.x, w.y, w.w, w.h, w.line + offset) for w in new]
        offset += 1 + max((w.line for w in words), default=0)
    return kept


def _overlap(a: Word, b: Word) -> float:
    """Intersection over union of two word boxes."""
    iw = max(0.0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    ih = max(0.0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    union = a.w * a.h + b.w * b.h - iw * ih
    return iw * ih / union if union > 0 else 0.0


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of tesseract's TSV, boxes as fractions of the page (level 1 row);
    `line` numbers each (block, paragraph, line)."""
    lines: dict[tuple[str, str, str], int] = {}
    words = []
    width = height = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        if cols[0] == "1":
            width, height = int(cols[8]), int(cols[9])
        text = "".join(ch for ch in cols[11] if unicodedata.category(ch) != "Cf").strip()
        if cols[0] != "5" or not text or not width or not height:
            continue  # tesseract marks direction with invisible characters (U+200E)
        left, top, w, h = (int(c) for c in cols[6:10])
        line = lines.setdefault((cols[2], cols[3], cols[4]), len(lines))
        words.append(Word(text, round(left / width, 5), round(top / height, 5),
                          round(w / width, 5), round(h / height, 5), line))
    return words


def recognise(vault: Vault, evidence_id: int) -> RecognisedText:
    """Read one picture and store what was found (or that reading failed)."""
    found = run(prepare(vault, evidence_id))
    vault.journal.recognised.save(found)
    return found


def recognise_pending(vault: Vault, incident_id: int | None = None,
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Read every picture not read yet; returns how many were read. Does nothing without OCR.
    `progress(done, total)` may raise Cancelled; what was read so far stays stored."""
    if not available():
        return 0
    pending = vault.journal.recognised.pending(incident_id)
    for done, ident in enumerate(pending):
        if progress:
            progress(done, len(pending))
        recognise(vault, ident)
    return len(pending)
