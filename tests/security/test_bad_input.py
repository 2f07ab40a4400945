"""Hostile, huge or broken input is refused plainly and leaves the vault exactly as it was."""

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.core import evidence
from app.core.errors import FileRejected, IntegrityError
from tests.conftest import PASSPHRASE, child_peak_rss_mib, image_bytes, run_cli

ROOT = Path(__file__).resolve().parents[2]


def png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming width x height pixels over a tiny compressed body."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = zlib.compress(b"\x00" * (1 + width) * 64, 9)  # far too little data, on purpose
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def state(vault):
    j = vault.journal
    return (len(j.evidence.of_incident(1)), sorted(vault.blobs.names()), len(j.audit.entries()))


@pytest.mark.parametrize("name,data", [
    ("bomb.png", png_bomb(50_000, 50_000)),
    ("tall.png", png_bomb(10, 10_000_000)),
    ("truncated.jpg", image_bytes("JPEG", size=(800, 600))[:700]),
    ("garbage.png", b"\x89PNG\r\n\x1a\n" + os.urandom(4000)),
    ("gif.gif", b"GIF89a\xff\xff\xff\xff" + os.urandom(100)),
    ("webp.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + os.urandom(64)),
])
def test_hostile_images_are_refused_and_change_nothing(vault, incident_id, tmp_path, name, data):
    evidence.import_bytes(vault, incident_id, b"earlier evidence")
    before = state(vault)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FileRejected) as info:
        evidence.import_file(vault, incident_id, path)
    assert "Nothing in the journal changed" in info.value.message
    assert state(vault) == before
    assert not list((vault.path / "blobs").glob(".*"))


def test_a_large_but_honest_photo_is_accepted(vault, incident_id):
    img = Image.effect_noise((6000, 4000), 50).convert("RGB")
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=70)
    ev = evidence.import_bytes(vault, incident_id, out.getvalue())
    assert (ev.width, ev.height) == (6000, 4000)


def _run_limited(code: str, limit_bytes: int) -> subprocess.CompletedProcess:
    """Run code in a child whose files may not grow past limit_bytes (EFBIG, like a full
    FAT32 stick or quota): the honest stand-in for a full disk without root mounts."""
    def limit():
        import resource
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    env = dict(os.environ, PYTHONPATH=str(ROOT), SIJIL_PASSPHRASE=PASSPHRASE)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True,
                          text=True, preexec_fn=limit, timeout=120)


def test_full_disk_during_import_is_a_plain_error_and_loses_nothing(vault, vault_path, incident_id, tmp_path):
    evidence.import_bytes(vault, incident_id, b"earlier evidence")
    before = state(vault)
    vault.lock()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(8 * 1024 * 1024))
    proc = _run_limited(f"""
        from app.cli import main
        raise SystemExit(main(["--vault", {str(vault_path)!r}, "evidence", "add", "1", {str(big)!r}]))
    """, 4 * 1024 * 1024)
    assert proc.returncode == 1, proc.stderr
    assert "not enough room" in proc.stderr and "Traceback" not in proc.stderr
    from app.core.vault import Vault
    with Vault.unlock(vault_path, PASSPHRASE) as again:
        assert state(again) == before


def test_full_disk_during_extract_writes_no_partial_file(vault, vault_path, incident_id, tmp_path):
    ev = evidence.import_bytes(vault, incident_id, os.urandom(6 * 1024 * 1024))
    vault.lock()
    out = tmp_path / "out.bin"
    proc = _run_limited(f"""
        from app.cli import main
        raise SystemExit(main(["--vault", {str(vault_path)!r}, "evidence", "extract", "{ev.id}", "--out", {str(out)!r}]))
    """, 2 * 1024 * 1024)
    assert proc.returncode == 1 and "not enough room" in proc.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.bin*"))


# Headers: only what Sijil writes is tried with the passphrase ---------------------------------

def _edit_header(raw: bytes, edit) -> bytes:
    """Apply edit to the header JSON and recompute its (unkeyed) checksum, as an attacker can."""
    from app.core import header as header_mod
    body = json.loads(raw)
    body.pop("checksum")
    edit(body)
    body["checksum"] = header_mod._checksum(body)
    return json.dumps(body).encode()


def _set(path: tuple, value):
    def edit(body):
        target = body
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


