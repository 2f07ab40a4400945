"""The PySide6 desktop app. Widgets reach the core only through gui/tasks.py."""

from app.gui import pyside_fix

pyside_fix.install()  # before any signal is emitted (see the module for the PySide6 bug)
