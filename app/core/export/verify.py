"""Offline verification of a dossier PDF; needs no vault, only the file.

Checks, in order: the whole-file signature (signing.py: any changed byte fails here); a
strict parse of the PDF; that every object is one Sijil writes (pdfcheck.py: no scripts,
actions, forms, annotations, hidden files or inline images); the embedded manifest and that
it names the signing key; that every attachment is the manifest or an original it lists with
the right SHA-256; that every image in the pages is a rendition the manifest lists, and all
of them are there; that every key fingerprint the pages print is the signer's.

A valid signature proves only that the file is unchanged since *some* key signed it: a forger
can re-sign a changed copy with a key of their own and print the real sender's fingerprint on
every page. So the pages must print the signer's fingerprint and no other, and who signed is
proved only by comparing that fingerprint with one received another way (trust.py).
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
from pypdf.generic import DictionaryObject

from app.core.atomic import disk_errors, fsync_dir, private_dir, write_atomic
from app.core.crypto import CHUNK, fingerprint
from app.core.errors import IntegrityError, InvalidInput, SijilError
from app.core.export import manifest as manifest_mod
from app.core.export import pdfcheck, seal
from app.core.export.formats import TEMPLATES
from app.core.export.signing import check_signature
from app.core.i18n import _, ngettext

MAX_DOSSIER_BYTES = 4 * 1024**3
# A fingerprint as Sijil prints it (crypto.fingerprint), and any 32 hex digits on their own
# once spaces are gone (the same fingerprint printed another way; SHA-256s are 64 long).
_PRINTED_FP = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-F]{4} ){7}[0-9A-F]{4}(?![0-9A-Fa-f])")
_LOOSE_FP = re.compile(r"(?<![0-9A-F])[0-9A-F]{32}(?![0-9A-F])")


@dataclass
class Verified:
    size: int
    fingerprint: str
    manifest: dict
    attachments: dict[str, bytes] = field(default_factory=dict)  # originals and sidecars, checked
    checks: list[str] = field(default_factory=list)

    @property
    def public_key(self) -> bytes:
        return bytes.fromhex(self.manifest["signing"]["public_key"])  # checked equal to the signer's

    def expect(self, expected: str | None) -> None:
        """Refuse unless signed by the key whose fingerprint the recipient was given."""
        if expected and "".join(expected.split()).upper() != "".join(self.fingerprint.split()):
            raise IntegrityError(_("The dossier is intact but was signed by another key ({fp}) than the one you "
                                   "expected: do not trust it.").format(fp=self.fingerprint))


def _broken(reason: str) -> IntegrityError:
    return IntegrityError(_("This dossier failed verification: {reason}").format(reason=reason))


def _well_formed(m: dict) -> bool:
    """The fields verification and open-dossier rely on have the types Sijil writes."""
    evidence_fields = {"id": int, "media_type": str, "original_sha256": str, "rendition_sha256": str,
                       "attachment": str}
    return (m["template"] in TEMPLATES and isinstance(m["exported_at"], str)
            and isinstance(m["incidents"], list) and isinstance(m["evidence"], list)
            and isinstance(m.get("sidecars", {}), dict)
            and all(isinstance(ev, dict) and all(type(ev.get(k)) is t for k, t in evidence_fields.items())
                    for ev in m["evidence"]))


def _manifest(reader: PdfReader, public: bytes) -> tuple[dict, dict[str, bytes]]:
    files = reader.attachments
    if any(len(v) != 1 for v in files.values()) or list(files).count(manifest_mod.MANIFEST_NAME) != 1:
        raise _broken(_("its manifest is missing or duplicated."))
    try:
        m = json.loads(files[manifest_mod.MANIFEST_NAME][0].decode("utf-8"))
        ok = (m["format"] == manifest_mod.FORMAT and m["version"] == manifest_mod.VERSION
              and m["signing"]["public_key"] == public.hex() and m["signing"]["fingerprint"] == fingerprint(public)
              and _well_formed(m))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _broken(_("its manifest is unreadable or names another signing key."))
    others = {name: data[0] for name, data in files.items() if name != manifest_mod.MANIFEST_NAME}
    return m, others


def _check_attachments(m: dict, files: dict[str, bytes]) -> None:
    expected = {ev["attachment"]: ev["original_sha256"] for ev in m["evidence"] if ev.get("attachment")}
    if m["template"] == "lawyer":
        if set(m.get("sidecars", {})) - set(SIDECARS):
            raise _broken(_("its manifest lists a kind of attached file Sijil never writes."))
        expected.update({f"dossier{suffix}": digest for suffix, digest in m["sidecars"].items()})
    if set(files) != set(expected):
        raise _broken(_("its attached files do not match the list in its manifest."))
    for name, data in files.items():
        if hashlib.sha256(data).hexdigest() != expected[name]:
            raise _broken(_("an attached original does not match its recorded SHA-256."))


def _check_images(reader: PdfReader, m: dict) -> int:
    renditions = {ev["rendition_sha256"] for ev in m["evidence"] if ev.get("rendition_sha256")}
    seen: set[str] = set()
    for page in reader.pages:
        xobjects = page.get("/Resources", DictionaryObject()).get("/XObject", DictionaryObject())
        for ref in xobjects.values():  # pdfcheck allows only images here
            obj = ref.get_object()
            digest = hashlib.sha256(obj.get_data()).hexdigest()
            if digest not in renditions:
                raise _broken(_("an image in the pages is not one the manifest lists."))
            seen.add(digest)
    if seen != renditions:
        raise _broken(_("an image listed in the manifest is missing from the pages."))
    return len(seen)


def _check_printed_fingerprints(reader: PdfReader, m: dict, fp: str) -> None:
    """Every page prints the signer's fingerprint (the footer) and no page prints another."""
    hashes = {ev[k].upper() for ev in m["evidence"] for k in ("original_sha256", "rendition_sha256") if ev.get(k)}
    for text in pdfcheck.page_texts(reader):
        printed = set(_PRINTED_FP.findall(text))
        squeezed = "".join(text.split()).upper()
        for digest in hashes:
            squeezed = squeezed.replace(digest, "-")
        loose = set(_LOOSE_FP.findall(squeezed))
        if printed - {fp} or loose - {fp.replace(" ", "")} or fp not in printed:
            raise _broken(_("the key fingerprint printed on its pages is not the key that signed it ({fp}). "
                            "Someone re-signed a changed copy: do not trust it.").format(fp=fp))


