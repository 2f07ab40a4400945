"""After a full session, no file the program wrote (vault, HOME, TMPDIR) holds journal text."""

import os
import stat

from PIL import PngImagePlugin

from tests.conftest import image_bytes, run_cli
from tests.security.leaks import MARKERS, scan


def test_full_session_leaves_no_plaintext(tmp_path):
    home, tmp, sources = tmp_path / "home", tmp_path / "tmp", tmp_path / "sources"
    for d in (home, tmp, sources):
        d.mkdir()
    vault = home / "vault"
    env = {"HOME": str(home), "TMPDIR": str(tmp), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache")}
    text_file = sources / "statement.txt"
    text_file.write_text(f"Witness statement {MARKERS['evidence']}")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKERS["png_text"])
    png_file = sources / "shot.png"
    png_file.write_bytes(image_bytes("PNG", size=(500, 400), pnginfo=info) + MARKERS["evidence"].encode())

    def sijil(*args, **kw):
        return run_cli("--vault", str(vault), *args, env=env | kw.pop("extra_env", {}), check=True, **kw)

    sijil("init")
    sijil("incident", "add", "--title", MARKERS["title"], "--occurred", "2026-03-14",
          "--description", MARKERS["description"], "--platform", "telegram")
    sijil("person", "add", "--name", MARKERS["person"], "--alias", MARKERS["alias"], "--pseudonym", "Defender A")
    sijil("incident", "link-person", "1", "1")
    sijil("evidence", "add", "1", str(text_file), str(png_file), "--caption", MARKERS["caption"],
          "--source-url", f"https://t.me/{MARKERS['source']}/1")
    sijil("report", "add", "--platform", "telegram", "--filed", "2026-03-15", "--reference", MARKERS["report"],
          "--incident", "1")
    sijil("assess", "--likelihood", "4", "--impact", "4")
    assert MARKERS["title"] in sijil("search", MARKERS["description"]).stdout
    sijil("backup", "--out", str(home / "journal.backup"))
    sijil("passwd", extra_env={"SIJIL_NEW_PASSPHRASE": MARKERS["new_passphrase"]})
    sijil("audit", "verify", passphrase=MARKERS["new_passphrase"])

    assert scan([home, tmp]) == []
    assert os.listdir(tmp) == []  # nothing, not even encrypted temp files
    for dirpath, _dirs, files in os.walk(vault):
        for name in files:
            assert stat.S_IMODE(os.stat(os.path.join(dirpath, name)).st_mode) == 0o600


def test_logs_and_errors_carry_no_content(tmp_path):
    vault = tmp_path / "v"
    run_cli("--vault", str(vault), "init", check=True)
    run_cli("--vault", str(vault), "incident", "add", "--title", MARKERS["title"], "--occurred", "2026-01-01", check=True)
    failures = [
        run_cli("--vault", str(vault), "incident", "add", "--title", MARKERS["title"], "--occurred", MARKERS["caption"]),
        run_cli("--vault", str(vault), "evidence", "add", "1", str(tmp_path / MARKERS["source"])),
        run_cli("--vault", str(vault), "incident", "list", passphrase=MARKERS["new_passphrase"]),
    ]
    for proc in failures:
        assert proc.returncode != 0
        for marker in (MARKERS["title"], MARKERS["source"], MARKERS["new_passphrase"]):
            assert marker not in proc.stderr
