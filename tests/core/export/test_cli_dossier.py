"""The dossier commands as a user runs them: subprocesses, real files, exit codes."""

from __future__ import annotations

import pytest

from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.core.export.case import build_case


@pytest.fixture
def cli_vault(tmp_path):
    path = tmp_path / "vault"
    vault = Vault.create(path, PASSPHRASE, strength="test")
    case = build_case(vault, tmp_path)
    vault.lock()
    return path, case


def sijil(vault, *args, **kw):
    return run_cli("--vault", str(vault), *args, **kw)


def test_export_verify_and_outputs(cli_vault, tmp_path):
    path, case = cli_vault
    out = tmp_path / "un.pdf"
    proc = sijil(path, "export", "--format", "un", "--language", "es", "--out", str(out), "--json", "--csv",
                 *map(str, case.incidents), check=True)
    assert "Redacted:" in proc.stdout and "name replaced by a pseudonym" in proc.stdout
    assert (tmp_path / "un.json").exists() and (tmp_path / "un.csv").exists()
    ok = run_cli("verify", str(out), passphrase=None)
    assert ok.returncode == 0 and "Intact" in ok.stdout
    again = sijil(path, "export", "--format", "un", "--out", str(out), "1")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_sealed_lawyer_copy_round_trip(cli_vault, tmp_path):
    path, case = cli_vault
    run_cli("keygen", "--out", str(tmp_path / "keys"), passphrase=None, check=True)
    run_cli("keygen", "--out", str(tmp_path / "other"), passphrase=None, check=True)
    sealed = tmp_path / "copy.sealed"
    sijil(path, "export", "--format", "lawyer", "--out", str(sealed), "--recipient-key",
          str(tmp_path / "keys" / "lawyer.pub"), "--csv", *map(str, case.incidents), check=True)
    assert not (tmp_path / "copy.csv").exists()  # a lawyer's CSV travels sealed inside
    refused = run_cli("verify", str(sealed), passphrase=None)
    assert refused.returncode == 1 and "open-dossier" in refused.stderr
    wrong = run_cli("open-dossier", str(sealed), "--key", str(tmp_path / "other" / "lawyer.key"),
                    "--out", str(tmp_path / "x"), passphrase=None)
    assert wrong.returncode == 3 and "not sealed for this key" in wrong.stderr
    opened = run_cli("open-dossier", str(sealed), "--key", str(tmp_path / "keys" / "lawyer.key"),
                     "--out", str(tmp_path / "opened"), passphrase=None, check=True)
    assert "Attachments: 3 files" in opened.stdout
    names = sorted(p.name for p in (tmp_path / "opened").iterdir())
    assert names == sorted(["dossier.pdf", "dossier.csv", f"evidence-{case.jpeg}.jpg", f"evidence-{case.png}.png"])


@pytest.mark.parametrize("args, code, words", [
    (["--format", "un", "--recipient-key", "k.pub", "1"], 2, "Only a lawyer's copy"),
    (["--format", "platform", "1"], 2, "one platform"),
    (["--format", "un", "999"], 1, "does not exist"),
    (["--format", "lawyer", "--recipient-key", "missing.pub", "1"], 2, "could not be read"),
])
def test_errors_are_one_plain_line(cli_vault, tmp_path, args, code, words):
    path, _case = cli_vault
    proc = sijil(path, "export", "--out", str(tmp_path / "d.pdf"), *args)
    assert proc.returncode == code and words in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "d.pdf").exists()


def test_wrong_passphrase_exits_4(cli_vault, tmp_path):
    path, _case = cli_vault
    proc = sijil(path, "export", "--format", "un", "--out", str(tmp_path / "d.pdf"), "1", passphrase="nope")
    assert proc.returncode == 4


def test_allow_releases_exactly_the_named_item(tmp_path):
    from tests.core.export import adversary
    from tests.core.export.case import add_organisation

    path = tmp_path / "vault"
    vault = Vault.create(path, PASSPHRASE, strength="test")
    case = build_case(vault, tmp_path)
    add_organisation(vault, case)
    vault.lock()
    out = tmp_path / "un.pdf"
    proc = sijil(path, "export", "--format", "un", "--out", str(out), "--json", "--allow", "and",
                 "--allow", "المساواة", "--allow", "المساواة والتمكين", *map(str, case.incidents), check=True)
    assert "Nothing called “and” was taken out" in proc.stdout
    assert "Nothing called “المساواة” was taken out" in proc.stdout
    assert "Let back in: “المساواة والتمكين”" in proc.stdout
    work = tmp_path / "read"
    work.mkdir()
    reading = adversary.read(out.read_bytes(), work)
    assert reading.contains("Equity and Empowerment") is None and reading.contains("Layla") is None
    assert reading.contains("والتمكين") is not None
    data = (tmp_path / "un.json").read_text("utf-8")
    assert "Equity and Empowerment" not in data and "المساواة والتمكين" in data


def test_person_add_says_which_parts_are_hidden_alone(tmp_path):
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, strength="test").lock()
    proc = sijil(path, "person", "add", "--name", "Hiba Al-Hajji", "--pseudonym", "Defender H", check=True)
    assert proc.stdout == "1\n"
    shown = proc.stderr.replace("\u2068", "").replace("\u2069", "")
    assert "Also hidden on their own: Hiba · Hajji" in shown and shown.rstrip().endswith("too short alone): Al")
    refused = sijil(path, "person", "add", "--name", "Hiba Al-Hajji", "--pseudonym", "Hiba H.")
    assert refused.returncode != 0 and "part of the real name" in refused.stderr
