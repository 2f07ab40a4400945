"""CLI commands for dossiers: export, verify, keygen, open-dossier (filled in by the export work)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the dossier subcommands to the main parser."""