def verify_bytes(data: bytes) -> Verified:
    """Verify a dossier held in memory; raise IntegrityError naming the first problem."""
    public = check_signature(data)
    try:
        fp = fingerprint(public)
        reader = PdfReader(io.BytesIO(data), strict=True)
        pdfcheck.check_structure(reader)
        m, files = _manifest(reader, public)
        _check_attachments(m, files)
        output_names(m)  # a manifest that would dictate where open-dossier writes is refused here already
        images = _check_images(reader, m)
        _check_printed_fingerprints(reader, m, fp)
        pages = len(reader.pages)
    except IntegrityError:
        raise
    except Exception:  # a signed file may still be hostile: any parser failure refuses it
        raise _broken(_("its PDF structure is damaged.")) from None
    checks = [  # _well_formed guarantees these fields
        _("Signature: valid Ed25519 signature over all {n} bytes of the file, by key {fp}.").format(n=len(data), fp=fp),
        _("Manifest: {template} dossier exported {at} (UTC), {i} incidents, {e} evidence files.").format(
            template=m["template"], at=m["exported_at"], i=len(m["incidents"]), e=len(m["evidence"])),
        _("Pages: {p} pages, each printing this key's fingerprint and no other; {k} images, each matching the "
          "SHA-256 in the manifest; only objects Sijil writes: no forms, scripts, links, annotations, actions "
          "or hidden files.").format(p=pages, k=images),
    ]
    if files:
        checks.append(ngettext("Attachments: {n} file, matching the SHA-256 in the manifest.",
                               "Attachments: {n} files, each matching the SHA-256 in the manifest.",
                               len(files)).format(n=len(files)))
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
                           "lawyer.key --out DIR --fingerprint FP`, which also verifies it."))
    return verify_bytes(data)


SIDECARS = (".json", ".csv")
DOSSIER_NAME = "dossier.pdf"


def output_names(m: dict) -> dict[str, str]:
    """For each attachment in the PDF, the name open-dossier writes it under, chosen here from the
    evidence id and media type (never the name the file gives), so a forged manifest cannot
    overwrite dossier.pdf, reach outside the folder, or pick an executable extension."""
    names: dict[str, str] = {}
    for ev in m["evidence"]:
        if ev.get("attachment"):
            if type(ev["id"]) is not int or ev["id"] < 1:
                raise _broken(_("its manifest gives an evidence item an invalid number."))
            names[ev["attachment"]] = manifest_mod.attachment_name(ev["id"], ev["media_type"])
    for suffix in m.get("sidecars", {}) if m["template"] == "lawyer" else ():
        if suffix not in SIDECARS:
            raise _broken(_("its manifest lists a kind of attached file Sijil never writes."))
        names[f"dossier{suffix}"] = f"dossier{suffix}"
    if len(set(names.values())) != len(names) or DOSSIER_NAME in names.values():
        raise _broken(_("its manifest lists the same file twice."))
    return names


def open_dossier(path: Path, secret_key: bytes, out_dir: Path, expected: str | None = None) -> Verified:
    """Open a lawyer's dossier (sealed for `secret_key`, or a plain signed PDF), verify it (and,
    with `expected`, that this fingerprint signed it), and write the PDF and its checked
    attachments (originals, JSON/CSV) into out_dir under names chosen here.

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
        result.expect(expected)
        names = output_names(result.manifest)
        for name, content in result.attachments.items():
            written.append(out_dir / names[name])
            write_atomic(out_dir / names[name], content)
        os.replace(tmp.name, out_dir / DOSSIER_NAME)
        fsync_dir(out_dir)
        return result
    except BaseException:
        for leftover in (Path(tmp.name), *written):
            leftover.unlink(missing_ok=True)
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
