"""The kinds of dossier Sijil writes, declared once for the exports, the verifier, the GUI and the CLI."""

from __future__ import annotations

# code -> what a person choosing one reads (English; shown through `_`)
TEMPLATE_NAMES = {
    "un": "UN Special Procedures communication",
    "platform": "Platform trust-and-safety report",
    "lawyer": "Lawyer's copy (full record, original files)",
}
TEMPLATES = tuple(TEMPLATE_NAMES)
