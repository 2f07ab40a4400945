"""`sijil import`, run as a user runs it: a real subprocess, exports written as the apps write them."""

from __future__ import annotations

import json

from tests.cli.test_cli import cli_vault, sijil  # noqa: F401 - the fixture
from tests.conftest import run_cli
from tests.core.importers import exports as ex


def journal_json(vault, kinds=("incident", "actor")):
    return {what: json.loads(sijil(vault, what, "list", "--json", check=True).stdout) for what in kinds}


def test_dry_run_prints_counts_dates_authors_and_date_order_without_a_passphrase(tmp_path):
    loc = next(x for x in ex.LOCALES if x.name == "fa-android")
    path = ex.wa_export(tmp_path / "wa", loc, zipped=True)
    proc = run_cli("--vault", str(tmp_path / "none"), "import", "whatsapp", str(path), "--json", passphrase=None,
                   check=True)
    out = json.loads(proc.stdout)
    assert out["messages"] == 5 and out["first"] == "2023-07-04" and out["last"] == "2023-07-14"
    assert out["date_order"] == "day-first" and out["date_order_reason"]
    assert {a["display_name"] for a in out["authors"]} == {"Harasser", "+49 170 1234567", "ليلى"}
    assert [c["id"] for c in out["chosen"]][:2] == ["2", "4"]
    text = run_cli("import", "whatsapp", str(path), "--match", "سنجدك", passphrase=None, check=True).stdout
    assert "1 of 6 messages chosen" in text and "day-first" in text and "Nothing was imported" in text


def test_import_all_prints_created_ids_and_lists_as_json(cli_vault, tmp_path):  # noqa: F811
    folder = ex.telegram_sample(tmp_path / "tg")
    out = json.loads(sijil(cli_vault, "import", "telegram", str(folder), "--author", "777", "--all",
                           "--new-incident", "per-day", "--json", check=True).stdout)
    assert len(out["incident_ids"]) == 1 and len(out["evidence_ids"]) == 5 and out["actor_ids"] == [1]
    listed = journal_json(cli_vault, ("incident", "actor", "person", "report"))
    assert [a["numeric_id"] for a in listed["actor"]] == ["777"] and listed["person"] == listed["report"] == []
    assert [i["id"] for i in listed["incident"]] == out["incident_ids"]
    text = sijil(cli_vault, "import", "telegram", str(folder), "--message", "5", "--incident",
                 str(out["incident_ids"][0]), check=True).stdout
    assert "evidence:" in text and "actors: 2" in text
    shown = json.loads(sijil(cli_vault, "evidence", "list", str(out["incident_ids"][0]), "--json", check=True).stdout)
    assert "https://t.me/c/1234567890/5" in {e["source_url"] for e in shown}


def test_malformed_input_exits_2_and_changes_nothing(cli_vault, tmp_path):  # noqa: F811
    before = journal_json(cli_vault)
    for n, (fmt, content) in enumerate([("telegram", '{"messages": [{"id": "x"}]}'), ("telegram", "{" * 100_000),
                                        ("whatsapp", "this is not a chat\n")]):
        path = tmp_path / str(n) / ("result.json" if fmt == "telegram" else "chat.txt")
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
        proc = sijil(cli_vault, "import", fmt, str(path), "--all")
        assert proc.returncode == 2 and "cannot be read" in proc.stderr and "Traceback" not in proc.stderr
    assert journal_json(cli_vault) == before


def test_unknown_message_id_and_empty_selection_are_refused(cli_vault, tmp_path):  # noqa: F811
    folder = ex.telegram_sample(tmp_path / "tg")
    proc = sijil(cli_vault, "import", "telegram", str(folder), "--message", "999")
    assert proc.returncode == 2 and "999" in proc.stderr
    proc = sijil(cli_vault, "import", "telegram", str(folder), "--from", "2030-01-01", "--all")
    assert proc.returncode == 2 and "No message" in proc.stderr
    proc = sijil(cli_vault, "import", "telegram", str(folder), "--from", "soon")
    assert proc.returncode == 2


