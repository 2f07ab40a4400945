"""The CLI contract, run as a user runs it: a real subprocess, real files."""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, image_bytes, run_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_vault(tmp_path):
    path = tmp_path / "vault"
    run_cli("--vault", str(path), "init", check=True)
    return path


def sijil(vault, *args, **kw):
    return run_cli("--vault", str(vault), *args, **kw)


def test_init_refuses_to_overwrite(cli_vault):
    proc = sijil(cli_vault, "init")
    assert proc.returncode == 1 and "already exists" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_record_link_search_and_show(cli_vault):
    out = sijil(cli_vault, "incident", "add", "--title", "Death threat", "--occurred", "2026-03-14",
                "--platform", "telegram", "--kind", "death_threat", "--description", "تهديد بالقتل",
                "--location", "Gaziantep", "--severity", "5", check=True).stdout
    assert out == "1\n"
    assert sijil(cli_vault, "person", "add", "--name", "Rania", "--alias", "رانيا", "--pseudonym", "Defender A",
                 "--consent-un", check=True).stdout == "1\n"
    assert sijil(cli_vault, "actor", "add", "--platform", "telegram", "--handle", "@hate", check=True).stdout == "1\n"
    sijil(cli_vault, "incident", "link-person", "1", "1", check=True)
    sijil(cli_vault, "incident", "link-actor", "1", "1", check=True)
    assert sijil(cli_vault, "search", "رانيا", check=True).stdout.split("\t")[0] == "1"
    shown = json.loads(sijil(cli_vault, "incident", "show", "1", "--json", check=True).stdout)
    assert shown["persons"] == [1] and shown["actors"] == [1] and shown["severity"] == 5
    listed = json.loads(sijil(cli_vault, "incident", "list", "--json", check=True).stdout)
    assert [i["title"] for i in listed] == ["Death threat"]


def test_reports_assessments_and_summary(cli_vault):
    sijil(cli_vault, "incident", "add", "--title", "t", "--occurred", "2026-01-01", check=True)
    rid = sijil(cli_vault, "report", "add", "--platform", "telegram", "--filed", "2026-01-02", "--incident", "1",
                "--item", "https://t.me/chan/1", "--item", "https://t.me/chan/2", check=True).stdout
    assert rid == "1\n"
    summary = sijil(cli_vault, "report", "summary", check=True).stdout
    assert summary.startswith("telegram: 2 reported")
    aid = sijil(cli_vault, "assess", "--likelihood", "4", "--impact", "5", "--indicator", "offline_contact",
                "--measure", "Change route", check=True).stdout
    assert aid == "1\n"


def test_evidence_add_prints_id_and_hash_then_extracts(cli_vault, tmp_path):
    sijil(cli_vault, "incident", "add", "--title", "t", "--occurred", "2026-01-01", check=True)
    a, b = tmp_path / "a.png", tmp_path / "b.txt"
    a.write_bytes(image_bytes())
    b.write_bytes(b"witness statement")
    out = sijil(cli_vault, "evidence", "add", "1", str(a), str(b), "--caption", "c", check=True).stdout.splitlines()
    assert out == [f"1 {hashlib.sha256(a.read_bytes()).hexdigest()}", f"2 {hashlib.sha256(b.read_bytes()).hexdigest()}"]
    dest = tmp_path / "copy.png"
    sijil(cli_vault, "evidence", "extract", "1", "--out", str(dest), check=True)
    assert dest.read_bytes() == a.read_bytes()
    again = sijil(cli_vault, "evidence", "extract", "1", "--out", str(dest))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_exit_codes(cli_vault, tmp_path):
    assert sijil(cli_vault, "incident", "list", passphrase="wrong").returncode == 4
    assert sijil(cli_vault, "incident", "show", "42").returncode == 1
    assert sijil(cli_vault, "incident", "add", "--title", "x", "--occurred", "yesterday").returncode == 2
    assert sijil(cli_vault, "no-such-command").returncode == 2
    assert run_cli("--vault", str(tmp_path / "none"), "incident", "list").returncode == 1
    (cli_vault / "sijil-vault.json").write_text("{}")
    proc = sijil(cli_vault, "incident", "list")
    assert proc.returncode == 3 and "damaged" in proc.stderr
    for p in (proc,):
        assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_no_passphrase_and_no_terminal_is_a_clear_error(cli_vault):
    proc = sijil(cli_vault, "incident", "list", passphrase=None)
    assert proc.returncode == 2 and "SIJIL_PASSPHRASE" in proc.stderr


