"""CLI commands for dossiers: export, verify, keygen, open-dossier.

`verify`, `keygen` and `open-dossier` need no journal: they run on the lawyer's side.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from app.cli_common import with_vault
from app.core.errors import IntegrityError, InvalidInput
from app.core.export import dossier, seal, verify
from app.core.export.content import TEMPLATES, ExportOptions, UnCommunication
from app.core.export.labels import LANGUAGES
from app.core.i18n import _
from app.core.models import PLATFORMS
from app.core.redaction.text import kind_label, summarise
from app.core.vault import Vault


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


@with_vault
def cmd_export(vault: Vault, args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise InvalidInput(_("{path} already exists. Choose another name or add --force.").format(path=out))
    if args.recipient_key and args.format != "lawyer":
        raise InvalidInput(_("Only a lawyer's copy is sealed for a key: use --format lawyer with --recipient-key."))
    recipient = seal.read_public_key(Path(args.recipient_key)) if args.recipient_key else None
    un = UnCommunication(**{name: getattr(args, name) or "" for name in _UN_FIELDS})
    options = ExportOptions(args.format, args.incidents, language=args.language, platform=args.platform or "",
                            terms=args.redact or [], allowed=args.allow or [], json=args.json, csv=args.csv, un=un,
                            dsa_notice=args.dsa_notice, csam=args.csam, good_faith=args.good_faith,
                            notifier={"name": args.notifier_name or "", "email": args.notifier_email or ""})
    built = dossier.export(vault, options, out, recipient, _progress)
    print(_("Dossier written to {path} ({size} bytes), signed by key {fp}.").format(
        path=out, size=out.stat().st_size, fp=built.manifest["signing"]["fingerprint"]))
    for suffix in built.sidecars:
        print(_("Also written: {path}").format(path=out.with_suffix(suffix)))
    counts = summarise(built.dossier.hits)
    if counts:
        print(_("Redacted: {list}").format(list="; ".join(f"{n} × {kind_label(k)}" for k, n in counts.items())))
    elif options.redacting:
        print(_("Nothing needed redacting."))
    else:
        print(_("Full record: nothing was redacted (lawyer's copy)."))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    result = verify.verify_file(Path(args.file))
    if args.fingerprint and "".join(args.fingerprint.split()).upper() != "".join(result.fingerprint.split()):
        raise IntegrityError(_("The dossier is intact but was signed by another key ({fp}) than the one you "
                               "expected.").format(fp=result.fingerprint))
    print(_("Intact: this dossier has not been changed since it was signed."))
    for line in result.checks:
        print("  " + line)
    print(_("Compare the key fingerprint with the one the sender gave you: {fp}").format(fp=result.fingerprint))
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    secret, public, fp = seal.keygen(Path(args.out))
    print(_("Key pair written: {public} (give this one to the defender) and {secret} (keep it private).").format(
        public=public, secret=secret))
    print(_("Fingerprint: {fp}").format(fp=fp))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    result = verify.open_dossier(Path(args.file), seal.read_secret_key(Path(args.key)), Path(args.out))
    print(_("Opened and verified into {path}:").format(path=args.out))
    for line in result.checks:
        print("  " + line)
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
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help=_("check that a dossier is unchanged (no journal needed)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", metavar="FP", help=_("the signing key fingerprint the sender gave you"))
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("keygen", help=_("make a lawyer's key pair for sealed dossiers"))
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=cmd_keygen)

    p = sub.add_parser("open-dossier", help=_("open a sealed dossier with the lawyer's key"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--key", required=True, metavar="KEY", help=_("the lawyer.key file"))
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=cmd_open)
