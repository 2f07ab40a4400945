"""Read a PDF the way an adversary would: every text layer, every stream, every image."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import StreamObject

from app.core.textnorm import fold


def squash(text: str) -> str:
    """NFKC (Arabic presentation forms back to letters), folded, no whitespace."""
    return "".join(fold(unicodedata.normalize("NFKC", text)).split())


@dataclass
class Reading:
    texts: list[str] = field(default_factory=list)      # every text layer, squashed
    streams: list[bytes] = field(default_factory=list)  # every stream, decompressed
    images: list[bytes] = field(default_factory=list)   # files written by pdfimages -all
    metadata: dict = field(default_factory=dict)
    xmp: object = None

    def contains(self, secret: str) -> str | None:
        """Where the secret shows up (forwards or reversed), or None."""
        needle = squash(secret)
        for i, text in enumerate(self.texts):
            if needle in text or needle in text[::-1]:
                return f"text layer {i}"
        raw = [secret.encode("utf-8"), secret.encode("utf-16-be"), needle.encode("utf-8")]
        for i, blob in enumerate(self.streams + self.images):
            if any(r in blob for r in raw):
                return f"stream/image {i}"
        return None


def read(pdf: bytes, workdir: Path) -> Reading:
    path = workdir / "adversary.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    r = Reading(metadata=dict(reader.metadata or {}), xmp=reader.xmp_metadata)
    r.texts.append(squash("".join(page.extract_text() or "" for page in reader.pages)))
    for args in ([], ["-layout"], ["-raw"]):
        out = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, check=True).stdout
        r.texts.append(squash(out.decode("utf-8")))
    for num in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(num)
        if isinstance(obj, StreamObject):
            r.streams.append(obj.get_data())
    r.streams.append(pdf)
    images = workdir / "images"
    images.mkdir(exist_ok=True)
    subprocess.run(["pdfimages", "-all", str(path), str(images / "img")], check=True)
    r.images = [p.read_bytes() for p in sorted(images.iterdir())]
    return r


def image_metadata(data: bytes) -> dict:
    """Anything identifying a decoded image still carries."""
    img = Image.open(io.BytesIO(data))
    found = {k: v for k, v in img.info.items() if k not in ("jfif", "jfif_version", "jfif_unit", "jfif_density",
                                                                "dpi", "progressive", "progression")}
    if img.getexif():
        found["exif"] = dict(img.getexif())
    return found
