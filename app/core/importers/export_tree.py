"""An export that is a tree of files (an X archive, a Meta download): the folder as she
unpacked it, or the zip as she downloaded it, read through the same ExportReader."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.errors import MalformedExport
from app.core.i18n import _
from app.core.importers.sources import ExportReader, FolderReader, SourceFile, ZipReader, hash_file


def open_tree(path: Path) -> tuple[ExportReader, list[SourceFile], str]:
    """(reader, sources, chosen): a zip is read in memory and its own hash is the first
    source; a file inside a folder opens its folder, `chosen` naming that file."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        reader = ZipReader(path)
        try:
            return reader, [hash_file(path)], ""
        except BaseException:
            reader.close()
            raise
    if path.is_dir() and not path.is_symlink():
        return FolderReader(path), [], ""
    if path.is_file():
        return FolderReader(path.parent), [], path.name
    raise MalformedExport(_("this is not a folder"), path.name)


def matching(reader: ExportReader, pattern: re.Pattern[str]) -> list[str]:
    """Names whose last part matches, shallowest first (a zip made again from an unpacked
    download nests everything one folder down; macOS adds __MACOSX/ copies)."""
    found = [n for n in reader.names() if pattern.fullmatch(n.rpartition("/")[2]) and not n.startswith("__MACOSX/")]
    return sorted(found, key=lambda n: (n.count("/"), n))