def test_platform_report_leaves_other_platforms_out_unless_named(tmp_path):
    from tests.core.export.case import FAMILY_MESSAGE, add_other_platforms
    path = tmp_path / "vault"
    vault = Vault.create(path, PASSPHRASE, strength="test")
    case = build_case(vault, tmp_path)
    other = add_other_platforms(vault, case, tmp_path)
    vault.lock()
    ids = [*map(str, case.incidents), str(other.whatsapp_incident)]
    out = tmp_path / "tg.pdf"
    proc = sijil(path, "export", "--format", "platform", "--platform", "telegram", "--out", str(out), "--json", *ids,
                 check=True)
    assert f"Left out, not on Telegram: incidents #{other.whatsapp_incident}." in proc.stdout
    assert "1 evidence item from other platforms" in proc.stdout
    assert FAMILY_MESSAGE not in (tmp_path / "tg.json").read_text("utf-8")
    assert "Recorded as prepared, not sent (record 1)" in proc.stdout
    proc = sijil(path, "export", "--format", "platform", "--platform", "telegram", "--out", str(out), "--json",
                 "--force", *map(str, case.incidents), "--off-platform", str(other.whatsapp_incident), check=True)
    assert "Left out, not on" not in proc.stdout and FAMILY_MESSAGE in (tmp_path / "tg.json").read_text("utf-8")
    refused = sijil(path, "export", "--format", "un", "--out", str(tmp_path / "un.pdf"), "--include-other-platforms",
                    *ids)
    assert refused.returncode == 2 and "platform report only" in refused.stderr

    listed = sijil(path, "export-record", "list", check=True).stdout.splitlines()
    assert len(listed) == 2 and listed[0].startswith("2\tprepared for Telegram on ") and "not marked as sent" in listed[0]
    from datetime import date
    today = date.today().isoformat()
    done = sijil(path, "export-record", "mark-sent", "1", "--reference", "TG-88213", check=True)  # --on: today
    assert f"sent on {today} (reference TG-88213)" in done.stdout
    bad = sijil(path, "export-record", "mark-sent", "1", "--on", "last week")  # a day her language writes is read
    assert bad.returncode == 2 and "not a date Sijil can read" in bad.stderr
    future = sijil(path, "export-record", "mark-sent", "1", "--on", "2099-12-31")
    assert future.returncode == 2 and "until today" in future.stderr
    missing = sijil(path, "export-record", "mark-sent", "9", "--on", today)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    import json
    records = json.loads(sijil(path, "export-record", "list", "--json", check=True).stdout)
    assert [(r["id"], r["sent_on"], r["reference"]) for r in records] == [(2, "", ""), (1, today, "TG-88213")]
def test_un_communication_and_dsa_notice_from_the_command_line(cli_vault, tmp_path):
    import json

    path, case = cli_vault
    out = tmp_path / "un.pdf"
    sijil(path, "export", "--format", "un", "--out", str(out), "--json", "--state", "Lebanon",
          "--company", "Telegram", "--summary", "Threats against Layla Haddad.", "--other-mechanisms", "no",
          *map(str, case.incidents), check=True)
    data = json.loads((tmp_path / "un.json").read_text())
    un = data["un"]
    assert {(p["un_aware_letter"], p["un_public_report"]) for p in data["persons"]} == {("", "")}
    person = sijil(path, "person", "add", "--name", "Rima", "--pseudonym", "Defender R", "--consent-un",
                   "--un-aware-letter", "yes", "--un-public-report", "initials", check=True).stdout.strip()
    sijil(path, "incident", "link-person", str(case.incidents[0]), person, check=True)
    sijil(path, "export", "--format", "un", "--out", str(out), "--json", "--force", str(case.incidents[0]), check=True)
    rima = next(p for p in json.loads((tmp_path / "un.json").read_text())["persons"] if p["name"] == "Rima")
    assert (rima["un_aware_letter"], rima["un_name_to_addressee"], rima["un_public_report"]) == ("yes", "", "initials")
    assert (un["states"], un["companies"], un["other_mechanisms"], un["request"]) == ("Lebanon", "Telegram", "no", "")
    assert un["summary"] == "Threats against Defender K."  # her words through the redactor
    notice = tmp_path / "tg.pdf"
    refused = sijil(path, "export", "--format", "platform", "--platform", "telegram", "--dsa-notice",
                    "--notifier-name", "A", "--notifier-email", "a@example.org", "--out", str(notice), "1")
    assert refused.returncode == 2 and "good faith" in refused.stderr and not notice.exists()
    sijil(path, "export", "--format", "platform", "--platform", "telegram", "--dsa-notice", "--good-faith",
          "--notifier-name", "A", "--notifier-email", "a@example.org", "--out", str(notice), "--json", "1",
          check=True)
    data = json.loads((tmp_path / "tg.json").read_text())
    assert data["dsa_notice"] and data["notifier"] == {"name": "A", "email": "a@example.org"}
