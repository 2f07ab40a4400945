"""Export: the dossier wizard, its UN tab, the redacted-items list, preview and fingerprints."""
