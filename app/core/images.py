"""Opening images safely: an allow-list of formats, decompression-bomb limits, and metadata
read into plain dicts. Used at import (metadata, thumbnails) and by redaction (re-encode).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import BinaryIO

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from app.core.errors import FileRejected
from app.core.i18n import _

ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
MAX_PIXELS = 80_000_000  # ~ a 10,000 x 8,000 photo; larger is refused, not downscaled
# Pixels are decoded once at most: the decoded picture (bytes per pixel x pixels) must fit this
# budget, and every later copy (turning, colour conversion, boxes) is made of a reduced one.
DECODE_BUDGET = 256 * 1024 * 1024
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 2, "PA": 2, "La": 2, "RGB": 3, "YCbCr": 3, "LAB": 3, "HSV": 3,
                    "RGBA": 4, "RGBa": 4, "CMYK": 4, "RGBX": 4, "I": 4, "F": 4}
THUMBNAIL_SIZE = (320, 320)

# Magic numbers of the allowed formats: images are recognised by content, never by name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_image(head: bytes) -> str | None:
    """The MIME type if `head` starts like an allowed image, else None."""
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _rejected() -> FileRejected:
    return FileRejected(
        _("This image could not be read safely (it is damaged, hostile or too large), so it was "
          "not added. Nothing in the journal changed. Try a screenshot of it instead.")
    )


def _too_big_to_decode() -> FileRejected:
    return FileRejected(
        _("This image is too large to open within the memory Sijil allows itself ({mb} MB), so it was not "
          "added. Nothing in the journal changed. Save a smaller copy or a screenshot of it instead.")
        .format(mb=DECODE_BUDGET // (1024 * 1024)))


@contextlib.contextmanager
def _within_pixel_limit() -> Iterator[None]:
    """Pillow's own limit set to ours, its bomb warning an error, and every way Pillow refuses a
    file turned into FileRejected."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            yield
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
                OSError, ValueError, SyntaxError, EOFError):
            raise _rejected() from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def open_image(src: BinaryIO | bytes, max_side: int | None = None) -> Image.Image:
    """Open and decode an image within the pixel limit and the memory budget, or raise
    FileRejected. With max_side, the result is at least that large on its longer side but
    may be smaller than the original: JPEG decodes at 1/2, 1/4 or 1/8 scale directly (DCT
    scaling), other formats are reduced by whole factors right after decoding. Metadata
    (`info`, EXIF) stays that of the original."""
    fh = io.BytesIO(src) if isinstance(src, bytes | bytearray) else src
    with _within_pixel_limit():
        img = Image.open(fh, formats=ALLOWED_FORMATS)
        if img.width * img.height > MAX_PIXELS:
            raise _rejected()
        if max_side and img.format == "JPEG":
            img.draft(img.mode, (max_side, max_side))
        if img.width * img.height * _BYTES_PER_PIXEL.get(img.mode, 2) > DECODE_BUDGET:
            raise _too_big_to_decode()
        img.load()
        img = _eight_bit(img)
        factor = min(img.width, img.height, max(img.size) // max_side) if max_side else 1
        if factor >= 2 and img.mode not in ("P", "PA", "1"):
            reduced = img.reduce(factor)
            reduced.info, reduced.format = dict(img.info), img.format
            return reduced
        return img


def open_header(data: bytes) -> Image.Image:
    """The image opened lazily: format, size, EXIF and the chunks before the pixels are read
    from the header, no pixel is decoded. For bulk imports, where decoding was most of the
    time; the pixels are decoded (and checked) later, when a thumbnail is first asked for.
    Raises FileRejected for a format not allowed or a picture over the pixel limit."""
    with _within_pixel_limit():
        img = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
        if img.width * img.height > MAX_PIXELS:
            raise _rejected()
        return img


def pixel_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the header, without decoding. Call after `open_image` accepted it."""
    with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as img:
        return img.size


def _eight_bit(img: Image.Image) -> Image.Image:
    """16-bit greyscale (PNG) scaled to 8 bits: a plain convert clips every value above 255,
    so the picture came out white."""
    if not (img.mode.startswith("I;16") or img.mode == "I"):
        return img
    scaled = img.point(lambda v: v / 256, "L")
    scaled.info, scaled.format = dict(img.info), img.format
    return scaled


def upright_rgb(img: Image.Image) -> Image.Image:
    """Pixels only, turned the way the camera meant, in RGB(A)."""
    img = ImageOps.exif_transpose(img)
    alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    return img.convert("RGBA" if alpha else "RGB")


def thumbnail_png(img: Image.Image) -> bytes:
    if max(img.size) >= 4 * max(THUMBNAIL_SIZE) and img.mode not in ("P", "PA", "1"):
        reduced = img.reduce(max(img.size) // (2 * max(THUMBNAIL_SIZE)))  # before any full-size copy
        reduced.info = dict(img.info)  # EXIF orientation
        img = reduced
    thumb = upright_rgb(img)
    thumb.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    # Level 1: a thumbnail is private (encrypted) and small, and zlib's default level made it
    # a quarter of a photo's import time (10,000-message imports, tests/benchmarks/bench_import.py).
    thumb.save(out, format="PNG", optimize=False, compress_level=1)
    return out.getvalue()


def _plain(value: object) -> object:
    """EXIF values as JSON-friendly text and numbers."""
    if isinstance(value, bytes):
        return value[:64].hex()
    if isinstance(value, Fraction) or type(value).__name__ == "IFDRational":
        return float(value) if value.denominator else None
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value if isinstance(value, int | float | str) else str(value)


def _gps_decimal(gps: dict) -> dict:
    def degrees(dms: list, ref: str) -> float | None:
        try:
            d, m, s = (float(x) for x in dms)
        except (TypeError, ValueError):
            return None
        value = d + m / 60 + s / 3600
        return -value if ref in ("S", "W") else value

    out = {}
    if "GPSLatitude" in gps:
        out["latitude"] = degrees(gps["GPSLatitude"], gps.get("GPSLatitudeRef", "N"))
    if "GPSLongitude" in gps:
        out["longitude"] = degrees(gps["GPSLongitude"], gps.get("GPSLongitudeRef", "E"))
    return out


def read_metadata(img: Image.Image, raw_tail: bytes = b"") -> dict:
    """Everything identifying the image carries: EXIF (camera, serial, time, GPS), text chunks,
    and whether bytes follow the end marker. Evidence inside the vault; never exported."""
    meta: dict = {"format": img.format, "width": img.width, "height": img.height}
    exif = img.getexif()
    if exif:
        tags = {ExifTags.TAGS.get(k, str(k)): _plain(v) for k, v in exif.items()}
        tags.update({ExifTags.TAGS.get(k, str(k)): _plain(v)
                     for k, v in exif.get_ifd(ExifTags.IFD.Exif).items()})
        # Drop binary blobs and the offsets that merely point at the sub-directories read here.
        skip = {"MakerNote", "UserComment", "ExifOffset", "GPSInfo"}
        meta["exif"] = {k: v for k, v in tags.items() if k not in skip}
        gps = {ExifTags.GPSTAGS.get(k, str(k)): _plain(v) for k, v in exif.get_ifd(ExifTags.IFD.GPSInfo).items()}
        if gps:
            meta["gps"] = _gps_decimal(gps) | {"raw": gps}
    text = {k: v for k, v in img.info.items() if isinstance(v, str) and k not in ("transparency",)}
    if text:
        meta["text"] = {k: v[:2000] for k, v in text.items()}
    if "icc_profile" in img.info:
        meta["icc_profile"] = True
    if "xmp" in img.info or "XML:com.adobe.xmp" in img.info:
        meta["xmp"] = True
    if raw_tail:
        meta["bytes_after_end"] = len(raw_tail)
    return meta


def trailing_bytes(data_tail: bytes, mime: str) -> bytes:
    """Bytes after the PNG IEND or JPEG EOI marker in the last part of a file (aCropalypse)."""
    marker = {"image/png": b"IEND\xae\x42\x60\x82", "image/jpeg": b"\xff\xd9"}.get(mime)
    if not marker:
        return b""
    at = data_tail.rfind(marker) if mime == "image/jpeg" else data_tail.find(marker)
    return data_tail[at + len(marker):] if at >= 0 else b""
