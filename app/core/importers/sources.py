"""Reading an export without changing it and without trusting it.

Every file read is hashed (SHA-256) as it is read. Exports are folders (Telegram Desktop,
an X archive), zip files (WhatsApp with media, WACZ) or single files; each is read through an
`ExportReader` that refuses what could reach outside the export or exhaust the machine:
`..` and absolute paths, symbolic links (in a folder and in a zip), files above a size cap,
zip members that expand far beyond their compressed size (zip bombs) or past a total budget.
Zip members are read into memory, never extracted to disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import FileRejected, MalformedExport
from app.core.evidence import open_regular
from app.core.i18n import _
from app.core.importers import json_steps

MAX_MEMBER_BYTES = 512 * 1024 * 1024      # one media file or zip member
MAX_ZIP_TOTAL_BYTES = 4 * 1024 * 1024 * 1024  # everything read from one zip
MAX_ZIP_RATIO = 200                       # uncompressed / compressed, above 1 MiB
MAX_ZIP_MEMBERS = 200_000
MAX_TEXT_FILE_BYTES = 1024 * 1024 * 1024  # a result.json, chat.txt, tweets.js
MAX_FIELD_CHARS = 1024 * 1024             # one message's text


@dataclass(frozen=True)
class SourceFile:
    """A file of the export that was read, with the SHA-256 of exactly the bytes read."""

    name: str
    sha256: str
    size: int
    path: Path | None = None   # on disk (kept as evidence from there); None inside a zip


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bounded(path: Path, limit: int = MAX_TEXT_FILE_BYTES) -> tuple[bytes, SourceFile]:
    """The bytes of one ordinary file (no link, pipe or device), at most `limit` of them."""
    path = path if isinstance(path, Path) else Path(path)  # an import reads thousands: one Path each
    data = _read_file(path, limit)
    return data, SourceFile(path.name, sha256(data), len(data), path)


def _read_file(path: Path, limit: int) -> bytes:
    fh, size = open_regular(path)
    with fh:
        if size > limit:
            raise _too_big(limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    return data


def hash_file(path: Path) -> SourceFile:
    """SHA-256 of a (possibly large) ordinary file, read in chunks."""
    fh, _size = open_regular(Path(path))
    digest, size = hashlib.sha256(), 0
    with fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return SourceFile(Path(path).name, digest.hexdigest(), size, Path(path))


def _too_big(limit: int) -> FileRejected:
    return FileRejected(_("A file in this export is larger than {mb} MB, so the export was not read. Nothing "
                          "was changed.").format(mb=limit // (1024 * 1024)))


def load_json(data: bytes, name: str) -> object:
    """Parse JSON from an export; deep nesting and bad encodings become MalformedExport."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedExport(_("the file is not UTF-8 text"), _("{name}, byte {pos}").format(
            name=name, pos=exc.start)) from None
    try:
        return json_steps.loads(text)  # not one long call: the window repaints meanwhile
    except json.JSONDecodeError as exc:
        raise MalformedExport(_("the JSON is broken: {why}").format(why=exc.msg),
                              _("{name}, line {line}, column {col}").format(
                                  name=name, line=exc.lineno, col=exc.colno)) from None
    except RecursionError:
        raise MalformedExport(_("the JSON is nested too deeply to be an export"), name) from None


def safe_member(name: str) -> str | None:
    """A relative path inside the export, normalised to "a/b.jpg", or None when it could reach
    outside (absolute, `..`, a drive letter) or is empty."""
    name = name.replace("\\", "/")
    if not name or "\0" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


class ExportReader:
    """Gives the bytes of one file of the export by its relative name, hashed as read."""

    def names(self) -> list[str]:
        return []

    def exists(self, name: str) -> bool:
        return False

    def read(self, name: str) -> tuple[bytes, SourceFile]:
        data, clean, path = self._read(name)
        return data, SourceFile(clean, sha256(data), len(data), path)

    def read_media(self, name: str) -> tuple[bytes, str]:
        """A media file's bytes and clean name, not hashed here: the blob store hashes what it
        encrypts, and that digest is the evidence's (hashing twice was a tenth of an import)."""
        data, clean, _path = self._read(name)
        return data, clean

    def _read(self, name: str) -> tuple[bytes, str, Path | None]:
        raise FileRejected(_("This export holds no media files."))

    def close(self) -> None:
        pass


