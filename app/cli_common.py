"""Helpers shared by the CLI modules: vault location, passphrase input, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.core import errors, paths
from app.core.i18n import _
from app.core.vault import Vault


def vault_dir(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else paths.default_vault_dir()


def read_secret(env_name: str, prompt: str, confirm: bool = False) -> str:
    """A passphrase from the environment, else from the terminal without echo."""
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise errors.InvalidInput(
            _("No passphrase given. Set {env} or run this command in a terminal.").format(env=env_name))
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != value:
        raise errors.InvalidInput(_("The two passphrases are different. Nothing was changed."))
    return value


def open_vault(args: argparse.Namespace) -> Vault:
    read_only = bool(getattr(args, "read_only", False))
    vault = Vault.unlock(vault_dir(args), read_secret("SIJIL_PASSPHRASE", _("Passphrase: ")), read_only=read_only)
    if vault.integrity_warning:
        print("sijil: " + vault.integrity_warning, file=sys.stderr)
        print("sijil: " + _("Opened read-only: nothing will be changed or deleted."), file=sys.stderr)
    return vault


def emit_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def with_vault(fn: Callable[[Vault, argparse.Namespace], int | None]) -> Callable[[argparse.Namespace], int]:
    """Run fn with the vault unlocked, and always lock it afterwards."""
    def run(args: argparse.Namespace) -> int:
        with open_vault(args) as vault:
            return fn(vault, args) or 0
    return run


