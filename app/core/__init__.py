"""Everything below the GUI. Never imports Qt."""
