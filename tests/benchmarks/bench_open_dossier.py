"""open-dossier peak memory on a 2 GiB sealed file (on demand: `make bench`).

Same-run baselines: opening a tiny sealed file (the program itself), and the previous
in-memory path (decrypt the whole file into memory, then verify it), run on the same file.
The sealed plaintext starts like a PDF but is not a signed dossier, so every path reads it
all and refuses it: what is measured is what reaches memory before the verdict.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nacl.public
import nacl.utils

from app.core import crypto
from app.core.export import seal
from tests.conftest import child_peak_rss_mib

GIB = 1 << 30


def _write_sealed(path: Path, public: bytes, size: int) -> None:
    """A sealed file of `size` bytes of plaintext, written in chunks (the bench holds none of it)."""
    file_key = nacl.utils.random(crypto.KEY_BYTES)
    block = b"%PDF-1.7\n" + os.urandom(crypto.CHUNK - 9)
    with open(path, "wb") as fh:
        fh.write(seal.MAGIC + nacl.public.SealedBox(nacl.public.PublicKey(public)).encrypt(file_key))
        enc = crypto.StreamEncryptor(file_key, fh)
        for _ in range(size // crypto.CHUNK):
            enc.write(block)
        enc.finish()


def _peak(code: str) -> tuple[float, float]:
    started = time.perf_counter()
    peak = child_peak_rss_mib(code)
    return peak, time.perf_counter() - started


def test_open_dossier_peak_memory_on_a_2_gib_sealed_file():
    with tempfile.TemporaryDirectory(prefix="sijil-bench-open-") as tmp:
        tmp_path = Path(tmp)
        _secret, public, _fp = seal.keygen(tmp_path / "lawyer")
        key = tmp_path / "lawyer" / "lawyer.key"
        for name, size in (("tiny", crypto.CHUNK), ("big", 2 * GIB)):
            _write_sealed(tmp_path / f"{name}.sealed", seal.read_public_key(public), size)
        streamed = """
            from pathlib import Path
            from app.core.errors import IntegrityError
            from app.core.export import seal, verify
            try:
                verify.open_dossier(Path({f!r}), seal.read_secret_key(Path({k!r})), Path({o!r}))
            except IntegrityError:
                pass
        """
        in_memory = """
            from pathlib import Path
            import nacl.public
            from app.core import crypto
            from app.core.errors import IntegrityError
            from app.core.export import seal, verify
            with open({f!r}, "rb") as fh:  # the previous open_dossier: the whole plaintext joined in memory
                head = fh.read(len(seal.MAGIC) + seal.SEALED_KEY_BYTES)
                secret = nacl.public.PrivateKey(seal.read_secret_key(Path({k!r})))
                file_key = nacl.public.SealedBox(secret).decrypt(head[len(seal.MAGIC):])
                data = b"".join(crypto.decrypt_stream(file_key, fh, "the sealed dossier"))
            try:
                verify.verify_bytes(data)
            except IntegrityError:
                pass
        """
        figures = {}
        for label, code in (("streamed", streamed), ("in memory (before)", in_memory)):
            for name in ("tiny", "big"):
                figures[label, name] = _peak(code.format(f=str(tmp_path / f"{name}.sealed"), k=str(key),
                                                         o=str(tmp_path / f"out-{label[:3]}-{name}")))
        for label in ("streamed", "in memory (before)"):
            (tiny, _), (big, seconds) = figures[label, "tiny"], figures[label, "big"]
            print(f"\nopen-dossier {label}: peak {big:.0f} MiB on a 2 GiB sealed file "
                  f"(+{big - tiny:.0f} MiB over a 1 MiB one, {(big - tiny) / 2048:.2f} x the file), {seconds:.1f} s")
