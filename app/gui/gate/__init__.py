"""The gate before the journal: first run, unlock, and passphrase entry and change."""
