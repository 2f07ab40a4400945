"""Hostile, huge or broken input is refused plainly and leaves the vault exactly as it was."""

import io
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.core import evidence
from app.core.errors import FileRejected
from tests.conftest import PASSPHRASE, image_bytes

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
