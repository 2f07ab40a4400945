"""Translated labels for the codes stored in the journal (see app.core.models).

Each table is a function so labels follow the language chosen at run time; call it once per
fill, not once per cell. `label(table, code)` falls back to the code itself, so an unknown
code from a newer journal still shows something readable. The `*_label` functions below
are the single-code shortcuts the incident table and evidence list use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from app.core.i18n import _, current_language, ngettext
from app.core.locale_format import format_date, format_datetime, format_number


def platforms() -> dict[str, str]:
    return {
        "telegram": _("Telegram"), "facebook": _("Facebook"), "instagram": _("Instagram"),
        "whatsapp": _("WhatsApp"), "x": _("X (Twitter)"), "tiktok": _("TikTok"),
        "youtube": _("YouTube"), "email": _("Email"), "sms": _("SMS"), "phone": _("Phone call"),
        "in_person": _("In person"), "other": _("Other"),
    }


def kinds() -> dict[str, str]:
    return {
        "death_threat": _("Death threat"), "threat_of_violence": _("Threat of violence"),
        "sexual_harassment": _("Sexual harassment"), "intimate_images": _("Intimate images"),
        "deepfake": _("Deepfake"), "doxxing": _("Doxxing (personal data exposed)"),
        "stalking": _("Stalking"), "defamation": _("Defamation"),
        "disinformation": _("Disinformation"), "hate_speech": _("Hate speech"),
        "impersonation": _("Impersonation"), "hacking": _("Hacking"),
        "surveillance": _("Surveillance"), "threat_to_family": _("Threat to family"),
        "offline_confrontation": _("Offline confrontation"), "other": _("Other"),
    }


def incident_statuses() -> dict[str, str]:
    return {"open": _("Open"), "ongoing": _("Ongoing"), "resolved": _("Resolved"), "closed": _("Closed")}


def roles() -> dict[str, str]:
    return {"defender": _("Defender"), "relative": _("Relative"), "colleague": _("Colleague"),
            "organisation": _("Organisation"), "witness": _("Witness")}


def actor_kinds() -> dict[str, str]:
    return {"account": _("Account"), "person": _("Person"), "group": _("Group")}


def state_actor() -> dict[str, str]:
    return {"state": _("State"), "non_state": _("Non-state"), "unknown": _("Unknown")}


def channels() -> dict[str, str]:
    return {"in_app": _("In the app"), "form": _("Web form"), "email": _("Email"),
            "trusted_partner": _("Trusted partner"), "other": _("Other")}


def report_statuses() -> dict[str, str]:
    return {"pending": _("Waiting"), "removed": _("Removed"), "partly_removed": _("Partly removed"),
            "refused": _("Refused"), "no_response": _("No response"), "appealed": _("Appealed")}


def outcomes() -> dict[str, str]:
    return {"pending": _("Waiting"), "removed": _("Post removed"), "channel_closed": _("Channel closed"),
            "account_suspended": _("Account suspended"), "restricted": _("Restricted"),
            "age_gated": _("Age-gated"), "geo_blocked": _("Geo-blocked (hidden in some countries)"),
            "no_violation": _("No violation found"), "kept": _("Kept online"),
            "appeal_pending": _("Appeal pending"), "appeal_won": _("Appeal won"), "appeal_lost": _("Appeal lost"),
            "no_response": _("No response")}


def un_answers() -> dict[str, str]:
    """Her answer to a yes/no question of the UN communication (models.YES_NO)."""
    return {"": _("Not asked yet"), "yes": _("Yes"), "no": _("No")}


def un_public_name() -> dict[str, str]:
    """How she may be named in the public report to the Human Rights Council (models.PUBLIC_NAME)."""
    return {"": _("Not asked yet"), "full_name": _("Her full name"), "initials": _("Only her initials")}


def step_kinds() -> dict[str, str]:
    return {"police": _("Police"), "prosecutor": _("Prosecutor"), "court": _("Court"),
            "national_institution": _("National human rights institution"),
            "un_mechanism": _("UN mechanism"), "regional_mechanism": _("Regional mechanism"),
            "ngo": _("NGO"), "other": _("Other")}


def indicators() -> dict[str, str]:
    return {
        "specific_threat": _("The threat is specific (names a time, place or method)"),
        "personal_data_exposed": _("Personal data (address, family, routine) was exposed"),
        "offline_contact": _("Online attacks were followed by offline contact"),
        "escalation": _("Attacks are becoming more frequent or more serious"),
        "coordinated_accounts": _("Many accounts act together"),
        "perpetrator_capacity": _("The attacker has the means to act on the threat"),
        "threats_to_family": _("Family members are threatened"),
    }


def measure_statuses() -> dict[str, str]:
    return {"planned": _("Planned"), "in_progress": _("In progress"), "done": _("Done"),
            "dropped": _("Dropped")}


def levels() -> dict[str, str]:
    return {"low": _("Low"), "medium": _("Medium"), "high": _("High"), "critical": _("Critical")}


def severities() -> dict[int, str]:
    return {1: _("1 – low"), 2: _("2 – moderate"), 3: _("3 – serious"), 4: _("4 – severe"),
            5: _("5 – life-threatening")}


def label(table: Callable[[], dict], code: str | int) -> str:
    """The translated label for one code (builds the table: use in dialogs, not per cell)."""
    return table().get(code, str(code))


def platform_label(code: str) -> str:
    return platforms().get(code, code)


def kind_label(code: str) -> str:
    return kinds().get(code, code)


def status_label(code: str) -> str:
    return incident_statuses().get(code, code)


def severity_label(level: int) -> str:
    return severities().get(level, str(level))


def step_kind_label(code: str) -> str:
    return step_kinds().get(code, code)


def evidence_kind_label(code: str) -> str:
    return {"image": _("Image"), "pdf": _("PDF"), "video": _("Video"), "audio": _("Audio"),
            "text": _("Text"), "other": _("File")}.get(code, code)


def size_label(size: int) -> str:
    """A file size in her digits and units ("9.2 KB", "٩٫٢ كيلوبايت")."""
    language = current_language()
    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=format_number(size, language))
    value = size / 1024
    for unit in (_("{n} KB"), _("{n} MB")):
        if value < 1024:
            return unit.format(n=format_number(round(value, 1), language))
        value /= 1024
    return _("{n} GB").format(n=format_number(round(value, 1), language))


def moment_label(iso: str) -> str:
    """A stored date and time (ISO, as recorded) as her language writes it, with the offset it was
    recorded in ("2 Dec 2026, 20:31 UTC", "٢‏/١٢‏/٢٠٢٦، ٨:٣١ م UTC+3"); anything else as stored."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    text = format_datetime(moment.replace(tzinfo=None), current_language(), "medium")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign, hours, rest = "+" if minutes >= 0 else "-", abs(minutes) // 60, abs(minutes) % 60
    zone = "UTC" if not minutes else f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return f"{text} {zone}"


def date_label(iso: str) -> str:
    """A stored ISO date as the interface language writes it ("14 Jul 2023", "١٤ يوليو ٢٠٢٣");
    a partial or unreadable date as stored."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(day, current_language(), "medium")
