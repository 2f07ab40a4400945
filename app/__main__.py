"""One entry point: no arguments opens the desktop app; a subcommand runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.core.hardening import disable_core_dumps

    disable_core_dumps()  # first: before a passphrase is typed or a key derived
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from app.gui.application import run_gui

        return run_gui()
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
