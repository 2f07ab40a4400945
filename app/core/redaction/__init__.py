"""Redaction of what leaves the journal: names to pseudonyms, contact details and places
removed from text (text.py), and image regions burned into re-encoded pixels (images.py)."""
