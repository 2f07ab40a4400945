"""What the frozen folder holds: every module of the app (the GUI imports some by name, which
PyInstaller cannot follow), the run-time resources, Qt's catalogues for the six languages,
and nothing it does not need: no test libraries, no unused Qt modules, no library whose Qt
or Python dependency was left out."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("ar", "fa", "tr", "fr", "es")
NEVER_SHIPPED = ("pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "PyInstaller", "tkinter", "unittest")
UNUSED_QT = ("Qml", "Quick", "WebEngine", "3D", "Multimedia", "Charts", "DataVisualization", "Designer",
             "VirtualKeyboard", "Bluetooth", "Positioning", "Sql", "Test")


def frozen_modules(executable: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    return set(CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz").toc)


def app_modules(prefixes: tuple[str, ...]) -> set[str]:
    found = {m.name for m in pkgutil.walk_packages(app.__path__, "app.")}
    return {m for m in found if m.startswith(prefixes)}


@pytest.mark.parametrize(("program", "prefixes"), [("sijil", ("app.",)), ("sijil-cli", ("app.cli", "app.core"))])
def test_every_app_module_is_frozen_and_no_test_library(bundle: Path, program: str,
                                                        prefixes: tuple[str, ...]) -> None:
    exe = ".exe" if sys.platform == "win32" else ""
    modules = frozen_modules(bundle / f"{program}{exe}")
    assert app_modules(prefixes) - modules == set()
    assert {m for m in modules if m.split(".")[0] in NEVER_SHIPPED} == set()


def test_no_unused_qt_module_or_library(bundle: Path) -> None:
    shipped = [p.name for p in bundle.rglob("*") if "Qt" in p.name]
    assert [n for n in shipped if any(f"Qt{u}" in n or f"Qt6{u}" in n for u in UNUSED_QT)] == []


def test_resources_and_qt_catalogues(bundle: Path) -> None:
    internal = bundle / "_internal"
    source = ROOT / "resources"
    needed = {p.relative_to(source) for p in source.rglob("*")
              if p.is_file() and p.relative_to(source).parts[0] not in ("screenshots", "samples")
              and p.suffix not in (".po", ".pot")}
    shipped = {p.relative_to(internal / "resources") for p in (internal / "resources").rglob("*") if p.is_file()}
    assert needed - shipped == set()
    assert {p.parts[0] for p in shipped} & {"screenshots", "samples"} == set()
    catalogues = {p.name for p in internal.rglob("*.qm")}
    assert {f"qtbase_{lang}.qm" for lang in LANGUAGES} <= catalogues
    assert all(name.rsplit("_", 1)[1][:-3] in (*LANGUAGES, "en") for name in catalogues), catalogues
    # Babel's locale data (once dates follow the locale): the six languages and root only.
    cldr = {p.stem.split("_")[0] for p in internal.glob("babel/locale-data/*.dat")}
    assert cldr <= {*LANGUAGES, "en", "root"}, cldr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_no_library_misses_a_bundled_dependency(bundle: Path) -> None:
    # Libraries of the desktop (GTK, Wayland) may be absent on a build machine; a missing Qt,
    # ICU or Python library would mean the spec dropped something still in use.
    ours = ("libQt6", "libpyside6", "libshiboken6", "libicu", "libpython", "libsqlcipher", "libsodium")
    missing = []
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or not (".so" in path.name or path.parent == bundle):
            continue
        if path.read_bytes()[:4] != b"\x7fELF":
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing += [f"{path.name}: {line.strip()}" for line in out.splitlines()
                    if "not found" in line and line.strip().startswith(ours)]
    assert missing == []