def test_passwd_backup_restore_audit(cli_vault, tmp_path):
    sijil(cli_vault, "incident", "add", "--title", "kept", "--occurred", "2026-01-01", check=True)
    sijil(cli_vault, "passwd", env={"SIJIL_NEW_PASSPHRASE": "second passphrase"}, check=True)
    assert sijil(cli_vault, "incident", "list").returncode == 4
    sijil(cli_vault, "backup", "--out", str(tmp_path / "b.bak"), passphrase="second passphrase", check=True)
    restored = tmp_path / "restored"
    run_cli("--vault", str(restored), "restore", str(tmp_path / "b.bak"), passphrase="second passphrase", check=True)
    listed = run_cli("--vault", str(restored), "incident", "list", passphrase="second passphrase", check=True)
    assert "kept" in listed.stdout
    verified = run_cli("--vault", str(restored), "audit", "verify", passphrase="second passphrase", check=True)
    assert "intact" in verified.stdout


def test_demo_creates_a_browsable_journal(tmp_path):
    path = tmp_path / "demo"
    run_cli("--vault", str(path), "demo", check=True)
    listed = run_cli("--vault", str(path), "incident", "list", check=True).stdout.splitlines()
    assert len(listed) >= 10
    assert run_cli("--vault", str(path), "report", "summary", check=True).stdout.count("reported") >= 3


def test_passphrase_is_never_an_argument():
    proc = run_cli("--help", passphrase=None)
    assert proc.returncode == 0 and "--passphrase" not in proc.stdout



def test_settings_read_and_write_inside_the_journal(cli_vault):
    sijil(cli_vault, "setting", "dossier.submitter_name", "Women's Rights Network", check=True)
    assert sijil(cli_vault, "setting", "dossier.submitter_name", check=True).stdout == "Women's Rights Network\n"
    assert sijil(cli_vault, "setting", "overdue_days", "soon").returncode == 2
    unknown = sijil(cli_vault, "setting", "no_such_setting", "1")
    assert unknown.returncode == 2 and "no journal setting called no_such_setting" in unknown.stderr
    assert "overdue_days" in unknown.stderr and "Traceback" not in unknown.stderr
    too_many = sijil(cli_vault, "setting", "overdue_days", "0")
    assert too_many.returncode == 2 and "whole number from 1 to 365" in too_many.stderr
    assert sijil(cli_vault, "setting", "dossier.un_draft", "{}").returncode == 2
    assert sijil(cli_vault, "setting", "overdue_days", check=True).stdout == "30\n"  # the default, typed
    sijil(cli_vault, "setting", "overdue_days", "14", check=True)
    sijil(cli_vault, "report", "add", "--platform", "x", "--filed", "2020-01-01", "--item", "https://x.com/a/1", check=True)
    assert "no response after 14 days" in sijil(cli_vault, "report", "summary", check=True).stdout
    listed = sijil(cli_vault, "setting", check=True).stdout
    assert "overdue_days = 14" in listed and "evidence.max_file_mb = 4096" in listed
    assert "dossier.submitter_name = Women's Rights Network" in listed and "dossier.un_draft" not in listed


def test_evidence_add_refuses_devices_and_honours_max_size(cli_vault, tmp_path):
    sijil(cli_vault, "incident", "add", "--title", "T", "--occurred", "2026-03-14", check=True)
    zero = sijil(cli_vault, "evidence", "add", "1", "/dev/zero", timeout=60)
    assert zero.returncode == 1 and "not an ordinary file" in zero.stderr
    video = tmp_path / "video.mp4"
    video.write_bytes(bytes(2 * 1024 * 1024))
    sijil(cli_vault, "setting", "evidence.max_file_mb", "1", check=True)
    refused = sijil(cli_vault, "evidence", "add", "1", str(video))
    assert refused.returncode == 1 and "limit of 1 MB" in refused.stderr
    sijil(cli_vault, "evidence", "add", "1", str(video), "--max-size", "3", check=True)
    assert sijil(cli_vault, "setting", "evidence.max_file_mb", "lots").returncode == 2


