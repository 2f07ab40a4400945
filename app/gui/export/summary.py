"""The export preview's summary: what the dossier holds, how it is signed, and what she should
know before saving it (what was added or left out, unchecked pictures, unanswered consent
questions, rejection risks). Plain text from a built dossier; no widget state."""

from __future__ import annotations

from app.core.export import dossier
from app.core.export.un_communication import rejection_risks
from app.core.i18n import _, current_language, ngettext
from app.core.locale_format import format_number
from app.core.redaction.text import kind_label
from app.gui import vocabulary


def number(value: int) -> str:
    return format_number(value, current_language())


def contents_sentence(pages: int, images: int, items: int, places: int, kinds: str) -> str:
    """What the dossier holds, each count in its own plural form (Arabic has six)."""
    redacted = ngettext("{n} item redacted in {places}", "{n} items redacted in {places}", items).format(
        n=number(items), places=ngettext("{n} place", "{n} places", places).format(n=number(places)))
    return _("{pages}, {images}, {redacted} ({kinds}).").format(
        pages=ngettext("{n} page", "{n} pages", pages).format(n=number(pages)),
        images=ngettext("{n} image re-encoded without metadata", "{n} images re-encoded without metadata",
                        images).format(n=number(images)),
        redacted=redacted, kinds=kinds)


def preview_summary(built: dossier.Built, pages: int, counts: dict[str, int], pictures: str,
                    unanswered: list[str]) -> str:
    """`counts`: items per kind as the list shows them; `pictures`: the picture list's note;
    `unanswered`: people whose UN consent questions were not asked."""
    d = built.dossier
    images = sum(1 for e in d.all_evidence() if e.rendition)
    kinds = ", ".join(f"{number(n)} {kind_label(k)}" for k, n in counts.items()) or _("none")
    lines = [contents_sentence(pages, images, sum(counts.values()), len(d.hits), kinds) + " " + _(
        "Signed with your key for this destination only: {fp}. Give this fingerprint to the recipient in "
        "person or by phone, so they can check that the dossier is yours.").format(
            fp=built.manifest["signing"]["fingerprint"])]
    if d.template == "platform" and (added := [i.id for i in d.incidents if d.platform not in i.platforms]):
        lines.append(_("Added deliberately although not on {platform}: incidents {ids}.").format(
            platform=vocabulary.label(vocabulary.platforms, d.platform), ids=", ".join(f"#{i}" for i in added)))
    if d.evidence_left_out:
        lines.append(ngettext("Left out: {n} evidence item from another platform.",
                              "Left out: {n} evidence items from other platforms.",
                              d.evidence_left_out).format(n=d.evidence_left_out))
    if pictures:
        lines.append(pictures)
    if d.template == "un":
        if unanswered:
            lines.append(_("Consent questions not asked yet (UN communication tab): {names}. The dossier "
                           "says “not answered”.").format(names=", ".join(unanswered)))
        lines += [_("Risk: {risk}").format(risk=risk) for risk in rejection_risks(d)]
    else:
        if unconsented := [p.name for p in d.pseudonymised()]:
            lines.append(_("No consent for this destination, so shown only by pseudonym: {names}.").format(
                names=", ".join(unconsented)))
    return "\n".join(lines)
