"""Image renditions: pixels only, regions burned in before scaling."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.core.errors import FileRejected, InvalidInput
from app.core.redaction.images import render
from tests.core.export.case import CAMERA_SERIAL, GREEN, TRAILER, camera_jpeg, chat_png


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("original", [camera_jpeg(), chat_png()])
def test_rendition_carries_nothing_but_pixels(original):
    out = render(original, [])
    img = decoded(out.data)
    assert img.format == "JPEG" and not img.getexif() and "icc_profile" not in img.info
    assert "comment" not in img.info and "xmp" not in img.info
    for secret in (b"Exif", b"ICC_PROFILE", CAMERA_SERIAL.encode(), TRAILER, b"Layla", b"tEXt", b"iTXt"):
        assert secret not in out.data
    assert out.data.endswith(b"\xff\xd9")


def test_region_is_black_and_nothing_of_it_survives():
    out = render(camera_jpeg(), [[100 / 640, 100 / 480, 161 / 640, 121 / 480]])
    img = decoded(out.data).convert("RGB")
    assert all(max(img.getpixel((x, y))) < 30 for x in range(105, 255, 10) for y in range(105, 215, 10))
    assert not any(g > 180 and r < 90 and b < 90 for r, g, b in img.get_flattened_data())
    assert out.regions == 1


def test_large_images_are_scaled_after_burning():
    big = io.BytesIO()
    Image.new("RGB", (4000, 3000), GREEN).save(big, format="PNG")
    out = render(big.getvalue(), [[0.5, 0.5, 0.5, 0.5]], max_side=800)
    img = decoded(out.data).convert("RGB")
    assert img.size == (800, 600)
    assert max(img.getpixel((700, 500))) < 30 and img.getpixel((100, 100))[1] > 200


def test_bad_regions_and_bad_images_are_refused():
    with pytest.raises(InvalidInput):
        render(chat_png(), [[0.5, 0.5, -1, 0.2]])
    with pytest.raises(FileRejected):
        render(b"\x89PNG\r\n\x1a\nnot really", [])
