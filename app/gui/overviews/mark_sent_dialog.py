"""Mark a prepared dossier as sent: which one, the day, and the reference the recipient gave.

Sijil never sends a dossier; writing one records it as prepared. Sending is the defender's act,
recorded only when she says so.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.core import operations
from app.core.errors import InvalidInput
from app.core.i18n import _
from app.core.journal.exports import MAX_REFERENCE, describe
from app.core.models import ExportRecord
from app.gui import vocabulary
from app.gui.session import Session
from app.gui.widgets.forms import EditorDialog, add_row, date_field, date_hint


def platform_name(code: str) -> str:
    return vocabulary.label(vocabulary.platforms, code)


class MarkSentDialog(EditorDialog):
    save_op = staticmethod(lambda vault, record: operations.mark_sent(vault, *record))

    def __init__(self, session: Session, records: list[ExportRecord], parent: QWidget | None = None) -> None:
        super().__init__(session, _("Mark a dossier as sent"), parent)
        self.record = QComboBox()
        for record in records:
            self.record.addItem(describe(record, platform_name), record.id)
        unsent = [i for i, r in enumerate(records) if not r.sent_on]
        self.record.setCurrentIndex(unsent[-1] if unsent else len(records) - 1)
        self.sent_on = date_field(date.today().isoformat(), optional=False)
        self.reference = QLineEdit()
        self.reference.setMaxLength(MAX_REFERENCE)
        self.reference.setPlaceholderText(_("e.g. the ticket or case number you were given"))
        add_row(self.form, _("&Dossier:"), self.record)
        add_row(self.form, _("&Sent on:"), self.sent_on, date_hint(optional=False))
        add_row(self.form, _("&Reference:"), self.reference)
        self.finish_layout()
        self.save_button.setText(_("&Mark as sent"))

    def collect(self) -> tuple[int, str, str]:
        if self.record.currentData() is None:
            raise InvalidInput(_("No dossier has been prepared from this incident yet."))
        return self.record.currentData(), self.sent_on.iso(), self.reference.text().strip()

