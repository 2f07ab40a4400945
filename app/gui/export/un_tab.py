"""The UN communication tab of the export wizard: the consent questions of the OHCHR form,
asked of each victim in plain words, and what she wants to say beyond her journal (who is
concerned and why, a summary, her request, the link to her human rights work, other
mechanisms). Nothing is assumed: an unanswered question stays unanswered in the dossier."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.export.content import UnCommunication
from app.core.i18n import _
from app.core.models import Person
from app.gui import vocabulary
from app.gui.widgets.forms import add_row, fill_combo

_TEXTS = ("summary", "request", "hr_link")


class UnCommunicationTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        self._column = QVBoxLayout(body)
        intro = QLabel(_("The UN experts need these answers in her own words. Ask her each question; "
                         "what is left unanswered is shown as “not answered” in the dossier."))
        intro.setWordWrap(True)
        self._column.addWidget(intro)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-weight: bold")
        self.prompt.hide()
        self._column.addWidget(self.prompt)
        self._consent_box = QGroupBox(_("Consent (asked of each person named)"))
        self._consent = QVBoxLayout(self._consent_box)
        self._column.addWidget(self._consent_box)
        self._questions: dict[int, tuple[QComboBox, QComboBox, QComboBox]] = {}
        self._answers: dict[int, tuple[str, str, str]] = {}
        self._persons: dict[int, Person] = {}

        box = QGroupBox(_("The communication"))
        form = QFormLayout(box)
        self.mandates = QLineEdit()
        self.mandates.setPlaceholderText(_("e.g. human rights defenders; freedom of expression; violence against women"))
        self.states = QLineEdit()
        self.states.setPlaceholderText(_("the country where it happens, or whose officials are involved"))
        self.state_reason = QLineEdit()
        self.state_reason.setPlaceholderText(_("e.g. the police knew and did nothing"))
        self.companies = QLineEdit()
        self.companies.setPlaceholderText(_("e.g. Telegram, Meta: the experts can write to companies too"))
        self.company_reason = QLineEdit()
        self.summary, self.request, self.hr_link = (QPlainTextEdit() for _n in _TEXTS)
        for edit in (self.summary, self.request, self.hr_link):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
        self.request.setPlaceholderText(_("e.g. ask the authorities to investigate and protect me and my family"))
        self.hr_link.setPlaceholderText(_("e.g. the threats started after I published my report, and mention it"))
        self.other = QComboBox()
        fill_combo(self.other, vocabulary.un_answers())
        self.other_detail = QLineEdit()
        self.other_detail.setPlaceholderText(_("which ones and when, e.g. Inter-American Commission, 2025"))
        add_row(form, _("E&xperts (mandates) to write to"), self.mandates)
        add_row(form, _("&State(s) concerned"), self.states)
        add_row(form, _("&Why that State"), self.state_reason)
        add_row(form, _("Co&mpanies concerned"), self.companies)
        add_row(form, _("Why those compa&nies"), self.company_reason)
        add_row(form, _("S&ummary of what happened"), self.summary)
        add_row(form, _("What you &ask the experts to do"), self.request)
        add_row(form, _("How the attacks are &linked to your human rights work"), self.hr_link)
        add_row(form, _("Sent to &other UN or regional mechanisms?"), self.other)
        add_row(form, _("Which on&es"), self.other_detail)
        self._column.addWidget(box)
        self._column.addStretch(1)
        self.setWidget(body)

    def set_victims(self, persons: list[Person]) -> None:
        """Ask the questions of these people (answers typed so far are kept)."""
        self._answers.update(self.answers())
        for ident in list(self._questions):
            box = self._questions.pop(ident)[0].parentWidget()
            box.deleteLater()
        self._persons = {p.id: p for p in persons}
        for p in persons:
            stored = self._answers.get(p.id, (p.un_aware_letter, p.un_name_to_addressee, p.un_public_report))
            group = QGroupBox(p.name)
            form = QFormLayout(group)
            letter, addressee, public = QComboBox(), QComboBox(), QComboBox()
            fill_combo(letter, vocabulary.un_answers(), stored[0])
            fill_combo(addressee, vocabulary.un_answers(), stored[1])
            fill_combo(public, vocabulary.un_public_name(), stored[2])
            add_row(form, _("Does she know the experts may send a letter about her case to the State or "
                            "company concerned?"), letter)
            add_row(form, _("May her name be given to the State, company or other addressee in that letter?"),
                    addressee)
            add_row(form, _("In the experts' public report to the Human Rights Council, may her full name "
                            "appear, or only her initials?"), public)
            for label in group.findChildren(QLabel):
                label.setWordWrap(True)
            self._consent.addWidget(group)
            self._questions[p.id] = (letter, addressee, public)
        self._consent_box.setVisible(bool(persons))

    def ask(self, text: str) -> None:
        """Say what is missing, and put the first unanswered question under her hands."""
        self.prompt.setText(text)
        self.prompt.show()
        for combos in self._questions.values():
            for combo in combos:
                if not combo.currentData():
                    self.ensureWidgetVisible(combo)
                    combo.setFocus()
                    return

    def questions_of(self, person_id: int) -> tuple[QComboBox, QComboBox, QComboBox]:
        """The three consent questions asked of one person: letter, addressee, public name."""
        return self._questions[person_id]

    def answers(self) -> dict[int, tuple[str, str, str]]:
        return {ident: tuple(c.currentData() for c in combos) for ident, combos in self._questions.items()}

    def unanswered(self) -> list[str]:
        """Names of the people with a question not asked yet."""
        return [self._persons[i].name for i, given in self.answers().items() if "" in given]

    def set_communication(self, un: UnCommunication) -> None:
        """Fill in what she wrote before (a draft kept in the journal)."""
        for name in ("mandates", "states", "state_reason", "companies", "company_reason"):
            getattr(self, name).setText(getattr(un, name))
        for name in _TEXTS:
            getattr(self, name).setPlainText(getattr(un, name))
        self.other.setCurrentIndex(max(0, self.other.findData(un.other_mechanisms)))
        self.other_detail.setText(un.other_mechanisms_detail)

    def communication(self) -> UnCommunication:
        return UnCommunication(
            mandates=self.mandates.text().strip(), states=self.states.text().strip(), state_reason=self.state_reason.text().strip(),
            companies=self.companies.text().strip(), company_reason=self.company_reason.text().strip(),
            summary=self.summary.toPlainText().strip(), request=self.request.toPlainText().strip(),
            hr_link=self.hr_link.toPlainText().strip(), other_mechanisms=self.other.currentData(),
            other_mechanisms_detail=self.other_detail.text().strip())
