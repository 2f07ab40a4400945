"""What a dossier says, after redaction: the views the PDF templates lay out and the JSON/CSV
writers serialise. `assemble.py` is the only place that fills them. Each view is declared with
`safe.view`: its text fields take only `Redacted` (made by the Redactor) and its dates only
the checked date types, so a string that skipped the Redactor fails here, at run time, and a
field declared as a plain `str` fails at import. A new field: declare it `Redacted` (or a date
type) and fill it through the Redactor (see app/core/redaction/safe.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import InvalidInput
from app.core.export.formats import TEMPLATES, languages_for
from app.core.i18n import _
from app.core.models import DSA_PLATFORMS
from app.core.redaction.images import Rendition
from app.core.redaction.pictures import PictureHit
from app.core.redaction.safe import EMPTY, PRIVATE, IsoDate, IsoTime, IsoWhen, Redacted, plain, view
from app.core.redaction.text import Hit


@dataclass
class UnCommunication:
    """What she says in a UN communication beyond her journal: who it is addressed to and
    why, a summary, what she asks the experts to do, how the attacks are linked to her
    human rights work, and whether other mechanisms have the case. Empty means not answered."""

    mandates: str = ""                # the experts she writes to, e.g. human rights defenders
    states: str = ""                  # State(s) concerned
    state_reason: str = ""            # why that State is responsible (acts, fails to protect...)
    companies: str = ""               # companies concerned (the experts may write to them: AL OTH)
    company_reason: str = ""
    summary: str = ""
    request: str = ""                 # what she wants the mandate holders to do
    hr_link: str = ""                 # the link between the attacks and her human rights work
    other_mechanisms: str = ""        # "" not answered, "yes", "no"
    other_mechanisms_detail: str = ""


@view
class UnView:
    """`UnCommunication` as the dossier says it, through the Redactor."""

    mandates: Redacted
    states: Redacted
    state_reason: Redacted
    companies: Redacted
    company_reason: Redacted
    summary: Redacted
    request: Redacted
    hr_link: Redacted
    other_mechanisms: Redacted
    other_mechanisms_detail: Redacted


CONSENT_FIELD = {"un": "consent_un", "platform": "consent_platform", "lawyer": "consent_public"}


@dataclass
class ExportOptions:
    """What the defender chose in the wizard or on the command line."""

    template: str
    incident_ids: list[int]
    language: str = "en"
    platform: str = ""
    redact: bool | None = None          # None: the template's default (lawyer: full record)
    terms: list[str] = field(default_factory=list)      # her own terms to remove
    allowed: list[str] = field(default_factory=list)    # items she allowed back in
    allowed_boxes: list[str] = field(default_factory=list)  # PictureHit keys she allowed back in
    communication: str = "auto"         # un: auto | urgent_appeal | allegation_letter
    submitter: dict[str, str] | None = None  # un: name, relation, contact; None: from the journal's settings
    # platform: incidents not on the platform that she adds deliberately, or all of them
    off_platform_ids: list[int] = field(default_factory=list)
    include_other_platforms: bool = False
    un: UnCommunication = field(default_factory=UnCommunication)
    dsa_notice: bool = False            # platform: write it as a notice under Article 16 of the EU DSA
    notifier: dict[str, str] | None = None  # dsa: name, email (left out for child sexual abuse material)
    csam: bool = False                  # dsa: the notice concerns child sexual abuse material
    good_faith: bool = False            # dsa: she confirms her bona fide belief the notice is accurate
    json: bool = False
    csv: bool = False

    def check(self) -> None:
        if self.template not in TEMPLATES:
            raise InvalidInput(_("Choose a dossier format: un, platform or lawyer."))
        if self.language not in languages_for(self.template):
            if self.template == "un":
                raise InvalidInput(_("A UN communication is written in English, French or Spanish, the "
                                     "languages the UN takes communications in: choose one of them."))
            raise InvalidInput(_("A dossier can be written in {list}: choose one of them.").format(
                list=", ".join(languages_for(self.template))))
        if not self.incident_ids:
            raise InvalidInput(_("Choose at least one incident for the dossier."))
        if self.template == "platform" and not self.platform:
            raise InvalidInput(_("A platform report is for one platform: choose which (for example telegram)."))
        if self.communication not in ("auto", "urgent_appeal", "allegation_letter"):
            raise InvalidInput(_("The communication type is auto, urgent_appeal or allegation_letter."))
        if self.un.other_mechanisms not in ("", "yes", "no"):
            raise InvalidInput(_("Whether the case went to other mechanisms is yes, no or not answered."))
        if self.dsa_notice and self.platform not in DSA_PLATFORMS:
            raise InvalidInput(_("A notice under the EU Digital Services Act is for a platform that hosts "
                                 "content in the EU: choose one of {list}.").format(list=", ".join(DSA_PLATFORMS)))
        if self.dsa_notice and not self.good_faith:
            raise InvalidInput(_("A notice under the Digital Services Act states that you believe in good faith "
                                 "that it is accurate and complete: confirm it to write the notice."))
        if self.dsa_notice and not self.csam and not all((self.notifier or {}).get(k, "").strip()
                                                          for k in ("name", "email")):
            raise InvalidInput(_("A notice under the Digital Services Act gives your name and e-mail address "
                                 "(unless it concerns sexual images of children): fill them in."))

    @property
    def redacting(self) -> bool:
        return self.template != "lawyer" if self.redact is None else self.redact

    @property
    def consent_field(self) -> str | None:
        """The Person consent that lets a real name into this dossier; None keeps every name
        (an unredacted lawyer's copy). A redacted lawyer's copy may travel on (to a court, the
        press), so it needs her consent to the public, as the person dialog asks it."""
        return CONSENT_FIELD[self.template] if self.redacting else None


@view
class EvidenceView:
    id: int
    incident_id: int
    kind: Redacted
    media_type: Redacted
    size: int
    original_sha256: Redacted
    caption: Redacted
    source_url: Redacted
    captured_at: IsoWhen
    confidential: bool = False
    rendition_sha256: Redacted = EMPTY
    regions_burned: int = 0
    attachment: Redacted = EMPTY  # lawyer's copy: name of the embedded original
    rendition: Rendition | None = field(default=None, metadata=PRIVATE)  # the re-encoded image
    number: int = 0  # 1, 2, 3... in the order the dossier shows them


@view
class ActorView:
    id: int
    kind: Redacted
    platform: Redacted
    handle: Redacted
    display_name: Redacted
    numeric_id: Redacted
    profile_url: Redacted
    follower_count: int | None
    state_actor: Redacted
    motive: Redacted
    relation_to_victim: Redacted
    notes: Redacted
    first_seen: IsoDate
    last_seen: IsoDate
    incident_ids: list[int] = field(default_factory=list)


@view
class StepView:
    taken_on: IsoDate
    kind: Redacted
    body: Redacted
    description: Redacted
    response: Redacted
    response_on: IsoDate


@view
class PersonView:
    id: int
    name: Redacted
    role: Redacted
    gender: Redacted
    age: Redacted
    nationality: Redacted
    profession: Redacted
    human_rights_work: Redacted
    consent_un: bool
    consent_platform: bool
    consent_public: bool
    un_aware_letter: Redacted = EMPTY
    un_name_to_addressee: Redacted = EMPTY
    un_public_report: Redacted = EMPTY


@view
class IncidentView:
    id: int
    title: Redacted
    occurred_on: IsoDate
    occurred_time: IsoTime
    approximate: bool
    location: Redacted
    kinds: list[Redacted]
    platforms: list[Redacted]
    description: Redacted
    translation: Redacted
    translation_language: Redacted
    current_situation: Redacted
    status: Redacted
    severity: int
    confidential: bool
    persons: list[int] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)


@view
class ItemView:
    report_id: int
    url: Redacted
    account: Redacted
    numeric_id: Redacted
    posted_at: IsoWhen
    captured_at: IsoWhen
    rule: Redacted
    translation: Redacted
    outcome: Redacted
    evidence_id: int | None


@view
class ReportView:
    id: int
    platform: Redacted
    filed_on: IsoDate
    channel: Redacted
    reference: Redacted
    status: Redacted
    response_on: IsoDate
    response_text: Redacted
    incident_ids: list[int]
    items: list[ItemView] = field(default_factory=list)


@view
class Dossier:
    template: Redacted
    language: Redacted
    platform: Redacted
    exported_at: IsoWhen
    communication: Redacted
    submitter: dict[str, Redacted]
    persons: list[PersonView]
    incidents: list[IncidentView]
    actors: list[ActorView]
    reports: list[ReportView]
    report_summary: Redacted
    un: UnView | None = None  # her own words for a UN communication, redacted (empty otherwise)
    dsa_notice: bool = False  # platform: an Article 16 DSA notice
    notifier: dict[str, Redacted] = field(default_factory=dict)  # DSA: name and e-mail; empty for CSAM
    hits: list[Hit] = field(default_factory=list, metadata=PRIVATE)  # what was redacted; shown in the app only
    released: set[str] = field(default_factory=set, metadata=PRIVATE)  # allowed items found (Hit.item)
    left_out: list[int] = field(default_factory=list, metadata=PRIVATE)  # platform: chosen incidents not on it
    evidence_left_out: int = field(default=0, metadata=PRIVATE)  # platform: evidence from other platforms
    picture_hits: list[PictureHit] = field(default_factory=list, metadata=PRIVATE)  # proposed boxes; the app only
    unchecked_pictures: list[int] = field(default_factory=list, metadata=PRIVATE)  # evidence ids OCR could not read
    consent_field: str | None = field(default=None, metadata=PRIVATE)  # ExportOptions.consent_field

    def pseudonymised(self) -> list[PersonView]:
        """The people shown only by pseudonym because they did not consent to this destination."""
        return [p for p in self.persons if self.consent_field and not getattr(p, self.consent_field)]

    def all_evidence(self) -> list[EvidenceView]:
        return [ev for inc in self.incidents for ev in inc.evidence]

    def to_dict(self) -> dict:
        """The content as JSON-ready data (no image bytes, no redaction log)."""
        return plain(self)
