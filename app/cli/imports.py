"""`sijil import FORMAT PATH`: bring in a Telegram, WhatsApp, Meta or X export, a folder of
pictures or archived web pages. The filters choose messages; `--all` imports every chosen
message, `--message ID` the named ones; without either, or with `--dry-run`, nothing is
written (and no passphrase is asked): it prints what would be imported."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from app.cli.common import day, emit_json, open_vault
from app.core import errors, importers
from app.core.i18n import _, ngettext
from app.core.importers import commit, filters
from app.core.importers.model import FILTER_KINDS, ImportPreview


def _filter(args: argparse.Namespace) -> filters.MessageFilter:
    return filters.MessageFilter(text=args.match or "", authors=args.author or [], since=args.date_from or "",
                                 until=args.date_to or "", kinds=args.kind or [], ids=args.message or [])


def _print_summary(preview: ImportPreview, picked: list[int], as_json: bool) -> None:
    summary = preview.summary(picked)
    if as_json:
        summary["total_in_export"] = len(preview.messages)
        summary["chosen"] = [{"id": m.id, "when": m.when, "kind": m.kind, "author": m.author.label,
                              "author_id": m.author.numeric_id, "link": m.link, "text": m.text}
                             for m in (preview.messages[i] for i in picked)]
        emit_json(summary)
        return
    print(ngettext("{n} of {total} message chosen ({format}).", "{n} of {total} messages chosen ({format}).",
                   len(preview.messages)).format(n=summary["messages"], total=len(preview.messages),
                                                                 format=preview.format))
    if summary["first"]:
        print(_("Dates: {first} to {last}; time zone: {tz}.").format(first=summary["first"], last=summary["last"],
                                                                    tz=preview.timezone or "-"))
    if preview.date_order:
        print(_("Date order assumed: {order} ({reason}).").format(order=preview.date_order,
                                                                  reason=preview.date_order_reason))
    print(_("Kinds: {kinds}; media files: {n}.").format(
        kinds=", ".join(f"{k} {n}" for k, n in summary["kinds"].items()) or "-", n=summary["attachments"]))
    for a in summary["authors"]:
        author = a["display_name"] or a["handle"]
        if a["numeric_id"]:
            author = _("{author} (id {ident})").format(author=author, ident=a["numeric_id"])
        print("  " + ngettext("{author}: {n} message", "{author}: {n} messages", a["messages"]).format(
            author=author, n=a["messages"]))
    for note in summary["notes"]:
        print(note)
    for f in summary["files_read"]:
        print(_("Read {name}: SHA-256 {sha}").format(name=f["name"], sha=f["sha256"]))


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser()
    if not path.exists():
        raise errors.InvalidInput(_("{path} does not exist. Give the export's file or folder.").format(path=path))
    options = {"username": args.username} if args.username else {}
    with importers.parse(args.format, path, **options) as preview:
        picked = filters.select(preview, _filter(args))
        if args.dry_run or not (args.all or args.message):
            _print_summary(preview, picked, args.json)
            if not args.dry_run and not args.json:
                print(_("Nothing was imported: add --all to import these messages, or --message ID for some."))
            return errors.EXIT_OK
        if not picked:
            raise errors.InvalidInput(_("No message matches these filters, so nothing was imported."))
        target = commit.ImportTarget(incident_id=args.incident, split=args.new_incident or "one")
        with open_vault(args) as vault:
            result = commit.import_messages(vault, preview, picked, target)
    if args.json:
        emit_json(dataclasses.asdict(result))
    else:
        for label, ids in ((_("incidents"), result.incident_ids), (_("evidence"), result.evidence_ids),
                           (_("export files"), result.export_evidence_ids), (_("actors"), result.actor_ids),
                           (_("actors seen again"), result.updated_actor_ids)):
            if ids:
                print(f"{label}: {' '.join(map(str, ids))}")
    return errors.EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the import command."""
    p = sub.add_parser("import", help=_("bring in a Telegram, WhatsApp, Meta or X export, a folder of pictures "
                                        "or archived web pages"))
    p.add_argument("format", choices=importers.FORMATS)
    p.add_argument("path", metavar="PATH", help=_("the export's file or folder (it is only read, never changed)"))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--incident", type=int, metavar="ID", help=_("add everything to this incident"))
    where.add_argument("--new-incident", choices=commit.SPLITS,
                       help=_("make new incidents: one for all (the default), per day, per thread or per file"))
    p.add_argument("--from", dest="date_from", metavar="DATE", type=day, help=_("first day, YYYY-MM-DD"))
    p.add_argument("--to", dest="date_to", metavar="DATE", type=day, help=_("last day, YYYY-MM-DD"))
    p.add_argument("--author", action="append", metavar="HANDLE_OR_ID",
                   help=_("only messages by this author (handle, numeric id or name); repeat for more"))
    p.add_argument("--match", metavar="TEXT", help=_("only messages containing these words, in any script"))
    p.add_argument("--kind", action="append", choices=FILTER_KINDS, help=_("only messages of this kind"))
    p.add_argument("--message", action="append", metavar="ID", help=_("import this message; repeat for more"))
    p.add_argument("--all", action="store_true", help=_("import every message the filters choose"))
    p.add_argument("--dry-run", action="store_true", help=_("only show what would be imported"))
    p.add_argument("--username", metavar="NAME",
                   help=_("Telegram: the chat's public username, for t.me/NAME/ID links"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)
