"""Her own account in an export: never a perpetrator, and hidden wherever her name is.

An export that states whose it is (`ImportPreview.owner`: Telegram's personal_information,
X's account.js, Meta's profile information) names her own account. The import then:
- records no actor for it, as author or as the origin of a forward or retweet (commit.py);
- links it to her person record: its numeric id ("id 583920174"), handle ("@name"), phone
  and the names the platform has for her become aliases of the person it is hers, so every
  redacted dossier hides them as it hides her name, in captions, citations, links and
  reported items, and she sees them in the person editor, where she can take one out.

Whose it is (`person_for`): among the persons with the role "defender", the one whose whole
name is in the account's names; else, when the journal has exactly one defender, her. When
none can be told (no defender recorded yet, or several and none named), nothing is linked:
the account is still no actor, and the names rule of `redaction.names.with_accounts` still
hides an account named like her. A name that holds one of her whole names is not added (its
other words, a title, are not hers to hide everywhere), nor a name that her pseudonym would
then give away; her ids and handle always are.
"""

from __future__ import annotations

import dataclasses

from app.core.i18n import _
from app.core.importers.model import Owner
from app.core.journal.rows import Rows
from app.core.models import Person
from app.core.redaction import names, numbers

DEFENDER = "defender"


def person_for(persons: list[Person], owner: Owner) -> Person | None:
    """The defender whose account this is (see the module docstring), or None."""
    defenders = [p for p in persons if p.role == DEFENDER]
    labels = [x for x in (owner.account.display_name, *owner.names) if x.strip()]
    named = [p for p in defenders if any(_holds_her_name(p, label) for label in labels)]
    if len(named) == 1:
        return named[0]
    return defenders[0] if len(defenders) == 1 and not named else None


def _holds_her_name(person: Person, label: str) -> bool:
    whole = [t for t in names.terms_for(person, names.PERSON) if t.whole and not t.digits]
    return bool(names.find(whole, label))


def aliases_of(owner: Owner, person: Person) -> list[str]:
    """What the account adds to her aliases: its id, handle, phone and her names on the
    platform, leaving out what she has already and what would make her pseudonym reveal her."""
    a = owner.account
    ids = [f"@{a.handle.lstrip('@')}" if a.handle else "", f"id {a.numeric_id}" if a.numeric_id else "",
           owner.phone if numbers.forms(owner.phone) else ""]
    platform_names = [n for n in (a.display_name, *owner.names) if not _holds_her_name(person, n)]
    have = {names.item_key(x) for x in (person.name, *person.aliases)}
    have_digits = {f for x in (person.name, *person.aliases) for f in numbers.forms(x)}
    out: list[str] = []
    for alias, is_name in [(i.strip(), False) for i in ids] + [(n.strip(), True) for n in platform_names]:
        key, digits = names.item_key(alias), set(numbers.forms(alias))
        if not key or key in have or (digits and digits <= have_digits) or alias in out:
            continue
        # Her ids and handle go whatever her pseudonym is (if it holds a part of her handle,
        # the person editor asks for another); a name that would make it reveal her does not.
        if is_name and names.revealed_by(dataclasses.replace(person, aliases=[*person.aliases, *out, alias]),
                                         person.pseudonym):
            continue
        out.append(alias)
    return out


def link(conn, owner: Owner | None, now: str) -> int | None:
    """Add the account's identifiers to her person record, inside the import's transaction.
    Returns the person's id, or None when no person could be told (or she has them all)."""
    if owner is None:
        return None
    persons = Rows(conn, "persons", Person, _("Person"))
    person = person_for(persons.where(), owner)
    if person is None:
        return None
    more = aliases_of(owner, person)
    if more:
        persons.update(dataclasses.replace(person, aliases=[*person.aliases, *more]), now)
    return person.id
