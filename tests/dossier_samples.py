"""Sample dossier pages for the README, from the demo journal: `python tests/dossier_samples.py`.

Exports a UN communication and a Telegram trust-and-safety report through the real export
path, then renders pages to PNG with poppler's pdftoppm into resources/samples/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.demo import create_demo  # noqa: E402
from app.core.export import dossier  # noqa: E402
from app.core.export.content import ExportOptions  # noqa: E402

OUT = ROOT / "resources" / "samples"


def render(pdf: bytes, page: int, name: str, work: Path) -> None:
    path = work / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page),
                    str(path), str(OUT / name)], check=True)
    print(OUT / f"{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        vault = create_demo(work / "vault", "samples", strength="test")
        try:
            rania = vault.journal.persons.where("pseudonym = ?", ("Defender A",))[0]
            incidents = vault.journal.persons.incidents_of(rania.id)[:3]
            un = dossier.build(vault, ExportOptions("un", incidents)).pdf
            render(un, 1, "dossier-un-page", work)
            pages = int(subprocess.run(["pdfinfo", "-"], input=un, capture_output=True, check=True)
                        .stdout.decode().split("Pages:")[1].split()[0])
            render(un, pages, "dossier-integrity-page", work)
            telegram = dossier.build(vault, ExportOptions("platform", incidents[:2], platform="telegram")).pdf
            render(telegram, 1, "dossier-platform-page", work)
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
