"""The evidence of one incident: thumbnails, drag and drop, paste (Ctrl+V), add files.

All decoding happens on the worker: thumbnails are decrypted and decoded into QImages
there (QImage, unlike QPixmap, is safe off the UI thread), and pasted images are PNG-encoded
there, so a 200-file import never stalls the window. Pictures imported in bulk have no
thumbnail yet: they show a placeholder while the worker makes theirs, a few per task, so
other work (and a lock) never waits behind a thousand photos.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import evidence, operations, thumbnails
from app.core.errors import SijilError
from app.core.filenames import safe_file_name
from app.core.i18n import _
from app.core.models import Evidence
from app.core.operations import Changes, NewIncident, queries
from app.gui.icons import icon
from app.gui.session import Session
from app.gui.vocabulary import evidence_kind_label
from app.gui.widgets.common import hint
from app.gui.widgets.dialogs import confirm, show_error
from app.gui.widgets.file_dialogs import choose_files

THUMB = 128
BATCH = 40  # list items added per turn of the event loop
THUMBS_PER_TASK = 12  # thumbnails made per worker task (~15 ms each)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class EvidenceList(QListWidget):
    """Icon grid that accepts dropped files and images."""

    files_dropped = Signal(list)
    image_dropped = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(8)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops land on the viewport, not the view
        self.setAccessibleName(_("Evidence"))

    @staticmethod
    def _usable(mime) -> bool:
        return mime.hasImage() or (mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()))

    def dragEnterEvent(self, event) -> None:
        if self._usable(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
        if paths:
            self.files_dropped.emit(paths)
        elif mime.hasImage():
            self.image_dropped.emit(QImage(mime.imageData()))
        else:
            event.ignore()
            return
        event.acceptProposedAction()


class EvidencePanel(QWidget):
    view_requested = Signal(int)
    # After an import given a new incident: its id if the import saved it, else None.
    new_incident_settled = Signal(object)

    def __init__(self, session: Session, target: Callable[[], int | NewIncident],
                 parent: QWidget | None = None) -> None:
        """`target()` says where evidence goes: the incident's id, or while it is new the incident
        as typed, which the import operation saves first (one operation, one call)."""
        super().__init__(parent)
        self._session = session
        self._target = target
        self._incident_id: int | None = None
        self._pending: list[tuple[Evidence, QImage]] = []
        self._items: dict[int, QListWidgetItem] = {}
        self._made: dict[int, QImage] = {}  # thumbnails that arrived before their item was added
        self._generation = 0
        self.list = EvidenceList()
        self.list.files_dropped.connect(self.import_paths)
        self.list.image_dropped.connect(self.import_image)
        self.list.itemActivated.connect(lambda item: self.view_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.add_button = QPushButton(icon("upload"), _("&Add files…"))
        self.add_button.clicked.connect(self.add_files)
        self.paste_button = QPushButton(icon("clipboard-paste"), _("&Paste screenshot"))
        self.paste_button.setToolTip(_("Ctrl+V"))
        self.paste_button.clicked.connect(self.paste)
        self.view_button = QPushButton(icon("zoom-in"), _("&View"))
        self.view_button.clicked.connect(self._view_current)
        self.delete_button = QPushButton(icon("trash-2"), _("Remove"))
        self.delete_button.setAccessibleName(_("Remove evidence"))
        self.delete_button.clicked.connect(self._delete_current)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._delete_current)
        self.empty_hint = hint(_("Drop screenshots or files here, paste a screenshot with Ctrl+V, "
                                 "or press Add files. Files are encrypted into the journal; the "
                                 "originals stay where they are."))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.paste_button, self.view_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_hint)
        session.changed.connect(self._on_changed)  # a method: disconnected when the panel goes

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    def load(self, incident_id: int | None) -> None:
        self._incident_id = incident_id
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.evidence:
            self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, incident_id = self._generation, self._incident_id
        if incident_id is None:
            self._show([])
            return

        def work(vault, ctx):
            items = []
            for ev in queries.evidence_of(vault, incident_id):
                data = evidence.read_thumbnail(vault, ev.id) if ev.thumbnail_blob else None
                items.append((ev, QImage.fromData(data, "PNG") if data else QImage()))
            return items

        self._session.call(self, work, on_success=lambda items: generation == self._generation and self._show(items))

    def _show(self, items: list[tuple[Evidence, QImage]]) -> None:
        self.list.clear()
        self._items, self._made = {}, {}
        self._pending = list(items)
        self.empty_hint.setVisible(not items)
        self._add_batch()
        self._make_thumbnails(self._generation, [ev.id for ev, image in items
                                                 if ev.kind == "image" and not ev.thumbnail_blob])

    def _add_batch(self) -> None:
        batch, self._pending = self._pending[:BATCH], self._pending[BATCH:]
        for ev, image in batch:
            # Her caption, else the file's own name: never a bare "Image" under every thumbnail.
            text = ev.caption or safe_file_name(ev.original_name)
            item = QListWidgetItem(self._icon_for(ev, self._made.pop(ev.id, image)), text)
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            item.setToolTip(text if ev.caption else _("{name} – open it (Enter) to add a caption").format(
                name=text or evidence_kind_label(ev.kind)))
            self.list.addItem(item)
            self._items[ev.id] = item
        if self._pending:
            QTimer.singleShot(0, self._add_batch)

    @staticmethod
    def _icon_for(ev: Evidence, image: QImage) -> QIcon:
        if not image.isNull():
            return QIcon(QPixmap.fromImage(image))
        return icon("image" if ev.kind == "image" else "file-text", "#8a93a6")

    def _make_thumbnails(self, generation: int, ids: list[int]) -> None:
        if not ids or generation != self._generation:
            return
        chunk, rest = ids[:THUMBS_PER_TASK], ids[THUMBS_PER_TASK:]

        def work(vault, ctx):
            return {i: QImage.fromData(data, "PNG") for i, data in thumbnails.thumbnails(vault, chunk).items() if data}

        def arrived(made: dict[int, QImage]) -> None:
            if generation != self._generation:
                return
            for ident, image in made.items():
                if ident in self._items:
                    self._items[ident].setIcon(QIcon(QPixmap.fromImage(image)))
                else:
                    self._made[ident] = image
            self._make_thumbnails(generation, rest)

        self._session.call(self, work, on_success=arrived, on_failure=lambda _e: None)

    def evidence_ids(self) -> list[int]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    # Adding ------------------------------------------------------------------------------

    def add_files(self) -> None:
        paths = choose_files(self)
        if paths:
            self.import_paths(paths)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
            self.import_paths([u.toLocalFile() for u in mime.urls() if u.isLocalFile()])
            return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            show_error(self, _("The clipboard holds no picture. Take a screenshot (for example "
                               "with the Print Screen key), then paste it here."))
            return
        self.import_image(image)

    def import_image(self, image: QImage) -> None:
        image = image.copy()  # detach from the clipboard before it changes
        target = self._target()
        self._session.call(
            self, lambda vault, ctx: operations.import_screenshot(vault, target, png_bytes(image)),
            on_success=lambda _ev: self._settled(target),
            on_failure=lambda e: (show_error(self, e), self._settled(target)),
            label=_("Adding the screenshot"))

    def import_paths(self, paths: list[str]) -> None:
        paths, total, target = list(paths), len(paths), self._target()
        self._session.call(self, lambda vault, ctx: operations.import_evidence(vault, target, paths, ctx.progress),
                           on_success=lambda refused: (self._settled(target), self._report_rejected(refused)),
                           on_failure=lambda e: (show_error(self, e), self._settled(target), self.reload()),
                           label=_("Adding {n} evidence files").format(n=total) if total > 1
                           else _("Adding an evidence file"),
                           cancellable=True)

    def _settled(self, target: int | NewIncident) -> None:
        # Saved even if a file then failed or was cancelled: the editor must not save it twice.
        if isinstance(target, NewIncident):
            self.new_incident_settled.emit(target.incident.id)

    def _report_rejected(self, refused: list[tuple[Path, SijilError]]) -> None:
        if refused:
            show_error(self, _("Some files were not added:") + "\n\n" + "\n".join(
                f"{safe_file_name(path.name)}: {error.message}" for path, error in refused))

    # Viewing and removing ------------------------------------------------------------------

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _view_current(self) -> None:
        ident = self._current_id()
        if ident is not None:
            self.view_requested.emit(ident)

    def _delete_current(self) -> None:
        ident = self._current_id()
        if ident is None or not confirm(self, _("Remove evidence"), _(
                "Remove this evidence from the journal? The encrypted copy is deleted; any "
                "original file elsewhere is not touched."), _("Remove")):
            return
        self._session.call(self, lambda vault, ctx: operations.delete_evidence(vault, ident))