def not_in_export() -> FileRejected:
    return FileRejected(_("A media file this export refers to is missing, or lies outside the export (a link or "
                          "a path with '..'), so it was not read."))


class FolderReader(ExportReader):
    """Files under one folder. Symbolic links are never followed, at any depth."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._folders: set[str] = set()  # folders of the export checked to be no links

    def _path(self, name: str) -> tuple[str, Path]:
        """The clean relative name and the file under the export's folder, no link on the way."""
        clean = safe_member(name)
        if clean is None:
            raise not_in_export()
        # Each folder is checked once (an export's 5,000 photos share one), then each file.
        path, rel = str(self.root), ""
        for part in clean.split("/"):
            path, rel = os.path.join(path, part), f"{rel}/{part}"
            if rel in self._folders:
                continue
            try:
                if stat.S_ISLNK(os.lstat(path).st_mode):
                    raise not_in_export()
            except FileNotFoundError:
                raise not_in_export() from None
            if rel != "/" + clean:
                self._folders.add(rel)
        return clean, Path(path)

    def exists(self, name: str) -> bool:
        try:
            return stat.S_ISREG(os.lstat(self._path(name)[1]).st_mode)
        except (FileRejected, OSError):
            return False

    def names(self) -> list[str]:
        found = []
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            rel = Path(dirpath).relative_to(self.root)
            dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
            found += [(rel / f).as_posix() for f in sorted(filenames)
                      if not os.path.islink(os.path.join(dirpath, f))]
        return found

    def _read(self, name: str) -> tuple[bytes, str, Path | None]:
        clean, path = self._path(name)
        return _read_file(path, MAX_MEMBER_BYTES), clean, path


class ZipReader(ExportReader):
    """Members of a zip file read into memory, within the size, ratio and total caps."""

    def __init__(self, path: Path) -> None:
        fh, _size = open_regular(Path(path))
        try:
            self._zip = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            fh.close()
            raise MalformedExport(_("the zip file is damaged or is not a zip file"), Path(path).name) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            self.close()
            raise MalformedExport(_("the zip file holds too many files to be an export"), Path(path).name)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            clean = safe_member(info.filename)
            is_link = stat.S_ISLNK(info.external_attr >> 16)
            if clean and not info.is_dir() and not is_link:
                self._infos.setdefault(clean, info)
        self._budget = MAX_ZIP_TOTAL_BYTES
        self._lock = threading.Lock()  # the budget is shared by reads from any thread

    def names(self) -> list[str]:
        return list(self._infos)

    def exists(self, name: str) -> bool:
        return (safe_member(name) or "") in self._infos

    def _read(self, name: str) -> tuple[bytes, str, Path | None]:
        info = self._infos.get(safe_member(name) or "")
        if info is None:
            raise not_in_export()
        bomb = FileRejected(_("A file inside this zip expands far beyond its packed size (a 'zip bomb'), so it "
                              "was not read. Nothing was changed."))
        if info.file_size > MAX_MEMBER_BYTES or info.file_size > self._budget:
            raise bomb
        if info.file_size > (1 << 20) and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise bomb
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        with self._lock:
            try:
                with self._zip.open(info) as member:
                    data = member.read(limit + 1)  # never more than declared, whatever the stream says
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
                raise MalformedExport(_("a file inside the zip is damaged or encrypted"), info.filename) from None
            if len(data) > limit or len(data) > self._budget:
                raise bomb
            self._budget -= len(data)
        return data, safe_member(info.filename) or "", None

    def close(self) -> None:
        fp = self._zip.fp
        self._zip.close()
        if fp:
            fp.close()
