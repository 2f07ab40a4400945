"""Offline verification of a dossier PDF; needs no vault, only the file.

Checks, in order: the whole-file signature (signing.py: any changed byte fails here); a
strict parse of the PDF; that every object is one Sijil writes (pdfcheck.py: no scripts,
actions, forms, annotations, hidden files or inline images); the embedded manifest and that
it names the signing key; that every attachment is the manifest or an original it lists with
the right SHA-256; that every image in the pages is a rendition the manifest lists, and all
of them are there; that every key fingerprint the pages print is the signer's.

Memory does not grow with the file: the signature is checked reading the file once, 1 MiB at
a time, and the PDF is parsed from the file with long streams left on disk (pdfstreams.py),
so attachments are hashed (and, in open-dossier, copied out) chunk by chunk.

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
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from app.core.atomic import disk_errors, fsync_dir, private_dir
from app.core.crypto import CHUNK, fingerprint
from app.core.errors import IntegrityError, InvalidInput, SijilError
from app.core.export import manifest as manifest_mod
from app.core.export import pdfcheck, pdfstreams, seal
from app.core.export.formats import TEMPLATES
from app.core.export.signing import check_signature_file
from app.core.i18n import _, ngettext

MAX_DOSSIER_BYTES = 4 * 1024**3
MAX_MANIFEST_BYTES = 64 * 1024**2  # read into memory: tens of thousands of evidence items fit
# open-dossier's private file for an attachment while it is copied and checked (None: hash only).
Keep = Callable[[str], AbstractContextManager[BinaryIO]]
# A fingerprint as Sijil prints it (crypto.fingerprint), and any 32 hex digits on their own
# once spaces are gone (the same fingerprint printed another way; SHA-256s are 64 long).
_PRINTED_FP = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-F]{4} ){7}[0-9A-F]{4}(?![0-9A-Fa-f])")
_LOOSE_FP = re.compile(r"(?<![0-9A-F])[0-9A-F]{32}(?![0-9A-F])")


@dataclass
class Verified:
    size: int
    fingerprint: str
    manifest: dict
    attachments: dict[str, str] = field(default_factory=dict)  # name -> SHA-256 of originals and sidecars, checked
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


def _embedded(reader: PdfReader) -> dict[str, StreamObject]:
    """Each embedded file's stream by its name, from the flat name array pdfcheck allowed."""
    names: ArrayObject = ArrayObject()
    catalog = reader.root_object
    if "/Names" in catalog and "/EmbeddedFiles" in catalog["/Names"]:
        names = catalog["/Names"]["/EmbeddedFiles"]["/Names"]
    files = {str(names[i]): names[i + 1].get_object()["/EF"]["/F"].get_object() for i in range(0, len(names), 2)}
    if len(files) * 2 != len(names) or manifest_mod.MANIFEST_NAME not in files:
        raise _broken(_("its manifest is missing or duplicated."))
    return files


def _manifest(fh: BinaryIO, reader: PdfReader, public: bytes) -> tuple[dict, dict[str, StreamObject]]:
    files = _embedded(reader)
    try:
        data = b"".join(pdfstreams.chunks(fh, files.pop(manifest_mod.MANIFEST_NAME), MAX_MANIFEST_BYTES))
        m = json.loads(data.decode("utf-8"))
        ok = (m["format"] == manifest_mod.FORMAT and m["version"] == manifest_mod.VERSION
              and m["signing"]["public_key"] == public.hex() and m["signing"]["fingerprint"] == fingerprint(public)
              and _well_formed(m))
    except (ValueError, KeyError, TypeError):
        ok = False
    if not ok:
        raise _broken(_("its manifest is unreadable or names another signing key."))
    return m, files


def _check_attachments(fh: BinaryIO, m: dict, files: dict[str, StreamObject], keep: Keep | None) -> dict[str, str]:
    """Hash each attachment as it streams out of the file (into `keep`'s file, if given)."""
    expected = {ev["attachment"]: ev["original_sha256"] for ev in m["evidence"] if ev.get("attachment")}
    if m["template"] == "lawyer":
        if set(m.get("sidecars", {})) - set(SIDECARS):
            raise _broken(_("its manifest lists a kind of attached file Sijil never writes."))
        expected.update({f"dossier{suffix}": digest for suffix, digest in m["sidecars"].items()})
    if set(files) != set(expected):
        raise _broken(_("its attached files do not match the list in its manifest."))
    for name, stream in files.items():
        h = hashlib.sha256()
        with keep(name) if keep else contextlib.nullcontext() as sink:
            for piece in pdfstreams.chunks(fh, stream, MAX_DOSSIER_BYTES):
                h.update(piece)
                if sink is not None:
                    sink.write(piece)
        if h.hexdigest() != expected[name]:
            raise _broken(_("an attached original does not match its recorded SHA-256."))
    return expected


