"""The signing key fingerprint to give each destination (keys.py): one key for the UN, one per
platform, one for an unsealed lawyer's copy. A sealed copy's key depends on the lawyer's public
key, so the export preview shows it once she has chosen the key."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.export import keys
from app.core.i18n import _
from app.gui.session import Session
from app.gui.widgets.columns import fit_columns, install_header
from app.gui.widgets.common import hint
from app.gui.widgets.forms import FormDialog


class FingerprintsDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Signing key fingerprints"), parent, QDialogButtonBox.StandardButton.Close)
        self.table = QTableWidget(0, 2)
        install_header(self.table)  # headings may take two lines (widgets/columns.py)
        self.table.setAccessibleName(_("Signing key fingerprint for each destination"))
        self.table.setHorizontalHeaderLabels([_("Destination"), _("Fingerprint to give")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.column.addWidget(hint(_(
            "Each destination has its own signing key, so dossiers sent to different places cannot be linked "
            "by their key. Give each recipient only the fingerprint for their destination, in person or by phone, "
            "never in the message that carries the dossier. A sealed lawyer's copy has a key of its own: the "
            "export preview shows it.")))
        self.column.addWidget(self.table, 1)
        self.finish_layout()
        self.resize(640, 420)
        session.call(self, lambda vault, ctx: keys.fingerprints(keys.root(vault)), on_success=self._show)

    def _show(self, rows: list[keys.DestinationKey]) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.label))
            item = QTableWidgetItem(row.fingerprint)
            item.setFont(mono)
            self.table.setItem(r, 1, item)
        fit_columns(self.table)  # a small screen wraps the destinations before the fingerprints
