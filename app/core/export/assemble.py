"""Gather the chosen incidents from the vault into a redacted `Dossier`.

Every string that reaches a dossier is copied here, and every copy goes through the
Redactor: prose through `text` (names, own terms, contact details, places), links, handles
and ids through `reference` (names and own terms, and links or phone-number ids that are
contact details; typed contact details through `identifier`), vocabulary codes and hashes through
`code`; dates are checked as dates (`when`). The views refuse anything else (safe.py).
Images are re-encoded from pixels with the defender's regions burned in. Nothing is written
to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from app.core import evidence as evidence_mod
from app.core import ocr, settings
from app.core.errors import InvalidInput
from app.core.export import manifest, selection
from app.core.export.content import (
    ActorView,
    Dossier,
    EvidenceView,
    ExportOptions,
    IncidentView,
    ItemView,
    PersonView,
    ReportView,
    StepView,
    UnCommunication,
    UnView,
)
from app.core.export.labels import count_label, label
from app.core.export.un_communication import victims
from app.core.export.vocabulary import word
from app.core.i18n import _
from app.core.journal import utc_now
from app.core.journal.recognised_text import DONE
from app.core.journal.reports import summary_parts
from app.core.links import canonical_link
from app.core.models import PHONE_ID_PLATFORMS, Actor, Evidence, Incident
from app.core.redaction import images as redact_images
from app.core.redaction import names
from app.core.redaction.pictures import PictureHit, PictureMatcher
from app.core.redaction.safe import IsoDate, IsoTime, IsoWhen, Redacted, when
from app.core.redaction.text import RedactionRules, Redactor
from app.core.vault import Vault

Progress = Callable[[int, int], None]


def rules_for(vault: Vault, options: ExportOptions) -> RedactionRules:
    j = vault.journal
    reported = {item.actor_id for r in j.reports.list() for item in r.items if item.actor_id}
    persons = names.with_accounts(j.persons.list(), j.actors.list(), reported)
    return RedactionRules(persons, consent_field=options.consent_field,
                          patterns=options.redacting, terms=options.terms, allowed=options.allowed)


def _communication(options: ExportOptions, incidents: list[Incident]) -> str:
    if options.communication != "auto":
        return options.communication
    ongoing = any(i.status in ("open", "ongoing") and i.severity >= 4 for i in incidents)
    return "urgent_appeal" if ongoing else "allegation_letter"


class _Assembler:
    def __init__(self, vault: Vault, options: ExportOptions, progress: Progress | None) -> None:
        self.vault, self.j, self.options = vault, vault.journal, options
        self.red = Redactor(rules_for(vault, options))
        self.pictures = PictureMatcher(rules_for(vault, options))
        self.picture_hits: list[PictureHit] = []
        self.unchecked: list[int] = []
        self.progress = progress

    def build(self) -> Dossier:
        opts = self.options
        incidents = [self.j.incidents.get(i) for i in dict.fromkeys(opts.incident_ids)]
        incidents.sort(key=lambda i: (i.occurred_on, i.occurred_time, i.id))
        self._reported_on = {item.evidence_id: r.platform for r in self.j.reports.list() for item in r.items
                             if item.evidence_id}
        left_out: list[Incident] = []
        if opts.template == "platform":
            incidents, left_out = selection.split_incidents(incidents, opts.platform, opts.off_platform_ids,
                                                            opts.include_other_platforms)
            if not incidents:
                raise InvalidInput(_("None of the chosen incidents happened on {platform}. Tick {platform} among "
                                     "an incident's platforms, or add the others deliberately.").format(
                                         platform=word(opts.platform, "en")))
        self._chosen = {i.id for i in incidents}
        reports = self._reports(incidents)
        actor_ids = {a.id: a for inc in incidents for a in self.j.incidents.actors_of(inc.id)}
        for report in reports:
            for item in report.items:
                if item.actor_id and item.actor_id not in actor_ids:
                    actor_ids[item.actor_id] = self.j.actors.get(item.actor_id)
        # Her own accounts (or a relative's), recorded among their names, are not perpetrators.
        recorded = self.j.persons.list()
        actors = [a for a in actor_ids.values() if (opts.template != "platform" or a.platform in ("", opts.platform))
                  and not names.recorded_as_hers(recorded, a)]
        persons = list({p.id: p for inc in incidents for p in self.j.incidents.persons_of(inc.id)}.values())
        self._evidence_left_out = 0
        shown = {inc.id: self._evidence_of(inc) for inc in incidents}
        images = [ev for evs in shown.values() for ev in evs if ev.kind == "image"]
        self._total, self._done = max(1, len(images)), 0
        self._tick()
        c = self.red.code
        d = Dossier(
            template=c(opts.template), language=c(opts.language), platform=c(opts.platform),
            exported_at=IsoWhen(utc_now()), communication=c(_communication(opts, incidents)),
            submitter=self._submitter() if opts.template == "un" else {},
            persons=[self._person(p) for p in self._shown_persons(persons)],
            incidents=[self._incident(inc, shown[inc.id]) for inc in incidents],
            actors=[self._actor(a) for a in actors],
            reports=[self._report(r) for r in reports],
            report_summary=self._summary(reports),
            un=self._un(),
            dsa_notice=opts.template == "platform" and opts.dsa_notice,
            notifier=self._notifier() if opts.template == "platform" and opts.dsa_notice else {},
            hits=self.red.hits,
            released=self.red.released,
            left_out=[i.id for i in left_out], evidence_left_out=self._evidence_left_out,
            picture_hits=self.picture_hits, unchecked_pictures=self.unchecked,
            consent_field=opts.consent_field,
        )
        _number_evidence(d)
        return d

    def _un(self) -> UnView:
        """Her own words for the communication, redacted like the rest (names per consent);
        empty outside a UN communication."""
        given = self.options.un if self.options.template == "un" else UnCommunication()
        t, c = self.red.text, self.red.code
        return UnView(**{f.name: t(getattr(given, f.name), "communication") if f.name != "other_mechanisms"
                         else c(given.other_mechanisms) for f in fields(UnCommunication)})

    def _notifier(self) -> dict[str, Redacted]:
        """Who sends a DSA notice: her name and e-mail, typed for this notice, so contact
        details stay; none at all when the notice concerns child sexual abuse material."""
        if self.options.csam:
            return {}
        given = self.options.notifier or {}
        return {key: self.red.identifier(given.get(key, "").strip(), "notifier") for key in ("name", "email")}

    def _evidence_of(self, inc: Incident) -> list[Evidence]:
        """The incident's evidence that belongs in this dossier (a platform's own, by default)."""
        items = self.j.evidence.of_incident(inc.id)
        if self.options.template != "platform":
            return items
        kept = [ev for ev in items if selection.evidence_belongs(ev, inc, self.options.platform, self._reported_on,
                                                                 self.options.include_other_platforms)]
        self._evidence_left_out += len(items) - len(kept)
        return kept

    def _shown_persons(self, persons: list) -> list:
        """Who the PDF names (and so the JSON/CSV too): the victims for the UN, nobody for a
        platform, everyone for the lawyer."""
        if self.options.template == "platform":
            return []
        if self.options.template == "un":
            return victims(persons)
        return persons

    def _submitter(self) -> dict[str, str]:
        given = self.options.submitter
        fields = {s.name.split(".")[1]: (given or {}).get(s.name.split(".")[1]) if given is not None
                  else settings.read(self.j, s) for s in settings.SUBMITTER}
        # Typed in for this communication, so contact details stay; protected names still go.
        return {name: self.red.identifier(value or "", "submitter") for name, value in fields.items()}

    def _tick(self) -> None:
        if self.progress:
            self.progress(self._done, self._total)

    def _reports(self, incidents: list[Incident]):
        platform = self.options.platform if self.options.template == "platform" else ""
        return [r for r in self.j.reports.list(platform=platform) if self._chosen & set(r.incident_ids)]

    def _summary(self, reports: list) -> str:
        """Per platform, what the platforms did with the reports this dossier holds (not other
        people's cases), in the dossier's language."""
        days = settings.read(self.j, settings.OVERDUE_DAYS)
        summaries = self.j.reports.summary(date.today(), days, reports)
        lang = self.options.language

        def sentence(s) -> str:
            parts = [count_label(f"sum_{part}", lang, n, days=s.overdue_days) for part, n in summary_parts(s)]
            colon = label("colon", lang)
            return (word(s.platform, lang) + colon + count_label("sum_reported", lang, s.items)
                    + (colon + label("comma", lang).join(parts) if parts else ""))

        return self.red.text(label("semicolon", lang).join(sentence(s) for s in summaries), "summary")

    def _person(self, p) -> PersonView:
        t = self.red.text
        c = self.red.code
        return PersonView(p.id, self.red.name_of(p), c(p.role), t(p.gender, "person"), t(p.age, "person"),
                          t(p.nationality, "person"), t(p.profession, "person"), t(p.human_rights_work, "person"),
                          p.consent_un, p.consent_platform, p.consent_public,
                          c(p.un_aware_letter), c(p.un_name_to_addressee), c(p.un_public_report))

    def _incident(self, inc: Incident, evidence: list[Evidence]) -> IncidentView:
        t, c, where = self.red.text, self.red.code, f"incident {inc.id}"
        steps = [StepView(when(IsoDate, s.taken_on), c(s.kind), t(s.body, where), t(s.description, where),
                          t(s.response, where), when(IsoDate, s.response_on)) for s in self.j.incidents.steps_of(inc.id)]
        # A platform report carries an incident's date, kinds, account and evidence, not the
        # place, the current situation or the steps taken with the authorities.
        platform = self.options.template == "platform"
        return IncidentView(
            id=inc.id, title=t(inc.title, where), occurred_on=when(IsoDate, inc.occurred_on),
            occurred_time=when(IsoTime, inc.occurred_time), approximate=inc.approximate,
            location=t("" if platform else inc.location, where), kinds=[c(k) for k in inc.kinds],
            platforms=[c(p) for p in inc.platforms], description=t(inc.description, where),
            translation=t(inc.translation, where), translation_language=t(inc.translation_language, where),
            current_situation=t("" if platform else inc.current_situation, where), status=c(inc.status),
            severity=inc.severity, confidential=inc.confidential,
            persons=[] if platform else [p.id for p in self.j.incidents.persons_of(inc.id)],
            actors=[a.id for a in self.j.incidents.actors_of(inc.id)], steps=[] if platform else steps,
            evidence=[self._evidence(ev) for ev in evidence],
        )

    def _evidence(self, ev: Evidence) -> EvidenceView:
        where = f"evidence {ev.id}"
        c = self.red.code
        view = EvidenceView(ev.id, ev.incident_id, c(ev.kind), c(ev.media_type), ev.size, c(ev.sha256),
                            caption=self.red.text(ev.caption, where),
                            source_url=self.red.reference(canonical_link(ev.source_url), where),
                            captured_at=when(IsoWhen, ev.captured_at), confidential=ev.confidential)
        if self.options.template == "lawyer" and not self.options.redacting:
            # The originals are the unredacted record: a redacted copy carries only what passed the Redactor.
            view.attachment = c(manifest.attachment_name(ev.id, ev.media_type))
        if ev.kind == "image":
            regions = self._regions(ev) if self.options.redacting else []
            view.rendition = redact_images.render(evidence_mod.read_original(self.vault, ev.id), regions)
            view.rendition_sha256, view.regions_burned = c(view.rendition.sha256), len(regions)
            self._done += 1
            self._tick()
        return view

    def _regions(self, ev: Evidence) -> list[list[float]]:
        """Her boxes plus one over every recognised line naming someone or giving a contact
        detail, except the boxes she let back in. A picture not read yet is read now."""
        found = self.j.recognised.get(ev.id)
        if found is None and ocr.available():
            found = ocr.recognise(self.vault, ev.id)
        if found is None or found.status != DONE:
            self.unchecked.append(ev.id)
            return list(ev.redactions)
        proposed = self.pictures.propose(found)
        self.picture_hits.extend(proposed)
        allowed = set(self.options.allowed_boxes)
        return list(ev.redactions) + [list(h.box) for h in proposed if h.key not in allowed]

    def _actor(self, a: Actor) -> ActorView:
        t, c, where = self.red.text, self.red.code, f"actor {a.id}"
        phones = a.platform in PHONE_ID_PLATFORMS

        def i(value: str, where: str) -> Redacted:
            return self.red.reference(value, where, phone_ids=phones)

        return ActorView(a.id, c(a.kind), c(a.platform), i(a.handle, where), t(a.display_name, where),
                         i(a.numeric_id, where), i(a.profile_url, where), a.follower_count, c(a.state_actor),
                         t(a.motive, where), t(a.relation_to_victim, where), t(a.notes, where),
                         when(IsoDate, a.first_seen), when(IsoDate, a.last_seen),
                         [n for n in self.j.actors.incidents_of(a.id) if n in self._chosen])

    def _report(self, r) -> ReportView:
        t, i, c, where = self.red.text, self.red.identifier, self.red.code, f"report {r.id}"
        ref = self.red.reference
        items = []
        for item in r.items:
            actor = self.j.actors.get(item.actor_id) if item.actor_id else None
            phones = actor is not None and actor.platform in PHONE_ID_PLATFORMS
            items.append(ItemView(
                r.id, ref(canonical_link(item.url), where), ref(actor.handle if actor else "", where, phones),
                ref(actor.numeric_id if actor else "", where, phones), when(IsoWhen, item.posted_at),
                when(IsoWhen, item.captured_at), t(item.rule, where), t(item.content_translation, where),
                c(item.outcome), item.evidence_id))
        return ReportView(r.id, c(r.platform), when(IsoDate, r.filed_on), c(r.channel), i(r.reference, where),
                          c(r.status), when(IsoDate, r.response_on), t(r.response_text, where),
                          list(r.incident_ids), items)


def _number_evidence(d: Dossier) -> None:
    """Number the evidence 1, 2, 3... in the order the dossier shows it: a platform report
    shows each reported item's screenshot first, then the rest incident by incident."""
    by_id = {ev.id: ev for ev in d.all_evidence()}
    first = [item.evidence_id for r in d.reports for item in r.items] if d.template == "platform" else []
    shown = [i for i in dict.fromkeys([*first, *by_id]) if i in by_id]
    for number, ident in enumerate(shown, start=1):
        by_id[ident].number = number


def assemble(vault: Vault, options: ExportOptions, progress: Progress | None = None) -> Dossier:
    """Read and redact everything the dossier will hold. `progress(done, total)` counts images
    and may raise Cancelled."""
    options.check()
    return _Assembler(vault, options, progress).build()
