"""Editor for one item of a platform report: the link, who posted it, and what happened.

Items are kept in the report editor until the report is saved, so this dialog stores nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

from app.core.i18n import _
from app.core.models import ReportItem
from app.gui import vocabulary
from app.gui.widgets.date_field import WhenField
from app.gui.widgets.forms import FormDialog, add_row, fill_combo
from app.gui.widgets.text_box import TextBox


class ReportItemDialog(FormDialog):
    def __init__(self, item: ReportItem | None, actors: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(_("Edit reported item") if item else _("Add reported item"), parent,
                         QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.item = item or ReportItem(url="")
        i = self.item
        self.url = QLineEdit(i.url)
        self.url.setPlaceholderText("https://")
        self.actor = QComboBox()
        fill_combo(self.actor, {None: _("Unknown or not listed"), **actors}, i.actor_id)
        self.posted_at = WhenField(i.posted_at)
        self.captured_at = WhenField(i.captured_at)
        self.rule = QLineEdit(i.rule)
        self.rule.setPlaceholderText(_("for example: Violent speech policy"))
        self.translation = TextBox(i.content_translation)
        self.translation.setTabChangesFocus(True)
        self.translation.setFixedHeight(80)
        self.outcome = QComboBox()
        fill_combo(self.outcome, vocabulary.outcomes(), i.outcome)

        form = self.form
        add_row(form, _("&Link"), self.url, _("The address of the post, message or account."))
        add_row(form, _("Posted &by"), self.actor, _("Add the account under Actors to choose it here."))
        when = _("A date, or a date and a time, for example {example}").format(
            example=self.posted_at.placeholderText())
        add_row(form, _("&Posted at"), self.posted_at, when)
        add_row(form, _("&Captured at"), self.captured_at, _("When you saved a copy of it.") + " " + when)
        add_row(form, _("&Rule it breaks"), self.rule)
        add_row(form, _("&Translation"), self.translation,
                _("What the post says, in the language of the platform's moderators."))
        add_row(form, _("&Outcome"), self.outcome)
        self.finish_layout()
        self.resize(480, self.sizeHint().height())

    def check(self) -> None:
        """Times that are not times are said here, while the dialog still holds what she typed."""
        self.result_item()

    def result_item(self) -> ReportItem:
        return ReportItem(
            id=self.item.id, url=self.url.text().strip(), actor_id=self.actor.currentData(),
            evidence_id=self.item.evidence_id, posted_at=self.posted_at.iso(),
            captured_at=self.captured_at.iso(), rule=self.rule.text().strip(),
            content_translation=self.translation.toPlainText(), outcome=self.outcome.currentData(),
        )
