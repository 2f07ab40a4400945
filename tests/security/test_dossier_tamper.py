"""Verification refuses any change to any byte of a dossier, and a sealed dossier opens only
with the lawyer's key it was sealed for."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import IntegrityError
from app.core.export import dossier, seal, verify
from app.core.export.content import ExportOptions
from app.core.vault import Vault
from tests.conftest import run_cli
from tests.core.export.case import build_case


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tamper")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    case = build_case(vault, folder)
    built = dossier.build(vault, ExportOptions("lawyer", case.incidents, json=True))
    vault.lock()
    return built.pdf


def flipped(data: bytes, position: int, mask: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[position] ^= mask
    return bytes(changed)


def test_untouched_dossier_verifies(signed):
    result = verify.verify_bytes(signed)
    assert result.manifest["template"] == "lawyer" and len(result.attachments) == 3
    assert any("Signature" in line for line in result.checks)


def test_every_byte_of_the_tail_and_a_stride_through_the_body(signed):
    """The signature block itself, the head, and evenly spaced bytes everywhere else."""
    positions = set(range(0, 64)) | set(range(len(signed) - 300, len(signed)))
    positions |= set(range(0, len(signed), max(1, len(signed) // 400)))
    for position in sorted(positions):
        with pytest.raises(IntegrityError):
            verify.verify_bytes(flipped(signed, position))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_change_anywhere_is_refused(signed, data):
    position = data.draw(st.integers(0, len(signed) - 1))
    mask = data.draw(st.integers(1, 255))
    with pytest.raises(IntegrityError):
        verify.verify_bytes(flipped(signed, position, mask))


@pytest.mark.parametrize("change", ["truncate", "append", "prepend", "uppercase_hex", "insert_space"])
def test_structural_changes_are_refused(signed, change):
    sig_at = signed.rindex(b"%SIJIL-SIGNATURE-1")
    altered = {
        "truncate": signed[:-1],
        "append": signed + b"\n",
        "prepend": b" " + signed,
        "uppercase_hex": signed[:sig_at] + signed[sig_at:].replace(b"a", b"A", 1),
        "insert_space": signed[:1000] + b" " + signed[1000:],
    }[change]
    with pytest.raises(IntegrityError):
        verify.verify_bytes(altered)


def test_cli_verify_exit_codes(signed, tmp_path):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    bad.write_bytes(flipped(signed, len(signed) // 2))
    ok = run_cli("verify", str(good), passphrase=None)
    assert ok.returncode == 0 and "Signature" in ok.stdout
    fingerprint = verify.verify_bytes(signed).fingerprint
    assert run_cli("verify", str(good), "--fingerprint", fingerprint.lower(), passphrase=None).returncode == 0
    other = run_cli("verify", str(good), "--fingerprint", "0000 " + fingerprint[5:], passphrase=None)
    assert other.returncode == 3 and "another key" in other.stderr
    refused = run_cli("verify", str(bad), passphrase=None)
    assert refused.returncode == 3
    assert refused.stderr.count("\n") == 1 and "changed" in refused.stderr and "Traceback" not in refused.stderr


def test_sealed_dossier_opens_only_with_the_right_key(signed, tmp_path):
    _secret, public_file, _fp = seal.keygen(tmp_path / "lawyer")
    _other_secret, _other_public, _ = seal.keygen(tmp_path / "other")
    sealed = tmp_path / "dossier.sealed"
    seal.write_sealed(sealed, signed, seal.read_public_key(public_file))
    assert signed[:200] not in sealed.read_bytes()
    result = verify.open_dossier(sealed, seal.read_secret_key(tmp_path / "lawyer" / "lawyer.key"), tmp_path / "out")
    assert (tmp_path / "out" / "dossier.pdf").read_bytes() == signed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(["dossier.pdf", *result.attachments])
    with pytest.raises(IntegrityError):
        seal.open_sealed(sealed, seal.read_secret_key(tmp_path / "other" / "lawyer.key"))
    raw = sealed.read_bytes()
    for position in (3, len(seal.MAGIC) + 10, len(raw) // 2, len(raw) - 1):
        broken = tmp_path / f"broken{position}"
        broken.write_bytes(flipped(raw, position))
        with pytest.raises(IntegrityError):
            seal.open_sealed(broken, seal.read_secret_key(tmp_path / "lawyer" / "lawyer.key"))
    (tmp_path / "cut").write_bytes(raw[:-100])
    with pytest.raises(IntegrityError):
        seal.open_sealed(tmp_path / "cut", seal.read_secret_key(tmp_path / "lawyer" / "lawyer.key"))


def test_keys_are_private_and_not_overwritten(tmp_path):
    secret, _public, fp = seal.keygen(tmp_path / "k")
    assert secret.stat().st_mode & 0o777 == 0o600
    assert len(fp.split()) == 8
    with pytest.raises(Exception, match="already exists"):
        seal.keygen(tmp_path / "k")
