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
