"""What goes into a platform dossier: by default only what happened on that platform.

An incident is on a platform when the defender ticked it among the incident's platforms. An
evidence item's platform is the one of the report it was reported in, else its link's host
(t.me is Telegram, facebook.com Facebook...); an item with neither follows its incident. The
defender adds other incidents deliberately (`ExportOptions.off_platform_ids`, or all of them with
`include_other_platforms`); an incident she added brings its own evidence with it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.core.models import Evidence, Incident

# Hosts (and their subdomains) per platform code of app.core.models.PLATFORMS.
_HOSTS = {
    "telegram": ("t.me", "telegram.me", "telegram.dog", "telegram.org"),
    "facebook": ("facebook.com", "fb.com", "fb.watch", "fb.me", "messenger.com", "m.me"),
    "instagram": ("instagram.com", "instagr.am"),
    "whatsapp": ("wa.me", "whatsapp.com"),
    "x": ("x.com", "twitter.com", "t.co"),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be"),
}
_BY_HOST = {host: code for code, hosts in _HOSTS.items() for host in hosts}


def platform_of_link(url: str) -> str:
    """The platform a link points into, or "" if it is none Sijil knows."""
    raw = url.strip()
    if not raw:
        return ""
    try:
        host = (urlsplit(raw if "://" in raw else "https://" + raw).hostname or "").lower()
    except ValueError:
        return ""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        code = _BY_HOST.get(".".join(labels[i:]))
        if code:
            return code
    return ""


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