DAMAGING_EDITS = {
    "opslimit raised": _set(("kdf", "opslimit"), 2**32 - 1),
    "memlimit raised": _set(("kdf", "memlimit"), 2**40),
    "memlimit nudged": _set(("kdf", "memlimit"), 8192 * 1024 + 1024),
    "opslimit as text": _set(("kdf", "opslimit"), "2"),
    "other algorithm": _set(("kdf", "algorithm"), "scrypt"),
    "short salt": _set(("kdf", "salt"), "AAAA"),
    "vault id not hex": _set(("vault_id",), "../../etc"),
    "key slot cut": lambda body: body["slots"].__setitem__(0, body["slots"][0][:20]),
    "key slot missing": lambda body: body["slots"].pop(),
    "guard cut": lambda body: body.__setitem__("guard", body["guard"][:8]),
}


@pytest.mark.parametrize("edit", DAMAGING_EDITS.values(), ids=DAMAGING_EDITS.keys())
def test_header_sijil_never_writes_is_damage_at_once(vault, vault_path, edit):
    from app.core.vault import Vault
    vault.lock()
    header = vault_path / "sijil-vault.json"
    header.write_bytes(_edit_header(header.read_bytes(), edit))
    started = time.monotonic()
    with pytest.raises(IntegrityError):
        Vault.unlock(vault_path, PASSPHRASE)
    assert time.monotonic() - started < 1  # refused before any key derivation


def test_cli_raised_kdf_cost_exits_3_instead_of_hanging(tmp_path):
    path = tmp_path / "vault"
    run_cli("--vault", str(path), "init", check=True)
    header = path / "sijil-vault.json"
    header.write_bytes(_edit_header(header.read_bytes(), _set(("kdf", "opslimit"), 2**32 - 1)))
    proc = run_cli("--vault", str(path), "incident", "list", timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert "damaged" in proc.stderr and "Traceback" not in proc.stderr


def test_edited_vault_id_is_damage_with_the_right_passphrase_only(tmp_path):
    """The vault id is bound into the wrapped key: with the right passphrase an edit of it is
    reported as damage (exit 3), not as a wrong passphrase (exit 4)."""
    path = tmp_path / "vault"
    run_cli("--vault", str(path), "init", check=True)
    header = path / "sijil-vault.json"
    original = header.read_bytes()
    flip = {"0": "1"}
    header.write_bytes(_edit_header(original, lambda b: b.__setitem__(
        "vault_id", "".join(flip.get(c, "0") for c in b["vault_id"]))))
    right = run_cli("--vault", str(path), "incident", "list")
    wrong = run_cli("--vault", str(path), "incident", "list", passphrase="not the passphrase at all")
    assert (right.returncode, wrong.returncode) == (3, 4), (right.stderr, wrong.stderr)
    assert "changed" in right.stderr
    header.write_bytes(original)
    assert run_cli("--vault", str(path), "incident", "list").returncode == 0


def test_backup_with_raised_kdf_cost_is_refused_as_damage(vault, tmp_path):
    from app.core import backup
    out = tmp_path / "journal.sijil-backup"
    backup.create_backup(vault, out)
    data = out.read_bytes()
    size = struct.unpack(">I", data[len(backup.MAGIC):len(backup.MAGIC) + 4])[0]
    start = len(backup.MAGIC) + 4
    forged = _edit_header(data[start:start + size], _set(("kdf", "memlimit"), 2**42))
    out.write_bytes(data[:len(backup.MAGIC)] + struct.pack(">I", len(forged)) + forged + data[start + size:])
    started = time.monotonic()
    with pytest.raises(IntegrityError):
        backup.restore_backup(out, tmp_path / "restored", PASSPHRASE)
    assert time.monotonic() - started < 1 and not (tmp_path / "restored").exists()


# open-dossier: streamed to a private temp file in the chosen folder, released only if verified ---

def _sealed(tmp_path, name: str, plaintext: bytes) -> tuple[Path, Path]:
    from app.core.export import seal
    if not (tmp_path / "lawyer" / "lawyer.key").exists():
        seal.keygen(tmp_path / "lawyer")
    path = tmp_path / name
    seal.write_sealed(path, plaintext, seal.read_public_key(tmp_path / "lawyer" / "lawyer.pub"))
    return path, tmp_path / "lawyer" / "lawyer.key"


def _open_peak(sealed: Path, key: Path, out: Path) -> float:
    """Peak memory (MiB) of opening `sealed` into `out` in a fresh process; must be refused."""
    return child_peak_rss_mib(f"""
        from pathlib import Path
        from app.core.errors import IntegrityError
        from app.core.export import seal, verify
        try:
            verify.open_dossier(Path({str(sealed)!r}), seal.read_secret_key(Path({str(key)!r})), Path({str(out)!r}))
        except IntegrityError:
            pass
        else:
            raise SystemExit("a file that is not a signed dossier was released")
    """)


def test_open_dossier_does_not_hold_the_decrypted_file_twice(tmp_path):
    size = 256
    small, key = _sealed(tmp_path, "small.sealed", b"%PDF-1.7\n" + bytes(1000))
    big, _key = _sealed(tmp_path, "big.sealed", b"%PDF-1.7\n" + os.urandom(1 << 20) * size)
    grown = _open_peak(big, key, tmp_path / "out-big") - _open_peak(small, key, tmp_path / "out-small")
    assert grown < 1.4 * size, f"{grown / size:.2f} x the file's size"  # was 2 x and more
    assert not (tmp_path / "out-big").exists() and not (tmp_path / "out-small").exists()


@pytest.mark.parametrize("damage", ["cut", "flipped", "not a dossier"])
def test_open_dossier_failure_leaves_nothing_in_the_folder(tmp_path, damage):
    from app.core.export import seal, verify
    sealed, key = _sealed(tmp_path, "d.sealed", b"%PDF-1.7\n" + os.urandom(3 * 1024 * 1024))
    raw = sealed.read_bytes()
    if damage == "cut":
        sealed.write_bytes(raw[:-1000])
    elif damage == "flipped":
        sealed.write_bytes(raw[:-50] + bytes([raw[-50] ^ 1]) + raw[-49:])
    out = tmp_path / "existing"
    out.mkdir()
    with pytest.raises(IntegrityError):
        verify.open_dossier(sealed, seal.read_secret_key(key), out)
    assert list(out.iterdir()) == []  # no temp file, no partial PDF, no attachment


# Pictures: 16-bit greyscale, and bounded memory on import and export --------------------------

def _png_claiming(width: int, height: int, colour_type: int, depth: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))


