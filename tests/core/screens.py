"""Generated screenshots for OCR tests: chat lines in Latin and Arabic script drawn with the
bundled Noto fonts (Pillow with raqm shapes and orders the Arabic)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.core.journal.recognised_text import DONE, RecognisedText, Word

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def screenshot(lines: list[str], size: tuple[int, int] = (1080, 1920), pt: int = 44) -> Image.Image:
    """White screen, one line of text per entry (Arabic ones right-aligned, like a chat)."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    latin = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), pt)
    arabic = ImageFont.truetype(str(FONTS / "NotoNaskhArabic-Regular.ttf"), pt)
    y = 80
    for line in lines:
        rtl = any("\u0600" <= ch <= "\u06ff" for ch in line)
        font = arabic if rtl else latin
        if rtl:
            width = draw.textlength(line, font=font, direction="rtl")
            draw.text((size[0] - 60 - width, y), line, font=font, fill="black", direction="rtl")
        else:
            draw.text((60, y), line, font=font, fill="black")
        y += int(pt * 2.2)
    return img


def png(img: Image.Image, **save) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", **save)
    return out.getvalue()


def jpeg(img: Image.Image, **save) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92, **save)
    return out.getvalue()


def read_text(image: Path | bytes, langs: str = "ara+fas+tur+fra+spa+eng", *config: str) -> str:
    """What an adversary's tesseract reads in a picture (all six languages)."""
    data = image.read_bytes() if isinstance(image, Path) else image
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", langs, *(config or ("--psm", "3"))], input=data,
                          capture_output=True, check=True, timeout=300)
    return done.stdout.decode("utf-8", errors="replace")


def words(*lines: str, top: float = 0.1) -> RecognisedText:
    """Recognised text laid out as one line per entry, words 0.1 wide."""
    found = []
    for n, line in enumerate(lines):
        for k, text in enumerate(line.split()):
            found.append(Word(text, 0.05 + 0.12 * k, top + 0.05 * n, 0.1, 0.02, n))
    return RecognisedText(1, DONE, "test", found, 1000, 2000)
