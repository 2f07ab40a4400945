"""One entry point: no arguments, or only `--vault DIR`, opens the desktop app; a subcommand runs
the CLI."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def gui_request(args: list[str]) -> tuple[bool, Path | None]:
    """Whether the arguments open the desktop app, and on which journal folder: (True, None) for
    none (the default journal), (True, DIR) for only `--vault DIR` or `--vault=DIR`, (False, None)
    for anything else, which the CLI reads."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--vault" and args[1] and not args[1].startswith("-"):
        return True, Path(args[1]).expanduser().absolute()
    if len(args) == 1 and args[0].startswith("--vault=") and args[0] != "--vault=":
        return True, Path(args[0].removeprefix("--vault=")).expanduser().absolute()
    return False, None


def main(argv: list[str] | None = None) -> int:
    from app.core.hardening import disable_core_dumps

    disable_core_dumps()  # first: before a passphrase is typed or a key derived
    args = sys.argv[1:] if argv is None else argv
    opens_gui, folder = gui_request(args)
    if not opens_gui:
        from app.cli import main as cli_main

        return cli_main(args)
    if folder is not None:
        # The app finds its journal as the CLI does: --vault, else SIJIL_VAULT (paths.default_vault_dir).
        os.environ["SIJIL_VAULT"] = str(folder)
    from app.gui.application import run_gui

    return run_gui()


if __name__ == "__main__":
    sys.exit(main())