def test_every_free_text_option_reads_from_a_file_or_stdin(cli_vault, tmp_path):
    """Record content never needs to be an argument (visible in ps and shell history)."""
    description = tmp_path / "d.txt"
    description.write_text("تهديد بالقتل\nsecond line\n", encoding="utf-8")
    sijil(cli_vault, "incident", "add", "--title-file", "-", "--occurred", "2026-03-14",
          "--description-file", str(description), stdin_text="Threat from @hate\n", check=True)
    shown = json.loads(sijil(cli_vault, "incident", "show", "1", "--json", check=True).stdout)
    assert (shown["title"], shown["description"]) == ("Threat from @hate", "تهديد بالقتل\nsecond line")
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("رانيا\nRanya\n", encoding="utf-8")
    sijil(cli_vault, "person", "add", "--name-file", "-", "--pseudonym", "Defender A", "--alias-file",
          str(aliases), stdin_text="Rania Haddad", check=True)
    person = json.loads(sijil(cli_vault, "person", "list", "--json", check=True).stdout)[0]
    assert person["name"] == "Rania Haddad"
    sijil(cli_vault, "incident", "link-person", "1", "1", check=True)
    assert sijil(cli_vault, "search", "Ranya", check=True).stdout.startswith("1\t")


def test_the_file_twin_exists_for_every_free_text_option():
    from app.cli import build_parser
    from app.cli.common import _is_free_text

    def walk(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    yield from walk(child)
            else:
                yield parser, action

    pairs = list(walk(build_parser()))
    texts = [(p, a) for p, a in pairs if _is_free_text(a)]
    assert len(texts) > 25
    for parser, action in texts:
        twin = max(action.option_strings, key=len) + "-file"
        assert twin in parser._option_string_actions, twin


def test_a_required_option_is_still_required_when_neither_form_is_given(cli_vault):
    proc = sijil(cli_vault, "incident", "add", "--occurred", "2026-03-14")
    assert proc.returncode == 2 and "--title-file" in proc.stderr


def test_cli_applies_the_first_run_passphrase_rule(tmp_path):
    for command in (("init",), ("demo",)):
        proc = run_cli("--vault", str(tmp_path / command[0]), *command, passphrase="short")
        assert proc.returncode == 2 and "at least 8 characters" in proc.stderr
        assert not (tmp_path / command[0]).exists()
    run_cli("--vault", str(tmp_path / "v"), "init", check=True)
    weak = run_cli("--vault", str(tmp_path / "v"), "passwd", env={"SIJIL_NEW_PASSPHRASE": "1234"})
    assert weak.returncode == 2 and "at least 8 characters" in weak.stderr
    assert run_cli("--vault", str(tmp_path / "v"), "incident", "list").returncode == 0  # unchanged


@pytest.mark.parametrize("entry", ["cli", "gui"])
def test_core_dumps_are_off_before_any_secret(tmp_path, entry):
    """RLIMIT_CORE and the dumpable flag as seen by the CLI command or the GUI start-up (the
    window itself is replaced by a probe), read inside the same process."""
    code = textwrap.dedent(f"""
        import resource
        import app.gui.application as gui
        from app.__main__ import main
        from app.core.hardening import dumpable
        seen = []
        gui.run_gui = lambda: seen.append((resource.getrlimit(resource.RLIMIT_CORE), dumpable())) or 0
        main(["--vault", {str(tmp_path / "v")!r}, "init"] if {entry!r} == "cli" else [])
        print(*(seen[0] if seen else (resource.getrlimit(resource.RLIMIT_CORE), dumpable())))
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT), SIJIL_PASSPHRASE=PASSPHRASE)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "(0, 0) False", out.stderr
