"""Lawyer's copy: the full record of the chosen incidents. The original evidence files travel
inside the signed PDF as attachments listed in the manifest (see manifest.py)."""

from __future__ import annotations

from app.core.export import un
from app.core.export.content import Dossier
from app.core.export.layout import Story
from app.core.export.vocabulary import word


def title(d: Dossier) -> str:
    return Story(d.language).L("lawyer_title")


def build(d: Dossier, manifest: dict) -> Story:
    s = Story(d.language)
    s.title(s.L("lawyer_title"))
    if d.persons:
        s.heading(s.L("persons"))
        for p in d.persons:
            s.fields([(s.L("name"), f"{p.name} ({word(p.role, s.language)})"), (s.L("gender"), p.gender), (s.L("age"), p.age),
                      (s.L("nationality"), p.nationality), (s.L("profession"), p.profession),
                      (s.L("hr_work"), p.human_rights_work)])
    s.heading(s.L("incidents"))
    for inc in d.incidents:
        un.incident_block(s, d, inc)
        attached = [ev for ev in inc.evidence if ev.attachment]
        if attached:
            s.text("\n".join(f"{s.L('attached_original')} {ev.attachment} (SHA-256 {ev.original_sha256})"
                             for ev in attached), size=8)
    un.perpetrators(s, d)
    un.platform_reports(s, d)
    s.integrity_page(manifest, s.L("lawyer_title"))
    return s