def _check_images(fh: BinaryIO, reader: PdfReader, m: dict) -> int:
    renditions = {ev["rendition_sha256"] for ev in m["evidence"] if ev.get("rendition_sha256")}
    seen: set[str] = set()
    for page in reader.pages:
        xobjects = page.get("/Resources", DictionaryObject()).get("/XObject", DictionaryObject())
        for ref in xobjects.values():  # pdfcheck allows only images here
            h = hashlib.sha256()
            for piece in pdfstreams.chunks(fh, ref.get_object(), MAX_DOSSIER_BYTES):
                h.update(piece)
            if h.hexdigest() not in renditions:
                raise _broken(_("an image in the pages is not one the manifest lists."))
            seen.add(h.hexdigest())
        pdfstreams.forget_streams(reader)
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
    return _verify(io.BytesIO(data))


def _verify(fh: BinaryIO, keep: Keep | None = None) -> Verified:
    """Verify the dossier in `fh`, reading it from the file in bounded memory; with `keep`,
    each attachment is also copied into the file `keep(name)` gives while it is checked."""
    public = check_signature_file(fh)
    size = fh.seek(0, 2)
    try:
        fp = fingerprint(public)
        with pdfstreams.reading(fh, MAX_DOSSIER_BYTES) as reader:
            pdfcheck.check_structure(reader)
            m, streams = _manifest(fh, reader, public)
            output_names(m)  # a manifest that would dictate where open-dossier writes is refused here already
            files = _check_attachments(fh, m, streams, keep)
            images = _check_images(fh, reader, m)
            _check_printed_fingerprints(reader, m, fp)
            pages = len(reader.pages)
    except (IntegrityError, OSError):  # OSError: the disk open-dossier writes to (full, read-only)
        raise
    except Exception:  # a signed file may still be hostile: any parser failure refuses it
        raise _broken(_("its PDF structure is damaged.")) from None
    checks = [  # _well_formed guarantees these fields
        _("Signature: valid Ed25519 signature over all {n} bytes of the file, by key {fp}.").format(n=size, fp=fp),
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
    return Verified(size, fp, m, files, checks)


@contextlib.contextmanager
def open_file(path: Path):
    """Open for reading; a missing or unreadable file becomes a plain-words error."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise SijilError(_("That file could not be read. Check the path.")) from None
    with fh:
        yield fh


def verify_file(path: Path) -> Verified:
    """Verify a dossier file, reading it from disk in bounded memory. A sealed one must be
    opened first (open-dossier)."""
    with open_file(Path(path)) as fh:
        if fh.seek(0, 2) > MAX_DOSSIER_BYTES:
            raise _broken(_("it is larger than any dossier Sijil writes."))
        fh.seek(0)
        if fh.read(len(seal.MAGIC)) == seal.MAGIC:
            raise SijilError(_("This dossier is sealed for a lawyer. Open it with `sijil open-dossier FILE --key "
                               "lawyer.key --out DIR --fingerprint FP`, which also verifies it."))
        return _verify(fh)


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
    folder she chose; never a system temp folder) and verified from there; each attachment is
    copied 1 MiB at a time into a private temp file beside it while it is hashed. The temp
    files are renamed to their names only when every check passed; on any failure everything
    written is removed. Memory does not grow with the dossier's size."""
    path, out_dir = Path(path), Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise InvalidInput(_("The folder {path} is not empty. Choose an empty or new folder.").format(path=out_dir))
    with open_file(path) as fh:
        sealed = fh.read(len(seal.MAGIC)) == seal.MAGIC
        if fh.seek(0, 2) > MAX_DOSSIER_BYTES + (1 << 20):
            raise _broken(_("it is larger than any dossier Sijil writes."))
    created = not out_dir.exists()
    private_dir(out_dir)
    written: list[Path] = []  # temp files, then the names they were renamed to
    kept: dict[str, Path] = {}

    def private_temp(prefix: str) -> BinaryIO:
        fh = tempfile.NamedTemporaryFile(dir=out_dir, prefix=prefix, suffix=".tmp", delete=False)  # noqa: SIM115
        written.append(Path(fh.name))  # mkstemp: 0600
        return fh

    @contextlib.contextmanager
    def keep(name: str) -> Iterator[BinaryIO]:
        with private_temp(".attachment-") as fh:
            kept[name] = Path(fh.name)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())

    try:
        with disk_errors():
            with private_temp(".dossier-") as tmp:
                if sealed:
                    seal.decrypt_sealed(path, secret_key, tmp)
                else:
                    with open_file(path) as src:
                        shutil.copyfileobj(src, tmp, CHUNK)
                tmp.flush()
                os.fsync(tmp.fileno())
                result = _verify(tmp, keep)
            result.expect(expected)
            names = output_names(result.manifest)
            for name, temp in [*kept.items(), (None, Path(tmp.name))]:
                final = out_dir / (names[name] if name else DOSSIER_NAME)
                os.replace(temp, final)
                written.append(final)
            fsync_dir(out_dir)
        return result
    except BaseException:
        for leftover in written:
            leftover.unlink(missing_ok=True)
        if created:
            shutil.rmtree(out_dir, ignore_errors=True)
        raise
