"""Keep the gettext catalogues in step with the code: `extract`, `compile`, `check`.

    python tools/translations.py extract   # re-extract sijil.pot, merge it into every .po (make po)
    python tools/translations.py compile [PO...]  # build each sijil.mo beside its .po (make mo)
    python tools/translations.py check     # list untranslated, fuzzy or broken entries (make po-check)

`check` exits 1 when anything needs a translator, naming the language and the English text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.core import i18n  # noqa: E402 - after the path is set

FOLDER = ROOT / "resources" / "translations"
POT = FOLDER / "sijil.pot"
# `_`, `ngettext`, `pgettext`, and `N_` for messages marked now and translated where shown.
KEYWORDS = ("_", "ngettext:1,2", "pgettext:1c,2", "N_")


def catalogues() -> list[Path]:
    return sorted(FOLDER.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po"))


def extract_template(out: Path) -> None:
    """Extract every message of the code into the template `out` (a .pot)."""
    args = ["pybabel", "-q", "extract", "--no-default-keywords", "--sort-by-file",
            "--project=Sijil", "--copyright-holder=Sijil contributors",
            "--msgid-bugs-address=https://github.com/sijil-journal/sijil/issues",
            "-F", str(ROOT / "babel.cfg"), "-o", str(out)]
    for keyword in KEYWORDS:
        args += ["-k", keyword]
    cwd = Path.cwd()
    os.chdir(ROOT)  # locations in the .pot stay relative to the repository
    try:
        CommandLineInterface().run([*args, "app"])
    finally:
        os.chdir(cwd)


def extract() -> None:
    extract_template(POT)
    for po in catalogues():
        lang = po.parent.parent.name
        CommandLineInterface().run(["pybabel", "-q", "update", "--no-wrap", "-i", str(POT),
                                    "-o", str(po), "-l", lang, "--ignore-obsolete"])


def compile_all(only: list[Path] | None = None) -> None:
    """Build the .mo beside each .po (or only beside those given), atomically."""
    for po in only or catalogues():
        mo = po.with_suffix(".mo")
        tmp = mo.with_suffix(".mo.tmp")
        tmp.write_bytes(i18n.compile_po(po))
        os.replace(tmp, mo)


def problems(po: Path, pot: Path = POT) -> list[str]:
    """What a translator still has to do in one catalogue, one line per message."""
    with pot.open("rb") as handle:
        template = read_po(handle)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(strings):
            found.append(f"untranslated: {source[0]!r}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {source[0]!r}")
        elif len(source) == 2:
            found += [f"placeholders differ: {source[1]!r} -> {form!r}"
                      for form in strings if not i18n.plural_form_ok(source[0], source[1], form)]
        elif i18n.placeholders(strings[0]) != i18n.placeholders(source[0]):
            found.append(f"placeholders differ: {source[0]!r} -> {strings[0]!r}")
    return found


def check() -> int:
    bad = 0
    for po in catalogues():
        lang = po.parent.parent.name
        found = problems(po)
        bad += len(found)
        print(f"{lang}: {len(found)} to do")
        for line in found:
            print(f"  {line}")
    return 1 if bad else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all([Path(p).resolve() for p in sys.argv[2:]])
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
