"""Command-line front end over the core: `sijil [--vault DIR] COMMAND`.

Passphrases come from SIJIL_PASSPHRASE (new ones from SIJIL_NEW_PASSPHRASE) or a prompt on
the terminal, never from argv. Exit codes: 0 ok, 1 error, 2 usage, 3 integrity failure,
4 wrong passphrase. Errors are one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app import __version__
from app.cli import dossier as cli_dossier
from app.cli import pictures as cli_pictures
from app.cli import records as cli_records
from app.cli.common import (
    add_text_file_options,
    check_required_text,
    emit_json,
    open_vault,
    read_secret,
    vault_dir,
    with_vault,
)
from app.core import backup, errors, keyring_store
from app.core import evidence as evidence_mod
from app.core.demo import create_demo
from app.core.i18n import _
from app.core.passphrase_rule import require_acceptable
from app.core.vault import Vault

log = logging.getLogger(__name__)


# Vault-level commands -----------------------------------------------------------------------

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
        print(_("The audit trail's {n} entries hold together, but the journal is not in its last saved "
                "state (see above).").format(n=checked), file=sys.stderr)
        return errors.EXIT_INTEGRITY
    print(_("Audit trail intact: {n} entries checked.").format(n=checked))
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
        emit_json([cli_records.incident_dict(vault, inc) for inc in incidents])
    else:
        for inc in incidents:
            print(f"{inc.id}\t{inc.occurred_on}\t{inc.title}")
    return 0


# Evidence -----------------------------------------------------------------------------------

@with_vault
def cmd_evidence_add(vault: Vault, args: argparse.Namespace) -> int:
    limit = args.max_size * 1024 * 1024 if args.max_size else None
    for file in args.files:
        ev = evidence_mod.import_file(vault, args.incident, Path(file), source_url=args.source_url or "",
                                      caption=args.caption or "", max_bytes=limit)
        print(f"{ev.id} {ev.sha256}")
    cli_pictures.recognise_after_import(vault, args.incident)
    return 0


@with_vault
def cmd_evidence_extract(vault: Vault, args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise errors.InvalidInput(_("{path} already exists. Choose another name or add --force.").format(path=out))
    ev = evidence_mod.extract(vault, args.evidence, out)
    print(_("Wrote {size} bytes; SHA-256 {sha} matches the original.").format(size=ev.size, sha=ev.sha256))
    return 0


@with_vault
def cmd_evidence_list(vault: Vault, args: argparse.Namespace) -> int:
    items = vault.journal.evidence.of_incident(args.incident)
    if args.json:
        emit_json([{k: v for k, v in vars(e).items() if k not in ("blob", "thumbnail_blob")} for e in items])
    else:
        for e in items:
            print(f"{e.id}\t{e.kind}\t{e.size}\t{e.sha256}\t{e.caption}")
    return 0


# Parser -------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sijil", description=_("Sijil: an encrypted safety journal."))
    parser.add_argument("--vault", metavar="DIR", help=_("journal folder (default: SIJIL_VAULT or your data folder)"))
    parser.add_argument("--version", action="version", version=f"sijil {__version__}")
    parser.add_argument("--read-only", action="store_true",
                        help=_("open a journal that failed its state check, to read and export what is there"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    p = sub.add_parser("evidence", help=_("add, list and extract evidence"))
    ev = p.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    q = ev.add_parser("add", help=_("import files into an incident"))
    q.add_argument("incident", type=int)
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--source-url", metavar="URL")
    q.add_argument("--caption")
    q.add_argument("--max-size", type=int, metavar="MB",
                   help=_("accept files up to this size for this command (default: the evidence.max_file_mb "
                          "setting, 4096)"))
    q.set_defaults(func=cmd_evidence_add)
    q = ev.add_parser("extract", help=_("write an original file out, after checking it"))
    q.add_argument("evidence", type=int)
    q.add_argument("--out", required=True, metavar="FILE")
    q.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    q.set_defaults(func=cmd_evidence_extract)
    q = ev.add_parser("list", help=_("evidence of an incident"))
    q.add_argument("incident", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_evidence_list)
    cli_pictures.register(ev)

    cli_records.register(sub)
    cli_dossier.register(sub)
    add_text_file_options(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
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
