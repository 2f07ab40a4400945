"""Importing exports she already holds (Telegram, WhatsApp, Meta, X, folders of pictures, web
archives): choose, preview and filter, pick, import (app.core.importers underneath)."""
