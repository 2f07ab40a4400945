"""Sijil: an offline, encrypted safety journal for women human rights defenders."""

__version__ = "0.1.0"
