"""argparse's own words ("usage:", "options", its error messages) in the user's language.

argparse looks its messages up through the module-level names `_` and `ngettext` it imported
from gettext, in the "messages" domain no catalogue of ours fills; pointing those two names at
Sijil's functions puts its help and errors in the same catalogue as ours. The messages a user
can meet are listed here so that extraction (the `N_` keyword) puts them in the .pot.
"""

from __future__ import annotations

import argparse

from app.core import i18n
from app.core.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """Route argparse's messages through Sijil's catalogue (idempotent)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
