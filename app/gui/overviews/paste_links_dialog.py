"""Paste a list of links into a platform report: one item per line, each in the form the
platform's moderators open, with what was left out (and links to another site) said in words
before she adds them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QWidget

from app.core.i18n import _, ngettext
from app.core.links import PastedLinks, parse_links
from app.core.models import ReportItem
from app.gui import vocabulary
from app.gui.widgets.common import hint
from app.gui.widgets.forms import FormDialog


class PasteLinksDialog(FormDialog):
    def __init__(self, platform: str, known_urls: set[str], parent: QWidget | None = None) -> None:
        super().__init__(_("Paste links"), parent,
                         QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._platform = platform
        self._known = known_urls
        self._parsed = PastedLinks()
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(_("Links, one per line"))
        self.text.setPlaceholderText(_("Paste the links here, one per line (Ctrl+V)"))
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._update)
        self.summary = hint("")
        self.summary.setAccessibleName(_("What will be added"))
        self.column.addWidget(hint(_("Each link becomes one reported item; set what the platform did "
                                     "in the table afterwards.")))
        self.column.addWidget(self.text, 1)
        self.column.addWidget(self.summary)
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Add items"))
        self.resize(640, 420)
        self.text.setFocus()
        self._update()

    def _new_links(self) -> list:
        return [link for link in self._parsed.links if link.url not in self._known]

    def _update(self) -> None:
        self._parsed = parse_links(self.text.toPlainText())
        names = vocabulary.platforms()
        report_platform = names.get(self._platform, self._platform)
        lines = []
        new = self._new_links()
        if new:
            lines.append(ngettext("{n} item will be added.", "{n} items will be added.", len(new)).format(n=len(new)))
        lines += [_("Line {line} is already in this report.").format(line=link.line)
                  for link in self._parsed.links if link.url in self._known]
        lines += [_("Line {line} is a link to {site}, not {platform}: check it belongs in this report.")
                  .format(line=link.line, site=names.get(link.platform, link.platform), platform=report_platform)
                  for link in new if link.platform and link.platform != self._platform]
        lines += self._parsed.problems()
        self.summary.setText("\n".join(lines))

    def items(self) -> list[ReportItem]:
        """One new item per new link, in the order pasted; their outcome is still to be set."""
        return [ReportItem(url=link.url) for link in self._new_links()]

    def submit(self) -> None:
        if not self._new_links():
            self.error.show_message(_("No new link was found. Paste one link per line."))
            return
        self.accept()
