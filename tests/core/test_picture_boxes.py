"""One coordinate system for boxes: the upright picture. The viewer shows it, the CLI takes
fractions of it, migrations move old boxes onto it, and the export burns exactly there, for
photos whose EXIF Orientation turns them (3, 6, 8 and the mirrored ones)."""

from __future__ import annotations

import io
import json
import os
import subprocess

import pytest
import sqlcipher3
from PIL import Image, ImageOps

from app.cli.pictures import parse_box
from app.core import db, evidence
from app.core.errors import InvalidInput
from app.core.redaction.images import upright_box
from tests.conftest import run_cli
from tests.core.photos import BLUE, GREEN, GREEN_RAW, RAW, count, rotated_photo


def fraction(rect: tuple[int, int, int, int]) -> list[float]:
    left, top, right, bottom = rect
    return [left / RAW[0], top / RAW[1], (right - left) / RAW[0], (bottom - top) / RAW[1]]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_upright_box_lands_on_the_same_pixels_exif_transpose_moves(orientation):
    img = Image.open(io.BytesIO(rotated_photo(orientation)))
    upright = ImageOps.exif_transpose(img)
    x, y, w, h = upright_box(fraction(GREEN_RAW), orientation)
    crop = upright.crop((round(x * upright.width), round(y * upright.height),
                         round((x + w) * upright.width), round((y + h) * upright.height)))
    assert count(crop, GREEN) > 0.9 * crop.width * crop.height


def test_boxes_stored_over_raw_pixels_move_onto_the_upright_picture_on_upgrade(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "old.db"
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    db.migrate(conn, target=2)
    conn.execute("INSERT INTO incidents (title, occurred_on, created_at, updated_at) VALUES ('T', '2026-01-01', 'n', 'n')")
    box = fraction(GREEN_RAW)
    for n, orientation in enumerate((6, 1)):
        conn.execute("INSERT INTO evidence (incident_id, blob, sha256, size, media_type, kind, imported_at, metadata, "
                     "redactions) VALUES (1, ?, '', 1, 'image/jpeg', 'image', 'n', ?, ?)",
                     (f"b{n}", json.dumps({"exif": {"Orientation": orientation}}), json.dumps([box])))
    conn.close()
    upgraded = db.open_database(path, key)
    stored = [json.loads(r[0]) for r in upgraded.execute("SELECT redactions FROM evidence ORDER BY id")]
    assert stored == [[upright_box(box, 6)], [box]]


@pytest.fixture
def cli_vault(tmp_path):
    path = tmp_path / "vault"
    run_cli("--vault", str(path), "init", check=True)
    run_cli("--vault", str(path), "incident", "add", "--title", "Photo", "--occurred", "2026-01-01",
            "--platform", "telegram", check=True)
    return path


def exported_image(vault, tmp_path) -> Image.Image:
    out = tmp_path / "dossier.pdf"
    run_cli("--vault", str(vault), "export", "1", "--format", "platform", "--platform", "telegram",
            "--out", str(out), check=True)
    images = tmp_path / "images"
    images.mkdir()
    subprocess.run(["pdfimages", "-all", str(out), str(images / "img")], check=True)
    (found,) = [Image.open(p) for p in sorted(images.iterdir()) if Image.open(p).width > 100]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_a_box_given_on_the_command_line_removes_that_region_of_a_rotated_photo(cli_vault, tmp_path, orientation):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(rotated_photo(orientation))
    run_cli("--vault", str(cli_vault), "evidence", "add", "1", str(photo), check=True)
    x, y, w, h = upright_box(fraction(GREEN_RAW), orientation)
    box = f"{x - 0.01:.4f},{y - 0.01:.4f},{w + 0.02:.4f},{h + 0.02:.4f}"
    done = run_cli("--vault", str(cli_vault), "evidence", "redact", "1", "--box", box, check=True)
    assert "1 area hidden" in done.stdout
    listed = run_cli("--vault", str(cli_vault), "evidence", "boxes", "1", "--json", check=True)
    assert json.loads(listed.stdout)["boxes"] == [[float(v) for v in box.split(",")]]
    image = exported_image(cli_vault, tmp_path)
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(rotated_photo(orientation))))
    assert image.width / image.height == pytest.approx(upright.width / upright.height, rel=0.02)
    assert count(image, GREEN) == 0
    assert count(image, BLUE) > 0.8 * (60 * 60) * (image.width / upright.width) ** 2


def test_bad_boxes_are_refused_in_plain_words(vault, incident_id):
    ev = evidence.import_bytes(vault, incident_id, rotated_photo(6))
    for bad in ("0.1,0.2,0.3", "a,b,c,d"):
        with pytest.raises(InvalidInput, match="four numbers"):
            parse_box(bad)
    for bad in ([1.5, 0, 0.1, 0.1], [0.1, 0.1, 0, 0.1], [-0.1, 0, 0.5, 0.5]):
        with pytest.raises(InvalidInput, match="draw it again"):
            evidence.set_redactions(vault, ev.id, [bad])
    assert evidence.set_redactions(vault, ev.id, [[0.9, 0.9, 0.5, 0.5]]).redactions == [[0.9, 0.9, 0.1, 0.1]]
    text = evidence.import_bytes(vault, incident_id, b"plain text evidence")
    with pytest.raises(InvalidInput, match="not a picture"):
        evidence.set_redactions(vault, text.id, [[0.1, 0.1, 0.1, 0.1]])


@pytest.mark.slow
def test_the_cli_explains_a_missing_box_and_clears_boxes(cli_vault, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(rotated_photo(6))
    run_cli("--vault", str(cli_vault), "evidence", "add", "1", str(photo), check=True)
    done = run_cli("--vault", str(cli_vault), "evidence", "redact", "1", "--box", "0.1;0.2")
    assert done.returncode != 0 and "four numbers" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("--vault", str(cli_vault), "evidence", "redact", "1")
    assert done.returncode != 0 and "--box" in done.stderr
    run_cli("--vault", str(cli_vault), "evidence", "redact", "1", "--clear", check=True)
    assert json.loads(run_cli("--vault", str(cli_vault), "evidence", "boxes", "1", "--json").stdout)["boxes"] == []
