"""Sample dossier pages for the README, from the seed scenario of the demo journal:
`python tests/dossier_samples.py`.

Exports the UN communication (English, French, Spanish), a Telegram trust-and-safety report
and the same report as a notice under Article 16 of the EU Digital Services Act through the
real export path, with the answers of tests/core/export/seed.py, then renders pages to PNG
with poppler's pdftoppm into resources/samples/: every page of the English UN
communication, the first page of the others, and the integrity page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core.export import dossier  # noqa: E402
from app.core.export.content import ExportOptions  # noqa: E402
from tests.core.export.seed import seed_vault, un_options  # noqa: E402

OUT = ROOT / "resources" / "samples"


def page_count(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(info.split("Pages:")[1].split()[0])


def render(pdf: bytes, page: int, name: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page),
                    "-", str(OUT / name)], input=pdf, check=True)
    print(OUT / f"{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("dossier-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        vault, incidents = seed_vault(Path(tmp))
        try:
            for language in ("en", "fr", "es"):
                un = dossier.build(vault, un_options(incidents, language)).pdf
                pages = page_count(un)
                shown = range(1, pages) if language == "en" else [1]  # the last page is the integrity page
                for page in shown:
                    render(un, page, f"dossier-un-{language}-page-{page}")
                if language == "en":
                    render(un, pages, "dossier-integrity-page")
            telegram = ExportOptions("platform", incidents[:2], platform="telegram")
            render(dossier.build(vault, telegram).pdf, 1, "dossier-platform-page")
            telegram.dsa_notice, telegram.good_faith = True, True
            telegram.notifier = {"name": "Defender A", "email": "notices@example.org"}
            render(dossier.build(vault, telegram).pdf, 1, "dossier-platform-dsa-notice-page")
        finally:
            vault.lock()


if __name__ == "__main__":
    main()
