"""The guide in a window of its own (F1 from the main window, or a link in an empty state),
in the app's language, opened at the section the screen is about. Nothing in it leaves the
program: links inside the guide scroll, links to the web are not opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from app.core import guide
from app.core.i18n import is_rtl


class GuideWindow(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(guide.title(language))
        self.setModal(False)
        self.language = guide.language_of(language)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(self.language)
                                else Qt.LayoutDirection.LeftToRight)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: a web link in the guide is only read
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setHtml(guide.html(self.language))
        self.browser.setAccessibleName(guide.title(language))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(720, 640)

    def _follow(self, url) -> None:
        if url.hasFragment() and not url.host():
            self.browser.scrollToAnchor(url.fragment())

    def show_section(self, anchor: str | None) -> None:
        """Show the window at `anchor` (a name from guide.ANCHORS), or at the top."""
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.browser.setFocus()

