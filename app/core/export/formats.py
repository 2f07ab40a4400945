"""The kinds of dossier Sijil writes, declared once for the exports, the verifier, the GUI and the CLI."""

from __future__ import annotations

from app.core.i18n import N_

# code -> what a person choosing one reads (English; shown through `_`)
TEMPLATE_NAMES = {
    "un": N_("UN Special Procedures communication"),
    "platform": N_("Platform trust-and-safety report"),
    "lawyer": N_("Lawyer's copy (full record, original files)"),
}
TEMPLATES = tuple(TEMPLATE_NAMES)

# The UN takes communications in English, French and Spanish (its working languages for them);
# a platform's moderators and a lawyer may read the defender's own language.
TEMPLATE_LANGUAGES = {
    "un": ("en", "fr", "es"),
    "platform": ("en", "fr", "es", "ar", "fa", "tr"),
    "lawyer": ("en", "fr", "es", "ar", "fa", "tr"),
}


def languages_for(template: str) -> tuple[str, ...]:
    """The languages a dossier of this kind can be written in (English for an unknown kind)."""
    return TEMPLATE_LANGUAGES.get(template, ("en",))
