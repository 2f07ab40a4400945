"""The main screens in each language show no English word: every label, button, header,
tab, menu entry, choice and placeholder the interface itself shows is collected (the
journal's own content in cells and fields is hers and stays as she wrote it), and a word
found in Sijil's English messages but in none of the language's translations is English
left behind (a string not marked for translation, or missing from the catalogue)."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.pofile import read_po

from app.core import i18n
from app.gui.export.wizard import ExportWizard
from tests.gui.conftest import idle
from tests.gui.screens import demo_controller, main_screens, visible_texts

# Names and abbreviations that stay as they are in every language.
KEPT = {"sijil", "telegram", "facebook", "instagram", "meta", "tiktok", "youtube", "whatsapp", "signal",
        "pdf", "ctrl", "shift", "esc", "del", "ocr", "sha", "ed25519", "dsa", "url", "id", "un", "ohchr",
        "gmail", "png", "jpeg", "jpg", "min", "english", "français", "español", "türkçe"}
WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}|%\([^)]*\)[sd]|&(?=\w)", "", text)
    return {w.lower() for w in WORD.findall(text)}


@cache
def _catalogue_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words of the English messages, words of `language`'s translations)."""
    folder = i18n.catalogue_dir()
    with (folder / language / "LC_MESSAGES" / "sijil.po").open("rb") as handle:
        catalog = read_po(handle)
    english, translated = set(), set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= _words(text)
        for text in strings:
            translated |= _words(text or "")
    return frozenset(english), frozenset(translated)


@cache
def _filled_messages(language: str) -> tuple[re.Pattern, ...]:
    """A pattern per translated message with {fields}: what fills them is journal content
    ("Delete {pseudonym} from the journal?…" names her pseudonym), not the interface's."""
    with (i18n.catalogue_dir() / language / "LC_MESSAGES" / "sijil.po").open("rb") as handle:
        catalog = read_po(handle)
    patterns = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and "{" in text:
                parts = re.split(r"\{[^}]*\}", text)
                patterns.append(re.compile("^" + "(.*?)".join(map(re.escape, parts)) + "$", re.S))
    return tuple(patterns)


def _without_content(text: str, language: str) -> str:
    for pattern in _filled_messages(language):
        match = pattern.match(text)
        if match and match.groups():
            return pattern.pattern  # the message's own words only
    return text


def english_left(texts: list[str], language: str) -> list[str]:
    english, translated = _catalogue_words(language)
    found = []
    for text in texts:
        text = _without_content(text, language)
        leftover = {w for w in _words(text) if w in english and w not in translated and w not in KEPT}
        if leftover:
            found.append(f"{text!r} ({', '.join(sorted(leftover))})")
    return found


def screens_texts(qtbot, controller) -> list[str]:
    texts: list[str] = []
    main = controller.main
    for _name, window in main_screens(qtbot, controller):
        texts += visible_texts(window)
    first = main.incidents.model.incident_id(0)
    for dialog in (main.open_incident(first), main.settings_dialog(), ExportWizard(main.session, [first], main)):
        dialog.show()
        idle(qtbot, controller)
        texts += visible_texts(dialog)
        dialog.close()
    return texts


@pytest.mark.parametrize("language", [code for code in i18n.APP_LANGUAGES if code != "en"])
def test_no_english_word_remains_on_the_main_screens(qtbot, tmp_path, messages, language):
    controller = demo_controller(qtbot, tmp_path, language)
    texts = screens_texts(qtbot, controller)
    controller.lock()
    idle(qtbot, controller)
    for page in (controller.gate.unlock, controller.gate.first_run):
        controller.gate.pages.setCurrentWidget(page)
        texts += visible_texts(controller.gate)
    controller.shutdown()
    left = sorted(set(english_left(texts, language)))
    assert not left, f"{language}: English left on screen:\n" + "\n".join(left)


def test_the_check_finds_english_left_behind():
    assert english_left(["Clear filters", "Telegram", "ملاحظات: the threats were"], "ar") == [
        "'Clear filters' (filters)"]
