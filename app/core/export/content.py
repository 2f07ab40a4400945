"""What a dossier says, after redaction: the views the PDF templates lay out and the JSON/CSV
writers serialise. `assemble.py` is the only place that fills them. Each view is declared with
`safe.view`: its text fields take only `Redacted` (made by the Redactor) and its dates only
the checked date types, so a string that skipped the Redactor fails here, at run time, and a
field declared as a plain `str` fails at import. A new field: declare it `Redacted` (or a date
type) and fill it through the Redactor (see app/core/redaction/safe.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.redaction.images import Rendition
from app.core.redaction.pictures import PictureHit
from app.core.redaction.safe import EMPTY, PRIVATE, IsoDate, IsoTime, IsoWhen, Redacted, plain, view
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
    # platform: incidents not on the platform that she adds deliberately, or all of them
    off_platform_ids: list[int] = field(default_factory=list)
    include_other_platforms: bool = False
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
    hits: list[Hit] = field(default_factory=list, metadata=PRIVATE)  # what was redacted; shown in the app only
    released: set[str] = field(default_factory=set, metadata=PRIVATE)  # allowed items found (Hit.item)
    left_out: list[int] = field(default_factory=list, metadata=PRIVATE)  # platform: chosen incidents not on it
    evidence_left_out: int = field(default=0, metadata=PRIVATE)  # platform: evidence from other platforms
    picture_hits: list[PictureHit] = field(default_factory=list, metadata=PRIVATE)  # proposed boxes; the app only
    unchecked_pictures: list[int] = field(default_factory=list, metadata=PRIVATE)  # evidence ids OCR could not read

    def all_evidence(self) -> list[EvidenceView]:
        return [ev for inc in self.incidents for ev in inc.evidence]

    def to_dict(self) -> dict:
        """The content as JSON-ready data (no image bytes, no redaction log)."""
        return plain(self)
