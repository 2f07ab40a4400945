"""Wipe after N failed unlocks: counted in the header, across processes, hidden from the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import failed_unlocks
from app.core.errors import InvalidInput, WrongPassphrase
from app.core.header import read_header
from app.core.models import Incident
from app.core.vault import Vault
from tests.conftest import PASSPHRASE, run_cli
from tests.core.header_shape import header_shape

WRONG = "not the passphrase at all"


def _failures(path: Path) -> int:
    return read_header(path).guard_state()[1]


def _cli_list(path: Path, tmp_path: Path, passphrase: str):
    return run_cli("--vault", str(path), "incident", "list", passphrase=passphrase,
                   env={"XDG_CONFIG_HOME": str(tmp_path / "config")})


def test_wrong_passphrases_are_counted_across_processes_and_reset_by_the_right_one(vault, vault_path, tmp_path):
    vault.lock()
    for expected in (1, 2):
        assert _cli_list(vault_path, tmp_path, WRONG).returncode == 4
        assert _failures(vault_path) == expected
    assert _cli_list(vault_path, tmp_path, PASSPHRASE).returncode == 0
    assert _failures(vault_path) == 0


def test_n_wrong_passphrases_in_a_row_wipe_the_journal(vault, vault_path, tmp_path):
    vault.journal.incidents.add(Incident(title="kept until the third guess", occurred_on="2026-01-01"))
    failed_unlocks.set_threshold(vault, 3)
    vault.lock()
    answers = [_cli_list(vault_path, tmp_path, WRONG) for _ in range(3)]
    # The third guess wipes; what it says is what the two before said.
    assert [a.returncode for a in answers] == [4, 4, 4]
    assert len({a.stderr for a in answers}) == 1
    assert not vault_path.exists()


def test_a_right_passphrase_between_guesses_starts_the_count_again(vault, vault_path):
    failed_unlocks.set_threshold(vault, 3)
    vault.lock()
    for _round in range(3):
        for _guess in range(2):
            with pytest.raises(WrongPassphrase):
                Vault.unlock(vault_path, WRONG)
        Vault.unlock(vault_path, PASSPHRASE).lock()
    assert _failures(vault_path) == 0


def test_the_setting_is_not_revealed_by_the_files_or_the_messages(tmp_path):
    """On or off: the same header fields and sizes, the header rewritten alike by a wrong guess
    (and not dated by it), the same answer to it."""
    answers, shapes = [], []
    for n, threshold in enumerate((0, 5)):
        path = tmp_path / f"journal-{n}"
        with Vault.create(path, PASSPHRASE, strength="test") as v:
            if threshold:
                failed_unlocks.set_threshold(v, threshold)
        before = (path / "sijil-vault.json").read_bytes()
        times = [int(p.stat().st_mtime) for p in (path, path / "sijil-vault.json")]
        answers.append(_cli_list(path, tmp_path, WRONG))
        assert (path / "sijil-vault.json").read_bytes() != before  # counted even when off
        assert [int(p.stat().st_mtime) for p in (path, path / "sijil-vault.json")] == times  # not dated
        shapes.append(header_shape(path))
        assert (path / "sijil-vault.json").stat().st_size == len(before)
    assert shapes[0] == shapes[1]
    assert (answers[0].returncode, answers[0].stderr) == (answers[1].returncode, answers[1].stderr)


@pytest.mark.parametrize("bad", ["1", "2", "100", "-3", "three", ""])
def test_threshold_is_zero_or_at_least_three(vault, bad):
    with pytest.raises(InvalidInput):
        failed_unlocks.set_threshold(vault, bad)
    assert failed_unlocks.threshold(vault) == 0


def test_cli_setting_sets_reads_and_lists_the_threshold(tmp_path):
    path = tmp_path / "vault"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    run_cli("--vault", str(path), "init", check=True, env=env)
    run_cli("--vault", str(path), "setting", "wipe_after_failed", "4", check=True, env=env)
    assert run_cli("--vault", str(path), "setting", "wipe_after_failed", env=env).stdout.strip() == "4"
    assert "wipe_after_failed = 4" in run_cli("--vault", str(path), "setting", env=env).stdout
    refused = run_cli("--vault", str(path), "setting", "wipe_after_failed", "2", env=env)
    assert refused.returncode == 2 and "0 (off)" in refused.stderr
    assert read_header(path).guard_state() == (4, 0)
