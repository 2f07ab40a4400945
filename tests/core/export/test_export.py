"""Export end to end on a real vault: files written, exports recorded, progress and cancel."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from app.core.errors import Cancelled, InvalidInput
from app.core.export import dossier, keys, verify
from app.core.export.content import ExportOptions
from app.core.links import canonical_link
from tests.core.export.case import build_case


@pytest.fixture
def case(vault, tmp_path):
    return build_case(vault, tmp_path)


@pytest.mark.parametrize("template, kw", [("un", {"language": "fr"}), ("platform", {"platform": "telegram"})])
def test_export_writes_verifiable_pdf_with_json_and_csv_beside(vault, case, tmp_path, template, kw):
    out = tmp_path / "dossier.pdf"
    built = dossier.export(vault, ExportOptions(template, case.incidents, json=True, csv=True, **kw), out)
    result = verify.verify_file(out)
    assert result.manifest["template"] == template
    assert [i["id"] for i in result.manifest["incidents"]] == case.incidents
    data = json.loads((tmp_path / "dossier.json").read_text("utf-8"))
    assert "Layla" not in json.dumps(data, ensure_ascii=False) and "Defender K" in json.dumps(data)
    rows = list(csv.reader(io.StringIO((tmp_path / "dossier.csv").read_text("utf-8-sig"))))
    assert len(rows) == 1 + (2 if template == "platform" else len(case.incidents))
    assert result.manifest["sidecars"] == {
        ".json": hashlib.sha256((tmp_path / "dossier.json").read_bytes()).hexdigest(),
        ".csv": hashlib.sha256((tmp_path / "dossier.csv").read_bytes()).hexdigest()}
    assert built.manifest["redactions"]["name"] > 0


def test_export_is_recorded_on_incidents_and_in_the_audit_trail(vault, case, tmp_path):
    dossier.export(vault, ExportOptions("platform", case.incidents, platform="telegram"), tmp_path / "d.pdf")
    exports = vault.journal.exports.of_incident(case.incidents[0])
    assert [(e.template, e.destination) for e in exports] == [("platform", "telegram")]
    assert vault.journal.audit.entries()[-1].action == "export.platform"
    assert vault.journal.audit.verify()[1] is None


def test_manifest_lists_originals_and_renditions(vault, case):
    built = dossier.build(vault, ExportOptions("un", case.incidents))
    listed = {e["id"]: e for e in built.manifest["evidence"]}
    assert set(listed) == {case.jpeg, case.png}
    for ident, original in case.originals.items():
        assert listed[ident]["original_sha256"] == hashlib.sha256(original).hexdigest()
        assert listed[ident]["rendition_sha256"] and listed[ident]["regions_burned"] == 1
    assert built.manifest["signing"]["public_key"] == keys.signing_key(keys.root(vault), "un").verify_key.encode().hex()


def test_lawyer_copy_is_the_full_record_with_originals_inside(vault, case):
    built = dossier.build(vault, ExportOptions("lawyer", case.incidents, csv=True))
    result = verify.verify_bytes(built.pdf)
    originals = {name: digest for name, digest in result.attachments.items() if name.startswith("evidence-")}
    assert sorted(originals.values()) == sorted(hashlib.sha256(data).hexdigest() for data in case.originals.values())
    assert "dossier.csv" in result.attachments and built.sidecars == {}
    assert built.dossier.hits == [] and "Layla Haddad" in {p.name for p in built.dossier.persons}


def test_progress_counts_images_and_cancel_stops_before_writing(vault, case, tmp_path):
    seen = []
    dossier.build(vault, ExportOptions("un", case.incidents), lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)

    def cancel(done, total):
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        dossier.export(vault, ExportOptions("un", case.incidents), tmp_path / "never.pdf", progress=cancel)
    assert list(tmp_path.glob("never*")) == [] and vault.journal.exports.of_incident(case.incidents[0]) == []


@pytest.mark.parametrize("options", [ExportOptions("pdf", [1]), ExportOptions("un", []),
                                     ExportOptions("platform", [1]), ExportOptions("un", [1], communication="x")])
def test_bad_options_are_refused_plainly(vault, options):
    with pytest.raises(InvalidInput):
        dossier.build(vault, options)


@pytest.mark.parametrize("url, canonical", [
    ("https://t.me/s/northern_truth/1207?single", "https://t.me/northern_truth/1207"),
    ("t.me/c/1655091877/42", "https://t.me/c/1655091877/42"),
    ("https://telegram.me/chan/5?utm_source=x", "https://t.me/chan/5"),
    ("https://telegram.me/chan/5?comment=3", "https://t.me/chan/5?comment=3"),  # a comment is its own item
    ("https://www.facebook.com/post/1", "https://www.facebook.com/post/1"),
])
def test_canonical_links(url, canonical):
    assert canonical_link(url) == canonical


def test_un_submitter_block_keeps_contact_but_not_protected_names(vault, case, tmp_path):
    vault.journal.set_setting("dossier.submitter_name", "Women Defenders Network")
    submitter = {"submitter_name": "Layla Haddad", "submitter_relation": "herself",
                 "submitter_contact": "safe@wdn.example"}
    from_settings = dossier.build(vault, ExportOptions("un", case.incidents)).dossier.submitter
    typed = dossier.build(vault, ExportOptions("un", case.incidents, submitter=submitter)).dossier.submitter
    assert from_settings["submitter_name"] == "Women Defenders Network"
    assert typed == {"submitter_name": "Defender K", "submitter_relation": "herself",
                     "submitter_contact": "safe@wdn.example"}