def _grey16_png(value: int, size=(120, 80)) -> bytes:
    img = Image.new("I;16", size, value)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def test_a_16_bit_greyscale_png_keeps_its_greys_in_thumbnail_and_dossier(vault, incident_id):
    from app.core.redaction.images import render
    data = _grey16_png(32768)  # mid grey
    assert Image.open(io.BytesIO(data)).mode == "I;16"
    ev = evidence.import_bytes(vault, incident_id, data)
    thumb = Image.open(io.BytesIO(evidence.read_thumbnail(vault, ev.id))).convert("L")
    shown = Image.open(io.BytesIO(render(data, []).data)).convert("L")
    for picture in (thumb, shown):
        assert 120 <= picture.getpixel((10, 10)) <= 136  # was 255: white


def test_a_picture_beyond_the_decoding_budget_is_refused_before_decoding(vault, incident_id, tmp_path):
    from app.core import images
    path = tmp_path / "huge.png"
    path.write_bytes(_png_claiming(9000, 8000, colour_type=6))  # RGBA: 275 MiB once decoded
    with pytest.raises(FileRejected, match="memory") as info:
        evidence.import_file(vault, incident_id, path)
    assert "Nothing in the journal changed" in info.value.message
    assert images.DECODE_BUDGET < 9000 * 8000 * 4 and images.MAX_PIXELS >= 9000 * 8000


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_large_pictures_decode_in_bounded_memory(tmp_path, fmt):
    """An 8000 x 6000 picture (144 MB of RGB pixels): importing it makes one full-size copy at
    most, exporting it none (JPEG) or one (PNG); before, each step made four or five."""
    small, big = tmp_path / f"small.{fmt}", tmp_path / f"big.{fmt}"
    small.write_bytes(image_bytes(fmt, size=(64, 48)))
    big.write_bytes(image_bytes(fmt, size=(8000, 6000), colour="teal"))
    pixels = 8000 * 6000 * 3 / (1 << 20)  # MiB

    def peak(path, step):
        return child_peak_rss_mib(f"""
            from pathlib import Path
            from app.core import images
            from app.core.redaction.images import render
            data = Path({str(path)!r}).read_bytes()
            if {step!r} == "import":
                images.thumbnail_png(images.open_image(data))
            else:
                render(data, [[0.1, 0.1, 0.2, 0.2]])
        """)
    for step, bound in (("import", 1.6), ("export", 0.5 if fmt == "JPEG" else 1.6)):
        grown = peak(big, step) - peak(small, step)
        assert grown < bound * pixels, f"{step}: {grown / pixels:.2f} x the decoded size"
