"""Export wizard: choose a dossier, preview exactly what will leave, then save it.

1. Choose: format (UN communication, platform report, lawyer's copy), language, platform,
   incidents, own words to remove, JSON/CSV, a lawyer's key to seal for; only the fields the
   chosen format uses are shown. A UN communication has a tab of its own for the consent
   questions and what she wants to say (export_un_tab.py); a platform report can be a
   notice under the EU Digital Services Act.
2. Preview: the dossier is built on the worker (progress and Cancel); its pages are shown
   from memory beside the list of everything that was redacted. Ticking an item lets it
   back in and rebuilds the preview.
3. Save: the previewed bytes themselves are written, and the export is recorded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import operations
from app.core.crypto import fingerprint
from app.core.errors import SijilError
from app.core.export import dossier, labels, seal
from app.core.export.content import ExportOptions
from app.core.export.formats import TEMPLATE_NAMES
from app.core.export.un_communication import load_draft, remembered_submitter, victims
from app.core.i18n import LANGUAGE_NAMES, _, ngettext
from app.core.models import DSA_PLATFORMS
from app.core.operations import queries
from app.gui import vocabulary
from app.gui.evidence.picture_hits import PictureHitList
from app.gui.export.dossier_preview import DossierPreview
from app.gui.export.hit_list import HitList
from app.gui.export.summary import preview_summary
from app.gui.export.un_tab import UnCommunicationTab
from app.gui.session import Session
from app.gui.tasks import Task
from app.gui.widgets.dialogs import show_error, show_info
from app.gui.widgets.file_dialogs import choose_files, choose_save_path
from app.gui.widgets.screen_fit import fit_to_screen

_TITLE_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportWizard(QDialog):
    def __init__(self, session: Session, incident_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export dossier"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 1000, 720)
        self._session = session
        self._preselected = set(incident_ids)
        self._platforms_of: dict[int, tuple[str, ...]] = {}
        self._auto_unticked: set[int] = set()
        self._built: dossier.Built | None = None
        self._recipient: bytes | None = None
        self._task: Task | None = None
        self._busy = False
        self._asked = False
        self.saved_to: str | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._preview_page())
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Progress"))
        self.progress.hide()
        self.back_button = QPushButton(_("&Back"))
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.preview_button = QPushButton(_("&Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.build_preview)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.save_button = QPushButton(_("&Save dossier…"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for button in (self.back_button, self.preview_button, self.save_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.pages.currentChanged.connect(self._update_buttons)
        session.runner.progressed.connect(self._on_progress)
        self._update_buttons()
        self._load_incidents()

    # Page 1: choices ------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget()
        self.form = form = QFormLayout(page)
        self.format = QComboBox()
        for code, text in TEMPLATE_NAMES.items():
            self.format.addItem(_(text), code)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.language = QComboBox()
        for code in labels.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.platform = QComboBox()
        for code, name in vocabulary.platforms().items():
            self.platform.addItem(name, code)
        self.platform.currentIndexChanged.connect(self._format_changed)
        self.incidents = QListWidget()
        self.incidents.setAccessibleName(_("Incidents in the dossier"))
        self.incidents.itemChanged.connect(self._update_victims)
        self.off_platform_hint = QLabel()
        self.off_platform_hint.setWordWrap(True)
        self.off_platform_hint.hide()
        self.terms = QLineEdit()
        self.terms.setPlaceholderText(_("e.g. the name of your street, your organisation"))
        self.json = QCheckBox(_("Also write the content as &JSON"))
        self.csv = QCheckBox(_("Also write the content as C&SV"))
        self.key_button = QPushButton(_("Seal for a lawyer's &key…"))
        self.key_button.clicked.connect(self._choose_key)
        self.submitter = [QLineEdit() for _field in range(3)]
        for edit, hint in zip(self.submitter, (_("your name or your organisation's"), _("e.g. herself, colleague"),
                                               _("how the UN can reach you safely")), strict=True):
            edit.setPlaceholderText(hint)
        self.key_label = QLabel(_("Not sealed: anyone with the file can read it."))
        self.key_label.setWordWrap(True)
        self.dsa = QCheckBox(_("Write it as a &notice under the EU Digital Services Act (Article 16)"))
        self.dsa.setToolTip(_("The platform must then confirm receipt, decide on each item and tell you why."))
        self.dsa.toggled.connect(self._format_changed)
        self.notifier = [QLineEdit() for _field in range(2)]
        self.notifier[0].setPlaceholderText(_("the name the platform will see"))
        self.notifier[1].setPlaceholderText(_("where the platform sends its decision"))
        self.notifier[0].setAccessibleName(_("Your name (for the notice)"))
        self.notifier[1].setAccessibleName(_("Your e-mail (for the notice)"))
        self.csam = QCheckBox(_("It concerns sexual images of children (your name and e-mail are then left out)"))
        self.csam.toggled.connect(self._format_changed)
        self.good_faith = QCheckBox(_("I believe in &good faith that what this notice says is accurate and complete"))
        form.addRow(_("&Format:"), self.format)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Platform:"), self.platform)
        form.addRow(_("&Incidents:"), self.incidents)
        form.addRow("", self.off_platform_hint)
        form.addRow(_("Also &remove:"), self.terms)
        for label, edit in zip((_("Submitter (kept confidential):"), _("Relation to the victim:"), _("Contact:")),
                               self.submitter, strict=True):
            form.addRow(label, edit)
        form.addRow("", self.dsa)
        form.addRow(_("Your name (for the notice):"), self.notifier[0])
        form.addRow(_("Your e-mail (for the notice):"), self.notifier[1])
        form.addRow("", self.csam)
        form.addRow("", self.good_faith)
        form.addRow("", self.json)
        form.addRow("", self.csv)
        form.addRow(self.key_button, self.key_label)
        self.un_tab = UnCommunicationTab()
        self.choose_tabs = QTabWidget()
        self.choose_tabs.addTab(page, _("Dossier"))
        self.choose_tabs.addTab(self.un_tab, _("UN communication"))
        self._persons_of: dict[int, list] = {}
        self._format_changed()
        return self.choose_tabs

    def _format_changed(self) -> None:
        """Show only the fields the chosen format uses."""
        code = self.format.currentData()
        platform = code == "platform"
        dsa_possible = platform and self.platform.currentData() in DSA_PLATFORMS
        if not dsa_possible:
            self.dsa.setChecked(False)
        notice = dsa_possible and self.dsa.isChecked()
        rows = [(self.platform, platform), (self.dsa, dsa_possible), (self.csam, notice), (self.good_faith, notice),
                (self.key_button, code == "lawyer")]
        rows += [(edit, code == "un") for edit in self.submitter]
        rows += [(edit, notice and not self.csam.isChecked()) for edit in self.notifier]
        for widget, shown in rows:
            self.form.setRowVisible(widget, shown)
        self.choose_tabs.setTabVisible(1, code == "un")

        self._mark_off_platform()

    def _off_platform(self, incident_id: int) -> bool:
        return (self.format.currentData() == "platform"
                and self.platform.currentData() not in self._platforms_of.get(incident_id, ()))

    def _mark_off_platform(self) -> None:
        """A platform report holds that platform's incidents: the others are unticked and marked,
        and the defender may tick one back deliberately. Ticks the marking took away come back
        when the format or platform changes again."""
        platform = vocabulary.label(vocabulary.platforms, self.platform.currentData())
        marked = 0
        for row in range(self.incidents.count()):
            item = self.incidents.item(row)
            ident = item.data(Qt.ItemDataRole.UserRole)
            base = item.data(_TITLE_ROLE)
            if self._off_platform(ident):
                marked += 1
                item.setText(base + "  " + _("[not on {platform}: left out unless you tick it]").format(
                    platform=platform))
                item.setForeground(self.palette().placeholderText())
                if item.checkState() == Qt.CheckState.Checked:
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self._auto_unticked.add(ident)
            else:
                item.setText(base)
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
                if ident in self._auto_unticked:
                    item.setCheckState(Qt.CheckState.Checked)
                    self._auto_unticked.discard(ident)
        self.off_platform_hint.setText(ngettext(
            "{n} incident did not happen on {platform} and is left out. Tick it only if you mean it to "
            "go to {platform} too; its evidence goes with it.",
            "{n} incidents did not happen on {platform} and are left out. Tick one only if you mean it to "
            "go to {platform} too; its evidence goes with it.", marked).format(n=marked, platform=platform))
        self.off_platform_hint.setVisible(bool(marked))

    def _update_victims(self, *_args) -> None:
        chosen = {p.id: p for i in self.chosen_ids() for p in self._persons_of.get(i, [])}
        self.un_tab.set_victims(victims(list(chosen.values())))

    def _load_incidents(self) -> None:
        preselected = sorted(self._preselected)

        def load(vault, ctx):
            return (*queries.incidents_with_persons(vault), load_draft(vault, preselected), remembered_submitter(vault))

        def loaded(result) -> None:
            incidents, self._persons_of, draft, submitter = result
            self.un_tab.set_communication(draft)
            for edit, value in zip(self.submitter, submitter, strict=True):
                if not edit.text():
                    edit.setText(value)
            self.incidents.blockSignals(True)
            for inc in incidents:
                title = f"{inc.occurred_on}  {inc.title}" + (f"  [{_('confidential')}]" if inc.confidential else "")
                item = QListWidgetItem(title)
                item.setData(Qt.ItemDataRole.UserRole, inc.id)
                item.setData(_TITLE_ROLE, title)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if inc.id in self._preselected else Qt.CheckState.Unchecked)
                self._platforms_of[inc.id] = tuple(inc.platforms)
                self.incidents.addItem(item)
            self.incidents.blockSignals(False)
            platforms = [p for inc in incidents if inc.id in self._preselected for p in inc.platforms]
            if platforms:
                self.platform.setCurrentIndex(max(0, self.platform.findData(platforms[0])))
            self._mark_off_platform()
            self._update_victims()

        self._session.call(self, load, on_success=loaded)

    @property
    def built(self) -> dossier.Built | None:
        """The dossier the preview shows and Save writes; None until built or once a change drops it."""
        return self._built

    @property
    def busy(self) -> bool:
        """A dossier is being built or saved."""
        return self._busy

    def chosen_ids(self) -> list[int]:
        return [self.incidents.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.incidents.count())
                if self.incidents.item(r).checkState() == Qt.CheckState.Checked]

    def _choose_key(self) -> None:
        chosen = choose_files(self, _("Choose the lawyer's public key (lawyer.pub)"))
        if not chosen:
            return
        try:
            self._recipient = seal.read_public_key(Path(chosen[0]))
        except SijilError as error:
            show_error(self, error)
            return
        self.key_label.setText(_("Sealed for the key with fingerprint {fp}. Only that lawyer can open it.")
                               .format(fp=fingerprint(self._recipient)))
        self._built = None  # a preview signed for another lawyer's key must not be saved
        self._update_buttons()

    def options(self) -> ExportOptions:
        code = self.format.currentData()
        return ExportOptions(
            code, self.chosen_ids(), language=self.language.currentData(),
            platform=self.platform.currentData() if code == "platform" else "",
            terms=[t.strip() for t in self.terms.text().split(",") if t.strip()],
            allowed=self.allowed_items(), allowed_boxes=self.picture_hits.allowed(),
            json=self.json.isChecked(), csv=self.csv.isChecked(), submitter=self._submitter(),
            off_platform_ids=[i for i in self.chosen_ids() if self._off_platform(i)], un=self.un_tab.communication(),
            dsa_notice=code == "platform" and self.dsa.isChecked(), csam=self.csam.isChecked(),
            good_faith=self.good_faith.isChecked(),
            notifier={"name": self.notifier[0].text().strip(), "email": self.notifier[1].text().strip()})

    def _submitter(self) -> dict[str, str] | None:
        """What she typed for this communication; None (the journal's settings) if nothing."""
        values = [e.text().strip() for e in self.submitter]
        if not any(values):
            return None
        return dict(zip(("submitter_name", "submitter_relation", "submitter_contact"), values, strict=True))

    # Page 2: preview ------------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        self.preview = DossierPreview()
        side = QWidget()
        column = QVBoxLayout(side)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.hits = HitList()
        self.rebuild_button = QPushButton(_("Let the ticked items back in and &update"))
        self.rebuild_button.clicked.connect(self.build_preview)
        column.addWidget(self.summary)
        column.addWidget(QLabel(_("What was taken out (tick an item to let it back in):")))
        column.addWidget(self.hits, 1)
        self.picture_hits = PictureHitList()
        column.addWidget(self.picture_hits.title)
        column.addWidget(self.picture_hits, 1)
        column.addWidget(self.picture_hits.note)
        column.addWidget(self.rebuild_button)
        splitter = QSplitter()
        splitter.addWidget(self.preview)
        splitter.addWidget(side)
        splitter.setSizes([620, 380])
        return splitter

    def allowed_items(self) -> list[str]:
        return self.hits.allowed()

    def build_preview(self) -> None:
        if (self.format.currentData() == "un" and self.un_tab.unanswered() and not self._asked
                and self.pages.currentIndex() == 0):
            self._asked = True  # ask once; what she leaves unanswered then says "not answered"
            self.choose_tabs.setCurrentWidget(self.un_tab)
            self.un_tab.ask(_("Please ask her these questions first, then press Preview again."))
            return
        options = self.options()
        kept = set(options.allowed)
        self._built_boxes_allowed = list(options.allowed_boxes)
        self._built = None
        self._set_busy(True)

        def done(built: dossier.Built) -> None:
            self._task = None
            self._set_busy(False)
            self._show(built, kept)

        def failed(error: SijilError) -> None:
            self._task = None
            self._set_busy(False)
            show_error(self, error)

        recipient = self._recipient if options.template == "lawyer" else None
        answers = self.un_tab.answers() if options.template == "un" else {}

        self._task = self._session.call(
            self, lambda vault, ctx: operations.build_dossier(vault, options, recipient, answers, ctx.progress),
            on_success=done, on_failure=failed, label=_("Preparing the dossier"), cancellable=True)

    def _show(self, built: dossier.Built, kept: set[str]) -> None:
        self._built = built
        self.preview.set_pdf(built.pdf)
        counts = self.hits.show_hits(built.dossier.hits, kept)
        self.picture_hits.show_dossier(built.dossier, set(self._built_boxes_allowed))
        self.summary.setText(preview_summary(
            built, self.preview.page_count, counts,
            self.picture_hits.summary(built.dossier, set(self._built_boxes_allowed)), self.un_tab.unanswered()))
        self.pages.setCurrentIndex(1)
        self._update_buttons()

    # Page 3: save ---------------------------------------------------------------------------

    def save(self) -> None:
        built = self._built
        if built is None:
            return
        suffix = ".sealed" if built.recipient is not None else ".pdf"
        target = choose_save_path(self, _("Save dossier"), f"dossier-{built.dossier.template}{suffix}")
        if not target:
            return
        self._set_busy(True)

        def saved(_result) -> None:
            self._set_busy(False)
            self.saved_to = target
            message = _("The dossier was saved as {path}\n\nIt is in the folder {folder}. Check it any time "
                        "with: sijil verify FILE").format(path=target, folder=str(Path(target).parent))
            self.summary.setText(message)
            show_info(self, _("Dossier saved"), message)  # said before the wizard closes
            self.accept()

        def failed(error: SijilError) -> None:
            self._set_busy(False)
            show_error(self, error)

        self._session.call(self, lambda vault, ctx: operations.save_dossier(vault, built, Path(target)),
                           on_success=saved, on_failure=failed, label=_("Saving the dossier"))

    # Busy state -----------------------------------------------------------------------------

    def _on_progress(self, task: Task, done: int, total: int) -> None:
        if task is self._task and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._busy
        on_preview = self.pages.currentIndex() == 1
        self.back_button.setVisible(on_preview)
        self.back_button.setEnabled(not busy)
        self.preview_button.setVisible(not on_preview)
        self.preview_button.setEnabled(not busy)
        self.rebuild_button.setEnabled(not busy)
        self.save_button.setVisible(on_preview)
        self.save_button.setEnabled(on_preview and not busy and self._built is not None)
        self.cancel_button.setText(_("&Cancel") if busy else _("&Close"))

    def _cancel_or_close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        else:
            self.reject()

    def closeEvent(self, event) -> None:
        if self._task is not None:
            self._task.cancel()
        self.preview.clear()
        super().closeEvent(event)
