-- Keys that no longer derive from the master key, so a passphrase change (a new master key)
-- does not have to re-encrypt every evidence file: the database the new key protects holds them.
CREATE TABLE vault_keys (
    purpose TEXT PRIMARY KEY,
    key BLOB NOT NULL
);

-- Per record table, the sum of its rows' hashes, kept up to date by triggers (see db_state.py).
CREATE TABLE vault_digest (
    tbl TEXT PRIMARY KEY,
    acc BLOB NOT NULL
);

-- One row: a counter raised by every commit and the digest of all of vault_digest after it.
-- journal.state (outside the database, sealed with the 'state' key) keeps the same pair,
-- so an older database, or an older page of it, no longer matches.
CREATE TABLE vault_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    digest BLOB NOT NULL
);
INSERT INTO vault_state (id, seq, digest) VALUES (1, 0, x'');
