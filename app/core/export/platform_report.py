"""Trust-and-safety report for one platform: each reported item with its canonical link,
account, times, the rule it breaks, the screenshot and a translation; the accounts behind
them and how they coordinate; earlier reports and what the platform did with them."""

from __future__ import annotations

from app.core.export.content import ActorView, Dossier
from app.core.export.layout import Story
from app.core.export.vocabulary import word


def title(d: Dossier) -> str:
    return Story(d.language).L("dsa_title" if d.dsa_notice else "platform_title", platform=word(d.platform, d.language))


def notice(s: Story, d: Dossier) -> None:
    """What Article 16(2) of the Digital Services Act asks a notice to contain, and what the
    provider must then do."""
    s.heading(s.L("dsa_notifier"))
    if d.notifier:
        s.fields([(s.L("name"), d.notifier.get("name", "")), (s.L("email"), d.notifier.get("email", ""))])
    else:
        s.text(s.L("dsa_csam"))
    s.text(s.L("dsa_elements"))
    s.text(s.L("dsa_good_faith"), bold=True)
    s.text(s.L("dsa_obligations"), size=9)


def coordination(actors: list[ActorView], language: str) -> list[str]:
    """Plain statements of coordination visible in the record: accounts that appear in the
    same incidents, and accounts active over the same period."""
    s = Story(language)
    lines = []
    by_incident: dict[int, list[str]] = {}
    for a in actors:
        for i in a.incident_ids:
            by_incident.setdefault(i, []).append(a.handle or a.display_name)
    for incident_id, handles in sorted(by_incident.items()):
        if len(handles) > 1:
            lines.append(f"{s.L('incident')} {s.L('number', n=incident_id)}{s.L('colon')}{', '.join(sorted(handles))}")
    dated = sorted((a for a in actors if a.first_seen), key=lambda a: a.first_seen)
    if len(dated) > 1:
        lines.append(f"{s.L('seen')}: " + "; ".join(
            f"{a.handle or a.display_name} {a.first_seen}–{a.last_seen or '…'}" for a in dated))
    return lines


def build(d: Dossier, manifest: dict) -> Story:
    s = Story(d.language)
    s.title(title(d), d.report_summary)
    if d.dsa_notice:
        notice(s, d)
    evidence = {ev.id: ev for ev in d.all_evidence()}
    s.heading(s.L("items"))
    shown: set[int] = set()
    number = 0
    for report in d.reports:
        for item in report.items:
            number += 1
            s.heading(f"{number}. {item.url}", level=2)
            s.fields([(s.L("link"), item.url), (s.L("account"), item.account), (s.L("numeric_id"), item.numeric_id),
                      (s.L("posted"), item.posted_at), (s.L("captured"), item.captured_at),
                      (s.L("reasons" if d.dsa_notice else "rule"), item.rule), (s.L("translation"), item.translation),
                      (s.L("outcome"), s.codes(item.outcome)), (s.L("reference"), report.reference)])
            if item.evidence_id in evidence:
                s.evidence(evidence[item.evidence_id])
                shown.add(item.evidence_id)
    for inc in d.incidents:  # context: the incidents the items belong to, with the rest of their evidence
        s.heading(f"{s.L('incident')} {s.L('number', n=inc.id)}{s.L('colon')}{inc.title}", level=2, confidential=inc.confidential)
        s.fields([(s.L("date"), inc.occurred_on), (s.L("kinds"), s.codes(*inc.kinds))])
        s.side_by_side(s.L("original"), inc.description, s.L("translation"), inc.translation)
        for ev in inc.evidence:
            if ev.id not in shown:
                s.evidence(ev)
    s.heading(s.L("accounts"))
    for a in d.actors:
        s.fields([(s.L("account"), a.handle), (s.L("name"), a.display_name), (s.L("numeric_id"), a.numeric_id),
                  (s.L("link"), a.profile_url),
                  (s.L("followers"), "" if a.follower_count is None else str(a.follower_count)),
                  (s.L("seen"), " – ".join(x for x in (a.first_seen, a.last_seen) if x)), ("", a.notes)])
    for line in coordination(d.actors, d.language):
        s.text(line)
    s.heading(s.L("earlier_reports"))
    s.text(d.report_summary)
    for r in d.reports:
        s.fields([(s.L("date"), r.filed_on), (s.L("reference"), r.reference), (s.L("status"), s.codes(r.status)),
                  (s.L("response"), " ".join(x for x in (r.response_on, r.response_text) if x)
                   or s.L("no_response"))])
    s.integrity_page(manifest, title(d))
    return s
