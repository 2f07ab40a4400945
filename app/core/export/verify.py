"""Offline verification of a dossier PDF; needs no vault, only the file.

Checks, in order: the whole-file signature (signing.py: any changed byte fails here); a
strict parse of the PDF; the embedded manifest and that it names the signing key; that
every attachment is the manifest or an original it lists with the right SHA-256; that
every image in the pages is a rendition the manifest lists, and all of them are there;
that nothing active (forms, JavaScript, annotations, actions) is present.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from app.core.crypto import fingerprint
from app.core.errors import IntegrityError, SijilError
from app.core.export import manifest as manifest_mod
from app.core.export.signing import check_signature
from app.core.i18n import _

MAX_DOSSIER_BYTES = 4 * 1024**3
_ACTIVE_ROOT_KEYS = ("/AcroForm", "/OpenAction", "/AA")
_ACTIVE_PAGE_KEYS = ("/Annots", "/AA")


@dataclass
class Verified:
    size: int
    fingerprint: str
    manifest: dict
    attachments: dict[str, bytes] = field(default_factory=dict)  # originals and sidecars, checked
    checks: list[str] = field(default_factory=list)


def _broken(reason: str) -> IntegrityError:
    return IntegrityError(_("This dossier failed verification: {reason}").format(reason=reason))


def _manifest(reader: PdfReader, public: bytes) -> tuple[dict, dict[str, bytes]]:
    files = reader.attachments
    if any(len(v) != 1 for v in files.values()) or list(files).count(manifest_mod.MANIFEST_NAME) != 1:
        raise _broken(_("its manifest is missing or duplicated."))
    try:
        m = json.loads(files[manifest_mod.MANIFEST_NAME][0].decode("utf-8"))
        ok = (m["format"] == manifest_mod.FORMAT and m["version"] == manifest_mod.VERSION
              and m["signing"]["public_key"] == public.hex() and m["signing"]["fingerprint"] == fingerprint(public))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _broken(_("its manifest is unreadable or names another signing key."))
    others = {name: data[0] for name, data in files.items() if name != manifest_mod.MANIFEST_NAME}
    return m, others


def _check_attachments(m: dict, files: dict[str, bytes]) -> None:
    expected = {ev["attachment"]: ev["original_sha256"] for ev in m["evidence"] if ev.get("attachment")}
    expected.update({f"dossier{suffix}": digest for suffix, digest in m.get("sidecars", {}).items()
                     if m["template"] == "lawyer"})
    if set(files) != set(expected):
        raise _broken(_("its attached files do not match the list in its manifest."))
    for name, data in files.items():
        if hashlib.sha256(data).hexdigest() != expected[name]:
            raise _broken(_("an attached original does not match its recorded SHA-256."))


def _check_pages(reader: PdfReader, m: dict) -> int:
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    if any(k in root for k in _ACTIVE_ROOT_KEYS) or (names is not None and "/JavaScript" in names):
        raise _broken(_("it contains forms, scripts or automatic actions."))
    renditions = {ev["rendition_sha256"] for ev in m["evidence"] if ev.get("rendition_sha256")}
    seen: set[str] = set()
    for page in reader.pages:
        if any(k in page for k in _ACTIVE_PAGE_KEYS):
            raise _broken(_("a page carries annotations or actions."))
        xobjects = page.get("/Resources", DictionaryObject()).get("/XObject", DictionaryObject())
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                raise _broken(_("a page holds an unexpected embedded object."))
            digest = hashlib.sha256(obj.get_data()).hexdigest()
            if digest not in renditions:
                raise _broken(_("an image in the pages is not one the manifest lists."))
            seen.add(digest)
    if seen != renditions:
        raise _broken(_("an image listed in the manifest is missing from the pages."))
    return len(seen)


def verify_bytes(data: bytes) -> Verified:
    """Verify a dossier held in memory; raise IntegrityError naming the first problem."""
    public = check_signature(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        m, files = _manifest(reader, public)
        _check_attachments(m, files)
        images = _check_pages(reader, m)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        raise _broken(_("its PDF structure is damaged.")) from None
    fp = fingerprint(public)
    checks = [
        _("Signature: valid Ed25519 signature over all {n} bytes of the file, by key {fp}.").format(n=len(data), fp=fp),
        _("Manifest: {template} dossier exported {at} (UTC), {i} incidents, {e} evidence files.").format(
            template=m["template"], at=m["exported_at"], i=len(m["incidents"]), e=len(m["evidence"])),
        _("Pages: {p} pages; {k} images, each matching the SHA-256 in the manifest; no forms, scripts, "
          "annotations or actions.").format(p=pages, k=images),
    ]
    if files:
        checks.append(_("Attachments: {n} files, each matching the SHA-256 in the manifest.").format(n=len(files)))
    return Verified(len(data), fp, m, files, checks)


def verify_file(path: Path) -> Verified:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_DOSSIER_BYTES:
            raise _broken(_("it is larger than any dossier Sijil writes."))
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise SijilError(_("That file could not be read. Check the path.")) from None
    return verify_bytes(data)
