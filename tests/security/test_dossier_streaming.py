"""Verification and open-dossier read a dossier from its file in bounded memory (issue 9):
changes anywhere in a long attachment are still found, a cut or wrongly keyed sealed file
leaves nothing behind, and an original far larger than memory allows comes out whole."""

from __future__ import annotations

import hashlib
import io
import stat
import zlib

import pytest
from pypdf.generic import EncodedStreamObject, NameObject

from app.core.crypto import CHUNK
from app.core.errors import IntegrityError
from app.core.export import pdfstreams, seal, signing, verify
from tests.conftest import child_peak_rss_mib
from tests.security.big_dossier import grow, seal_file
from tests.security.forge import raw_resign
from tests.security.test_forgery import Journal

SIZE = 3 * CHUNK + 12345  # long enough to be streamed, across several chunk boundaries


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    return Journal(tmp_path_factory.mktemp("streaming"))


@pytest.fixture(scope="module")
def grown(journal, tmp_path_factory):
    """(path of a genuine signed dossier with a SIZE-byte original, that original's entry)."""
    path = tmp_path_factory.mktemp("grown") / "dossier.pdf"
    return path, grow(journal.lawyer, journal.key("lawyer"), path, SIZE)


def _key(journal):
    return seal.read_secret_key(journal.lawyer_dir / "lawyer.key")


def _attachment_at(data: bytes) -> int:
    header = b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % SIZE
    return data.rindex(header) + len(header)


