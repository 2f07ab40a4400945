"""A typed day is never cut: the incident's date field is wide enough for the widest day her
language writes, beside its calendar button (in Turkish "28.12.2026" lost its first digit)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle

from app.gui.language import apply_language


@pytest.mark.parametrize("lang", ["en", "tr", "ar", "fa", "fr", "es"])
def test_the_incident_date_shows_the_whole_day(qtbot, main, lang):
    apply_language(lang)
    editor = main.open_incident(None)
    editor.resize(1024, 640)
    field = editor.form.occurred_on
    field.set_iso("2026-12-28")
    editor.show()
    qtbot.waitExposed(editor)
    icon = field.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    needed = field.fontMetrics().horizontalAdvance(field.text()) + icon + 8
    assert field.width() >= needed, (field.text(), field.width(), needed)
