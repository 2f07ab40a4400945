"""The UN communication beyond the journal: who it names, her consent answers, and the
reasons the OHCHR guidance gives for setting a communication aside (anonymous, abusive
language, manifestly political, resting only on media reports), checked on the draft so
the wizard can warn before she sends it."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields

from app.core import settings
from app.core.export.content import Dossier, UnCommunication
from app.core.i18n import _
from app.core.models import Person
from app.core.textnorm import fold
from app.core.vault import Vault


def victims(persons: list[Person]) -> list[Person]:
    """Who a UN communication names: the defenders, or everyone linked if none is one."""
    return [p for p in persons if p.role == "defender"] or persons


def victims_of(vault: Vault, incident_ids: list[int]) -> list[Person]:
    """The victims a UN communication on these incidents will name, each once."""
    j = vault.journal
    linked = {p.id: p for i in dict.fromkeys(incident_ids) for p in j.incidents.persons_of(i)}
    return victims(list(linked.values()))


def save_answers(vault: Vault, answers: dict[int, tuple[str, str, str]]) -> None:
    """Keep her answers with each person: (aware of the letter, name to the addressee, name in
    the public report). Only answers that changed are written."""
    for person_id, (letter, addressee, public) in answers.items():
        person = vault.journal.persons.get(person_id)
        if (person.un_aware_letter, person.un_name_to_addressee, person.un_public_report) != (letter, addressee, public):
            person.un_aware_letter, person.un_name_to_addressee, person.un_public_report = letter, addressee, public
            vault.journal.persons.update(person)


def save_draft(vault: Vault, incident_ids: list[int], un: UnCommunication) -> None:
    """Keep what she wrote for this communication, so closing the wizard loses nothing."""
    draft = json.dumps({"incidents": sorted(set(incident_ids)), "un": asdict(un)}, ensure_ascii=False)
    if settings.read(vault.journal, settings.UN_DRAFT) != draft:  # inside the encrypted journal
        settings.write(vault.journal, settings.UN_DRAFT, draft)


def load_draft(vault: Vault, incident_ids: list[int]) -> UnCommunication:
    """What she last wrote for a communication on exactly these incidents (else nothing:
    words written for one case are never carried into another)."""
    try:
        draft = json.loads(settings.read(vault.journal, settings.UN_DRAFT) or "{}")
    except ValueError:
        return UnCommunication()
    if draft.get("incidents") != sorted(set(incident_ids)):
        return UnCommunication()
    known = {f.name for f in fields(UnCommunication)}
    return UnCommunication(**{k: str(v) for k, v in draft.get("un", {}).items() if k in known})


# Few, unambiguous words: a warning she can read and dismiss, not a filter. Folded (no accents).
_ABUSIVE = ("idiot", "idiots", "scum", "bastard", "bastards", "pig", "pigs", "thugs", "savages", "vermin",
            "salaud", "salauds", "ordure", "ordures", "porc", "porcs", "voyous", "cerdo", "cerdos", "basura",
            "canalla", "canallas", "malparido", "malparidos", "حثاله", "كلاب", "حقير", "خنازير")
_POLITICAL = ("overthrow", "regime change", "down with", "must resign", "step down", "vote for", "vote against",
              "renverser", "a bas", "doit demissionner", "derrocar", "abajo el", "abajo la", "fuera el gobierno",
              "يسقط", "اسقاط النظام", "ارحل")
_MEDIA = ("according to media", "according to the media", "media reports", "news reports", "according to press",
          "selon la presse", "selon les medias", "segun la prensa", "segun los medios", "حسب وسائل الاعلام")


_ARABIC_PREFIX = "(?:[وفبلك]?(?:ال)?)"  # Arabic writes "and", "the", "with" as part of the word


def _pattern(word: str) -> str:
    prefix = _ARABIC_PREFIX if "\u0600" <= word[0] <= "\u06ff" else ""
    return rf"(?<!\w){prefix}{re.escape(word)}(?!\w)"


def _found(words: tuple[str, ...], text: str) -> list[str]:
    folded = fold(text)
    return [w for w in words if re.search(_pattern(w), folded)]


def rejection_risks(d: Dossier) -> list[str]:
    """Plain warnings where the draft risks being set aside, in the app's language. Her own
    words (summary, reasons, request, link to her work) are checked, never the attackers'
    words quoted in the incidents."""
    risks = []
    if not (d.submitter.get("submitter_name") and d.submitter.get("submitter_contact")):
        risks.append(_("Anonymous communications are not considered: give the submitter's name and a safe way "
                       "to reach them. The UN keeps the submitter's identity confidential."))
    if not d.persons:
        risks.append(_("The communication names no victim: link the person it concerns to the incidents "
                       "(People), so the experts know whom to protect."))
    unnamed = [p.name for p in d.persons if not p.consent_un]
    if unnamed:
        risks.append(_("The experts cannot act for someone they cannot identify: {names} appear only by "
                       "pseudonym because they have not agreed to be named to the UN.").format(names=", ".join(unnamed)))
    own = "\n".join((d.un.summary, d.un.state_reason, d.un.company_reason, d.un.request, d.un.hr_link))
    if abusive := _found(_ABUSIVE, own):
        risks.append(_("Communications with abusive language are set aside: rephrase “{words}” in your own "
                       "text (the attackers' words quoted in the incidents are fine).").format(words=", ".join(abusive)))
    if political := _found(_POLITICAL, own):
        risks.append(_("“{words}” may make the communication look politically motivated, and such communications "
                       "are set aside: describe the facts, the rights violated and what you ask for.").format(
                           words=", ".join(political)))
    if not d.all_evidence():
        risks.append(_("No evidence of your own is attached: a communication resting only on media reports is "
                       "set aside. Add screenshots, messages or your own account to the incidents."))
    elif _found(_MEDIA, own):
        risks.append(_("Your text refers to media reports: say what you saw and received yourself, and attach it; "
                       "a communication resting only on media reports is set aside."))
    if not (d.un.summary and d.un.request and d.un.hr_link and d.un.states):
        risks.append(_("Some parts of the communication are not answered yet (summary, State concerned, what you "
                       "ask for, the link to your human rights work): the dossier will say “not answered”."))
    return risks


SUBMITTER_SETTINGS = {"submitter_name": settings.SUBMITTER_NAME, "submitter_relation": settings.SUBMITTER_RELATION,
                      "submitter_contact": settings.SUBMITTER_CONTACT}


def remember_submitter(vault: Vault, submitter: dict[str, str] | None) -> None:
    """Keep who submits UN communications (in the encrypted journal), so she types it once."""
    for key, setting in SUBMITTER_SETTINGS.items():
        if submitter is not None and settings.read(vault.journal, setting) != submitter.get(key, ""):
            settings.write(vault.journal, setting, submitter.get(key, ""))


def remembered_submitter(vault: Vault) -> list[str]:
    """Name, relation and contact as last used (read on the worker, for the wizard's fields)."""
    return [str(settings.read(vault.journal, setting)) for setting in SUBMITTER_SETTINGS.values()]
