"""The wizard's list of boxes proposed over names and contact details recognised in pictures:
each is burned in unless ticked, and the note says plainly when pictures were not checked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from app.core.export.content import Dossier
from app.core.i18n import _, ngettext


def _what(kind: str) -> str:
    return {"name": _("a name"), "phone": _("a phone number"), "email": _("an e-mail address"),
            "address": _("an address"), "coordinates": _("a place"), "term": _("one of your words")}.get(kind, kind)


class PictureHitList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Areas blacked out in pictures"))
        self.title = QLabel(_("Blacked out in pictures (tick one to let it back in):"))
        self.note = QLabel()
        self.note.setWordWrap(True)

    def allowed(self) -> list[str]:
        return [self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]

    @staticmethod
    def summary(dossier: Dossier, allowed: set[str]) -> str:
        """The sentence for the wizard's summary: the boxes burned in over recognised text."""
        burned = sum(1 for hit in dossier.picture_hits if hit.key not in allowed)
        if not dossier.picture_hits:
            return ""
        return ngettext("{n} area of a picture blacked out where a name or contact detail was recognised.",
                        "{n} areas of pictures blacked out where a name or contact detail was recognised.",
                        burned).format(n=burned)

    def show_dossier(self, dossier: Dossier, allowed: set[str]) -> None:
        self.clear()
        for hit in dossier.picture_hits:
            item = QListWidgetItem(_("Evidence item {id}: “{text}” ({what}, blacked out)").format(
                id=hit.evidence_id, text=hit.text, what=_what(hit.kind)))
            item.setData(Qt.ItemDataRole.UserRole, hit.key)
            item.setToolTip(item.text())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if hit.key in allowed else Qt.CheckState.Unchecked)
            self.addItem(item)
        lines = []
        if dossier.unchecked_pictures:
            lines.append(ngettext("{n} picture was NOT checked for names (text recognition is not installed "
                                  "or could not read it): evidence item {ids}. Open it and hide names "
                                  "yourself before sending.",
                                  "{n} pictures were NOT checked for names (text recognition is not installed "
                                  "or could not read them): evidence items {ids}. Open each one and hide names "
                                  "yourself before sending.", len(dossier.unchecked_pictures)).format(
                               n=len(dossier.unchecked_pictures),
                               ids=", ".join(str(i) for i in dossier.unchecked_pictures)))
        self.note.setText("\n".join(lines))
        self.note.setStyleSheet("color: #b42318;")
        visible = bool(dossier.picture_hits)
        self.setVisible(visible)
        self.title.setVisible(visible)
        self.note.setVisible(bool(lines))
