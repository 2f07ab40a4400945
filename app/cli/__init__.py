"""Command-line front end over the core: `sijil [--vault DIR] COMMAND`, one module per group
of commands (journal, records, reports, evidence and pictures, dossier); shared helpers in common.py.

Passphrases come from SIJIL_PASSPHRASE (new ones from SIJIL_NEW_PASSPHRASE) or a prompt on
the terminal, never from argv. Exit codes: 0 ok, 1 error, 2 usage, 3 integrity failure,
4 wrong passphrase. Errors are one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys

from app import __version__
from app.cli import argparse_i18n, dossier, evidence, journal, records, reports
from app.cli.common import add_text_file_options, check_required_text
from app.core import errors, i18n
from app.core.i18n import _

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sijil", description=_("Sijil: an encrypted safety journal."))
    parser.add_argument("--vault", metavar="DIR", help=_("journal folder (default: SIJIL_VAULT or your data folder)"))
    parser.add_argument("--version", action="version", version=f"sijil {__version__}",
                        help=_("show the version number and exit"))
    parser.add_argument("--read-only", action="store_true",
                        help=_("open a journal that failed its state check, to read and export what is there"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (journal, records, reports, evidence, dossier):
        group.register(sub)
    add_text_file_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The CLI speaks the language the system asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    i18n.set_language(i18n.system_language())
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return errors.EXIT_OK
    try:
        check_required_text(args)
        return args.func(args)
    except errors.SijilError as exc:
        print(f"sijil: {exc.message}", file=sys.stderr)
        if isinstance(exc, errors.RollbackDetected):
            print("sijil: " + _("To read and export it as it is, run the command again with --read-only "
                                "(sijil --read-only ...)."), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"sijil: {errors.from_os_error(exc).message}", file=sys.stderr)
        return errors.EXIT_ERROR
    except KeyboardInterrupt:
        print(f"sijil: {_('Cancelled.')}", file=sys.stderr)
        return errors.EXIT_ERROR
    except Exception as exc:  # no traceback for users; the type only, never content
        log.debug("unexpected %s", type(exc).__name__)
        print("sijil: " + _("An unexpected problem stopped this command ({kind}). Your journal is unchanged.")
              .format(kind=type(exc).__name__), file=sys.stderr)
        return errors.EXIT_ERROR
