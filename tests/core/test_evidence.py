import hashlib
import io
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from app.core import evidence, settings
from app.core.errors import FileRejected, IntegrityError, NotFound
from app.core.filenames import MAX_NAME_CHARS, safe_file_name
from tests.conftest import image_bytes


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def camera_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0xA431] = "Canon", "EOS 80D", "SERIAL-0042"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (36.0, 12.0, 30.0), "E", (37.0, 9.0, 15.0)
    return image_bytes("JPEG", exif=exif)


@pytest.mark.parametrize("data,kind,mime", [
    (image_bytes("PNG"), "image", "image/png"),
    (image_bytes("JPEG"), "image", "image/jpeg"),
    (image_bytes("WEBP"), "image", "image/webp"),
    (image_bytes("GIF"), "image", "image/gif"),
    (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "pdf", "application/pdf"),
    ("تهديد على تيليغرام\nthreat".encode(), "text", "text/plain"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64), "video", "video/mp4"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(64), "audio", "audio/mpeg"),
    (bytes(range(256)) * 4, "other", "application/octet-stream"),
])
def test_files_are_recognised_by_content_not_name(vault, incident_id, tmp_path, data, kind, mime):
    ev = evidence.import_file(vault, incident_id, write(tmp_path, "misleading.txt", data))
    assert (ev.kind, ev.media_type) == (kind, mime)
    assert ev.sha256 == hashlib.sha256(data).hexdigest() and ev.size == len(data)
    assert evidence.read_original(vault, ev.id) == data


def test_extract_returns_exact_original_bytes(vault, incident_id, tmp_path):
    data = camera_jpeg()
    ev = evidence.import_file(vault, incident_id, write(tmp_path, "photo.jpg", data), source_url="https://t.me/c/1/2",
                              caption="photo")
    out = tmp_path / "out.jpg"
    evidence.extract(vault, ev.id, out)
    assert out.read_bytes() == data
    assert vault.journal.audit.entries()[-1].action == "evidence.extract"


def test_image_metadata_is_kept_inside_the_vault(vault, incident_id, tmp_path):
    ev = evidence.import_file(vault, incident_id, write(tmp_path, "p.jpg", camera_jpeg()))
    stored = vault.journal.evidence.get(ev.id)
    assert stored.metadata["exif"]["Make"] == "Canon"
    assert stored.metadata["exif"]["BodySerialNumber"] == "SERIAL-0042"
    assert stored.metadata["gps"]["latitude"] == pytest.approx(36.2083, abs=1e-3)
    assert stored.width == 64 and stored.height == 48


def test_png_text_chunks_and_bytes_after_iend_are_noted(vault, incident_id):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Rania Khalil")
    data = image_bytes("PNG", pnginfo=info) + b"leftover cropped pixels"
    ev = evidence.import_bytes(vault, incident_id, data, name="crop.png")
    assert ev.metadata["text"]["Author"] == "Rania Khalil"
    assert ev.metadata["bytes_after_end"] == len(b"leftover cropped pixels")
    assert evidence.read_original(vault, ev.id) == data  # evidence is kept as it was


def test_blobs_and_thumbnails_are_encrypted_with_random_names(vault, incident_id, tmp_path):
    data = image_bytes("PNG", size=(400, 300))
    ev = evidence.import_file(vault, incident_id, write(tmp_path, "s.png", data))
    names = vault.blobs.names()
    assert names == {ev.blob, ev.thumbnail_blob}
    assert ev.sha256 not in names and all(len(n) == 32 for n in names)
    for name in names:
        raw = (vault.blobs.root / name).read_bytes()
        assert b"PNG" not in raw[:64] and b"IHDR" not in raw
    thumb = Image.open(io.BytesIO(evidence.read_thumbnail(vault, ev.id)))
    assert max(thumb.size) <= 320


def test_same_file_twice_gets_different_blob_names(vault, incident_id):
    a = evidence.import_bytes(vault, incident_id, b"same text")
    b = evidence.import_bytes(vault, incident_id, b"same text")
    assert a.blob != b.blob and a.sha256 == b.sha256


def test_delete_removes_blobs(vault, incident_id):
    ev = evidence.import_bytes(vault, incident_id, image_bytes())
    evidence.delete(vault, ev.id)
    assert vault.blobs.names() == set()
    with pytest.raises(NotFound):
        vault.journal.evidence.get(ev.id)


def test_deleting_an_incident_returns_its_blobs(vault, incident_id):
    ev = evidence.import_bytes(vault, incident_id, image_bytes())
    assert set(vault.journal.incidents.delete(incident_id)) == {ev.blob, ev.thumbnail_blob}


def test_unknown_incident_is_refused_before_any_work(vault, tmp_path):
    with pytest.raises(NotFound):
        evidence.import_file(vault, 99, write(tmp_path, "a.png", image_bytes()))
    assert vault.blobs.names() == set()


def test_unreadable_path_is_a_plain_error(vault, incident_id, tmp_path):
    with pytest.raises(FileRejected, match="could not be read"):
        evidence.import_file(vault, incident_id, tmp_path / "gone.png")
    with pytest.raises(FileRejected):
        evidence.import_file(vault, incident_id, tmp_path)