def test_a_grown_dossier_verifies_and_opens_whole(journal, grown, tmp_path):
    path, ev = grown
    assert verify.verify_file(path).attachments[ev["attachment"]] == ev["original_sha256"]
    seal_file(path, tmp_path / "d.sealed", journal.lawyer_pub)
    out = tmp_path / "out"
    result = verify.open_dossier(tmp_path / "d.sealed", _key(journal), out)
    copied = out / f"evidence-{ev['id']}.jpg"
    assert hashlib.sha256(copied.read_bytes()).hexdigest() == ev["original_sha256"] == result.attachments[ev["attachment"]]
    assert (out / "dossier.pdf").read_bytes() == path.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("where", [0, CHUNK - 1, CHUNK, SIZE // 2, SIZE - 1])
def test_a_changed_byte_anywhere_in_a_long_attachment_is_found(journal, grown, tmp_path, where):
    """Re-signed by the signer herself, so only the hash taken while streaming can catch it."""
    data = bytearray(grown[0].read_bytes())
    data[_attachment_at(data) + where] ^= 0x01
    forged = raw_resign(bytes(data), journal.key("lawyer"))
    with pytest.raises(IntegrityError, match="SHA-256"):
        verify.verify_bytes(forged)
    source = tmp_path / "forged.pdf"
    source.write_bytes(forged)
    out = tmp_path / "existing"
    out.mkdir()
    with pytest.raises(IntegrityError, match="SHA-256"):
        verify.open_dossier(source, b"\0" * 32, out)
    assert list(out.iterdir()) == []  # the attachments copied before the bad one are gone too


def test_a_changed_byte_in_a_long_attachment_breaks_the_signature(grown, tmp_path):
    data = bytearray(grown[0].read_bytes())
    data[_attachment_at(data) + SIZE // 3] ^= 0x80
    (tmp_path / "changed.pdf").write_bytes(data)
    with pytest.raises(IntegrityError, match="signature"):
        verify.verify_file(tmp_path / "changed.pdf")


@pytest.mark.parametrize("shift", [-len(signing.MARKER) + 1, -10, -1, 0])
def test_a_second_signature_marker_split_across_chunks_is_found(journal, tmp_path, shift):
    """The marker count is taken chunk by chunk: one straddling a boundary still counts."""
    path = tmp_path / "two-markers.pdf"
    grow(journal.lawyer, journal.key("lawyer"), path, SIZE, bytes)  # the same file, all zeros: where it starts
    start = _attachment_at(path.read_bytes())
    content = bytearray(SIZE)
    at = 2 * CHUNK + shift - start
    content[at:at + len(signing.MARKER)] = signing.MARKER
    stream = io.BytesIO(bytes(content))
    grow(journal.lawyer, journal.key("lawyer"), path, SIZE, stream.read)
    data = path.read_bytes()
    assert data.count(signing.MARKER) == 2
    with pytest.raises(IntegrityError, match="signature block"):
        verify.verify_file(path)


@pytest.mark.parametrize("cut", [1, 17, CHUNK, CHUNK + 17 + 1000, "half"])
def test_a_cut_sealed_dossier_is_refused_and_nothing_is_left(journal, grown, tmp_path, cut):
    seal_file(grown[0], tmp_path / "d.sealed", journal.lawyer_pub)
    raw = (tmp_path / "d.sealed").read_bytes()
    keep = len(raw) // 2 if cut == "half" else len(raw) - cut
    (tmp_path / "cut.sealed").write_bytes(raw[:keep])
    with pytest.raises(IntegrityError):
        verify.open_dossier(tmp_path / "cut.sealed", _key(journal), tmp_path / "new" / "out")
    assert not (tmp_path / "new" / "out").exists()


def test_a_sealed_dossier_opened_with_another_key_leaves_nothing(journal, grown, tmp_path):
    seal_file(grown[0], tmp_path / "d.sealed", journal.lawyer_pub)
    seal.keygen(tmp_path / "other")
    out = tmp_path / "existing"
    out.mkdir()
    with pytest.raises(IntegrityError, match="not sealed for this key"):
        verify.open_dossier(tmp_path / "d.sealed", seal.read_secret_key(tmp_path / "other" / "lawyer.key"), out)
    assert list(out.iterdir()) == []


def test_a_refusal_after_every_attachment_was_copied_removes_them_all(journal, grown, tmp_path):
    """The fingerprint is compared last, once every temp file is written: all of them go."""
    seal_file(grown[0], tmp_path / "d.sealed", journal.lawyer_pub)
    out = tmp_path / "existing"
    out.mkdir()
    with pytest.raises(IntegrityError, match="another key"):
        verify.open_dossier(tmp_path / "d.sealed", _key(journal), out, "0000 " * 7 + "0000")
    assert list(out.iterdir()) == []


def test_an_original_of_hundreds_of_mib_opens_in_bounded_memory(journal, tmp_path):
    """Above pypdf's 75 MB stream limit too (such originals never verified before)."""
    peaks = {}
    for size in (CHUNK, 200 * CHUNK):
        grow(journal.lawyer, journal.key("lawyer"), tmp_path / f"{size}.pdf", size)
        seal_file(tmp_path / f"{size}.pdf", tmp_path / f"{size}.sealed", journal.lawyer_pub)
        peaks[size] = child_peak_rss_mib(f"""
            from pathlib import Path
            from app.core.export import seal, verify
            verify.open_dossier(Path({str(tmp_path / f"{size}.sealed")!r}),
                                seal.read_secret_key(Path({str(journal.lawyer_dir / "lawyer.key")!r})),
                                Path({str(tmp_path / f"out-{size}")!r}))
        """)
        assert (tmp_path / f"out-{size}" / "dossier.pdf").stat().st_size == (tmp_path / f"{size}.pdf").stat().st_size
    assert peaks[200 * CHUNK] - peaks[CHUNK] < 40, peaks  # was about 2 x the file


def _long_stream(tmp_path, filters, payload: bytes):
    path = tmp_path / "stream.bin"
    path.write_bytes(b"x" * 100 + payload + b"tail")
    obj = EncodedStreamObject()
    obj[NameObject("/Filter")] = NameObject(filters)
    obj._data = pdfstreams.Span(100, len(payload))  # what LazyFile leaves for pypdf
    return path, obj


def test_a_long_compressed_stream_is_inflated_chunk_by_chunk_within_its_limit(tmp_path):
    plain = bytes(range(256)) * (3 * CHUNK // 256) + b"end"
    path, obj = _long_stream(tmp_path, "/FlateDecode", zlib.compress(plain, 0))
    with open(path, "rb") as fh:
        pieces = list(pdfstreams.chunks(fh, obj, len(plain)))
        assert b"".join(pieces) == plain and max(map(len, pieces)) <= CHUNK
        with pytest.raises(ValueError, match="too long"):
            list(pdfstreams.chunks(fh, obj, len(plain) - 1))  # a compression bomb stops at the limit
    path, obj = _long_stream(tmp_path, "/FlateDecode", zlib.compress(plain, 0)[:-10])
    with open(path, "rb") as fh, pytest.raises(ValueError, match="cut short"):
        list(pdfstreams.chunks(fh, obj, len(plain)))
    path, obj = _long_stream(tmp_path, "/ASCII85Decode", b"z" * (2 * CHUNK))
    with open(path, "rb") as fh, pytest.raises(ValueError, match="filters"):
        list(pdfstreams.chunks(fh, obj, 1 << 30))
