"""The evidence viewer's details speak her language: size, pixels and the import time in her
digits and units, with the offset the time was recorded in; an unreadable stored time as stored."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from app.gui import vocabulary
from app.gui.language import apply_language
from tests.gui.test_evidence_first_use import viewer_of_dropped


def test_sizes_and_moments_in_english(qapp):
    assert vocabulary.size_label(500) == "500 bytes"
    assert vocabulary.size_label(9420) == "9.2 KB"
    assert vocabulary.size_label(5 * 1024 ** 3) == "5 GB"
    assert vocabulary.moment_label("2026-12-02T20:31:47Z") == "2 Dec 2026, 20:31:47 UTC"
    assert vocabulary.moment_label("2023-07-04T10:30:15+03:30").endswith("UTC+3:30")
    assert vocabulary.moment_label("2023-07-04T10:30:15") == "4 Jul 2023, 10:30:15"
    assert vocabulary.moment_label("July 2023, roughly") == "July 2023, roughly"


@pytest.mark.parametrize(("lang", "kilobytes"), [("ar", "كيلوبايت"), ("fa", "کیلوبایت"), ("fr", "Ko")])
def test_sizes_and_moments_in_her_language(qapp, lang, kilobytes):
    apply_language(lang)
    size = vocabulary.size_label(9420)
    assert kilobytes in size and "KB" not in size
    moment = vocabulary.moment_label("2026-12-02T20:31:47Z")
    if lang in ("ar", "fa"):
        assert not re.search("[0-9]", size + moment.replace("UTC", ""))


def test_the_viewer_shows_the_details_in_arabic(qtbot, main, tmp_path):
    apply_language("ar")
    path = tmp_path / "threat.png"
    Image.new("RGB", (720, 480), (10, 10, 10)).save(path)
    viewer = viewer_of_dropped(qtbot, main, path)
    size, imported = viewer.details["size"].text(), viewer.details["imported"].text()
    assert "٧٢٠" in size and "٤٨٠" in size and "KB" not in size
    assert not re.search(r"\d{4}-\d\d-\d\dT", imported) and not re.search("[0-9]", imported.replace("UTC", ""))
