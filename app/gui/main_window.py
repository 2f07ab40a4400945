"""The main window: navigation, search, lock, and the pages. It never shows journal
content in its title (discreet or not): titles are seen in task switchers and over shoulders."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.operations import queries
from app.gui.export.wizard import ExportWizard
from app.gui.gate.wipe_dialog import WIPE_SHORTCUT
from app.gui.guide_window import GuideWindow
from app.gui.icons import icon
from app.gui.imports.dialog import ImportDialog
from app.gui.imports.drop import ExportDrops
from app.gui.incidents.editor import IncidentEditor
from app.gui.incidents.page import IncidentsPage
from app.gui.pages import view_specs
from app.gui.prefs import Prefs
from app.gui.session import Session
from app.gui.settings_dialog import SettingsDialog
from app.gui.widgets.progress_panel import ProgressPanel
from app.gui.widgets.screen_fit import fit_to_screen

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 10_000


class MainWindow(QMainWindow):
    lock_requested = Signal()
    prefs_changed = Signal()
    quit_requested = Signal()  # the person closed the window (not a lock closing it)
    wipe_requested = Signal()

    def __init__(self, session: Session, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session, self.prefs = session, prefs
        self.guide_window: GuideWindow | None = None
        self._search_generation = 0
        self.incidents = IncidentsPage(session)
        self.incidents.open_incident.connect(self.open_incident)
        self._specs = view_specs()
        self.views: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_("Sections"))
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self._add_page("file-text", _("Incidents"), self.incidents)
        for spec in self._specs:
            self._add_page(spec.icon, spec.title, None)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)

        self._build_toolbar()
        open_action = QAction(icon("pencil"), _("&Open"), self)
        open_action.triggered.connect(lambda: self.incidents.open_current())
        self.incidents.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.incidents.table.addActions([open_action, self.new_action, self.export_action, self.incidents.delete_action])
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._run_search)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        content = QWidget()
        content.setObjectName("content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(16, 12, 16, 12)
        content_layout.addWidget(self.stack)
        body.addWidget(content, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(body, 1)
        self.progress = ProgressPanel(session.runner)
        outer.addWidget(self.progress)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(0)
        fit_to_screen(self, 1200, 780)
        ExportDrops(self, self.open_import)

    def _action(self, icon_name: str, text: str, keys, slot, accessible: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text.replace('&', '')} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        self.new_action = self._action("plus", _("&New incident"), QKeySequence.StandardKey.New,
                                       lambda: self.open_incident(None))
        self.export_action = self._action("file-output", _("&Export dossier…"), "Ctrl+E", self.export_selected)
        self.import_action = self._action("download", _("&Import an export…"), "Ctrl+Shift+I", lambda: self.open_import())
        self.settings_action = self._action("settings", _("Se&ttings"), "Ctrl+,", self.open_settings)
        self.lock_action = self._action("lock", _("&Lock"), "Ctrl+L", self.lock_requested.emit)
        self.guide_action = self._action("", _("&Guide"), QKeySequence.StandardKey.HelpContents, self.show_guide)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search incidents, people, accounts…  (Ctrl+F)"))
        self.search.setAccessibleName(_("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(focus_search)
        for row in range(self.nav.count()):
            go = QAction(self)
            go.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            go.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            self.addAction(go)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addAction(self.new_action)
        bar.addAction(self.export_action)
        bar.addAction(self.import_action)
        bar.addWidget(spacer)
        bar.addWidget(self.search)
        bar.addAction(self.settings_action)
        bar.addAction(self.lock_action)
        bar.addWidget(self._more_menu())
        self.addToolBar(bar)

    def _more_menu(self) -> QToolButton:
        self.wipe_action = QAction(icon("trash-2"), _("&Wipe the journal now…"), self)
        # The keys are caught app-wide (application.py); here they are only shown in the menu.
        self.wipe_action.setShortcut(QKeySequence(WIPE_SHORTCUT))
        self.wipe_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.wipe_action.triggered.connect(self.wipe_requested)
        more = QToolButton()
        more.setText(_("More"))
        more.setAccessibleName(_("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addAction(self.wipe_action)
        more.setMenu(menu)
        self.more_button = more
        return more

    def _add_page(self, icon_name: str, title: str, widget: QWidget | None) -> None:
        item = QListWidgetItem(icon(icon_name), title)
        item.setToolTip(f"{title} (Ctrl+{self.nav.count() + 1})")
        self.nav.addItem(item)
        self.stack.addWidget(widget or QWidget())

    def _show_page(self, row: int) -> None:
        if row > 0:
            spec = self._specs[row - 1]
            if spec.key not in self.views:
                view = spec.build(self.session)
                if hasattr(view, "open_incident"):
                    view.open_incident.connect(self.open_incident)
                placeholder = self.stack.widget(row)
                self.stack.insertWidget(row, view)
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
                self.views[spec.key] = view
        self.stack.setCurrentIndex(row)

    def closeEvent(self, event) -> None:
        # Closing the main window ends the program, even with editors still open; the
        # controller then saves what they hold and locks.
        if event.spontaneous():
            self.quit_requested.emit()
        super().closeEvent(event)

    # Actions ---------------------------------------------------------------------------------

    def show_guide(self, anchor: str | None = None) -> GuideWindow:
        """The guide in the app's language (F1, and the links of the empty states)."""
        if self.guide_window is None:
            self.guide_window = GuideWindow(self.prefs.language or QLocale().name(), self)
        self.guide_window.show_section(anchor)
        return self.guide_window

    def open_incident(self, incident_id: int | None) -> IncidentEditor:
        editor = IncidentEditor(self.session, incident_id, self)
        editor.show()
        return editor

    def export_selected(self) -> None:
        ExportWizard(self.session, self.incidents.selected_ids(), self).show()

    def open_import(self, path=None) -> ImportDialog:
        """The import window, onto the incident selected (if one), reading `path` if given."""
        selected = self.incidents.selected_ids()
        dialog = ImportDialog(self.session, selected[0] if len(selected) == 1 else None, self)
        dialog.show()
        if path:
            dialog.open_path(path)
        return dialog

    def settings_dialog(self) -> SettingsDialog:
        dialog = SettingsDialog(self.session, self.prefs, self)
        dialog.applied.connect(self.prefs_changed)
        return dialog

    def open_settings(self) -> None:
        self.settings_dialog().exec()

    def _run_search(self) -> None:
        self._search_generation += 1
        generation, query = self._search_generation, self.search.text().strip()
        self.nav.setCurrentRow(0)
        if not query:
            self.incidents.set_search_ids(None)
            return

        def found(ids: list[int]) -> None:
            if generation == self._search_generation:
                self.incidents.set_search_ids(ids)

        self.session.call(self, lambda vault, ctx: queries.search(vault, query, SEARCH_LIMIT), on_success=found)
