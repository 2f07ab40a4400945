"""CLI commands on evidence files: add, extract, list; pictures (redact, boxes) in pictures.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import pictures
from app.cli.common import emit_json, with_vault
from app.core import errors, operations, settings
from app.core import evidence as evidence_mod
from app.core.i18n import _
from app.core.vault import Vault


@with_vault
def cmd_evidence_add(vault: Vault, args: argparse.Namespace) -> int:
    limit = args.max_size * 1024 * 1024 if args.max_size else None
    for file in args.files:
        ev = operations.import_file(vault, args.incident, Path(file), source_url=args.source_url or "",
                                    caption=args.caption or "", max_bytes=limit).value
        print(f"{ev.id} {ev.sha256}")
    pictures.recognise_after_import(vault, args.incident)
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


def register(sub: argparse._SubParsersAction) -> None:
    """Add the evidence command and its actions."""
    p = sub.add_parser("evidence", help=_("add, list and extract evidence"))
    ev = p.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    q = ev.add_parser("add", help=_("import files into an incident"))
    q.add_argument("incident", type=int)
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--source-url", metavar="URL")
    q.add_argument("--caption")
    q.add_argument("--max-size", type=int, metavar="MB",
                   help=_("accept files up to this size for this command (default: the evidence.max_file_mb "
                          "setting, {mb})").format(mb=settings.MAX_FILE_MB.default))
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
    pictures.register(ev)
