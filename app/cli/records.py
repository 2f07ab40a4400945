"""CLI commands that add and show journal records: incidents, their steps, people and actors
(platform reports and threat assessments: reports.py). Each `add` prints the new id alone on a line."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from app.cli.common import clock, day, emit_json, lister, with_vault
from app.core import operations
from app.core.i18n import _
from app.core.models import (
    ACTOR_KINDS,
    INCIDENT_KINDS,
    INCIDENT_STATUSES,
    PERSON_ROLES,
    PLATFORMS,
    STATE_ACTOR,
    STEP_KINDS,
    Actor,
    Incident,
    Person,
    Step,
)
from app.core.redaction import names
from app.core.vault import Vault


def incident_dict(vault: Vault, inc: Incident) -> dict:
    j = vault.journal
    data = dataclasses.asdict(inc)
    data["persons"] = [p.id for p in j.incidents.persons_of(inc.id)]
    data["actors"] = [a.id for a in j.incidents.actors_of(inc.id)]
    data["evidence"] = [{"id": e.id, "kind": e.kind, "sha256": e.sha256, "size": e.size}
                        for e in j.evidence.of_incident(inc.id)]
    data["steps"] = [dataclasses.asdict(s) for s in j.incidents.steps_of(inc.id)]
    data["exports"] = [dataclasses.asdict(x) for x in j.exports.of_incident(inc.id)]
    return data


# Incidents ----------------------------------------------------------------------------------

@with_vault
def cmd_incident_add(vault: Vault, a: argparse.Namespace) -> int:
    inc = Incident(title=a.title, occurred_on=a.occurred, occurred_time=a.time or "", approximate=a.approximate,
                   location=a.location or "", platforms=a.platform or [], kinds=a.kind or [],
                   description=a.description or "", translation=a.translation or "",
                   severity=a.severity, status=a.status, offline_followup=a.offline_followup,
                   confidential=a.confidential, tags=a.tag or [])
    print(operations.save_incident(vault, inc).value)
    return 0


@with_vault
def cmd_incident_list(vault: Vault, a: argparse.Namespace) -> int:
    incidents = vault.journal.incidents.list()
    if a.json:
        emit_json([dataclasses.asdict(i) for i in incidents])
    else:
        for i in incidents:
            print(f"{i.id}\t{i.occurred_on}\t{i.severity}\t{','.join(i.platforms)}\t{i.title}")
    return 0


@with_vault
def cmd_incident_show(vault: Vault, a: argparse.Namespace) -> int:
    data = incident_dict(vault, vault.journal.incidents.get(a.id))
    if a.json:
        emit_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


@with_vault
def cmd_incident_delete(vault: Vault, a: argparse.Namespace) -> int:
    operations.delete_incident(vault, a.id)
    return 0


@with_vault
def cmd_link_person(vault: Vault, a: argparse.Namespace) -> int:
    operations.link(vault, a.incident, persons={a.person: True})
    return 0


@with_vault
def cmd_link_actor(vault: Vault, a: argparse.Namespace) -> int:
    operations.link(vault, a.incident, actors={a.actor: True})
    return 0


@with_vault
def cmd_step_add(vault: Vault, a: argparse.Namespace) -> int:
    step = Step(incident_id=a.incident, taken_on=a.date, kind=a.kind, body=a.body or "",
                description=a.description or "", response=a.response or "", response_on=a.response_date or "")
    print(operations.save_step(vault, step).value)
    return 0


# People and actors --------------------------------------------------------------------------

@with_vault
def cmd_person_add(vault: Vault, a: argparse.Namespace) -> int:
    person = Person(name=a.name, pseudonym=a.pseudonym, aliases=a.alias or [], role=a.role, gender=a.gender or "",
                    age=a.age or "", nationality=a.nationality or "", profession=a.profession or "",
                    human_rights_work=a.work or "", consent_un=a.consent_un,
                    consent_platform=a.consent_platform, consent_public=a.consent_public,
                    un_aware_letter=a.un_aware_letter or "", un_name_to_addressee=a.un_name_to_addressee or "",
                    un_public_report=a.un_public_report or "")
    print(operations.save_person(vault, person).value)
    # What exports will look for, on stderr so that scripts still read only the id.
    print(names.describe(names.plan(person.name, person.aliases, person.role), person.role), file=sys.stderr)
    return 0


@with_vault
def cmd_actor_add(vault: Vault, a: argparse.Namespace) -> int:
    actor = Actor(kind=a.kind, platform=a.platform or "", handle=a.handle or "", display_name=a.name or "",
                  profile_url=a.url or "", numeric_id=a.numeric_id or "", follower_count=a.followers,
                  state_actor=a.state, motive=a.motive or "", notes=a.notes or "",
                  first_seen=a.first_seen or "", last_seen=a.last_seen or "")
    print(operations.save_actor(vault, actor).value)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add incident, step, person and actor commands."""
    p = sub.add_parser("incident", help=_("record and show incidents"))
    inc = p.add_subparsers(dest="incident_command", metavar="ACTION", required=True)
    q = inc.add_parser("add", help=_("record an incident; prints its id"))
    q.add_argument("--title", required=True)
    q.add_argument("--occurred", required=True, metavar="DATE", type=day, help=_("YYYY-MM-DD"))
    q.add_argument("--time", metavar="HH:MM", type=clock)
    q.add_argument("--approximate", action="store_true", help=_("the date is approximate"))
    q.add_argument("--platform", action="append", choices=PLATFORMS)
    q.add_argument("--kind", action="append", choices=INCIDENT_KINDS)
    q.add_argument("--description")
    q.add_argument("--translation", help=_("English, French or Spanish translation of the description"))
    q.add_argument("--location")
    q.add_argument("--severity", type=int, default=3, choices=range(1, 6))
    q.add_argument("--status", default="open", choices=INCIDENT_STATUSES)
    q.add_argument("--offline-followup", action="store_true", help=_("online attack followed by offline contact"))
    q.add_argument("--confidential", action="store_true")
    q.add_argument("--tag", action="append")
    q.set_defaults(func=cmd_incident_add)
    q = inc.add_parser("list", help=_("all incidents, newest first"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_incident_list)
    q = inc.add_parser("show", help=_("one incident with its links"))
    q.add_argument("id", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_incident_show)
    q = inc.add_parser("delete", help=_("delete an incident and its evidence"))
    q.add_argument("id", type=int)
    q.set_defaults(func=cmd_incident_delete)
    link_help = {"person": _("link a person to an incident"), "actor": _("link an actor to an incident")}
    for name, func, other in (("link-person", cmd_link_person, "person"), ("link-actor", cmd_link_actor, "actor")):
        q = inc.add_parser(name, help=link_help[other])
        q.add_argument("incident", type=int)
        q.add_argument(other, type=int)
        q.set_defaults(func=func)

    p = sub.add_parser("step", help=_("steps taken with authorities and other mechanisms"))
    q = p.add_subparsers(dest="step_command", metavar="ACTION", required=True).add_parser("add")
    q.add_argument("incident", type=int)
    q.add_argument("--date", required=True, type=day)
    q.add_argument("--kind", default="police", choices=STEP_KINDS)
    q.add_argument("--body", help=_("the authority or mechanism"))
    q.add_argument("--description")
    q.add_argument("--response")
    q.add_argument("--response-date", type=day)
    q.set_defaults(func=cmd_step_add)

    p = sub.add_parser("person", help=_("people the journal is about"))
    per = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    q = per.add_parser("add", help=_("add a person; prints the id"))
    q.add_argument("--name", required=True)
    q.add_argument("--alias", action="append", help=_("other spellings, any script"))
    q.add_argument("--pseudonym", required=True, help=_("replaces the name in anything exported"))
    q.add_argument("--role", default="defender", choices=PERSON_ROLES)
    for opt in ("--gender", "--age", "--nationality", "--profession", "--work"):
        q.add_argument(opt)
    q.add_argument("--consent-un", action="store_true", help=_("may be named to the UN"))
    q.add_argument("--consent-platform", action="store_true", help=_("may be named to platforms"))
    q.add_argument("--consent-public", action="store_true", help=_("may be named in public reports"))
    q.add_argument("--un-aware-letter", choices=("yes", "no"),
                   help=_("her answer: she knows the UN experts may write to the State or company concerned"))
    q.add_argument("--un-name-to-addressee", choices=("yes", "no"),
                   help=_("her answer: her name may be given to that State or company"))
    q.add_argument("--un-public-report", choices=("full_name", "initials"),
                   help=_("her answer: her full name or only initials in the public report to the Human Rights Council"))
    q.set_defaults(func=cmd_person_add)
    q = per.add_parser("list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=lister("persons", ("id", "pseudonym", "role", "name")))

    p = sub.add_parser("actor", help=_("perpetrator accounts, persons and groups"))
    act = p.add_subparsers(dest="actor_command", metavar="ACTION", required=True)
    q = act.add_parser("add", help=_("add an actor; prints the id"))
    q.add_argument("--kind", default="account", choices=ACTOR_KINDS)
    q.add_argument("--platform", choices=PLATFORMS)
    for opt in ("--handle", "--name", "--url", "--numeric-id", "--motive", "--notes"):
        q.add_argument(opt)
    for opt in ("--first-seen", "--last-seen"):
        q.add_argument(opt, type=day)
    q.add_argument("--followers", type=int)
    q.add_argument("--state", default="unknown", choices=STATE_ACTOR)
    q.set_defaults(func=cmd_actor_add)
    q = act.add_parser("list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=lister("actors", ("id", "platform", "handle", "display_name")))
