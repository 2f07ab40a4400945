"""The registry of journal settings: typed values, one default, refusals in plain words."""

import pytest

from app.core import evidence, settings
from app.core.errors import InvalidInput


def test_every_value_comes_back_typed_with_the_registry_default_when_unset(vault):
    for s in settings.SETTINGS.values():
        assert settings.read(vault.journal, s) == s.default
    settings.write(vault.journal, settings.OVERDUE_DAYS, "14")
    settings.write(vault.journal, settings.SUBMITTER_NAME, "Network")
    assert settings.read(vault.journal, settings.OVERDUE_DAYS) == 14
    assert settings.read(vault.journal, settings.SUBMITTER_NAME) == "Network"
    assert vault.journal.get_setting("overdue_days") == "14"  # stored inside the encrypted journal


@pytest.mark.parametrize("bad", ["soon", "0", "-3", "366", "1.5", "", "٣٠", "30 days", "9" * 5000])
def test_a_bad_number_is_refused_in_plain_words_and_nothing_changes(vault, bad):
    settings.write(vault.journal, settings.OVERDUE_DAYS, 20)
    with pytest.raises(InvalidInput, match="overdue_days is a whole number from 1 to 365, for example 30"):
        settings.write(vault.journal, settings.OVERDUE_DAYS, bad)
    assert settings.read(vault.journal, settings.OVERDUE_DAYS) == 20


@pytest.mark.parametrize("stored", ["abc", "0", "999999", "-1"])
def test_a_damaged_stored_value_reads_as_the_default_everywhere(vault, stored):
    """Written by an older version or by hand: the reports, exports and evidence limit all fall
    back to the one default instead of crashing or each guessing their own."""
    vault.journal.set_setting("overdue_days", stored)
    vault.journal.set_setting("evidence.max_file_mb", stored if stored != "999999" else "x")
    assert settings.read(vault.journal, settings.OVERDUE_DAYS) == 30
    assert evidence.max_file_bytes(vault) == 4096 * 1024 * 1024


def test_an_unknown_name_is_refused_naming_the_settings_there_are():
    with pytest.raises(InvalidInput) as caught:
        settings.known("overdue")
    assert "overdue" in caught.value.message
    assert "overdue_days" in caught.value.message and "dossier.submitter_name" in caught.value.message
    assert "dossier.un_draft" not in caught.value.message  # the wizard's own draft is not offered
    assert settings.known("evidence.max_file_mb") is settings.MAX_FILE_MB


def test_every_setting_has_a_description_that_formats():
    for s in settings.SETTINGS.values():
        assert s.describe() and "{" not in s.describe()
