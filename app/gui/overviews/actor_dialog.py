"""Editor for an attacking account, person or group."""

from __future__ import annotations

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.core import operations
from app.core.i18n import _
from app.core.models import Actor
from app.gui import vocabulary
from app.gui.session import Session
from app.gui.widgets.forms import EditorDialog, add_row, date_field, date_hint, fill_combo
from app.gui.widgets.text_box import TextBox


class ActorDialog(EditorDialog):
    save_op = staticmethod(operations.save_actor)

    def __init__(self, session: Session, actor: Actor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, _("Edit actor") if actor else _("Add actor"), parent)
        self.actor = actor or Actor()
        a = self.actor
        self.kind = QComboBox()
        fill_combo(self.kind, vocabulary.actor_kinds(), a.kind)
        self.platform = QComboBox()
        fill_combo(self.platform, {"": _("Not set"), **vocabulary.platforms()}, a.platform)
        self.handle = QLineEdit(a.handle)
        self.handle.setPlaceholderText(_("@account"))
        self.display_name = QLineEdit(a.display_name)
        self.profile_url = QLineEdit(a.profile_url)
        self.numeric_id = QLineEdit(a.numeric_id)
        self.followers = QLineEdit("" if a.follower_count is None else str(a.follower_count))
        self.followers.setValidator(QIntValidator(0, 2_000_000_000, self.followers))
        self.state = QComboBox()
        fill_combo(self.state, vocabulary.state_actor(), a.state_actor)
        self.motive = QLineEdit(a.motive)
        self.relation = QLineEdit(a.relation_to_victim)
        self.first_seen = date_field(a.first_seen)
        self.last_seen = date_field(a.last_seen)
        self.notes = TextBox(a.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)

        add_row(self.form, _("&Kind"), self.kind)
        add_row(self.form, _("&Platform"), self.platform)
        add_row(self.form, _("&Handle"), self.handle)
        add_row(self.form, _("&Display name"), self.display_name)
        add_row(self.form, _("Profile l&ink"), self.profile_url)
        add_row(self.form, _("Account &number"), self.numeric_id,
                _("The platform's numeric id survives a change of handle."))
        add_row(self.form, _("F&ollowers"), self.followers)
        add_row(self.form, _("&State or non-state"), self.state,
                _("Choose State if the account acts for a government, party or security service."))
        add_row(self.form, _("&Motive"), self.motive)
        add_row(self.form, _("&Relation to the person targeted"), self.relation)
        add_row(self.form, _("&First seen"), self.first_seen, date_hint())
        add_row(self.form, _("&Last seen"), self.last_seen, date_hint())
        add_row(self.form, _("No&tes"), self.notes)
        self.finish_layout()
        self.resize(480, self.sizeHint().height())

    def collect(self) -> Actor:
        followers = self.followers.text().strip()
        return Actor(
            id=self.actor.id, kind=self.kind.currentData(), platform=self.platform.currentData(),
            handle=self.handle.text().strip(), display_name=self.display_name.text().strip(),
            profile_url=self.profile_url.text().strip(), numeric_id=self.numeric_id.text().strip(),
            follower_count=int(followers) if followers else None, state_actor=self.state.currentData(),
            motive=self.motive.text().strip(), relation_to_victim=self.relation.text().strip(),
            notes=self.notes.toPlainText(), first_seen=self.first_seen.iso(),
            last_seen=self.last_seen.iso(),
        )

