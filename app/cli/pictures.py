"""`sijil evidence redact|boxes`: hide areas of a picture from the command line, in the same
coordinates the viewer shows (fractions of the upright picture)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import emit_json, with_vault
from app.core import evidence as evidence_mod
from app.core import ocr
from app.core.errors import InvalidInput
from app.core.i18n import _, ngettext
from app.core.vault import Vault


def parse_box(text: str) -> list[float]:
    try:
        box = [float(v) for v in text.split(",")]
    except ValueError:
        box = []
    if len(box) != 4:
        raise InvalidInput(_("A box is four numbers X,Y,W,H: fractions of the upright picture from its "
                             "top-left corner, for example 0.1,0.2,0.3,0.05."))
    return box


@with_vault
def cmd_evidence_redact(vault: Vault, args: argparse.Namespace) -> int:
    if not args.box and not args.clear:
        raise InvalidInput(_("Give at least one --box X,Y,W,H, or --clear to remove every box."))
    ev = vault.journal.evidence.get(args.evidence)
    boxes = ([] if args.clear else list(ev.redactions)) + [parse_box(b) for b in args.box or []]
    ev = evidence_mod.set_redactions(vault, ev.id, boxes)
    print(ngettext("{item} now has {n} area hidden in dossiers.", "{item} now has {n} areas hidden in dossiers.",
                   len(ev.redactions)).format(item=evidence_mod.describe(ev), n=len(ev.redactions)))
    return 0


@with_vault
def cmd_evidence_boxes(vault: Vault, args: argparse.Namespace) -> int:
    ev = vault.journal.evidence.get(args.evidence)
    found = vault.journal.recognised.get(ev.id)
    status = found.status if found else "not read"
    if args.json:
        emit_json({"evidence": ev.id, "boxes": ev.redactions, "text_recognition": status,
                   "words": len(found.words) if found else 0})
        return 0
    for box in ev.redactions:
        print(",".join(f"{v:.5f}" for v in box))
    if ev.kind == "image" and not found:
        print(_("The text in this picture has not been read yet; a dossier reads it before export."),
              file=sys.stderr)
    return 0


def recognise_after_import(vault: Vault, incident_id: int) -> None:
    """Read the text of the pictures just added (for search and for names at export)."""
    if not ocr.available():
        print(_("Text in pictures was not read: tesseract is not installed. Dossiers will say the "
                "pictures were not checked for names."), file=sys.stderr)
        return
    ocr.recognise_pending(vault, incident_id)


def register(ev: argparse._SubParsersAction) -> None:
    q = ev.add_parser("redact", help=_("hide areas of a picture in dossiers"))
    q.add_argument("evidence", type=int)
    q.add_argument("--box", action="append", metavar="X,Y,W,H",
                   help=_("fractions of the upright picture, as the viewer shows it (repeatable)"))
    q.add_argument("--clear", action="store_true", help=_("remove the boxes already drawn first"))
    q.set_defaults(func=cmd_evidence_redact)
    q = ev.add_parser("boxes", help=_("the areas of a picture hidden in dossiers"))
    q.add_argument("evidence", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_evidence_boxes)
