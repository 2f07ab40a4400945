"""Dossiers to different destinations carry different keys, so holding two of them does not
link a pseudonym in one to a name in the other through the signature."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from app.core.export import dossier, keys, seal, verify
from app.core.export.content import ExportOptions
from app.core.vault import Vault
from tests.conftest import run_cli
from tests.core.export.case import build_case


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unlink")
    vault = Vault.create(folder / "vault", "pw", strength="test")
    case = build_case(vault, folder)
    lawyers = [seal.read_public_key(seal.keygen(folder / name)[1]) for name in ("a", "b")]
    built = {
        "un": dossier.build(vault, ExportOptions("un", case.incidents)),
        "telegram": dossier.build(vault, ExportOptions("platform", case.incidents, platform="telegram")),
        "facebook": dossier.build(vault, ExportOptions("platform", case.incidents, platform="facebook",
                                                     include_other_platforms=True)),
        "lawyer-a": dossier.build(vault, ExportOptions("lawyer", case.incidents), recipient=lawyers[0]),
        "lawyer-b": dossier.build(vault, ExportOptions("lawyer", case.incidents), recipient=lawyers[1]),
        "un-again": dossier.build(vault, ExportOptions("un", case.incidents[:1])),
    }
    master = keys.root(vault)
    vault.lock()
    return {name: b.pdf for name, b in built.items()}, master, lawyers


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_each_destination_signs_with_its_own_key(dossiers):
    pdfs, _master, _lawyers = dossiers
    signer = {name: verify.verify_bytes(pdf) for name, pdf in pdfs.items()}
    assert signer["un"].fingerprint == signer["un-again"].fingerprint  # stable: her UN contact keeps it
    distinct = {name: r for name, r in signer.items() if name != "un-again"}
    assert len({r.fingerprint for r in distinct.values()}) == len(distinct)
    for name, result in distinct.items():
        for other, pdf in pdfs.items():
            if result.fingerprint != signer[other].fingerprint:
                # neither the key nor its fingerprint appears anywhere in another destination's dossier
                assert result.manifest["signing"]["public_key"].encode() not in pdf, (name, other)
                assert result.fingerprint not in _text(pdf), (name, other)


def test_fingerprints_lists_what_to_give_each_destination(dossiers, tmp_path):
    pdfs, master, lawyers = dossiers
    listed = {k.destination: k.fingerprint for k in keys.fingerprints(master, lawyers)}
    assert listed["un"] == verify.verify_bytes(pdfs["un"]).fingerprint
    assert listed["platform:telegram"] == verify.verify_bytes(pdfs["telegram"]).fingerprint
    assert listed[f"lawyer:{lawyers[1].hex()}"] == verify.verify_bytes(pdfs["lawyer-b"]).fingerprint
    assert "platform:email" not in listed


def test_cli_fingerprints(tmp_path):
    vault = Vault.create(tmp_path / "vault", "correct horse battery staple", strength="test")
    un = keys.fingerprint_for(keys.root(vault), "un")
    _secret, public, _fp = seal.keygen(tmp_path / "lawyer")
    lawyer = keys.fingerprint_for(keys.root(vault), keys.destination("lawyer", recipient=seal.read_public_key(public)))
    vault.lock()
    proc = run_cli("--vault", str(tmp_path / "vault"), "fingerprints", "--recipient-key", str(public), check=True)
    assert f"{un}  UN Special Procedures" in proc.stdout and lawyer in proc.stdout
    assert "in person or by phone" in proc.stdout
    listed = json.loads(run_cli("--vault", str(tmp_path / "vault"), "fingerprints", "--json", check=True).stdout)
    assert {"destination": "un", "label": "UN Special Procedures", "fingerprint": un} in listed
