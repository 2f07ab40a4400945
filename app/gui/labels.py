"""Labels for the incident table and evidence. The code tables themselves live in
app.gui.views.vocabulary (shared with the other views); this adds the few only we need."""

from __future__ import annotations

from app.core.i18n import _
from app.gui.views import vocabulary


def platform_label(code: str) -> str:
    return vocabulary.platforms().get(code, code)


def kind_label(code: str) -> str:
    return vocabulary.kinds().get(code, code)


def status_label(code: str) -> str:
    return vocabulary.incident_statuses().get(code, code)


def severity_label(level: int) -> str:
    return vocabulary.severities().get(level, str(level))


def step_kind_label(code: str) -> str:
    return vocabulary.step_kinds().get(code, code)


def evidence_kind_label(code: str) -> str:
    return {"image": _("Image"), "pdf": _("PDF"), "video": _("Video"), "audio": _("Audio"),
            "text": _("Text"), "other": _("File")}.get(code, code)


def size_label(size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=size)
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
