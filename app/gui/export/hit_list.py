"""The export preview's list of what the text redaction took out: one checkable row per item
(`Hit.item`), so ticking a row lets exactly that item back in and the next build's rows are
this build's minus the ticked ones (picture boxes have their own list, picture_hits.py)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.core.i18n import _
from app.core.redaction.text import Hit, kind_label, summarise


class HitList(QListWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(_("What was taken out"))
        self.setWordWrap(True)
        self._labels: dict[str, str] = {}  # Hit.item -> how the list names it, kept across builds

    def show_hits(self, hits: Iterable[Hit], kept: set[str]) -> dict[str, int]:
        """List this build's items, then those already let back in (ticked). Returns the
        number of items per kind, as the list shows them."""
        self.clear()
        rows: dict[str, list[Hit]] = {}
        for hit in hits:
            rows.setdefault(hit.item, []).append(hit)
        for key, found in rows.items():
            first = found[0]
            self._labels[key] = first.label or first.original
            forms = list(dict.fromkeys(h.original for h in found))
            text = _("{kind}: “{item}” → {replacement}  ({where})").format(
                kind=kind_label(first.kind), item=self._labels[key], replacement=first.replacement,
                where=", ".join(dict.fromkeys(h.where for h in found if h.where)))
            if forms != [self._labels[key]]:
                text += "\n    " + _("found as: {forms}").format(forms=", ".join(f"“{f}”" for f in forms[:6]))
            self._add(text, key, checked=False).setToolTip(text)
        for key in sorted(kept):
            self._add(_("Let back in: “{text}”").format(text=self._labels.get(key, key)), key, checked=True)
        return summarise(found[0] for found in rows.values())

    def allowed(self) -> list[str]:
        return [self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]

    def _add(self, text: str, key: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.addItem(item)
        return item
