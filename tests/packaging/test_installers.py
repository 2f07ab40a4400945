"""The Linux installers built beside the bundle: checksums that match, a .deb that puts the
program under /opt/sijil with sijil and sijil-cli on the PATH, a menu entry and an icon, and
a .tar.gz whose program runs where it is unpacked."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from app import __version__

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux installers")


@pytest.fixture(scope="module")
def dist(bundle: Path) -> Path:
    return bundle.parent


def only(dist: Path, pattern: str) -> Path:
    found = list(dist.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {dist}, found {found}"
    return found[0]


def runs(program: Path, env: dict[str, str]) -> None:
    done = subprocess.run([str(program), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"sijil {__version__}"), done.stderr


def test_checksums_cover_both_installers(dist: Path) -> None:
    lines = (dist / "SHA256SUMS").read_text().splitlines()
    sums = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(sums) == {only(dist, "sijil_*.deb").name, only(dist, "sijil-*.tar.gz").name}
    for name, digest in sums.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_deb_installs_program_launchers_menu_entry_and_icon(dist: Path, tmp_path: Path,
                                                             bare_env: dict[str, str]) -> None:
    deb = only(dist, "sijil_*.deb")
    field = lambda name: subprocess.run(["dpkg-deb", "-f", str(deb), name],  # noqa: E731
                                        capture_output=True, text=True, check=True).stdout.strip()
    assert (field("Package"), field("Version")) == ("sijil", __version__)
    assert "libxcb-cursor0" in field("Depends") and "tesseract-ocr" in field("Recommends")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    for launcher in ("sijil", "sijil-cli"):
        link = root / "usr" / "bin" / launcher
        assert link.is_symlink() and link.resolve() == (root / "opt" / "sijil" / launcher).resolve()
    runs(root / "usr" / "bin" / "sijil-cli", bare_env)
    desktop = (root / "usr/share/applications/sijil.desktop").read_text()
    assert "Exec=sijil\n" in desktop and "Icon=sijil\n" in desktop
    assert (root / "usr/share/icons/hicolor/scalable/apps/sijil.svg").is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps/sijil.png").is_file()
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(root / "usr/share/applications/sijil.desktop")],
                              capture_output=True, text=True)
        assert done.returncode == 0 and "error" not in done.stdout, done.stdout


@pytest.mark.skipif(shutil.which("apt-get") is None, reason="not a Debian-like system")
def test_deb_dependencies_exist_in_this_systems_archive(dist: Path) -> None:
    # apt's simulation resolves every Depends and Recommends name and changes nothing.
    done = subprocess.run(["apt-get", "install", "-s", "-y", str(only(dist, "sijil_*.deb"))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Inst sijil " in done.stdout, done.stdout + done.stderr


def test_tarball_runs_where_it_is_unpacked(dist: Path, tmp_path: Path, bare_env: dict[str, str]) -> None:
    archive = only(dist, "sijil-*.tar.gz")
    with tarfile.open(archive) as tar:
        assert {m.name.split("/")[0] for m in tar.getmembers()} == {f"sijil-{__version__}"}
        tar.extractall(tmp_path, filter="tar")
    top = tmp_path / f"sijil-{__version__}"
    runs(top / "sijil-cli", bare_env)
    assert (top / "share/applications/sijil.desktop").is_file()
