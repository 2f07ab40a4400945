"""The CLI contract, run as a user runs it: a real subprocess, real files."""

import hashlib
import json

import pytest

from tests.conftest import image_bytes, run_cli


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
    assert sijil(cli_vault, "setting", "no_such_setting", "1").returncode == 2
    sijil(cli_vault, "setting", "overdue_days", "14", check=True)
    sijil(cli_vault, "report", "add", "--platform", "x", "--filed", "2020-01-01", "--item", "https://x.com/a/1", check=True)
    assert "no response after 14 days" in sijil(cli_vault, "report", "summary", check=True).stdout


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
