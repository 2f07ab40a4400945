"""A photo stored unrotated with an EXIF Orientation tag and two coloured squares, to follow
where boxes land (viewer, CLI, migrations, export) and count what an export left visible."""

from __future__ import annotations

import io

from PIL import Image

GREEN, BLUE = (0, 220, 0), (0, 0, 230)
RAW = (400, 300)
GREEN_RAW = (40, 30, 100, 90)    # left, top, right, bottom in the raw pixels
BLUE_RAW = (300, 200, 360, 260)


def rotated_photo(orientation: int) -> bytes:
    """A JPEG stored unrotated with two coloured squares and an EXIF Orientation tag."""
    raw = Image.new("RGB", RAW, (250, 250, 250))
    raw.paste(GREEN, GREEN_RAW)
    raw.paste(BLUE, BLUE_RAW)
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    raw.save(out, format="JPEG", quality=95, exif=exif)
    return out.getvalue()


def count(img: Image.Image, colour: tuple[int, int, int]) -> int:
    """Pixels near `colour` (JPEG blurs the edges)."""
    data = img.convert("RGB").tobytes()
    r, g, b = colour
    return sum(1 for i in range(0, len(data), 3)
               if abs(data[i] - r) + abs(data[i + 1] - g) + abs(data[i + 2] - b) < 90)
