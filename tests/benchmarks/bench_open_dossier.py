"""open-dossier and verify peak memory on genuine lawyer's dossiers of 1 MiB, 512 MiB and 2 GiB
(on demand: `make bench`, or this file alone with pytest -s).

The dossiers are real signed lawyer's copies whose first original was grown to the size
(tests/security/big_dossier.py), sealed for a lawyer; every run verifies and writes them out.
Same-run baselines: the 1 MiB dossier (the program itself), and the previous in-memory path
(the whole plaintext decrypted into memory, then pypdf reading and decoding each attachment
whole, which it could not do at all above pypdf's 75 MB stream limit: lifted here to measure
it) on the 512 MiB one; on 2 GiB it would need several GiB on a shared machine.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from tests.conftest import child_peak_rss_mib
from tests.security.big_dossier import grow, seal_file
from tests.security.test_forgery import Journal

MIB = 1 << 20
SIZES = {"1 MiB": MIB, "512 MiB": 512 * MIB, "2 GiB": 2048 * MIB}

OPEN = """
    from pathlib import Path
    from app.core.export import seal, verify
    verify.open_dossier(Path({f!r}), seal.read_secret_key(Path({k!r})), Path({o!r}))
"""
VERIFY = """
    from pathlib import Path
    from app.core.export import verify
    verify.verify_file(Path({p!r}))
"""
BEFORE = """
    import hashlib, io
    from pathlib import Path
    import nacl.public
    from pypdf import PdfReader, apply_configuration
    from app.core import crypto
    from app.core.export import seal, signing
    with open({f!r}, "rb") as fh:  # the previous open_dossier: the whole plaintext in memory
        head = fh.read(len(seal.MAGIC) + seal.SEALED_KEY_BYTES)
        secret = nacl.public.PrivateKey(seal.read_secret_key(Path({k!r})))
        file_key = nacl.public.SealedBox(secret).decrypt(head[len(seal.MAGIC):])
        data = b"".join(crypto.decrypt_stream(file_key, fh, "the sealed dossier"))
    signing.check_signature(data)
    with apply_configuration(maximum_declared_stream_length=1 << 32):  # it refused originals over 75 MB
        files = PdfReader(io.BytesIO(data), strict=True).attachments
        digests = {{name: hashlib.sha256(files[name][0]).hexdigest() for name in files}}
"""


def _peak(code: str) -> tuple[float, float]:
    started = time.perf_counter()
    peak = child_peak_rss_mib(code)
    return peak, time.perf_counter() - started


def test_open_dossier_peak_memory_does_not_grow_with_the_dossier():
    with tempfile.TemporaryDirectory(prefix="sijil-bench-open-") as tmp:
        tmp_path = Path(tmp)
        journal = Journal(tmp_path / "journal")
        key = tmp_path / "journal" / "lawyer" / "lawyer.key"
        rows = []
        for label, size in SIZES.items():
            pdf, sealed, out = tmp_path / "d.pdf", tmp_path / "d.sealed", tmp_path / "out"
            grow(journal.lawyer, journal.key("lawyer"), pdf, size)
            seal_file(pdf, sealed, journal.lawyer_pub)
            opened, open_s = _peak(OPEN.format(f=str(sealed), k=str(key), o=str(out)))
            assert (out / "dossier.pdf").stat().st_size == pdf.stat().st_size
            shutil.rmtree(out)
            verified, verify_s = _peak(VERIFY.format(p=str(pdf)))
            before = _peak(BEFORE.format(f=str(sealed), k=str(key)))[0] if size <= 512 * MIB else None
            rows.append((label, opened, open_s, verified, verify_s, before))
            pdf.unlink()
            sealed.unlink()
        base = rows[0][1]
        print("\nsize      open-dossier peak (s)   verify peak (s)   before: in memory")
        for label, opened, open_s, verified, verify_s, before in rows:
            print(f"{label:8}  {opened:6.0f} MiB ({open_s:5.1f})  {verified:6.0f} MiB ({verify_s:5.1f})  "
                  + (f"{before:6.0f} MiB" if before else "     (not run)"))
        growth = rows[-1][1] - base
        print(f"open-dossier grows {growth:+.0f} MiB from 1 MiB to 2 GiB ({growth / 2048:.3f} x the growth of the file)")
        assert max(r[1] for r in rows) < 200 and max(r[3] for r in rows) < 200