def test_archives_dry_run_and_import_from_the_command_line(cli_vault, tmp_path):  # noqa: F811
    from tests.core.importers import meta_exports as mx
    from tests.core.importers import web_exports as wx
    from tests.core.importers import x_exports as xx
    cases = {"web": (wx.wget_warc(tmp_path / "tampered.warc.gz", tamper=True), 1),
             "x": (xx.x_archive(tmp_path / "x", zipped=True), 11),
             "meta": (mx.write(tmp_path / "fb", mx.facebook_files(), zipped="facebook-leyla.zip"), 13)}
    for fmt, (path, count) in cases.items():
        out = json.loads(run_cli("import", fmt, str(path), "--json", passphrase=None, check=True).stdout)
        assert out["messages"] == count, fmt
    out = json.loads(run_cli("import", "web", str(cases["web"][0]), "--json", passphrase=None, check=True).stdout)
    assert any("altered" in n for n in out["notes"])
    made = json.loads(sijil(cli_vault, "import", "web", str(wx.wget_warc(tmp_path / "ok.warc.gz")), "--all", "--json",
                            check=True).stdout)
    shown = json.loads(sijil(cli_vault, "evidence", "list", str(made["incident_ids"][0]), "--json", check=True).stdout)
    assert "https://forum.example/t/42" in {e["source_url"] for e in shown}
    page = wx.http_response("200 OK", [("Content-Type", "text/html")], b"<title>t</title>")
    (tmp_path / "bad.warc").write_bytes(wx.record("response", "https://x.example/", "soon", page,
                                                  content_type="application/http; msgtype=response"))
    proc = sijil(cli_vault, "import", "web", str(tmp_path / "bad.warc"), "--all")
    assert proc.returncode == 2 and "WARC-Date" in proc.stderr and "Traceback" not in proc.stderr


def dry_run(*args, **kw):
    """`sijil import ... --json` without --all: no journal, no passphrase; the summary."""
    return json.loads(run_cli("--vault", "/nonexistent", "import", *args, "--json", passphrase=None, check=True,
                              **kw).stdout)


def test_dates_in_her_digits_and_her_languages_order(tmp_path):
    path = ex.wa_export(tmp_path / "wa", next(x for x in ex.LOCALES if x.name == "fa-android"), zipped=True)
    for since, env in (("2023-07-14", {}), ("٢٠٢٣-٠٧-١٤", {}), ("۲۰۲۳-۰۷-۱۴", {}), ("14/07/2023", {"LANGUAGE": "fr"}),
                       ("١٤/٠٧/٢٠٢٣", {"LANGUAGE": "ar"})):
        out = dry_run("whatsapp", str(path), "--from", since, env=env)
        assert (out["messages"], out["first"]) == (2, "2023-07-14"), since
    assert dry_run("whatsapp", str(path), "--to", "۲۰۲۳-۰۷-۰۴")["last"] == "2023-07-04"
    proc = run_cli("import", "whatsapp", str(path), "--from", "2023-02-30", passphrase=None)
    assert proc.returncode == 2 and "2023-02-30" in proc.stderr and "Traceback" not in proc.stderr


def test_a_whatsapp_author_is_chosen_by_her_number_written_any_way(tmp_path):
    path = ex.wa_export(tmp_path / "wa", next(x for x in ex.LOCALES if x.name == "en-ios"))
    for author in ("+49 170 1234567", "00491701234567", "491701234567", "+٤٩ ١٧٠ ١٢٣٤٥٦٧", "\u202a+49 170 1234567\u202c"):
        out = dry_run("whatsapp", str(path), "--author", author)
        assert [a["numeric_id"] for a in out["authors"]] == ["491701234567"], author
    assert dry_run("whatsapp", str(path), "--author", "+49 170 1234568")["messages"] == 0


def test_dry_run_with_all_writes_nothing_and_asks_no_passphrase(cli_vault, tmp_path):  # noqa: F811
    folder = ex.telegram_sample(tmp_path / "tg")
    proc = run_cli("--vault", str(cli_vault), "import", "telegram", str(folder), "--all", "--dry-run",
                   passphrase=None, check=True)
    assert "6 of 7 messages chosen" in proc.stdout and "Harasser (id 777)" in proc.stdout
    assert journal_json(cli_vault) == {"incident": [], "actor": []}


