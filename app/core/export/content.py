"""What a dossier says, after redaction: plain dataclasses the PDF templates lay out and
the JSON/CSV writers serialise. Nothing here has been through redaction twice or not at all:
`assemble.py` is the only place that fills them, and it redacts every string it copies."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.models import DSA_PLATFORMS
from app.core.redaction.images import Rendition
from app.core.redaction.text import Hit

TEMPLATES = ("un", "platform", "lawyer")


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
    communication: str = "auto"         # un: auto | urgent_appeal | allegation_letter
    submitter: dict[str, str] | None = None  # un: name, relation, contact; None: from the journal's settings
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


@dataclass
class EvidenceView:
    id: int
    incident_id: int
    kind: str
    media_type: str
    size: int
    original_sha256: str
    caption: str = ""
    source_url: str = ""
    captured_at: str = ""
    confidential: bool = False
    rendition_sha256: str = ""
    regions_burned: int = 0
    attachment: str = ""                # lawyer's copy: name of the embedded original
    rendition: Rendition | None = None  # the re-encoded image; not serialised
    number: int = 0                     # 1, 2, 3... in the order the dossier shows them


@dataclass
class ActorView:
    id: int
    kind: str
    platform: str
    handle: str
    display_name: str
    numeric_id: str
    profile_url: str
    follower_count: int | None
    state_actor: str
    motive: str
    relation_to_victim: str
    notes: str
    first_seen: str
    last_seen: str
    incident_ids: list[int] = field(default_factory=list)


@dataclass
class StepView:
    taken_on: str
    kind: str
    body: str
    description: str
    response: str
    response_on: str


@dataclass
class PersonView:
    id: int
    name: str
    role: str
    gender: str
    age: str
    nationality: str
    profession: str
    human_rights_work: str
    consent_un: bool
    consent_platform: bool
    consent_public: bool
    un_aware_letter: str = ""
    un_name_to_addressee: str = ""
    un_public_report: str = ""


@dataclass
class IncidentView:
    id: int
    title: str
    occurred_on: str
    occurred_time: str
    approximate: bool
    location: str
    kinds: list[str]
    platforms: list[str]
    description: str
    translation: str
    translation_language: str
    current_situation: str
    status: str
    severity: int
    confidential: bool
    persons: list[int] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)


@dataclass
class ItemView:
    report_id: int
    url: str
    account: str
    numeric_id: str
    posted_at: str
    captured_at: str
    rule: str
    translation: str
    outcome: str
    evidence_id: int | None


@dataclass
class ReportView:
    id: int
    platform: str
    filed_on: str
    channel: str
    reference: str
    status: str
    response_on: str
    response_text: str
    incident_ids: list[int]
    items: list[ItemView] = field(default_factory=list)


@dataclass
class Dossier:
    template: str
    language: str
    platform: str
    exported_at: str
    communication: str
    submitter: dict[str, str]
    persons: list[PersonView]
    incidents: list[IncidentView]
    actors: list[ActorView]
    reports: list[ReportView]
    report_summary: str
    un: UnCommunication = field(default_factory=UnCommunication)  # redacted, for the UN template
    dsa_notice: bool = False                                       # platform: an Article 16 DSA notice
    notifier: dict[str, str] = field(default_factory=dict)         # redacted; empty for CSAM
    hits: list[Hit] = field(default_factory=list)  # what was redacted; shown in the app only

    def all_evidence(self) -> list[EvidenceView]:
        return [ev for inc in self.incidents for ev in inc.evidence]

    def to_dict(self) -> dict:
        """The content as JSON-ready data (no image bytes, no redaction log)."""
        data = asdict(self)
        data.pop("hits")
        for inc in data["incidents"]:
            for ev in inc["evidence"]:
                ev.pop("rendition")
        return data
