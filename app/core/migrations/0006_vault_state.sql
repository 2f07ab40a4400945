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

-- The last commits' counters, each with the digest of vault_digest after it. journal.state
-- (outside the database, sealed with the 'state' key) holds one of these pairs: a database
-- whose history contains it descends from that state; an older database does not.
CREATE TABLE vault_state (
    seq INTEGER PRIMARY KEY,
    digest BLOB NOT NULL
);
INSERT INTO vault_state (seq, digest) VALUES (0, x'');
