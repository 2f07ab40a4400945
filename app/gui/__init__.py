"""The PySide6 desktop app. Widgets reach the core only through gui/tasks.py."""
