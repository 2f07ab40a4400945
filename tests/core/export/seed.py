"""The seed scenario of the dossier checks, from the demo journal: Defender A threatened on
Telegram and Facebook, her brother threatened in person, seven items reported to Telegram
(two posts removed, one channel closed, four never answered). Used by the tests and by
tests/dossier_samples.py, so the samples show exactly what the tests read back."""

from __future__ import annotations

from pathlib import Path

from app.core.demo import create_demo
from app.core.export.content import ExportOptions, UnCommunication
from app.core.vault import Vault

SEED_TITLES = ("Death threat posted on Telegram channel", "Home neighbourhood published",
               "Smear post calls her a foreign agent", "Two men threatened her brother at his work")

# What she typed in the export wizard for this communication.
SEED_COMMUNICATION = UnCommunication(
    mandates="Human rights defenders; freedom of opinion and expression; violence against women and girls",
    states="Türkiye (where she lives and works)",
    state_reason="The police were told of the threats and did not investigate or protect her.",
    companies="Telegram, Meta (Facebook)",
    company_reason="The threats were posted on their services and most reports went unanswered.",
    summary="A journalist documenting the detention of women received death threats on Telegram, "
            "a smear campaign on Facebook, and two men threatened her brother at his workplace.",
    request="Ask the authorities to investigate the threats and protect her and her family; ask "
            "Telegram and Meta to act on the reports.",
    hr_link="The threats began after she published her report on women in detention and name that work.",
    other_mechanisms="no")
SEED_SUBMITTER = {"submitter_name": "Women Journalists Network", "submitter_relation": "her organisation",
                  "submitter_contact": "secure e-mail given on request"}


def seed_vault(folder: Path) -> tuple[Vault, list[int]]:
    vault = create_demo(folder / "vault", "seed scenario", strength="test")
    titles = {i.title: i.id for i in vault.journal.incidents.list()}
    return vault, [titles[t] for t in SEED_TITLES]


def un_options(incidents: list[int], language: str = "en") -> ExportOptions:
    return ExportOptions("un", incidents, language=language, un=SEED_COMMUNICATION, submitter=SEED_SUBMITTER)