def test_tampered_blob_names_the_item_and_extract_writes_nothing(vault, incident_id, tmp_path):
    ev = evidence.import_bytes(vault, incident_id, b"x" * 5000)
    path = vault.blobs.root / ev.blob
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF
    path.write_bytes(bytes(raw))
    out = tmp_path / "out.bin"
    with pytest.raises(IntegrityError, match=f"Evidence item {ev.id}"):
        evidence.extract(vault, ev.id, out)
    assert not out.exists()
    assert not any(p.name.startswith(".out.bin") for p in tmp_path.iterdir())


def test_progress_is_reported_for_streamed_files(vault, incident_id, tmp_path):
    seen = []
    path = write(tmp_path, "big.bin", bytes(3 * 1024 * 1024 + 5))
    evidence.import_file(vault, incident_id, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3 * 1024 * 1024 + 5, 3 * 1024 * 1024 + 5)
    assert len(seen) >= 3


# Only ordinary files, within a limit the defender sets ----------------------------------------

def _nothing_added(vault, incident_id):
    return vault.journal.evidence.of_incident(incident_id) == [] and vault.blobs.names() == set()


def test_a_fifo_is_refused_at_once_instead_of_hanging(vault, incident_id, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRejected, match="not an ordinary file"):
        evidence.import_file(vault, incident_id, fifo)  # the old code blocked here forever
    assert _nothing_added(vault, incident_id)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_before_a_byte_is_read(vault, incident_id, device):
    with pytest.raises(FileRejected, match="not an ordinary file"):
        evidence.import_file(vault, incident_id, Path(device))
    assert _nothing_added(vault, incident_id)


def test_a_socket_and_a_folder_are_refused_with_their_reason(vault, incident_id, tmp_path):
    import socket
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "s"))
    try:
        with pytest.raises(FileRejected, match="not an ordinary file"):
            evidence.import_file(vault, incident_id, tmp_path / "s")
    finally:
        server.close()
    with pytest.raises(FileRejected, match="folder"):
        evidence.import_file(vault, incident_id, tmp_path)
    assert _nothing_added(vault, incident_id)


def test_a_symbolic_link_is_not_followed(vault, incident_id, tmp_path):
    secret = write(tmp_path, "id_ed25519", b"-----BEGIN OPENSSH PRIVATE KEY-----")
    link = tmp_path / "holiday.jpg"
    link.symlink_to(secret)
    with pytest.raises(FileRejected, match="link"):
        evidence.import_file(vault, incident_id, link)
    assert _nothing_added(vault, incident_id)


def test_files_above_the_limit_are_refused_until_the_defender_raises_it(vault, incident_id, tmp_path):
    path = write(tmp_path, "video.mp4", bytes(3 * 1024 * 1024))
    settings.write(vault.journal, settings.MAX_FILE_MB, 2)
    with pytest.raises(FileRejected, match="limit of 2 MB"):
        evidence.import_file(vault, incident_id, path)
    assert _nothing_added(vault, incident_id)
    assert evidence.import_file(vault, incident_id, path, max_bytes=4 * 1024 * 1024).size == 3 * 1024 * 1024
    settings.write(vault.journal, settings.MAX_FILE_MB, 8)
    assert evidence.import_file(vault, incident_id, path).size == 3 * 1024 * 1024


def test_a_sparse_file_past_the_default_limit_is_refused_without_reading_it(vault, incident_id, tmp_path):
    path = tmp_path / "huge.bin"
    with open(path, "wb") as fh:
        fh.truncate(settings.MAX_FILE_MB.default * 1024 * 1024 + 1)
    with pytest.raises(FileRejected, match="limit of 4096 MB"):
        evidence.import_file(vault, incident_id, path)
    assert _nothing_added(vault, incident_id)


@pytest.mark.parametrize("name,shown", [
    ("invoice\u202egnp.exe", "invoicegnp.exe"),
    ("line\nforged: ok.png", "lineforged: ok.png"),
    ("\x1b[31mred.txt", "[31mred.txt"),
    ("../../.bashrc", "_.._.bashrc"),
    ("C:\\Users\\me\\photo.jpg ", "C:_Users_me_photo.jpg"),
    ("می\u200cخواهم.jpg", "می\u200cخواهم.jpg"),
])
def test_file_names_are_stored_without_control_or_bidi_characters(vault, incident_id, tmp_path, name, shown):
    ev = evidence.import_bytes(vault, incident_id, b"some text", name=name)
    assert vault.journal.evidence.get(ev.id).original_name == shown
    if "/" not in name:
        assert evidence.import_file(vault, incident_id, write(tmp_path, name, b"text")).original_name == shown


@given(st.text(max_size=200) | st.text(st.characters(max_codepoint=127), max_size=200))
def test_any_file_name_is_made_safe_the_same_way(name):
    # ASCII names take a shorter path: both must keep the same promises
    clean = safe_file_name(name)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or ch in "/\\"
                   or (unicodedata.category(ch) == "Cf" and ch not in "\u200c\u200d") for ch in clean)
    assert len(clean) <= MAX_NAME_CHARS and not clean.startswith(".") and clean == clean.strip()
    assert safe_file_name(clean) == clean
