"""CLI commands on the journal as a whole: create, demo, passphrase, backup and restore, audit
trail, search and the journal's settings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import emit_json, open_vault, read_secret, vault_dir, with_vault
from app.cli.records import incident_dict
from app.core import backup, errors, keyring_store, settings
from app.core.demo import create_demo
from app.core.errors import InvalidInput
from app.core.i18n import _, ngettext
from app.core.passphrase_rule import require_acceptable
from app.core.vault import Vault


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_dir(args)
    passphrase = require_acceptable(read_secret("SIJIL_PASSPHRASE", _("New passphrase: "), confirm=True))
    Vault.create(path, passphrase, "high" if args.high_risk else "normal").lock()
    print(_("Journal created in {path}").format(path=path))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    path = vault_dir(args)
    passphrase = require_acceptable(read_secret("SIJIL_PASSPHRASE", _("Passphrase for the demo journal: "),
                                                confirm=True))
    create_demo(path, passphrase).lock()
    print(_("Demo journal with fictional data created in {path}").format(path=path))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        new = require_acceptable(read_secret("SIJIL_NEW_PASSPHRASE", _("New passphrase: "), confirm=True))
        strength = "high" if args.high_risk else None
        keyring_store.change_passphrase(vault, new, strength)
    print(_("Passphrase changed: a new key is in force. Backups made before today still open only with "
            "the passphrase of their day."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        size = backup.create_backup(vault, Path(args.out))
    print(_("Backup written ({size} bytes). It opens only with the current passphrase.").format(size=size))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    passphrase = read_secret("SIJIL_PASSPHRASE", _("Passphrase of the backup: "))
    backup.restore_backup(Path(args.file), vault_dir(args), passphrase).lock()
    print(_("Journal restored into {path}").format(path=vault_dir(args)))
    return 0


@with_vault
def cmd_audit_verify(vault: Vault, args: argparse.Namespace) -> int:
    checked, broken = vault.journal.audit.verify()
    if broken is not None:
        print(_("The audit trail is broken at entry {n}: it was changed after it was written.").format(n=broken),
              file=sys.stderr)
        return errors.EXIT_INTEGRITY
    if vault.integrity_warning:  # read-only open of a journal older than its sealed state
        print(ngettext("The audit trail's {n} entry holds together, but the journal is not in its last saved "
                       "state (see above).",
                       "The audit trail's {n} entries hold together, but the journal is not in its last saved "
                       "state (see above).", checked).format(n=checked), file=sys.stderr)
        return errors.EXIT_INTEGRITY
    print(ngettext("Audit trail intact: {n} entry checked.", "Audit trail intact: {n} entries checked.",
                   checked).format(n=checked))
    return 0


@with_vault
def cmd_audit_list(vault: Vault, args: argparse.Namespace) -> int:
    for e in vault.journal.audit.entries(limit=args.limit):
        print(f"{e.seq}\t{e.at}\t{e.action}\t{e.target}")
    return 0


@with_vault
def cmd_search(vault: Vault, args: argparse.Namespace) -> int:
    ids = vault.journal.search(args.query)
    incidents = [vault.journal.incidents.get(i) for i in ids]
    if args.json:
        emit_json([incident_dict(vault, inc) for inc in incidents])
    else:
        for inc in incidents:
            print(f"{inc.id}\t{inc.occurred_on}\t{inc.title}")
    return 0


@with_vault
def cmd_setting(vault: Vault, a: argparse.Namespace) -> int:
    """No name: every setting with its value and meaning; a name: its value; a name and a value: set it."""
    if a.name is None:
        for s in settings.SETTINGS.values():
            if not s.internal:
                print(f"{s.name} = {settings.read(vault.journal, s)}\t{s.describe()}")
        return 0
    setting = settings.known(a.name)
    if a.value is None:
        print(settings.read(vault.journal, setting))
    elif setting.internal:
        raise InvalidInput(_("{name} is kept by Sijil itself and cannot be set by hand.").format(name=setting.name))
    else:
        settings.write(vault.journal, setting, a.value)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add init, demo, passwd, backup, restore, audit, search and setting."""
    p = sub.add_parser("init", help=_("create a new journal"))
    p.add_argument("--high-risk", action="store_true", help=_("slower, stronger key derivation"))
    p.set_defaults(func=cmd_init)
    sub.add_parser("demo", help=_("create a journal full of fictional data")).set_defaults(func=cmd_demo)
    p = sub.add_parser("passwd", help=_("change the passphrase"))
    p.add_argument("--high-risk", action="store_true", help=_("switch to the stronger key derivation"))
    p.set_defaults(func=cmd_passwd)
    p = sub.add_parser("backup", help=_("write one encrypted backup file"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help=_("restore a backup into --vault DIR"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("audit", help=_("the audit trail"))
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit.add_parser("verify", help=_("check the hash chain")).set_defaults(func=cmd_audit_verify)
    q = audit.add_parser("list", help=_("show the latest entries"))
    q.add_argument("--limit", type=int, default=50)
    q.set_defaults(func=cmd_audit_list)
    p = sub.add_parser("search", help=_("find incidents"))
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("setting", help=_("list, read or change the journal's settings"),
                       description="; ".join(f"{s.name}: {s.describe()}" for s in settings.SETTINGS.values()
                                             if not s.internal))
    p.add_argument("name", nargs="?", help=_("a setting's name; leave out to list them all"))
    p.add_argument("value", nargs="?", help=_("the new value; leave out to print the current one"))
    p.set_defaults(func=cmd_setting)
