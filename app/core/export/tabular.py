"""The dossier's content as JSON and CSV, for organisations that keep case databases.
Both are made from the same redacted `Dossier` as the PDF, so they say exactly the same."""

from __future__ import annotations

import csv
import io
import json

from app.core.export.content import Dossier

INCIDENT_COLUMNS = ("incident_id", "occurred_on", "occurred_time", "approximate", "place", "title", "kinds",
                    "platforms", "description", "translation", "translation_language", "current_situation",
                    "status", "severity", "confidential", "perpetrators", "steps", "evidence_sha256")
ITEM_COLUMNS = ("report_id", "reference", "filed_on", "url", "account", "numeric_id", "posted_at", "captured_at",
                "rule", "translation", "outcome", "evidence_id")


def to_json(d: Dossier) -> bytes:
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(d: Dossier) -> bytes:
    """One row per reported item for a platform report, one row per incident otherwise."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if d.template == "platform":
        writer.writerow(ITEM_COLUMNS)
        for r in d.reports:
            for it in r.items:
                writer.writerow([r.id, r.reference, r.filed_on, it.url, it.account, it.numeric_id, it.posted_at,
                                 it.captured_at, it.rule, it.translation, it.outcome, it.evidence_id or ""])
    else:
        actors = {a.id: a.handle or a.display_name for a in d.actors}
        writer.writerow(INCIDENT_COLUMNS)
        for i in d.incidents:
            writer.writerow([
                i.id, i.occurred_on, i.occurred_time, int(i.approximate), i.location, i.title, ";".join(i.kinds),
                ";".join(i.platforms), i.description, i.translation, i.translation_language, i.current_situation,
                i.status, i.severity, int(i.confidential), ";".join(actors.get(a, "") for a in i.actors),
                " | ".join(f"{s.taken_on} {s.kind} {s.body}: {s.response}" for s in i.steps),
                ";".join(e.original_sha256 for e in i.evidence)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheet apps then read UTF-8 (Arabic) right
