"""View one evidence item: zoom, details (hash, size, source, import time), caption,
redaction boxes, and "Export original…" (with a warning). Never opens another program:
that would write the decrypted file to disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import evidence, images, operations
from app.core.filenames import safe_file_name
from app.core.i18n import _, current_language
from app.core.locale_format import format_number
from app.core.models import Evidence
from app.core.operations import queries
from app.core.redaction import images as redact_images
from app.gui.evidence.redaction_canvas import RedactionCanvas
from app.gui.icons import icon
from app.gui.session import Session
from app.gui.vocabulary import evidence_kind_label, moment_label, size_label
from app.gui.widgets.common import hint
from app.gui.widgets.dialogs import confirm
from app.gui.widgets.file_dialogs import choose_save_path
from app.gui.widgets.screen_fit import fit_to_screen
from app.gui.widgets.text_box import TextBox


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setWordWrap(True)
    return label


def upright_qimage(data: bytes) -> QImage:
    """The picture as the export burns it: decoded by the same Pillow path (EXIF Orientation
    applied, transparency flattened), so a box drawn here covers the same pixels there.
    QImage.fromData would show the raw, unrotated pixels of a phone photo."""
    rgb = redact_images.pixels_only(images.open_image(data))
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


# Text evidence up to this size is shown in the viewer (decrypted in memory only). PDFs and
# other formats are not parsed here: a hostile file would meet a parser inside the journal.
MAX_TEXT_PREVIEW = 1 << 20


class EvidenceViewer(QDialog):
    def __init__(self, session: Session, evidence_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Evidence"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._session = session
        session.unsaved.register(self)
        self._ev: Evidence | None = None
        self._dirty = False
        self._fitted_zoom: float | None = None  # the zoom that shows the whole picture
        self.canvas = RedactionCanvas()
        self.canvas.changed.connect(self._mark_dirty)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setAccessibleName(_("Preview"))
        self.text_view = TextBox()  # a message's paragraphs, each in its own direction
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName(_("Text of the evidence"))
        self.text_view.hide()
        self.no_preview = hint(_("There is no preview for this kind of file. Its details are on the right."))
        self.no_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_preview.hide()

        tools = QHBoxLayout()
        self.zoom_out = self._tool("zoom-out", _("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(1 / 1.25))
        self.zoom_in = self._tool("zoom-in", _("Zoom in"), QKeySequence.StandardKey.ZoomIn, lambda: self._zoom(1.25))
        self.fit = QPushButton(_("&Fit"))
        self.fit.clicked.connect(self._fit)
        self.redact = QPushButton(icon("square-dashed"), _("&Redact area"))
        self.redact.setCheckable(True)
        self.redact.setToolTip(_("Drag over the picture to hide part of it in exports. Drag a box to move it; select it and press Delete to remove it."))
        self.redact.toggled.connect(self._set_draw_mode)
        self.remove_box = QPushButton(_("Remove &box"))
        self.remove_box.clicked.connect(self.canvas.delete_selected)
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.redact, self.remove_box):
            tools.addWidget(widget)
        for button in (self.fit, self.redact, self.remove_box):
            button.setAutoDefault(False)  # Enter in the caption must not press "Fit"
        tools.addStretch(1)

        self.caption = QLineEdit()
        self.caption.setAccessibleName(_("Caption"))
        self.caption.setPlaceholderText(_("What this shows, e.g. the threat and the account that sent it"))
        self.caption.textEdited.connect(self._mark_dirty)
        self.details = {key: _value() for key in ("kind", "size", "sha256", "imported", "source", "name", "captured")}
        form = QFormLayout()
        form.addRow(_("&Caption"), self.caption)
        for key, title in (("kind", _("Type")), ("size", _("Size")), ("sha256", _("SHA-256")),
                           ("imported", _("Imported")), ("captured", _("Taken")),
                           ("source", _("Source link")), ("name", _("Original name"))):
            self.details[key].setAccessibleName(title)
            form.addRow(title, self.details[key])
        self.save_button = QPushButton(icon("save"), _("&Save"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.export_button = QPushButton(icon("download"), _("&Export original…"))
        self.export_button.clicked.connect(self.export_original)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addStretch(1)
        side.addWidget(self.save_button)
        side.addWidget(self.export_button)
        side.addWidget(close)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(side_widget.fontMetrics().horizontalAdvance("M") * 24)
        side_widget.setMaximumWidth(side_widget.fontMetrics().horizontalAdvance("M") * 32)

        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.scroll, 1)
        left.addWidget(self.text_view, 1)
        left.addWidget(self.no_preview, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(side_widget)
        fit_to_screen(self, 1000, 700)
        self._load(evidence_id)

    def _tool(self, name: str, text: str, keys, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(name))
        button.setToolTip(text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        QShortcut(QKeySequence(keys), self, activated=slot)
        return button

    def _load(self, evidence_id: int) -> None:
        def work(vault, ctx):
            ev = queries.evidence_item(vault, evidence_id)
            image, text = QImage(), None
            if ev.kind == "image":
                image = upright_qimage(evidence.read_original(vault, evidence_id))
            elif ev.kind == "text" and ev.size <= MAX_TEXT_PREVIEW:
                text = evidence.read_original(vault, evidence_id).decode("utf-8", errors="replace")
            return ev, image, text

        self._session.call(self, work, on_success=self._show,
                           label=_("Opening evidence"))

    def _show(self, loaded: tuple[Evidence, QImage, str | None]) -> None:
        ev, image, text = loaded
        self._ev = ev
        self.caption.setText(ev.caption)
        self.caption.setCursorPosition(0)  # show the start of a long caption
        self.details["kind"].setText(f"{evidence_kind_label(ev.kind)} ({ev.media_type})")
        language, size = current_language(), size_label(ev.size)
        if ev.width:   # a middle dot would read as an Arabic zero
            size = _("{size}, {width} × {height} pixels").format(
                size=size, width=format_number(ev.width, language), height=format_number(ev.height, language))
        self.details["size"].setText(size)
        # Groups of 16 wrap in the narrow panel and are easier to compare by eye.
        self.details["sha256"].setText(" ".join(ev.sha256[i:i + 16] for i in range(0, len(ev.sha256), 16)))
        self.details["sha256"].setToolTip(ev.sha256)
        self.details["imported"].setText(moment_label(ev.imported_at))
        self.details["captured"].setText(moment_label(ev.captured_at) if ev.captured_at else "—")
        self.details["source"].setText(ev.source_url or "—")
        self.details["name"].setText(safe_file_name(ev.original_name) or "—")
        has_image = not image.isNull()
        self.scroll.setVisible(has_image)
        self.text_view.setVisible(text is not None)
        self.text_view.setPlainText(text or "")
        self.no_preview.setVisible(not has_image and text is None)
        for widget in (self.zoom_in, self.zoom_out, self.fit, self.redact, self.remove_box):
            widget.setEnabled(has_image)
        if has_image:
            self.canvas.set_image(image)
            self.canvas.set_redactions(ev.redactions)
            self._fit()
        self._dirty = False
        self.save_button.setEnabled(False)

    @property
    def evidence(self) -> Evidence | None:
        """The item shown, once loaded."""
        return self._ev

    def _zoom(self, factor: float) -> None:
        self.canvas.set_zoom(self.canvas.zoom * factor)

    def _fit(self) -> None:
        self.canvas.set_zoom(self.canvas.fit_zoom(self.scroll.viewport().size()))
        self._fitted_zoom = self.canvas.zoom

    def _refit(self) -> None:
        """Stay fitted while the window is shown and resized, until she zooms herself."""
        if self.fit.isEnabled() and self.canvas.zoom == self._fitted_zoom:
            self._fit()

    def eventFilter(self, watched, event) -> bool:
        # The picture's own viewport, not the window: its size also changes when the layout is first
        # laid out after the picture arrived, or when scroll bars come and go.
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._refit)
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._refit)

    def _set_draw_mode(self, on: bool) -> None:
        self.canvas.draw_mode = on
        self.canvas.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def _mark_dirty(self, *args) -> None:
        self._dirty = True
        self.save_button.setEnabled(self._ev is not None)

    def _edited(self) -> Evidence:
        return replace(self._ev, caption=self.caption.text().strip(), redactions=self.canvas.redactions())

    def pending_save(self) -> Callable | None:
        """For locking: the caption and boxes not yet saved."""
        if self._ev is None or not self._dirty:
            return None
        updated, self._dirty = self._edited(), False
        return lambda vault: operations.save_evidence(vault, updated)

    def save(self) -> None:
        if self._ev is None or not self._dirty:
            return
        updated = self._edited()

        def saved(_result) -> None:
            self._ev = updated
            self._dirty = False
            if self.save_button.hasFocus():  # disabled, it would hand the focus to "Export original…"
                self.caption.setFocus()
            self.save_button.setEnabled(False)

        self._session.call(self, lambda vault, ctx: operations.save_evidence(vault, updated), on_success=saved)

    def export_original(self) -> None:
        ev = self._ev
        if ev is None or not confirm(self, _("Export original"), _(
                "This saves an unencrypted copy of the original file, without redactions. Anyone "
                "who finds it can read it. Save it only somewhere safe, for example an encrypted "
                "USB stick."), _("Continue")):
            return
        target = choose_save_path(self, _("Export original"),
                                  safe_file_name(ev.original_name) or f"evidence-{ev.id}")
        if not target:
            return
        self._session.call(self, lambda vault, ctx: evidence.extract(vault, ev.id, Path(target), ctx.progress), label=_("Exporting the original"),
                           cancellable=True)

    def closeEvent(self, event) -> None:
        if self._dirty and self._ev is not None and self._session.is_open:
            self.save()  # a caption or a box drawn must not be lost by closing the window
        super().closeEvent(event)