def test_meta_x_folder_and_web_through_the_cli(cli_vault, tmp_path):  # noqa: F811
    from tests.core.importers.test_import import _warc

    meta = ex.meta_export(tmp_path / "meta")
    out = dry_run("meta", str(meta))
    assert (out["platform"], out["messages"]) == ("facebook", 3)
    assert {a["display_name"] for a in out["authors"]} == {"Zoë Hater", "Me"}
    made = json.loads(sijil(cli_vault, "import", "meta", str(meta), "--author", "Zoë Hater", "--all", "--json",
                            check=True).stdout)
    assert len(made["evidence_ids"]) == 2 and len(made["actor_ids"]) == 1
    x = ex.x_export(tmp_path / "x")
    assert dry_run("x", str(x))["authors"][0]["handle"] == "defender_x"
    text = sijil(cli_vault, "import", "x", str(x), "--message", dry_run("x", str(x))["chosen"][0]["id"],
                 check=True).stdout
    assert text.startswith("incidents: ") and "evidence: " in text
    shots = tmp_path / "shots"
    shots.mkdir()
    for n in range(3):
        (shots / f"shot{n}.jpg").write_bytes(ex.photo_bytes(n))
    made = json.loads(sijil(cli_vault, "import", "folder", str(shots), "--new-incident", "per-file", "--all",
                            "--json", check=True).stdout)
    assert len(made["incident_ids"]) == 3 and len(made["evidence_ids"]) == 3
    warc = _warc(tmp_path / "capture.warc.gz")
    made = json.loads(sijil(cli_vault, "import", "web", str(warc), "--incident", str(made["incident_ids"][0]),
                            "--all", "--json", check=True).stdout)
    assert made["incident_ids"] == [] and len(made["evidence_ids"]) == 2 and len(made["target_incident_ids"]) == 1


def test_every_record_type_lists_as_json(cli_vault, tmp_path):  # noqa: F811
    made = json.loads(sijil(cli_vault, "import", "telegram", str(ex.telegram_sample(tmp_path / "tg")), "--all",
                            "--json", check=True).stdout)
    incident = str(made["incident_ids"][0])
    sijil(cli_vault, "person", "add", "--name", "Layla Haddad", "--pseudonym", "Defender K", check=True)
    typed = sijil(cli_vault, "incident", "add", "--title", "Call at night", "--occurred", "۲۰۲۳-۰۷-۰۴", "--time",
                  "۲۱:۴۰", check=True).stdout.strip()
    sijil(cli_vault, "report", "add", "--platform", "telegram", "--filed", "٢٠٢٣-٠٧-٠٥", "--incident", incident,
          "--item", "https://t.me/c/1234567890/2", check=True)
    sijil(cli_vault, "assess", "--likelihood", "4", "--impact", "5", "--date", "۲۰۲۳-۰۷-۰۶", "--measure",
          "change routes", check=True)
    listed = journal_json(cli_vault, ("incident", "actor", "person", "report", "assessment"))
    listed["evidence"] = json.loads(sijil(cli_vault, "evidence", "list", incident, "--json", check=True).stdout)
    assert sorted(str(i["id"]) for i in listed["incident"]) == sorted([incident, typed])
    assert [(i["occurred_on"], i["occurred_time"]) for i in listed["incident"] if str(i["id"]) == typed] == [
        ("2023-07-04", "21:40")]
    assert {a["numeric_id"] for a in listed["actor"]} == {"777", "4242", ""}  # "Hate channel" has no id
    assert [p["pseudonym"] for p in listed["person"]] == ["Defender K"]
    assert [(r["filed_on"], r["items"][0]["url"]) for r in listed["report"]] == [("2023-07-05",
                                                                                   "https://t.me/c/1234567890/2")]
    [assessment] = listed["assessment"]
    assert (assessment["assessed_on"], assessment["likelihood"], assessment["impact"]) == ("2023-07-06", 4, 5)
    assert [m["description"] for m in assessment["measures"]] == ["change routes"]
    assert len(listed["evidence"]) == len(made["evidence_ids"]) + len(made["export_evidence_ids"])


def test_a_meta_html_download_through_the_cli(cli_vault, tmp_path):  # noqa: F811
    from tests.core.importers import meta_html_exports as hx
    from tests.core.importers.meta_exports import write
    path = write(tmp_path / "fb", hx.facebook_files(style="numeric"), zipped="facebook-leyla-2023-07-06.zip")
    out = dry_run("meta", str(path))
    assert (out["platform"], out["messages"], out["date_order"]) == ("facebook", 11, "day-first")
    assert out["date_order_reason"] and "not stated" in out["timezone"]
    made = json.loads(sijil(cli_vault, "import", "meta", str(path), "--author", "Zoë Hater", "--all", "--json",
                            check=True).stdout)
    assert len(made["actor_ids"]) == 1 and len(made["evidence_ids"]) == 9
