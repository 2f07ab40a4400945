"""CLI commands for dossiers: export, export-record, verify, keygen, open-dossier.

`verify`, `keygen` and `open-dossier` need no journal: they run on the lawyer's side.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import fields
from datetime import date
from pathlib import Path

from app.cli.common import day, emit_json, with_vault
from app.core import operations
from app.core.errors import InvalidInput
from app.core.export import dossier, keys, seal, trust, verify
from app.core.export.content import ExportOptions, UnCommunication
from app.core.export.formats import TEMPLATES
from app.core.export.labels import LANGUAGES
from app.core.export.vocabulary import word
from app.core.i18n import _, ngettext
from app.core.journal.exports import describe
from app.core.models import PLATFORMS
from app.core.redaction import names
from app.core.redaction.text import kind_label, summarise
from app.core.vault import Vault


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _options(args: argparse.Namespace) -> ExportOptions:
    un = UnCommunication(**{name: getattr(args, name) or "" for name in _UN_FIELDS})
    return ExportOptions(args.format, [*args.incidents, *(args.off_platform or [])], language=args.language,
                         platform=args.platform or "", terms=args.redact or [], allowed=args.allow or [],
                         json=args.json, csv=args.csv, off_platform_ids=args.off_platform or [],
                         include_other_platforms=args.include_other_platforms, un=un,
                         dsa_notice=args.dsa_notice, csam=args.csam, good_faith=args.good_faith,
                         notifier={"name": args.notifier_name or "", "email": args.notifier_email or ""})


def cmd_export_checked(args: argparse.Namespace) -> int:
    """Refuse a request that cannot be written (a UN communication in Arabic, a platform report
    without its platform...) before the passphrase is asked for."""
    _options(args).check()
    return cmd_export(args)


@with_vault
def cmd_export(vault: Vault, args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise InvalidInput(_("{path} already exists. Choose another name or add --force.").format(path=out))
    if args.recipient_key and args.format != "lawyer":
        raise InvalidInput(_("Only a lawyer's copy is sealed for a key: use --format lawyer with --recipient-key."))
    recipient = seal.read_public_key(Path(args.recipient_key)) if args.recipient_key else None
    if (args.off_platform or args.include_other_platforms) and args.format != "platform":
        raise InvalidInput(_("--off-platform and --include-other-platforms are for a platform report only."))
    options = _options(args)
    built = dossier.export(vault, options, out, recipient, _progress)
    print(_("Dossier written to {path} ({size} bytes), signed by key {fp}.").format(
        path=out, size=out.stat().st_size, fp=built.manifest["signing"]["fingerprint"]))
    d = built.dossier
    if d.left_out:
        print(_("Left out, not on {platform}: incidents {ids}. Add one with --off-platform ID, or all with "
                "--include-other-platforms.").format(platform=word(d.platform, "en"),
                                                     ids=", ".join(f"#{i}" for i in d.left_out)))
    if d.evidence_left_out:
        print(ngettext("Left out: {n} evidence item from other platforms (add it with "
                       "--include-other-platforms).",
                       "Left out: {n} evidence items from other platforms (add them with "
                       "--include-other-platforms).", d.evidence_left_out).format(n=d.evidence_left_out))
    for suffix in built.sidecars:
        print(_("Also written: {path}").format(path=out.with_suffix(suffix)))
    for item in options.allowed:
        if names.item_key(item) in built.dossier.released:
            print(_("Let back in: “{item}”").format(item=item))
        else:
            print(_("Nothing called “{item}” was taken out, so --allow changed nothing for it.").format(item=item))
    counts = summarise(built.dossier.hits)
    if counts:
        print(_("Redacted: {list}").format(list="; ".join(f"{n} × {kind_label(k)}" for k, n in counts.items())))
    elif options.redacting:
        print(_("Nothing needed redacting."))
    else:
        print(_("Full record: nothing was redacted (lawyer's copy)."))
    if built.dossier.picture_hits:
        hits = len(built.dossier.picture_hits)
        print(ngettext("Blacked out in pictures: {n} area where a name or contact detail was recognised.",
                       "Blacked out in pictures: {n} areas where a name or contact detail was recognised.",
                       hits).format(n=hits))
    if built.dossier.unchecked_pictures:
        print(ngettext(
            "Warning: {n} picture was NOT checked for names (text recognition is not installed or could "
            "not read it): evidence item {ids}. Hide names in it with `sijil evidence redact`.",
            "Warning: {n} pictures were NOT checked for names (text recognition is not installed or could "
            "not read them): evidence items {ids}. Hide names in them with `sijil evidence redact`.",
            len(built.dossier.unchecked_pictures)).format(
                    n=len(built.dossier.unchecked_pictures),
                    ids=", ".join(str(i) for i in built.dossier.unchecked_pictures)), file=sys.stderr)
    print(_("Recorded as prepared, not sent (record {id}). Once you have sent it: "
            "sijil export-record mark-sent {id} --on YYYY-MM-DD --reference REF").format(id=built.record_id))
    return 0


def _platform_name(code: str) -> str:
    return word(code, "en")


@with_vault
def cmd_record_list(vault: Vault, args: argparse.Namespace) -> int:
    records = vault.journal.exports.list()
    if args.json:
        emit_json([dataclasses.asdict(r) for r in records])
        return 0
    if not records:
        print(_("No dossier has been prepared yet."))
    for r in records:
        incidents = ", ".join(f"#{i}" for i in r.incident_ids) or "-"
        print(f"{r.id}\t{describe(r, _platform_name)}\t{_('incidents')} {incidents}")
    return 0


@with_vault
def cmd_record_mark_sent(vault: Vault, args: argparse.Namespace) -> int:
    record = operations.mark_sent(vault, args.record, args.on or date.today().isoformat(), args.reference or "").value
    print(_("Dossier {id}: {state}.").format(id=record.id, state=describe(record, _platform_name)))
    return 0


@with_vault
def cmd_fingerprints(vault: Vault, args: argparse.Namespace) -> int:
    lawyers = [seal.read_public_key(Path(k)) for k in args.recipient_key or []]
    rows = keys.fingerprints(keys.root(vault), lawyers)
    if args.json:
        emit_json([{"destination": r.destination, "label": r.label, "fingerprint": r.fingerprint} for r in rows])
        return 0
    print(_("Each destination has its own signing key, so dossiers to different places cannot be linked by "
            "their key. Give each recipient the fingerprint for their destination, in person or by phone:"))
    for r in rows:
        print(f"  {r.fingerprint}  {r.label}")
    if not lawyers:
        print(_("A sealed copy for a lawyer has a key of its own: add --recipient-key lawyer.pub to see it."))
    return 0


def _who_signed(result: verify.Verified, expected: str | None) -> None:
    """Say what the signature proves about the signer, and no more."""
    known = trust.find(result.public_key)
    if expected:
        print(_("Signed by the key you expected: {fp}.").format(fp=result.fingerprint))
    if known is not None:
        print(_("Signed by {name}: this is the key you marked as {name}'s on {date}.").format(
            name=known.name, date=known.added[:10]))
        return
    if not expected:
        if trust.load():
            print(_("WARNING: NEW KEY. It is not the key of any of your trusted senders: if you expected a dossier "
                    "from one of them, this one may be forged."))
        print(_("WARNING: NEW KEY. This dossier is intact relative to the key {fp}, and that proves nothing about "
                "who signed it: anyone can make a key and print any name. Only when this fingerprint matches one "
                "the sender gave you in person, by phone or another channel you trust is it theirs. After "
                "comparing, remember it with: sijil verify --trust NAME FILE").format(fp=result.fingerprint))


def cmd_verify(args: argparse.Namespace) -> int:
    result = verify.verify_file(Path(args.file))
    result.expect(args.fingerprint)
    if args.trust is not None:
        sender, earlier = trust.add(args.trust, result.public_key)
        print(_("Remembered key {fp} as {name} (in {path}).").format(fp=sender.fingerprint, name=sender.name,
                                                                    path=trust.store_path()))
        if earlier:
            print(ngettext("Note: {name} already had {n} other key. Each destination gets its own key, but check "
                           "that you compared this one.",
                           "Note: {name} already had {n} other keys. Each destination gets its own key, but check "
                           "that you compared this one.", len(earlier)).format(name=sender.name, n=len(earlier)))
    print(_("Intact: not one byte has changed since this file was signed by the key {fp}.").format(
        fp=result.fingerprint))
    for line in result.checks:
        print("  " + line)
    _who_signed(result, args.fingerprint)
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    secret, public, fp = seal.keygen(Path(args.out))
    print(_("Key pair written: {public} (give this one to the defender) and {secret} (keep it private).").format(
        public=public, secret=secret))
    print(_("Fingerprint: {fp}").format(fp=fp))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    result = verify.open_dossier(Path(args.file), seal.read_secret_key(Path(args.key)), Path(args.out),
                                 args.fingerprint)
    print(_("Opened into {path}. Intact: not one byte has changed since it was signed by the key {fp}.").format(
        path=args.out, fp=result.fingerprint))
    for line in result.checks:
        print("  " + line)
    print(_("Sealing does not say who sent it: anyone who has your lawyer.pub can seal a dossier for you."))
    _who_signed(result, args.fingerprint)
    return 0


_UN_FIELDS = [f.name for f in fields(UnCommunication)]


def _un_help() -> dict[str, str]:
    return {"mandates": _("the experts (mandates) written to"), "states": _("the State(s) concerned"),
            "state_reason": _("why that State is concerned"), "companies": _("companies concerned"),
            "company_reason": _("why those companies are concerned"), "summary": _("a summary of the case"),
            "request": _("what she asks the experts to do"),
            "hr_link": _("how the attacks are linked to her human rights work"),
            "other_mechanisms": _("whether the case went to other UN or regional mechanisms"),
            "other_mechanisms_detail": _("which mechanisms, and when")}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the dossier subcommands to the main parser."""
    p = sub.add_parser("export", help=_("write a redacted, signed dossier"))
    p.add_argument("incidents", nargs="+", type=int, metavar="INCIDENT")
    p.add_argument("--format", required=True, choices=TEMPLATES)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--platform", choices=PLATFORMS, help=_("the platform of a platform report"))
    p.add_argument("--language", choices=LANGUAGES, default="en", help=_("language of the dossier"))
    p.add_argument("--recipient-key", metavar="KEY", help=_("seal a lawyer's copy for this lawyer.pub"))
    p.add_argument("--json", action="store_true", help=_("also write the content as JSON"))
    p.add_argument("--csv", action="store_true", help=_("also write the content as CSV"))
    p.add_argument("--redact", action="append", metavar="TERM", help=_("also remove this word (repeatable)"))
    p.add_argument("--allow", action="append", metavar="ITEM", help=_("keep this item that would be removed"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.add_argument("--off-platform", action="append", type=int, metavar="INCIDENT",
                   help=_("platform report: also this incident, though it is not on the platform (repeatable)"))
    p.add_argument("--include-other-platforms", action="store_true",
                   help=_("platform report: keep chosen incidents and evidence from other platforms too"))
    un = p.add_argument_group(_("UN communication (what she says; left out means “not answered”)"))
    for name, text in _un_help().items():
        choice = {"choices": ("yes", "no")} if name == "other_mechanisms" else {"metavar": "TEXT"}
        flag = {"states": "state", "companies": "company"}.get(name, name).replace("_", "-")
        un.add_argument("--" + flag, dest=name, help=text, **choice)
    dsa = p.add_argument_group(_("notice under Article 16 of the EU Digital Services Act (platform reports)"))
    dsa.add_argument("--dsa-notice", action="store_true", help=_("write the platform report as a DSA notice"))
    dsa.add_argument("--notifier-name", metavar="NAME", help=_("your name as the platform will see it"))
    dsa.add_argument("--notifier-email", metavar="EMAIL", help=_("where the platform sends its decision"))
    dsa.add_argument("--csam", action="store_true", help=_("the notice concerns sexual images of children "
                                                           "(name and e-mail are left out)"))
    dsa.add_argument("--good-faith", action="store_true", help=_("you believe in good faith the notice is "
                                                                 "accurate and complete (required)"))
    p.set_defaults(func=cmd_export_checked)

    p = sub.add_parser("export-record", help=_("dossiers prepared, and whether you sent them"))
    rec = p.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    q = rec.add_parser("list", help=_("every dossier prepared, newest first"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_record_list)
    q = rec.add_parser("mark-sent", help=_("record that you sent a dossier, when, and the reference you got"))
    q.add_argument("record", type=int, metavar="ID")
    q.add_argument("--on", metavar="DATE", type=day, help=_("the day you sent it, YYYY-MM-DD (default: today)"))
    q.add_argument("--reference", metavar="REF", help=_("the case or ticket number you were given"))
    q.set_defaults(func=cmd_record_mark_sent)

    p = sub.add_parser("verify", help=_("check that a dossier is unchanged (no journal needed)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", metavar="FP", help=_("the signing key fingerprint the sender gave you"))
    p.add_argument("--trust", metavar="NAME", help=_("after comparing its fingerprint, remember this key as NAME's"))
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("fingerprints", help=_("the signing key fingerprint to give each destination"))
    p.add_argument("--recipient-key", action="append", metavar="KEY", help=_("also for this lawyer.pub (repeatable)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fingerprints)

    p = sub.add_parser("keygen", help=_("make a lawyer's key pair for sealed dossiers"))
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("open-dossier", help=_("open a sealed dossier with the lawyer's key"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--key", required=True, metavar="KEY", help=_("the lawyer.key file"))
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--fingerprint", metavar="FP", help=_("the signing key fingerprint the sender gave you"))
    p.set_defaults(func=cmd_open)
