"""Reading dossiers back the way a recipient's tools do: poppler's text per page and the
rendered pages' ink, to check layout (headings with their content, no nearly empty page)."""

from __future__ import annotations

import io
import re
import subprocess

from PIL import Image


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, in reading order, footers included (pdftotext)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def body_lines(page: str) -> list[str]:
    """Non-empty lines of a page without its footer."""
    return [line.strip() for line in page.splitlines() if line.strip() and not line.strip().startswith("Sijil ·")]


def ink_depth(pdf: bytes) -> list[float]:
    """For each page, how far down (0..1 of the height above the footer) anything is drawn."""
    pngs = subprocess.run(["pdftoppm", "-png", "-r", "20", "-"], input=pdf, capture_output=True, check=True).stdout
    depths = []
    for chunk in pngs.split(b"\x89PNG")[1:]:
        img = Image.open(io.BytesIO(b"\x89PNG" + chunk)).convert("L")
        body = img.crop((0, 0, img.width, int(img.height * 0.93)))  # above the footer line
        box = body.point(lambda v: 255 if v < 200 else 0).getbbox()  # where anything darker than paper is
        depths.append(box[3] / body.height if box else 0.0)
    return depths
