"""What a UN communication says, read back from the PDF with poppler: only answers she gave,
the addressees and why, her words (redacted), vocabulary in words, evidence numbered in the
order shown, and a layout a desk officer can read (no heading alone, no nearly empty page)."""

from __future__ import annotations

import re

import pytest

from app.core.export import dossier
from app.core.export.content import ExportOptions, UnCommunication
from app.core.models import Incident, Person
from tests.core.export.pages import body_lines, flat, ink_depth, page_texts
from tests.core.export.seed import SEED_COMMUNICATION, seed_vault, un_options

HEADINGS = {
    "en": ["Summary of the case", "Who the communication concerns", "Consent", "Incidents", "Alleged perpetrators",
           "Link between the attacks and her human rights work", "Sent to other UN or regional mechanisms",
           "Reports to platforms and what the platforms did", "What she asks the mandate holders to do",
           "Description (chronological)", "Current situation", "Submitter (confidential)"],
    "fr": ["Résumé de la situation", "Destinataires de la communication", "Consentement", "Incidents",
           "Auteurs présumés", "Ce qu'elle demande aux titulaires de mandat", "Description (chronologique)"],
    "es": ["Resumen del caso", "A quién concierne la comunicación", "Consentimiento", "Incidentes",
           "Presuntos autores", "Lo que pide a las personas titulares de mandatos", "Descripción (cronológica)"],
}
NOT_ANSWERED = {"en": "Not answered", "fr": "Pas de réponse", "es": "Sin respuesta"}
SEED_SUMMARY = {
    "en": "Telegram: 7 reported: 2 posts removed, 1 channel closed, 4 no response after 30 days",
    "fr": "Telegram : 7 signalé(s) : 2 publications supprimées, 1 chaîne fermée, 4 sans réponse après 30 jours",
    "es": "Telegram: 7 denunciado(s): 2 publicaciones eliminadas, 1 canal cerrado, 4 sin respuesta después de 30 días",
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    vault, incidents = seed_vault(tmp_path_factory.mktemp("seed"))
    yield vault, incidents
    vault.lock()


@pytest.fixture(scope="module")
def seed_pdfs(seed):
    vault, incidents = seed
    return {lang: dossier.build(vault, un_options(incidents, lang)).pdf for lang in ("en", "fr", "es")}


def victim(j, **kw) -> int:
    person = Person(name="Nadia Saleh", pseudonym="Defender N", consent_un=True, age="31",
                    human_rights_work="defends women workers", **kw)
    return j.persons.add(person)


def un_text(vault, ident, language="en", **kw) -> str:
    return flat("\n".join(page_texts(dossier.build(vault, ExportOptions("un", [ident], language=language,
                                                                        **kw)).pdf)))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_consent_questions_she_was_not_asked_say_not_answered(vault, language):
    j = vault.journal
    ident = j.incidents.add(Incident(title="Threat", occurred_on="2026-01-05", platforms=["telegram"]))
    j.incidents.link_person(ident, victim(j))
    text = un_text(vault, ident, language)
    # Three questions never asked: letter, name to the addressee, name in the public report.
    assert text.count(NOT_ANSWERED[language]) >= 3
    assert {"en": "Initials only", "fr": "Initiales seulement", "es": "Solo iniciales"}[language] not in text


def test_consent_answers_are_hers_and_kept_apart(vault):
    j = vault.journal
    ident = j.incidents.add(Incident(title="Threat", occurred_on="2026-01-05", platforms=["telegram"]))
    j.incidents.link_person(ident, victim(j, un_aware_letter="yes", un_name_to_addressee="no",
                                          un_public_report="full_name"))
    text = un_text(vault, ident)
    assert "Aware that a letter may be sent to the State, company or other addressee Yes" in text
    assert "Her name may be disclosed in the communication to the State, company or other addressee No" in text
    assert "Name in the public report to the Human Rights Council Full name" in text
    assert "Age 31" in text


def test_no_consent_on_record_is_not_turned_into_a_no(vault):
    j = vault.journal
    ident = j.incidents.add(Incident(title="Threat", occurred_on="2026-01-05", platforms=["telegram"]))
    j.incidents.link_person(ident, j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K")))
    text = un_text(vault, ident)
    assert "Victim: Defender K" in text and "Layla" not in text
    assert "Consent to this communication given Not recorded: she appears by pseudonym only" in text


def test_her_words_are_redacted_like_the_journal(vault):
    j = vault.journal
    ident = j.incidents.add(Incident(title="Threat", occurred_on="2026-01-05", platforms=["telegram"]))
    j.persons.add(Person(name="Layla Haddad", pseudonym="Defender K"))  # never consented to the UN
    j.incidents.link_person(ident, victim(j))
    words = UnCommunication(summary="Layla Haddad and Nadia were threatened; call +90 532 123 45 67.",
                            request="Protect Layla Haddad.", states="Lebanon", hr_link="Her union work.")
    text = un_text(vault, ident, un=words)
    assert "Layla" not in text and "532 123" not in text
    assert "Defender K and Nadia were threatened" in text and "Protect Defender K." in text


def test_unanswered_communication_fields_say_so_rather_than_invent(vault, incident_id):
    text = un_text(vault, incident_id)
    for heading in ("Summary of the case", "What she asks the mandate holders to do",
                    "Link between the attacks and her human rights work"):
        assert f"{heading} Not answered" in text
    assert "State(s) concerned Not answered" in text
    assert "Name Not answered" in text and "Contact Not answered" in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_seed_scenario_dossier_says_what_she_said(seed_pdfs, language):
    pages = page_texts(seed_pdfs[language])
    text = flat("\n".join(pages))
    for value in (SEED_COMMUNICATION.mandates, SEED_COMMUNICATION.states, SEED_COMMUNICATION.companies, SEED_COMMUNICATION.company_reason,
                  SEED_COMMUNICATION.request[:60], SEED_COMMUNICATION.hr_link[:60]):
        assert flat(value) in text
    assert SEED_SUMMARY[language] in text
    assert {"en": "Contact secure e-mail", "fr": "Contact secure e-mail", "es": "Contacto secure e-mail"}[language] in text
    # Vocabulary in words: no code, and no lower-case platform code as a value.
    assert not re.search(r"\b(in_person|partly_removed|no_response|channel_closed|threat_to_family)\b", text)
    assert not re.search(r"(Platform|Plateforme|Plataforma) facebook", text)
    # Evidence numbered 1, 2, 3... in the order the pages show it.
    numbers = [int(n) for n in re.findall(r"(?:Evidence|Preuves|Pruebas) (\d+) ·", text)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 4
    # The offline threat to her brother is there, named as she allowed (the relative by pseudonym).
    assert "Relative A1" in text and "Omar" not in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_heading_alone_at_the_bottom_of_a_page(seed_pdfs, language):
    pages = page_texts(seed_pdfs[language])
    headings = set(HEADINGS[language]) | {re.sub(r"\s+", " ", m) for m in
                                          re.findall(r"Incident[e]? #\d+ ?: [^\n]+", "\n".join(pages))}
    for n, page in enumerate(pages[:-1], start=1):
        last = body_lines(page)[-1]
        assert re.sub(r"\s+", " ", last) not in headings, f"page {n} ends with the heading {last!r}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_nearly_empty_page_inside_the_dossier(seed_pdfs, language):
    depths = ink_depth(seed_pdfs[language])
    # Every page but the last page of content and the integrity page is at least half full.
    assert all(d > 0.5 for d in depths[:-2]), depths


def risks(vault, ident, **kw) -> list[str]:
    from app.core.export.un_communication import rejection_risks
    return rejection_risks(dossier.build(vault, ExportOptions("un", [ident], **kw)).dossier)


SUBMITTER = {"submitter_name": "Network", "submitter_relation": "colleague", "submitter_contact": "on request"}
COMPLETE = dict(states="Syria", summary="Threats.", request="Investigate.", hr_link="After my report.")


def test_rejection_risks_each_class(vault, incident_id):
    from app.core import evidence
    from tests.conftest import image_bytes
    j = vault.journal
    assert any("names no victim" in r for r in risks(vault, incident_id))
    j.incidents.link_person(incident_id, victim(j))
    assert any("Anonymous" in r for r in risks(vault, incident_id))
    assert any("media reports" in r for r in risks(vault, incident_id, submitter=SUBMITTER))  # no evidence at all
    evidence.import_bytes(vault, incident_id, image_bytes(), name="shot.png")
    quiet = risks(vault, incident_id, submitter=SUBMITTER, un=UnCommunication(**COMPLETE))
    assert quiet == []
    for words, expected in [("Ces salauds m'ont menacée.", "abusive"), ("هؤلاء الكلاب هددوني", "abusive"),
                            ("À bas le gouvernement !", "politically"), ("Selon la presse, elle est menacée.", "media"),
                            ("Down with the regime.", "politically")]:
        found = risks(vault, incident_id, submitter=SUBMITTER, un=UnCommunication(**{**COMPLETE, "summary": words}))
        assert any(expected in r for r in found), (words, found)
    # The attackers' words quoted in an incident are evidence, not her language.
    inc = j.incidents.get(incident_id)
    inc.description = "They wrote: you pigs, down with you"
    j.incidents.update(inc)
    assert risks(vault, incident_id, submitter=SUBMITTER, un=UnCommunication(**COMPLETE)) == []
    missing = risks(vault, incident_id, submitter=SUBMITTER, un=UnCommunication(states="Syria"))
    assert any("not answered yet" in r for r in missing)
