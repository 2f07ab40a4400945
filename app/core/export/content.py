"""What a dossier says, after redaction: plain dataclasses the PDF templates lay out and
the JSON/CSV writers serialise. Nothing here has been through redaction twice or not at all:
`assemble.py` is the only place that fills them, and it redacts every string it copies."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.redaction.images import Rendition
from app.core.redaction.pictures import PictureHit
from app.core.redaction.text import Hit

TEMPLATES = ("un", "platform", "lawyer")


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
    hits: list[Hit] = field(default_factory=list)  # what was redacted; shown in the app only
    picture_hits: list[PictureHit] = field(default_factory=list)  # proposed boxes; the app only
    unchecked_pictures: list[int] = field(default_factory=list)  # evidence ids OCR could not read

    def all_evidence(self) -> list[EvidenceView]:
        return [ev for inc in self.incidents for ev in inc.evidence]

    def to_dict(self) -> dict:
        """The content as JSON-ready data (no image bytes, no redaction log)."""
        data = asdict(self)
        for private in ("hits", "picture_hits", "unchecked_pictures"):
            data.pop(private)
        for inc in data["incidents"]:
            for ev in inc["evidence"]:
                ev.pop("rendition")
        return data
