"""UN Special Procedures communication, following the OHCHR online submission form (the
README maps each field): type of communication, summary, the State(s) and companies
concerned, submitter, victim and her consent answers, incidents, perpetrators, steps taken,
other mechanisms, platform reports and what she asks the experts to do. Every answer is
one she gave; an unanswered question says so. Original text stays beside its translation."""

from __future__ import annotations

from app.core.export.content import Dossier, IncidentView
from app.core.export.layout import Story


def title(d: Dossier) -> str:
    return Story(d.language).L("un_title")


def incident_block(s: Story, d: Dossier, inc: IncidentView) -> None:
    """One incident: date, place, chronology beside its translation, situation, steps, evidence.
    Shared with the lawyer's copy."""
    s.heading(f"{s.L('incident')} {s.L('number', n=inc.id)}{s.L('colon')}{inc.title}", level=2, confidential=inc.confidential)
    when = inc.occurred_on + (f" {inc.occurred_time}" if inc.occurred_time else "")
    if inc.approximate:
        when += f" ({s.L('approximate')})"
    s.fields([(s.L("date"), when), (s.L("place"), inc.location), (s.L("kinds"), s.codes(*inc.kinds)),
              (s.L("channel_or_place"), s.codes(*inc.platforms))])
    s.heading(s.L("description"), level=3)
    language = inc.translation_language or d.language
    s.side_by_side(s.L("original"), inc.description, f"{s.L('translation')} ({language})", inc.translation)
    if inc.current_situation:
        s.heading(s.L("current_situation"), level=3)
        s.text(inc.current_situation)
    if inc.steps:
        s.heading(s.L("steps"), level=3)
        for step in inc.steps:
            s.fields([(s.L("date"), step.taken_on), (s.codes(step.kind), step.body), ("", step.description),
                      (s.L("response"), (f"{step.response_on}: " if step.response_on else "") +
                       (step.response or s.L("no_response")))])
    for ev in inc.evidence:
        s.evidence(ev)


def perpetrators(s: Story, d: Dossier) -> None:
    if not d.actors:
        return
    s.heading(s.L("perpetrators"))
    for a in d.actors:
        s.heading(a.handle or a.display_name or f"#{a.id}", level=3)
        s.fields([(s.L("name"), a.display_name), (s.L("account"), a.handle), (s.L("numeric_id"), a.numeric_id),
                  (s.L("platform"), s.codes(a.platform)), (s.L("state_actor"), s.L(a.state_actor)),
                  (s.L("motive"), a.motive), (s.L("link_to_victim"), a.relation_to_victim),
                  (s.L("incidents"), s.L("comma").join(s.L("number", n=i) for i in a.incident_ids))])


def platform_reports(s: Story, d: Dossier) -> None:
    if not d.reports and not d.report_summary:
        return
    s.heading(s.L("platform_reports"))
    s.text(d.report_summary)
    for r in d.reports:
        s.fields([(s.L("platform"), s.codes(r.platform)), (s.L("date"), r.filed_on), (s.L("reference"), r.reference),
                  (s.L("status"), s.codes(r.status)), (s.L("response"), " ".join(x for x in (r.response_on, r.response_text)
                                                                       if x) or s.L("no_response"))])


def answer(s: Story, value: str) -> str:
    """A consent or yes/no answer in words; "not answered" when she was not asked."""
    return s.L(value if value in ("yes", "no", "full_name", "initials") else "not_answered")


def said(s: Story, value: str) -> str:
    """Her own words, or "not answered": the dossier never fills a gap for her."""
    return value or s.L("not_answered")


def victim(s: Story, p) -> None:
    s.heading(f"{s.L('victim')}{s.L('colon')}{p.name}")
    s.fields([(s.L("gender"), p.gender), (s.L("age"), p.age), (s.L("nationality"), p.nationality),
              (s.L("profession"), p.profession), (s.L("hr_work"), p.human_rights_work)])
    s.heading(s.L("consent"), level=3)
    s.fields([(s.L("consent_given"), s.L("yes") if p.consent_un else s.L("consent_not_recorded")),
              (s.L("aware_letter"), answer(s, p.un_aware_letter)),
              (s.L("name_to_addressee"), answer(s, p.un_name_to_addressee)),
              (s.L("publish_as"), answer(s, p.un_public_report))])


def other_mechanisms(s: Story, d: Dossier) -> None:
    steps = [(inc, st) for inc in d.incidents for st in inc.steps if st.kind in ("un_mechanism", "regional_mechanism")]
    s.heading(s.L("other_mechanisms"))
    s.fields([(s.L("other_mechanisms"), answer(s, d.un.other_mechanisms)), ("", d.un.other_mechanisms_detail)]
             + [(st.taken_on, f"{s.codes(st.kind)}{s.L('colon')}{st.body}") for _inc, st in steps])


def build(d: Dossier, manifest: dict) -> Story:
    s = Story(d.language)
    un = d.un
    s.title(s.L("un_title"), s.L(d.communication))
    s.heading(s.L("summary"))
    s.text(said(s, un.summary))
    s.heading(s.L("addressees"))
    s.fields([(s.L("mandates"), un.mandates), (s.L("states_concerned"), said(s, un.states)), (s.L("why_state"), un.state_reason),
              (s.L("companies_concerned"), said(s, un.companies)), (s.L("why_company"), un.company_reason)])
    s.heading(s.L("submitter"), confidential=True)
    s.text(s.L("submitter_note"), size=8.5)
    s.fields([(s.L("name"), said(s, d.submitter.get("submitter_name", ""))),
              (s.L("relation"), d.submitter.get("submitter_relation", "")),
              (s.L("contact"), said(s, d.submitter.get("submitter_contact", "")))])
    for p in d.persons:  # the victims (assemble.py chose them)
        victim(s, p)
    s.heading(s.L("hr_link"))
    s.text(said(s, un.hr_link))
    s.heading(s.L("incidents"))
    for inc in d.incidents:
        incident_block(s, d, inc)
    perpetrators(s, d)
    other_mechanisms(s, d)
    platform_reports(s, d)
    s.heading(s.L("request"))
    s.text(said(s, un.request))
    s.integrity_page(manifest, s.L("un_title"))
    return s
