"""A JPEG image flowable that embeds our re-encoded bytes without decoding them.

reportlab's own Image/drawImage decodes every ImageReader to RGB only to name it by an MD5
of the pixels, and keeps those pixels alive until the document is built: about 4 MB per
photo, over 1 GB for a 300-image dossier. Here the image is named by the SHA-256 we already
have and the JPEG stream goes in as it is (DCTDecode), exactly the bytes the manifest lists.
"""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from app.core.redaction.images import Rendition


class JpegImage(Flowable):
    def __init__(self, rendition: Rendition, width: float, height: float) -> None:
        super().__init__()
        self.rendition = rendition
        self.drawWidth, self.drawHeight = width, height
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas = self.canv
        name = "sijil" + self.rendition.sha256[:32]
        reg_name = canvas._doc.getXObjectName(name)
        if canvas._doc.idToObject.get(reg_name) is None:
            image = pdfdoc.PDFImageXObject(name)
            if not image.loadImageFromJPEG(io.BytesIO(self.rendition.data)):
                raise ValueError("rendition is not a JPEG")
            image.name = name
            canvas._setXObjects(image)
            canvas._doc.Reference(image, reg_name)
            canvas._doc.addForm(name, image)
        canvas.saveState()
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{reg_name} Do")
        canvas.restoreState()
        canvas._formsinuse.append(name)
