import io
import subprocess

import pytest
from PIL import Image

from app.core import models
from app.core.evidence import sniff
from app.core.export import dossier, labels, vocabulary
from app.core.export.content import ExportOptions
from app.core.models import Incident, PlatformReport, ReportItem, Step


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")
    return out.getvalue()


# One file of each kind an import can sniff: each kind is a code the dossier must name.
EVIDENCE_HEADS = [png(), b"%PDF-1.7\n", b"\0\0\0\x18ftypmp42" + bytes(40), b"fLaC" + bytes(40),
                  "شهادة".encode(), b"\0\1\2"]


def test_every_vocabulary_code_has_words_in_every_dossier_language():
    evidence_kinds = {sniff(head)[0] for head in EVIDENCE_HEADS}
    assert evidence_kinds == {"image", "pdf", "video", "audio", "text", "other"}
    codes = set().union(models.PLATFORMS, models.INCIDENT_KINDS, models.INCIDENT_STATUSES,
                        models.REPORT_CHANNELS, models.REPORT_STATUSES, models.ITEM_OUTCOMES,
                        models.STEP_KINDS, models.STATE_ACTOR, models.PERSON_ROLES, evidence_kinds)
    assert codes <= vocabulary.known_codes()
    for code in codes:
        for language in labels.LANGUAGES:
            assert vocabulary.word(code, language) and "_" not in vocabulary.word(code, language)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode().split())


@pytest.mark.parametrize("language,words,summary", [
    ("fr", ["menace de mort", "menace contre la famille", "police"], "2 signalé(s) : 1 publication supprimée, 1 sans réponse après 14 jours"),
    ("es", ["amenaza de muerte", "amenaza a la familia", "policía"], "2 denunciado(s): 1 publicación eliminada, 1 sin respuesta después de 14 días"),
])
def test_un_dossier_speaks_its_language(vault, tmp_path, language, words, summary):
    j = vault.journal
    ident = j.incidents.add(Incident(title="Menace", occurred_on="2026-01-05", platforms=["telegram"],
                                     kinds=["death_threat", "threat_to_family"], severity=5, status="ongoing"))
    j.incidents.add_step(Step(ident, "2026-01-06", kind="police", body="Commissariat"))
    j.reports.add(PlatformReport(platform="telegram", filed_on="2026-01-07", incident_ids=[ident],
                                 items=[ReportItem(url="https://t.me/c/1/2", outcome="removed"),
                                        ReportItem(url="https://t.me/c/1/3")]))
    j.set_setting("overdue_days", "14")
    text = pdf_text(dossier.build(vault, ExportOptions("un", [ident], language=language)).pdf, tmp_path)
    for expected in words:
        assert expected in text
    assert "death threat" not in text and "death_threat" not in text
    assert summary in text
