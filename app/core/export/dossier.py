"""Export one dossier: assemble and redact, lay out, embed the manifest, sign, write.

`build` does everything in memory (the export wizard's preview shows its bytes); `export`
writes the result atomically, seals it for a lawyer's key if asked, writes JSON/CSV beside
it, and records the dossier as prepared (not sent: the defender marks that herself) on the
incidents and in the audit trail.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import evidence as evidence_mod
from app.core.atomic import write_atomic
from app.core.crypto import fingerprint
from app.core.export import keys, lawyer, layout, manifest, platform_report, seal, tabular, un
from app.core.export.assemble import assemble
from app.core.export.content import Dossier, ExportOptions
from app.core.vault import Vault

Progress = Callable[[int, int], None]


@dataclass
class Built:
    pdf: bytes
    dossier: Dossier
    manifest: dict
    sidecars: dict[str, bytes]  # ".json" / ".csv" -> bytes
    record_id: int | None = None  # the export record, once written
    recipient: bytes | None = None  # the lawyer's public key it is signed (and will be sealed) for


TEMPLATES = {"un": un, "platform": platform_report, "lawyer": lawyer}  # each: title(d), build(d, manifest)


def build(vault: Vault, options: ExportOptions, progress: Progress | None = None,
          recipient: bytes | None = None) -> Built:
    """The signed PDF (and JSON/CSV) in memory, signed with the destination's own key (keys.py);
    a lawyer's copy for `recipient` is signed for that lawyer. `progress(done, total)` may raise
    Cancelled."""
    def step(done: int, total: int) -> None:
        if progress:
            progress(done, total + 1)  # the last step is layout and signing

    d = assemble(vault, options, step)
    attachments: dict[str, bytes] = {}
    if d.template == "lawyer":
        for ev in d.all_evidence():  # assemble named them (none in a redacted copy)
            if ev.attachment:
                attachments[ev.attachment] = evidence_mod.read_original(vault, ev.id)
    sidecars = {}
    if options.json:
        sidecars[".json"] = tabular.to_json(d)
    if options.csv:
        sidecars[".csv"] = tabular.to_csv(d)
    if d.template == "lawyer":
        # A lawyer's JSON/CSV travel inside the signed (and possibly sealed) file, never beside it.
        attachments.update({f"dossier{suffix}": data for suffix, data in sidecars.items()})
    if d.template != "lawyer":
        recipient = None
    key = keys.signing_key(keys.root(vault), keys.destination(d.template, d.platform, recipient))
    m = manifest.build(d, key.verify_key, {s: hashlib.sha256(b).hexdigest() for s, b in sidecars.items()})
    template = TEMPLATES[d.template]
    # The left-to-right mark keeps the fingerprint's leading digits out of an Arabic title's run.
    footer = f"Sijil · {template.title(d)}\u200e · {fingerprint(key.verify_key.encode())}"
    pdf = manifest.seal_pdf(layout.render(template.build(d, m), footer), m, attachments, key)
    images = len([e for e in d.all_evidence() if e.rendition])
    if progress:
        progress(images + 1, images + 1)
    return Built(pdf, d, m, {} if d.template == "lawyer" else sidecars, recipient=recipient)


def destination(template: str, platform: str, sealed: bool) -> str:
    """Who the dossier is prepared for, as recorded on the incidents."""
    if template == "platform":
        return platform
    if template == "lawyer":
        return "lawyer (sealed)" if sealed else "lawyer"
    return "UN Special Procedures"


def write(vault: Vault, built: Built, out: Path) -> int:
    """Write a built dossier (the very bytes the preview showed), sealed for the lawyer it was
    built for if any, and record it as prepared. Returns the export record's id (for marking it
    sent later)."""
    vault.before_write("export.dossier")  # after the open check's verdict, like every write
    out, recipient_key = Path(out), built.recipient
    if recipient_key is not None:
        seal.write_sealed(out, built.pdf, recipient_key)
    else:
        write_atomic(out, built.pdf)
    for suffix, data in built.sidecars.items():
        write_atomic(out.with_suffix(suffix), data)
    d = built.dossier
    built.record_id = vault.journal.exports.record([i.id for i in d.incidents], d.template,
                                                   destination(d.template, d.platform, recipient_key is not None))
    return built.record_id


def export(vault: Vault, options: ExportOptions, out: Path, recipient_key: bytes | None = None,
           progress: Progress | None = None) -> Built:
    """Build and write in one go (the command line)."""
    built = build(vault, options, progress, recipient_key)
    write(vault, built, out)
    return built
