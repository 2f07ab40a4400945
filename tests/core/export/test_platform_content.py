"""What a platform report says, read back with poppler: the platform's record with each
outcome kept apart, outcome words in the dossier's language, and the notice under Article 16
of the EU Digital Services Act (location, reasons, notifier unless CSAM, good faith,
the provider's obligations)."""

from __future__ import annotations

import pytest

from app.core.errors import InvalidInput
from app.core.export import dossier
from app.core.export.content import ExportOptions
from tests.core.export.pages import flat, page_texts
from tests.core.export.seed import seed_vault

RECORD = {
    "en": "Telegram: 7 reported: 2 posts removed, 1 channel closed, 4 no response after 30 days",
    "fr": "Telegram : 7 signalé(s) : 2 publications supprimées, 1 chaîne fermée, 4 sans réponse après 30 jours",
    "es": "Telegram: 7 denunciado(s): 2 publicaciones eliminadas, 1 canal cerrado, 4 sin respuesta después de 30 días",
}
OUTCOME_WORDS = {"en": ("channel closed", "removed"), "fr": ("chaîne fermée", "supprimé"),
                 "es": ("canal cerrado", "eliminado")}
NOTICE = {
    "en": ("Notice of illegal content under Article 16 of the Digital Services Act: Telegram",
           "I believe in good faith that the information and allegations in this notice are accurate and complete",
           "must confirm receipt of this notice without undue delay (Article 16(4))", "Why it is illegal"),
    "fr": ("Notification de contenu illicite au titre de l'article 16 du règlement sur les services numériques",
           "je crois de bonne foi", "doit accuser réception de cette notification", "Pourquoi il est illicite"),
    "es": ("Notificación de contenido ilícito conforme al artículo 16 del Reglamento de Servicios Digitales",
           "creo de buena fe", "debe acusar recibo de esta notificación", "Por qué es ilícito"),
}


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    vault, incidents = seed_vault(tmp_path_factory.mktemp("seed"))
    yield vault, incidents
    vault.lock()


def telegram(vault, incidents, language="en", **kw) -> str:
    options = ExportOptions("platform", incidents[:2], language=language, platform="telegram", **kw)
    return flat("\n".join(page_texts(dossier.build(vault, options).pdf)))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_platform_record_keeps_outcomes_apart(seed, language):
    text = telegram(*seed, language)
    assert RECORD[language] in text
    for outcome in OUTCOME_WORDS[language]:
        assert outcome in text
    assert "channel_closed" not in text and "no_response" not in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_dsa_notice_has_every_element_of_article_16(seed, language):
    text = telegram(*seed, language, dsa_notice=True, good_faith=True,
                    notifier={"name": "Defender A's lawyer", "email": "notices@example.org"})
    for expected in NOTICE[language]:
        assert expected in text
    assert "notices@example.org" in text
    assert "https://t.me/northern_truth_channel/4100" in text  # the exact electronic location
    assert "https://t.me/watchers_of_honour" in text


def test_a_csam_notice_leaves_out_the_notifier(seed):
    text = telegram(*seed, dsa_notice=True, good_faith=True, csam=True,
                    notifier={"name": "Rania Khalil", "email": "rania@example.org"})
    assert "rania@example.org" not in text and "Rania" not in text
    assert "left out: this notice concerns child sexual abuse material" in text


def test_the_notifier_goes_through_the_redactor(seed):
    text = telegram(*seed, dsa_notice=True, good_faith=True,
                    notifier={"name": "Omar Khalil", "email": "safe.inbox@example.org"})
    assert "Omar" not in text and "Relative A1" in text  # her brother never agreed to be named to platforms
    assert "safe.inbox@example.org" in text  # an address typed for this notice stays


@pytest.mark.parametrize("kw,message", [
    (dict(dsa_notice=True, notifier={"name": "A", "email": "a@example.org"}), "good faith"),
    (dict(dsa_notice=True, good_faith=True, notifier={"name": "A"}), "name and e-mail"),
    (dict(dsa_notice=True, good_faith=True, platform="sms", notifier={"name": "A", "email": "a@b.org"}),
     "hosts content in the EU"),
])
def test_a_dsa_notice_needs_what_article_16_asks(seed, kw, message):
    vault, incidents = seed
    options = ExportOptions("platform", incidents[:1], **{"platform": "telegram", **kw})
    with pytest.raises(InvalidInput, match=message):
        dossier.build(vault, options)


def test_without_the_notice_no_dsa_wording(seed):
    text = telegram(*seed)
    assert "Digital Services Act" not in text and "Trust and safety report: Telegram" in text
