"""CLI commands for a defender under coercion: quick wipe and the duress passphrase."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import read_secret, vault_dir, with_vault
from app.core import duress, errors, wipe
from app.core.i18n import _
from app.core.passphrase_rule import require_acceptable
from app.core.vault import Vault


def cmd_wipe(args: argparse.Namespace) -> int:
    path = vault_dir(args)
    if not args.yes:
        if not sys.stdin.isatty():
            raise errors.InvalidInput(_("Add --yes to wipe without being asked (nothing was wiped)."))
        word = _("WIPE")
        answer = input(_("This destroys the journal in {path} for good, without the passphrase. "
                         "Type {word} to go on: ").format(path=path, word=word))
        # Compared case-insensitively, and the English word always works: a translated word may
        # need letters her keyboard lacks (Turkish "SİL").
        if answer.strip().casefold() not in {word.casefold(), "wipe"}:
            print(_("Nothing was wiped."))
            return errors.EXIT_ERROR
    wipe.wipe(path)
    print(_("Journal wiped: its keys were destroyed first, then its files overwritten and removed. On SSDs "
            "and flash drives old copies of the files may remain on the chip, but without the keys they "
            "cannot be read."))
    return 0


@with_vault
def cmd_duress_set(vault: Vault, args: argparse.Namespace) -> int:
    passphrase = require_acceptable(read_secret("SIJIL_DURESS_PASSPHRASE", _("Duress passphrase: "), confirm=True))
    duress.set_duress(vault, passphrase, destroy_real=args.destroy_real)
    print(_("Duress passphrase set. It opens a new, empty decoy journal: open it with that passphrase and "
            "add a few ordinary entries over time, so it looks lived in."))
    if args.destroy_real:
        print(_("Opening with the duress passphrase will also destroy this journal's keys, for good."))
    return 0


@with_vault
def cmd_duress_remove(vault: Vault, args: argparse.Namespace) -> int:
    duress.remove_duress(vault)
    print(_("No duress passphrase is set now."))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add wipe and duress."""
    p = sub.add_parser("wipe", help=_("destroy the journal at once (no passphrase needed)"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(func=cmd_wipe)
    p = sub.add_parser("duress", help=_("a second passphrase that opens a decoy journal"))
    duress_sub = p.add_subparsers(dest="duress_command", metavar="ACTION", required=True)
    q = duress_sub.add_parser("set", help=_("set (or replace) the duress passphrase and start a new decoy "
                                            "(from SIJIL_DURESS_PASSPHRASE or a prompt)"))
    q.add_argument("--destroy-real", action="store_true",
                   help=_("opening with the duress passphrase also destroys the real journal's keys"))
    q.set_defaults(func=cmd_duress_set)
    duress_sub.add_parser("remove", help=_("remove the duress passphrase and its decoy")) \
        .set_defaults(func=cmd_duress_remove)
