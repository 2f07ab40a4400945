"""Image renditions for dossiers: decoded to pixels, regions burned in, re-encoded fresh.

Nothing of the original file survives but pixels: the output is a new JPEG written from a
new image object, so EXIF (GPS, camera serial), XMP, ICC profiles, PNG text chunks and
bytes after the end marker (aCropalypse) are all gone. Regions are blacked out in the
pixels before scaling, so no trace of them remains at any resolution.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from app.core import images
from app.core.errors import InvalidInput
from app.core.i18n import _

MAX_SIDE = 1400      # enough for a legible screenshot on an A4 page
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Rendition:
    """A re-encoded image ready for a PDF: JPEG bytes, size in pixels, and its SHA-256."""

    data: bytes
    width: int
    height: int
    sha256: str
    regions: int


def _check_region(region: list[float]) -> tuple[float, float, float, float]:
    try:
        x, y, w, h = (float(v) for v in region)
    except (TypeError, ValueError):
        raise InvalidInput(_("A redaction box of an image is damaged; open the image and draw it again.")) from None
    if not (0 <= x <= 1 and 0 <= y <= 1 and w > 0 and h > 0):
        raise InvalidInput(_("A redaction box of an image is damaged; open the image and draw it again."))
    return x, y, min(w, 1 - x), min(h, 1 - y)


def check_boxes(boxes: list[list[float]]) -> list[list[float]]:
    """Boxes as fractions [x, y, w, h] of the upright picture, clipped to it, or InvalidInput."""
    return [[round(v, 5) for v in _check_region(box)] for box in boxes]


def upright_box(box: list[float], orientation: int) -> list[float]:
    """A box drawn on the raw (unrotated) pixels of a photo with EXIF `orientation`, moved to
    where the same pixels are in the upright picture (what exif_transpose makes of it)."""
    x, y, w, h = box
    return {
        2: [1 - x - w, y, w, h], 3: [1 - x - w, 1 - y - h, w, h], 4: [x, 1 - y - h, w, h],
        5: [y, x, h, w], 6: [1 - y - h, x, h, w], 7: [1 - y - h, 1 - x - w, h, w], 8: [y, 1 - x - w, h, w],
    }.get(orientation, [x, y, w, h])


def burn(img: Image.Image, regions: list[list[float]]) -> Image.Image:
    """Black out normalised [x, y, w, h] regions (origin top-left) in an RGB image, in place.
    Edges are rounded outwards so a region never leaves a sliver of the original."""
    draw = ImageDraw.Draw(img)
    for region in regions:
        x, y, w, h = _check_region(region)
        left, top = int(x * img.width), int(y * img.height)
        right = min(img.width, -int(-(x + w) * img.width))
        bottom = min(img.height, -int(-(y + h) * img.height))
        draw.rectangle([left, top, right - 1, bottom - 1], fill=(0, 0, 0))
    return img


def pixels_only(img: Image.Image) -> Image.Image:
    """A new RGB image holding only the upright pixels (transparency flattened onto white)."""
    upright = images.upright_rgb(img)
    clean = Image.new("RGB", upright.size, (255, 255, 255))
    if upright.mode == "RGBA":
        clean.paste(upright, mask=upright.getchannel("A"))
    else:
        clean.paste(upright)
    return clean


def render(original: bytes, regions: list[list[float]], max_side: int = MAX_SIDE) -> Rendition:
    """Re-encode an original image from its pixels with `regions` burned in."""
    # Decoded straight at (about) the size the dossier needs: the full-size pixels of a large
    # photo never exist in memory, and boxes are burned before the final downscale.
    clean = burn(pixels_only(images.open_image(original, max_side=max_side)), regions)
    if max(clean.size) > max_side:
        clean.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    data = out.getvalue()
    return Rendition(data, clean.width, clean.height, hashlib.sha256(data).hexdigest(), len(regions))
