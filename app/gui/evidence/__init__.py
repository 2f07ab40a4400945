"""Evidence: the panel on an incident, the viewer, redaction boxes and reading text in pictures."""
