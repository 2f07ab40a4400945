"""Marker strings typed into a session, and a scan of the files left behind for any of them."""

import os
from pathlib import Path

MARKERS = {
    "title": "ZEBRATITLE7731",
    "description": "قمرسري٤٤",
    "person": "QuetzalMarker",
    "alias": "رانياماركر",
    "caption": "CAPTIONMARK5512",
    "source": "SOURCEMARK0099",
    "evidence": "EVIDENCEBODY6620",
    "png_text": "PNGCHUNKMARK3141",
    "report": "REPORTREF2718",
    "new_passphrase": "NEWPASS1618",
}


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode("utf-8")]


def scan(roots) -> list[tuple[str, str]]:
    """(marker label, file) for every file under `roots` holding a marker in any encoding."""
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(dirpath, name)
                if os.path.islink(path):
                    continue
                data = Path(path).read_bytes()
                for label, marker in MARKERS.items():
                    if any(enc in data for enc in encodings(marker)):
                        found.append((label, os.path.relpath(path, root)))
    return found
