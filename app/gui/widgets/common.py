"""Pieces every window shares: headings, hints, the inline error line and the empty state."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.core.i18n import _
from app.gui.icons import icon

SPACING = 8


def plain(text: str) -> str:
    """A label without its mnemonic ampersand, for accessible names."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def heading(text: str, scale: float = 1.5) -> QLabel:
    """A title sized relative to the system font, so it scales with it."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def hint(text: str, object_name: str = "hint") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName(object_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class ErrorLabel(QLabel):
    """Inline message in plain words; hidden while empty. Not colour alone: it starts with a sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("error")  # coloured by the style sheet
        self.setAccessibleName(_("Problem"))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText("⚠ " + message if message else "")
        self.setVisible(bool(message))



class EmptyState(QStackedWidget):
    """Shows `content`, or what this is and what to do next while there is nothing to show.

    Without `content` it is only the notice (a page that lays out its own list). With
    `guide_anchor` (a name from core.guide.ANCHORS) it links to that section of the guide, which
    the main window shows (`show_guide`)."""

    def __init__(self, content: QWidget | None, icon_name: str, title: str, text: str,
                 parent: QWidget | None = None, guide_anchor: str = "", guide_text: str = "") -> None:
        super().__init__(parent)
        notice = QWidget()
        notice.setObjectName("emptyState")
        picture = QLabel()
        picture.setPixmap(icon(icon_name, "#8a93a6").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = heading(title, 1.2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = hint(text)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(notice)
        layout.addStretch(1)
        layout.addWidget(picture)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        self.guide_link: QLabel | None = None
        if guide_anchor:
            words = html.escape(guide_text or _("Read the guide (F1)"))
            self.guide_link = QLabel(f'<a href="#{guide_anchor}">{words}</a>')
            self.guide_link.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.guide_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                    | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            self.guide_link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.guide_link.linkActivated.connect(lambda _link: self._open_guide(guide_anchor))
            layout.addWidget(self.guide_link)
        layout.addStretch(2)
        if content is not None:
            self.addWidget(content)
        self.addWidget(notice)
        self.notice = notice

    def _open_guide(self, anchor: str) -> None:
        show = getattr(self.window(), "show_guide", None)  # the main window; absent in a bare test widget
        if show is not None:
            show(anchor)

    def set_empty(self, empty: bool) -> None:
        self.setCurrentWidget(self.notice if empty else self.widget(0))

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.notice
