"""Plain dataclasses for what a defender records. Dates are ISO 8601 strings ("2026-03-14").

Codes (platform, kind, status...) are stable identifiers stored in the database;
`app.gui.vocabulary` gives their labels on screen, `app.core.export.vocabulary` in dossiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from app.core.settings import OVERDUE_DAYS

PLATFORMS = (
    "telegram", "facebook", "instagram", "whatsapp", "x", "tiktok", "youtube",
    "email", "sms", "phone", "in_person", "other",
)
# Platforms that host content for people in the EU, so a report can be a notice under
# Article 16 of the Digital Services Act (not e-mail, SMS, calls or in person).
# Platforms whose accounts are phone numbers: their numeric ids are contact details.
PHONE_ID_PLATFORMS = ("whatsapp", "sms", "phone")
DSA_PLATFORMS = ("telegram", "facebook", "instagram", "whatsapp", "x", "tiktok", "youtube")
INCIDENT_KINDS = (
    "death_threat", "threat_of_violence", "sexual_harassment", "intimate_images", "deepfake",
    "doxxing", "stalking", "defamation", "disinformation", "hate_speech", "impersonation",
    "hacking", "surveillance", "threat_to_family", "offline_confrontation", "other",
)
INCIDENT_STATUSES = ("open", "ongoing", "resolved", "closed")
PERSON_ROLES = ("defender", "relative", "colleague", "organisation", "witness")
ACTOR_KINDS = ("account", "person", "group")
STATE_ACTOR = ("state", "non_state", "unknown")
REPORT_CHANNELS = ("in_app", "form", "email", "trusted_partner", "other")
REPORT_STATUSES = ("pending", "removed", "partly_removed", "refused", "no_response", "appealed")
# What a platform did with one reported item. Closing a channel or suspending an account is
# not removing a post, and an appeal has outcomes of its own: each is counted apart.
ITEM_OUTCOMES = ("pending", "removed", "channel_closed", "account_suspended", "restricted", "age_gated",
                 "geo_blocked", "no_violation", "kept", "appeal_pending", "appeal_won", "appeal_lost",
                 "no_response")
# Outcomes that are still an answer to wait for: late ones count as "no response after N days".
WAITING_OUTCOMES = ("pending", "no_response")
STEP_KINDS = ("police", "prosecutor", "court", "national_institution", "un_mechanism",
              "regional_mechanism", "ngo", "other")
INDICATORS = (
    "specific_threat", "personal_data_exposed", "offline_contact", "escalation",
    "coordinated_accounts", "perpetrator_capacity", "threats_to_family",
)
# Answers to the UN consent questions: "" means she has not been asked yet.
YES_NO = ("", "yes", "no")
PUBLIC_NAME = ("", "full_name", "initials")
MEASURE_STATUSES = ("planned", "in_progress", "done", "dropped")


@dataclass
class Person:
    name: str
    pseudonym: str
    aliases: list[str] = field(default_factory=list)
    role: str = "defender"
    gender: str = ""
    age: str = ""
    nationality: str = ""
    profession: str = ""
    human_rights_work: str = ""
    consent_un: bool = False
    consent_platform: bool = False
    consent_public: bool = False
    notes: str = ""
    # The UN communication's questions (YES_NO, PUBLIC_NAME), as she answered them.
    un_aware_letter: str = ""        # knows a letter may be sent to the State, company or other addressee
    un_name_to_addressee: str = ""   # her name may be given to that addressee
    un_public_report: str = ""       # full name or initials in the public report to the Human Rights Council
    id: int | None = None


ESCALATION_KIND = "offline_confrontation"  # an attack that left the screen


def escalates(offline_followup: bool, kinds: list[str] | tuple[str, ...]) -> bool:
    """An online attack followed by offline contact, or an offline confrontation."""
    return bool(offline_followup) or ESCALATION_KIND in kinds


@dataclass
class Incident:
    title: str
    occurred_on: str
    occurred_time: str = ""
    timezone: str = ""
    approximate: bool = False
    location: str = ""
    platforms: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    description: str = ""
    translation: str = ""
    translation_language: str = ""
    current_situation: str = ""
    severity: int = 3
    status: str = "open"
    offline_followup: bool = False
    confidential: bool = False
    tags: list[str] = field(default_factory=list)
    id: int | None = None

    @property
    def is_escalation(self) -> bool:
        return escalates(self.offline_followup, self.kinds)


class IncidentOutline(NamedTuple):
    """An incident as the overviews draw it (a point on the timeline)."""
    incident_id: int
    day: date
    title: str
    severity: int
    escalation: bool
    kinds: tuple[str, ...]
    platforms: tuple[str, ...]


class IncidentRow(NamedTuple):
    """An incident as a line of the incidents table: only the columns it shows."""
    id: int
    occurred_on: str
    approximate: bool
    title: str
    platforms: tuple[str, ...]
    kinds: tuple[str, ...]
    severity: int
    status: str


@dataclass
class Actor:
    kind: str = "account"
    platform: str = ""
    handle: str = ""
    display_name: str = ""
    profile_url: str = ""
    numeric_id: str = ""
    follower_count: int | None = None
    state_actor: str = "unknown"
    motive: str = ""
    relation_to_victim: str = ""
    notes: str = ""
    first_seen: str = ""
    last_seen: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return self.handle or self.display_name or self.profile_url or f"#{self.id}"

    @property
    def marked_as_attacker(self) -> bool:
        """She has said what this account does to her (a motive, its relation to her): an
        account named like her is then not taken as hers (`redaction.names.with_accounts`)."""
        return bool(self.motive.strip() or self.relation_to_victim.strip())


@dataclass
class ReportItem:
    url: str
    actor_id: int | None = None
    evidence_id: int | None = None
    posted_at: str = ""
    captured_at: str = ""
    rule: str = ""
    content_translation: str = ""
    outcome: str = "pending"
    id: int | None = None


@dataclass
class PlatformReport:
    platform: str
    filed_on: str
    channel: str = "in_app"
    reference: str = ""
    status: str = "pending"
    response_on: str = ""
    response_text: str = ""
    notes: str = ""
    incident_ids: list[int] = field(default_factory=list)
    items: list[ReportItem] = field(default_factory=list)
    id: int | None = None


@dataclass
class Step:
    """A step taken outside the platforms: police, courts, national or UN mechanisms."""

    incident_id: int
    taken_on: str
    kind: str = "police"
    body: str = ""
    description: str = ""
    response: str = ""
    response_on: str = ""
    id: int | None = None


@dataclass
class Measure:
    description: str
    status: str = "planned"
    id: int | None = None


@dataclass
class Assessment:
    assessed_on: str
    likelihood: int
    impact: int
    indicators: list[str] = field(default_factory=list)
    notes: str = ""
    next_review: str = ""
    measures: list[Measure] = field(default_factory=list)
    id: int | None = None

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """low / medium / high / critical from the 5x5 likelihood x impact matrix."""
        return risk_level(self.likelihood, self.impact)

    def review_overdue(self, today: date) -> bool:
        """Its review date has passed (only the current assessment is ever due for review)."""
        return bool(self.next_review) and date.fromisoformat(self.next_review) < today


def risk_level(likelihood: int, impact: int) -> str:
    score = likelihood * impact
    if score >= 16:
        return "critical"
    if score >= 10:
        return "high"
    if score >= 5:
        return "medium"
    return "low"


@dataclass
class Evidence:
    incident_id: int
    blob: str
    sha256: str
    size: int
    media_type: str
    kind: str
    imported_at: str
    original_name: str = ""
    captured_at: str = ""
    source_url: str = ""
    caption: str = ""
    width: int | None = None
    height: int | None = None
    metadata: dict = field(default_factory=dict)
    redactions: list[list[float]] = field(default_factory=list)
    confidential: bool = False
    thumbnail_blob: str | None = None
    id: int | None = None


@dataclass
class IncidentExport:
    """Links an incident to the export record of a dossier it went into."""

    incident_id: int
    exported_at: str
    template: str
    destination: str = ""
    record_id: int | None = None
    id: int | None = None


@dataclass
class ExportRecord:
    """A dossier prepared for a destination; `sent_on` and `reference` once the defender sent it
    (exporting is not reporting: nothing is sent by Sijil)."""

    prepared_at: str
    template: str
    destination: str = ""
    sent_on: str = ""
    reference: str = ""
    incident_ids: list[int] = field(default_factory=list)  # not a column: from incident_exports
    id: int | None = None


@dataclass
class AuditEntry:
    seq: int
    at: str
    action: str
    target: str
    prev_hash: str
    hash: str


@dataclass
class ReportSummary:
    """What the platforms did with what was reported: "7 reported: 2 posts removed, 1 channel
    closed, 4 no response after 30 days". `outcomes` counts each answered outcome apart."""

    platform: str
    reports: int = 0
    items: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    overdue: int = 0
    overdue_days: int = OVERDUE_DAYS.default
