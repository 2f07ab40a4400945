"""Editor for a person the journal is about. The name stays inside; the pseudonym leaves."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core import operations
from app.core.i18n import _
from app.core.models import Person
from app.core.redaction import names
from app.gui import vocabulary
from app.gui.session import Session
from app.gui.widgets.common import plain
from app.gui.widgets.forms import EditorDialog, add_row, fill_combo
from app.gui.widgets.text_box import TextBox


class PersonDialog(EditorDialog):
    save_op = staticmethod(operations.save_person)

    def __init__(self, session: Session, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, _("Edit person") if person else _("Add person"), parent)
        self.person = person or Person(name="", pseudonym="")
        p = self.person
        self.name = QLineEdit(p.name)
        self.pseudonym = QLineEdit(p.pseudonym)
        self.pseudonym.setPlaceholderText(_("for example: Defender A"))
        self.aliases = TextBox("\n".join(p.aliases))
        self.aliases.setTabChangesFocus(True)
        self.aliases.setFixedHeight(64)
        self.role = QComboBox()
        fill_combo(self.role, vocabulary.roles(), p.role)
        self.gender = QLineEdit(p.gender)
        self.age = QLineEdit(p.age)
        self.nationality = QLineEdit(p.nationality)
        self.profession = QLineEdit(p.profession)
        self.work = QLineEdit(p.human_rights_work)
        self.consent_un = QCheckBox(_("The &UN and other human rights mechanisms"))
        self.consent_platform = QCheckBox(_("The &platforms (when reporting content)"))
        self.consent_public = QCheckBox(_("The publi&c (reports, media)"))
        for box, value in ((self.consent_un, p.consent_un), (self.consent_platform, p.consent_platform),
                           (self.consent_public, p.consent_public)):
            box.setChecked(value)
            box.setAccessibleName(_("May share with: {who}").format(who=plain(box.text())))
        self.matching = QLabel()
        self.matching.setWordWrap(True)
        for signal in (self.name.textChanged, self.aliases.textChanged, self.role.currentIndexChanged):
            signal.connect(self._show_matching)
        self._show_matching()
        # Her answers to the UN communication's questions (also asked in the export wizard).
        self.un_letter, self.un_addressee, self.un_public = QComboBox(), QComboBox(), QComboBox()
        fill_combo(self.un_letter, vocabulary.un_answers(), p.un_aware_letter)
        fill_combo(self.un_addressee, vocabulary.un_answers(), p.un_name_to_addressee)
        fill_combo(self.un_public, vocabulary.un_public_name(), p.un_public_report)
        self.notes = TextBox(p.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)

        privacy = QLabel(_("The name is private: it stays inside this encrypted journal. Anything that "
                           "leaves the journal (dossiers, exports, reports) uses the pseudonym instead."))
        privacy.setWordWrap(True)
        privacy.setFrameShape(QFrame.Shape.StyledPanel)
        privacy.setMargin(6)
        privacy.setAccessibleName(plain(privacy.text()))
        self.form.addRow(privacy)
        add_row(self.form, _("&Name (private)"), self.name, _("Stays inside the journal."))
        add_row(self.form, _("P&seudonym (shared)"), self.pseudonym,
                _("Replaces the name in everything that leaves the journal."))
        add_row(self.form, _("&Other names (one per line)"), self.aliases,
                _("Nicknames or spellings the attackers use; they are hidden in exports too."))
        self.form.addRow("", self.matching)
        add_row(self.form, _("&Role"), self.role)
        add_row(self.form, _("&Gender"), self.gender)
        add_row(self.form, _("&Age"), self.age)
        add_row(self.form, _("Nat&ionality"), self.nationality)
        add_row(self.form, _("Pro&fession"), self.profession)
        add_row(self.form, _("Human rights &work"), self.work)
        consent = QLabel(_("This person agrees that their case may be shared with:"))
        consent.setWordWrap(True)
        self.form.addRow(consent)
        for box in (self.consent_un, self.consent_platform, self.consent_public):
            self.form.addRow("", box)
        add_row(self.form, _("UN: knows a letter may go to the State or company"), self.un_letter)
        add_row(self.form, _("UN: name may be given to that State or company"), self.un_addressee)
        add_row(self.form, _("UN: name in the public report"), self.un_public)
        add_row(self.form, _("No&tes"), self.notes)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def _show_matching(self) -> None:
        """Which parts of the names will be matched on their own, as she types (core decides)."""
        role = self.role.currentData()
        plan = names.plan(self.name.text(), self.aliases.toPlainText().splitlines(), role)
        self.matching.setText(names.describe(plan, role))
        self.matching.setAccessibleName(self.matching.text())
        if self.isVisible() and self.sizeHint().height() > self.height():  # grow, never jump smaller
            self.resize(self.width(), self.sizeHint().height())

    def collect(self) -> Person:
        p = self.person
        return Person(
            id=p.id, name=self.name.text().strip(), pseudonym=self.pseudonym.text().strip(),
            aliases=self.aliases.toPlainText().splitlines(), role=self.role.currentData(),
            gender=self.gender.text().strip(), age=self.age.text().strip(),
            nationality=self.nationality.text().strip(), profession=self.profession.text().strip(),
            human_rights_work=self.work.text().strip(), consent_un=self.consent_un.isChecked(),
            consent_platform=self.consent_platform.isChecked(),
            consent_public=self.consent_public.isChecked(), notes=self.notes.toPlainText(),
            un_aware_letter=self.un_letter.currentData(), un_name_to_addressee=self.un_addressee.currentData(),
            un_public_report=self.un_public.currentData(),
        )

