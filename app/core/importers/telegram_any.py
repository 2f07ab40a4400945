"""Telegram Desktop exports come as JSON (result.json) or HTML (messages.html, messages2.html...):
this picks the reader from what the folder or file holds."""

from __future__ import annotations

from pathlib import Path

from app.core.importers import telegram, telegram_html
from app.core.importers.model import ImportPreview


def parse(path: Path, username: str = "", **_options: object) -> ImportPreview:
    path = Path(path)
    html = path.suffix.lower() in (".html", ".htm") or (
        path.is_dir() and not (path / "result.json").exists()
        and ((path / "messages.html").exists() or bool(telegram_html.chat_folders(path))))
    if html:
        return telegram_html.parse(path, username=username)
    return telegram.parse(path, username=username)
