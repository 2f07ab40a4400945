"""Her own account, as the export states it (Telegram's personal_information, X's account.js,
Meta's profile information): no actor is recorded for it, and its id, handle, phone and her
names on the platform become aliases of the defender it belongs to."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from app.core import importers
from app.core.importers import commit, filters, own_account
from app.core.importers.commit import ImportTarget
from app.core.importers.model import Author, Owner
from app.core.models import Person
from tests.core.importers import exports as ex
from tests.core.importers import meta_exports as mx
from tests.core.importers import x_exports as xx

T0 = datetime(2023, 7, 4, 10, 30)
HER_ID, HIS_ID = 583920174, 777


def layla(**kw) -> Person:
    return Person(name="Layla Haddad", pseudonym="Defender K", **kw)


def full_telegram_export(folder, first_name="NQ", last_name="✨"):
    msgs = [ex.telegram_message(1, T0, author=(f"{first_name} {last_name}", HER_ID), text="leave me alone"),
            ex.telegram_message(2, T0, author=("Harasser", HIS_ID), text="no", forwarded=f"{first_name} {last_name}")]
    msgs[1]["forwarded_from_id"] = f"user{HER_ID}"
    ex.telegram_export(folder, msgs, full_account=True)
    doc = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    doc["personal_information"] = {"user_id": HER_ID, "first_name": first_name, "last_name": last_name,
                                   "phone_number": "+90 532 418 27 96", "username": "@layla_q", "bio": ""}
    (folder / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return folder


def _import(vault, fmt, path):
    with importers.parse(fmt, path) as preview:  # the fixtures' media are not all real pictures
        texts = [i for i in filters.select(preview) if not preview.messages[i].attachments]
        return preview.owner, commit.import_messages(vault, preview, texts, ImportTarget())


def test_telegram_her_account_is_no_actor_and_its_ids_are_her_aliases(vault, tmp_path):
    pid = vault.journal.persons.add(layla(aliases=["+90 532 418 27 96"]))
    owner, result = _import(vault, "telegram", full_telegram_export(tmp_path / "tg"))
    assert owner.account == Author("NQ ✨", "layla_q", str(HER_ID)) and owner.phone == "+90 532 418 27 96"
    actors = {a.numeric_id for a in vault.journal.actors.list()}
    assert actors == {str(HIS_ID)}  # not hers, as author nor as the origin of a forward
    assert result.own_person_id == pid
    # Her phone is there already (written the same): only what is new is added.
    assert vault.journal.persons.get(pid).aliases == ["+90 532 418 27 96", "@layla_q", f"id {HER_ID}", "NQ ✨"]


def test_a_second_import_adds_nothing_twice(vault, tmp_path):
    pid = vault.journal.persons.add(layla())
    _import(vault, "telegram", full_telegram_export(tmp_path / "a"))
    first = vault.journal.persons.get(pid).aliases
    _import(vault, "telegram", full_telegram_export(tmp_path / "b"))
    assert vault.journal.persons.get(pid).aliases == first


def test_her_name_on_the_platform_holding_her_name_is_not_an_alias(vault, tmp_path):
    """'Av. Layla Haddad': her name is hidden already; 'Av' is not hers to hide everywhere."""
    pid = vault.journal.persons.add(layla())
    _import(vault, "telegram", full_telegram_export(tmp_path / "tg", "Av. Layla", "Haddad"))
    assert vault.journal.persons.get(pid).aliases == ["@layla_q", f"id {HER_ID}", "+90 532 418 27 96"]


def test_x_her_account_is_no_actor_and_a_name_her_pseudonym_would_reveal_is_left_out(vault, tmp_path):
    pid = vault.journal.persons.add(layla())
    owner, result = _import(vault, "x", xx.x_archive(tmp_path / "x"))
    assert owner.account.numeric_id == xx.ME["accountId"]
    assert xx.ME["accountId"] not in {a.numeric_id for a in vault.journal.actors.list()}
    # "ليلى Defender" holds "Defender", a word of her pseudonym "Defender K": as an alias it
    # would make the pseudonym give her away, so it is not added. Her handle is, whatever.
    assert vault.journal.persons.get(pid).aliases == ["@defender_x", f"id {xx.ME['accountId']}"]
    assert result.own_person_id == pid


@pytest.mark.parametrize("kind", ["facebook", "instagram"])
def test_meta_her_account_from_the_profile_information(vault, tmp_path, kind):
    files = mx.facebook_files()
    me = mx.mojibake("ليلى Defender")
    if kind == "facebook":
        files["personal_information/profile_information/profile_information.json"] = json.dumps(
            {"profile_v2": {"name": {"full_name": me, "first_name": me}, "username": "layla.haddad.5",
                            "emails": {"emails": ["l@example.org"]}}}).encode()
    else:
        files["personal_information/personal_information/personal_information.json"] = json.dumps(
            {"profile_user": [{"string_map_data": {"Name": {"href": "", "value": me, "timestamp": 0},
                                                   "Username": {"href": "", "value": "layla.haddad.5"}}}]}).encode()
    for name, data in files.items():
        (tmp_path / "dl" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "dl" / name).write_bytes(data)
    vault.journal.persons.add(layla())
    owner, result = _import(vault, "meta", tmp_path / "dl")
    assert owner.account == Author("ليلى Defender", "layla.haddad.5")
    authors = {a.display_name for a in vault.journal.actors.list()}
    assert "Zoë Hater" in authors and "ليلى Defender" not in authors
    # Read to know her, not kept as evidence (it holds her e-mail and birthday too).
    exported = [vault.journal.evidence.get(i).original_name for i in result.export_evidence_ids]
    assert not any("information" in n for n in exported)


def test_the_preview_tells_her_what_becomes_of_her_account(tmp_path):
    with importers.parse("telegram", full_telegram_export(tmp_path / "tg")) as preview:
        assert any("NQ ✨" in n and "actor" in n for n in preview.notes)
    with importers.parse("telegram", ex.telegram_export(tmp_path / "single", [
            ex.telegram_message(1, T0, text="hi")])) as preview:
        assert preview.owner is None and not any("own account" in n for n in preview.notes)


def test_meta_without_profile_information_has_no_owner(tmp_path):
    for name, data in mx.facebook_files().items():
        (tmp_path / "dl" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "dl" / name).write_bytes(data)
    with importers.parse("meta", tmp_path / "dl") as preview:
        assert preview.owner is None


OWNER = Owner(Author("NQ", "layla_q", "1"), names=("Layla Haddad",))


@pytest.mark.parametrize("persons, chosen", [
    ([layla()], 0),                                                          # the only defender
    ([Person("Sara Nouri", "Defender S"), layla()], 1),                      # the defender she names
    ([Person("Sara Nouri", "Defender S"), Person("Mona Zaki", "Defender M")], None),  # cannot tell
    ([layla(role="relative")], None),                                        # not a defender
    ([], None),
])
def test_whose_account_it_is(persons, chosen):
    found = own_account.person_for(persons, OWNER)
    assert found is (None if chosen is None else persons[chosen])


def test_her_account_made_an_actor_by_an_earlier_import_is_no_perpetrator_in_a_dossier(vault, tmp_path):
    """A single chat's export does not say whose it is: her account became an actor. Her full
    export names it later: its id joins her names and dossiers no longer list it as an actor."""
    from app.core.export import dossier
    from app.core.export.content import ExportOptions

    vault.journal.persons.add(layla())
    single = ex.telegram_export(tmp_path / "single", [ex.telegram_message(1, T0, author=("NQ ✨", HER_ID), text="hi"),
                                                      ex.telegram_message(2, T0, author=("Harasser", HIS_ID),
                                                                          text="no")])
    _owner, first = _import(vault, "telegram", single)

    def listed() -> set[str]:
        built = dossier.build(vault, ExportOptions("un", first.incident_ids))
        return {str(a.id) for a in built.dossier.actors}

    ids = {a.numeric_id: str(a.id) for a in vault.journal.actors.list()}
    assert listed() == {ids[str(HER_ID)], ids[str(HIS_ID)]}  # it can fail: she is listed before
    _import(vault, "telegram", full_telegram_export(tmp_path / "full"))
    assert listed() == {ids[str(HIS_ID)]}


@pytest.mark.parametrize("actor, hers", [
    (dict(platform="telegram", numeric_id=str(HER_ID)), True),
    (dict(platform="telegram", numeric_id=f"{HER_ID}1"), False),       # a longer number is another
    (dict(platform="x", handle="Layla_Q"), True),
    (dict(platform="x", handle="layla"), False),                       # her nickname is no handle
    (dict(platform="whatsapp", numeric_id="905324182796"), True),      # her phone, as WhatsApp ids it
    (dict(platform="telegram", display_name="Layla Haddad"), False),   # named like her: maybe an impersonator
])
def test_an_account_recorded_as_hers(actor, hers):
    from app.core.models import Actor
    from app.core.redaction import names

    her = layla(aliases=[f"id {HER_ID}", "@layla_q", "Layla", "+90 532 418 27 96"])
    assert names.recorded_as_hers([her], Actor(**actor)) is hers
