"""What goes into a platform dossier: by default only what happened on that platform.

An incident is on a platform when the defender ticked it among the incident's platforms. An
evidence item's platform is the one of the report it was reported in, else its link's host
(t.me is Telegram, facebook.com Facebook...); an item with neither follows its incident. The
defender adds other incidents deliberately (`ExportOptions.off_platform_ids`, or all of them with
`include_other_platforms`); an incident she added brings its own evidence with it.
"""

from __future__ import annotations

from app.core.links import platform_of_link
from app.core.models import Evidence, Incident


def on_platform(incident: Incident, platform: str) -> bool:
    return platform in incident.platforms


def split_incidents(incidents: list[Incident], platform: str, off_platform_ids: list[int],
                    include_other_platforms: bool) -> tuple[list[Incident], list[Incident]]:
    """(kept, left out) for a dossier to `platform`."""
    kept, left_out = [], []
    for inc in incidents:
        wanted = include_other_platforms or on_platform(inc, platform) or inc.id in off_platform_ids
        (kept if wanted else left_out).append(inc)
    return kept, left_out


def evidence_platform(ev: Evidence, reported_on: dict[int, str]) -> str:
    """Where an evidence item comes from: the platform it was reported to, else its link's."""
    return reported_on.get(ev.id) or platform_of_link(ev.source_url)


def evidence_belongs(ev: Evidence, incident: Incident, platform: str, reported_on: dict[int, str],
                     include_other_platforms: bool) -> bool:
    if include_other_platforms or not on_platform(incident, platform):
        return True  # everything, or an incident added deliberately with its evidence
    return evidence_platform(ev, reported_on) in ("", platform)
