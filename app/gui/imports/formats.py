"""The on-screen names of the kinds of export (which one a path is: core importers.guess)."""

from __future__ import annotations

from app.core.i18n import _


def format_labels() -> dict[str, str]:
    return {
        "telegram": _("Telegram (result.json or HTML export folder)"),
        "whatsapp": _("WhatsApp (.txt or .zip)"),
        "meta": _("Facebook / Instagram (message_1.json or message_1.html)"),
        "x": _("X archive (data/tweets.js)"),
        "folder": _("Folder of screenshots or photos"),
        "web": _("Archived web page (WARC, WACZ, HTML)"),
    }

