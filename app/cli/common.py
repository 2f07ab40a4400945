"""Helpers shared by the CLI modules: vault location, passphrase input, JSON output."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.core import errors, paths
from app.core.i18n import _
from app.core.vault import Vault


def vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else paths.default_vault_dir()


def read_secret(env_name: str, prompt: str, confirm: bool = False) -> str:
    """A passphrase from the environment, else from the terminal without echo."""
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise errors.InvalidInput(
            _("No passphrase given. Set {env} or run this command in a terminal.").format(env=env_name))
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != value:
        raise errors.InvalidInput(_("The two passphrases are different. Nothing was changed."))
    return value


def open_vault(args: argparse.Namespace, passphrase: str | None = None) -> Vault:
    """Unlock the journal with `passphrase`, else the one from SIJIL_PASSPHRASE or the terminal."""
    read_only = bool(getattr(args, "read_only", False))
    if passphrase is None:
        passphrase = read_secret("SIJIL_PASSPHRASE", _("Passphrase: "))
    vault = Vault.unlock(vault_dir(args), passphrase, read_only=read_only)
    if vault.integrity_warning:
        print("sijil: " + vault.integrity_warning, file=sys.stderr)
        print("sijil: " + _("Opened read-only: nothing will be changed or deleted."), file=sys.stderr)
    return vault


def day(text: str) -> str:
    """An argparse type: a day typed in ISO 8601 or the way her language writes it, in Latin
    or her own digits ("2023-07-04", "٢٠٢٣-٠٧-٠٤", "۲۰۲۳-۰۷-۰۴", "04/07/2023"), as YYYY-MM-DD."""
    return _typed(lambda lf, language: lf.parse_date(text, language).isoformat())


def clock(text: str) -> str:
    """An argparse type: a time of day in any digits, on a 24-hour clock or with her language's
    am/pm word ("21:40", "۲۱:۴۰", "٩:٤٠ م"), as HH:MM."""
    return _typed(lambda lf, language: lf.parse_time(text, language))


def _typed(read: Callable) -> str:
    """What `read(locale_format, language)` makes of an argument; a value it refuses is a usage
    error (exit 2) naming it, before any journal is opened."""
    from app.core import i18n, locale_format  # babel's data: only for commands that take dates

    try:
        return read(locale_format, i18n.current_language())
    except errors.InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def emit_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def with_vault(fn: Callable[[Vault, argparse.Namespace], int | None]) -> Callable[[argparse.Namespace], int]:
    """Run fn with the vault unlocked, and always lock it afterwards."""
    def run(args: argparse.Namespace) -> int:
        with open_vault(args) as vault:
            return fn(vault, args) or 0
    return run


def lister(attr: str, columns: tuple[str, ...]):
    """A command printing every record of one kind, as columns or --json."""
    @with_vault
    def run(vault: Vault, a: argparse.Namespace) -> int:
        rows = getattr(vault.journal, attr).list()
        if a.json:
            emit_json([dataclasses.asdict(r) for r in rows])
        else:
            for r in rows:
                print("\t".join(str(getattr(r, c)) for c in columns))
        return 0
    return run


# Free text from a file or standard input --------------------------------------------------
# Arguments are visible to every user of the machine (`ps`, /proc/<pid>/cmdline) and stay in
# shell history. So every free-text option --X also exists as --X-file FILE ('-' = stdin).

_NOT_TEXT_METAVARS = {"DATE", "HH:MM", "FILE", "DIR", "KEY", "FP", "MB"}
MAX_TEXT_FILE_BYTES = 1 << 20


class _TextFromFile(argparse.Action):
    """Set (or, for a repeatable option, append one value per non-empty line) from a file."""

    def __init__(self, option_strings, dest, repeatable: bool = False, **kw) -> None:
        super().__init__(option_strings, dest, **kw)
        self.repeatable = repeatable

    def __call__(self, parser, namespace, value, option_string=None) -> None:
        text = _read_text(parser, namespace, value, option_string)
        if self.repeatable:
            setattr(namespace, self.dest, (getattr(namespace, self.dest) or [])
                    + [line.strip() for line in text.splitlines() if line.strip()])
        else:
            setattr(namespace, self.dest, text[:-1] if text.endswith("\n") else text)


def _read_text(parser: argparse.ArgumentParser, namespace, value: str, option: str | None) -> str:
    try:
        if value == "-":
            if getattr(namespace, "_stdin_taken", False):
                parser.error(_("Only one option can read standard input ('-')."))
            namespace._stdin_taken = True
            raw = sys.stdin.buffer.read(MAX_TEXT_FILE_BYTES + 1)
        else:
            with open(value, "rb") as fh:
                raw = fh.read(MAX_TEXT_FILE_BYTES + 1)
        if len(raw) > MAX_TEXT_FILE_BYTES:
            parser.error(_("{option}: the text is longer than 1 MB.").format(option=option))
        return raw.decode("utf-8").replace("\r\n", "\n")
    except OSError:
        parser.error(_("{option}: that file could not be read.").format(option=option))
    except UnicodeDecodeError:
        parser.error(_("{option}: the file is not UTF-8 text.").format(option=option))


def _is_free_text(action: argparse.Action) -> bool:
    return (bool(action.option_strings) and type(action) in (argparse._StoreAction, argparse._AppendAction)
            and action.type is None and action.choices is None
            and action.metavar not in _NOT_TEXT_METAVARS and "date" not in action.dest
            and not action.dest.endswith("_seen"))


def add_text_file_options(parser: argparse.ArgumentParser) -> None:
    """Give every free-text option of parser and its subcommands a --X-file twin. A required
    option becomes satisfiable by either; `check_required_text` enforces that after parsing."""
    required: list[tuple[str, str]] = []
    for action in list(parser._actions):
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_text_file_options(child)
        elif _is_free_text(action):
            option = max(action.option_strings, key=len)
            parser.add_argument(
                f"{option}-file", dest=action.dest, metavar="FILE", action=_TextFromFile,
                repeatable=isinstance(action, argparse._AppendAction), default=argparse.SUPPRESS,
                help=_("read {option} from FILE, '-' for standard input (not seen in ps or shell "
                       "history)").format(option=option))
            if action.required:
                action.required = False
                required.append((option, action.dest))
    if required:
        parser.set_defaults(_required_text=required)


def check_required_text(args: argparse.Namespace) -> None:
    for option, dest in getattr(args, "_required_text", ()):
        if getattr(args, dest, None) is None:
            raise errors.InvalidInput(
                _("{option} is required (or {option}-file FILE, '-' for standard input).").format(option=option))
