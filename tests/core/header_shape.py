"""What an inspector sees of a vault header without a passphrase: its fields and their sizes."""

from __future__ import annotations

import json
from pathlib import Path


def _shape(value: object) -> object:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k != "checksum"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if isinstance(value, str):
        return len(value)
    return value  # numbers: the KDF cost, the format version


def header_shape(folder: Path) -> object:
    return _shape(json.loads((folder / "sijil-vault.json").read_text()))


def folder_shape(folder: Path) -> dict[str, int]:
    """Every file's name (blobs by count only: their names are random) and size."""
    found = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    blobs = sorted(p.stat().st_size for p in (folder / "blobs").iterdir()) if (folder / "blobs").is_dir() else []
    return found | {f"blobs/{n}": size for n, size in enumerate(blobs)}
