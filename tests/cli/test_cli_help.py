"""Every help text of the command line goes through the translation function."""

import argparse
import gettext

from app.core import i18n


class _Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return "«" + message + "»"


def _helps(parser: argparse.ArgumentParser, path: str):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:  # the one-line help of each subcommand
                yield f"{path} {choice.dest}", choice.help
            for name, child in action.choices.items():
                yield from _helps(child, f"{path} {name}")
        elif action.help not in (None, argparse.SUPPRESS) and not isinstance(action, argparse._HelpAction):
            yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help


def test_every_help_string_is_translated(monkeypatch):
    monkeypatch.setattr(i18n, "_translation", _Marked())
    from app.cli import build_parser

    helps = list(_helps(build_parser(), "sijil"))
    untranslated = [where for where, text in helps if text is not None and not text.startswith("«")]
    assert len(helps) > 100 and untranslated == []
