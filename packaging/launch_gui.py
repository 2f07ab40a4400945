"""Frozen entry point of the desktop app (no arguments opens the GUI, as `sijil` does)."""

import sys

from app.__main__ import main

sys.exit(main(sys.argv[1:]))
