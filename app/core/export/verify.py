"""Offline verification of a dossier PDF; needs no vault, only the file.

Checks, in order: the whole-file signature (signing.py: any changed byte fails here); a
strict parse of the PDF; the embedded manifest and that it names the signing key; that
every attachment is the manifest or an original it lists with the right SHA-256; that
every image in the pages is a rendition the manifest lists, and all of them are there;
that nothing active (forms, JavaScript, annotations, actions) is present.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from app.core.atomic import disk_errors, fsync_dir, private_dir, write_atomic
from app.core.crypto import CHUNK, fingerprint
from app.core.errors import IntegrityError, InvalidInput, SijilError
from app.core.export import manifest as manifest_mod
from app.core.export import seal
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


@contextlib.contextmanager
def open_file(path: Path):
    """Open for reading; a missing or unreadable file becomes a plain-words error."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise SijilError(_("That file could not be read. Check the path.")) from None
    with fh:
        yield fh


def _read(path: Path) -> bytes:
    with open_file(path) as fh:
        if fh.seek(0, 2) > MAX_DOSSIER_BYTES:
            raise _broken(_("it is larger than any dossier Sijil writes."))
        fh.seek(0)
        return fh.read()


def verify_file(path: Path) -> Verified:
    """Verify a dossier file. A sealed one must be opened first (open-dossier)."""
    data = _read(Path(path))
    if data.startswith(seal.MAGIC):
        raise SijilError(_("This dossier is sealed for a lawyer. Open it with `sijil open-dossier FILE --key "
                           "lawyer.key --out DIR`, which also verifies it."))
    return verify_bytes(data)


_SAFE_NAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,80}\Z")


def open_dossier(path: Path, secret_key: bytes, out_dir: Path) -> Verified:
    """Open a lawyer's dossier (sealed for `secret_key`, or a plain signed PDF), verify it, and
    write the PDF and its checked attachments (originals, JSON/CSV) into out_dir.

    The sealed file is decrypted 1 MiB at a time into a private temp file inside out_dir (the
    folder she chose; never a system temp folder), read back once to verify, and renamed to
    dossier.pdf only when every check passed. On any failure everything written is removed."""
    path, out_dir = Path(path), Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise InvalidInput(_("The folder {path} is not empty. Choose an empty or new folder.").format(path=out_dir))
    with open_file(path) as fh:
        sealed = fh.read(len(seal.MAGIC)) == seal.MAGIC
        if fh.seek(0, 2) > MAX_DOSSIER_BYTES + (1 << 20):
            raise _broken(_("it is larger than any dossier Sijil writes."))
    created = not out_dir.exists()
    private_dir(out_dir)
    written: list[Path] = []
    tmp = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".dossier-", suffix=".tmp", delete=False)  # noqa: SIM115
    try:
        with tmp, disk_errors():
            if sealed:
                seal.decrypt_sealed(path, secret_key, tmp)
            else:
                with open_file(path) as src:
                    shutil.copyfileobj(src, tmp, CHUNK)
            tmp.flush()
            os.fsync(tmp.fileno())
            tmp.seek(0)
            result = verify_bytes(tmp.read())
        for name, content in result.attachments.items():
            if not _SAFE_NAME.match(name):  # names come from a signed manifest, but never trust a path
                raise _broken(_("an attachment has an unsafe name."))
            written.append(out_dir / name)
            write_atomic(out_dir / name, content)
        os.replace(tmp.name, out_dir / "dossier.pdf")
        fsync_dir(out_dir)
        return result
    except BaseException:
        for leftover in (Path(tmp.name), *written):
            leftover.unlink(missing_ok=True)
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
