-- Lists (platforms, kinds, tags, aliases, indicators) are JSON arrays; dates are ISO 8601 text.
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    pseudonym TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'defender',
    gender TEXT NOT NULL DEFAULT '',
    age TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    profession TEXT NOT NULL DEFAULT '',
    human_rights_work TEXT NOT NULL DEFAULT '',
    consent_un INTEGER NOT NULL DEFAULT 0,
    consent_platform INTEGER NOT NULL DEFAULT 0,
    consent_public INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    occurred_time TEXT NOT NULL DEFAULT '',
    timezone TEXT NOT NULL DEFAULT '',
    approximate INTEGER NOT NULL DEFAULT 0,
    location TEXT NOT NULL DEFAULT '',
    platforms TEXT NOT NULL DEFAULT '[]',
    kinds TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    translation TEXT NOT NULL DEFAULT '',
    translation_language TEXT NOT NULL DEFAULT '',
    current_situation TEXT NOT NULL DEFAULT '',
    severity INTEGER NOT NULL DEFAULT 3 CHECK (severity BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'open',
    offline_followup INTEGER NOT NULL DEFAULT 0,
    confidential INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incidents_occurred ON incidents (occurred_on);

CREATE TABLE incident_persons (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, person_id)
);

CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'account',
    platform TEXT NOT NULL DEFAULT '',
    handle TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    profile_url TEXT NOT NULL DEFAULT '',
    numeric_id TEXT NOT NULL DEFAULT '',
    follower_count INTEGER,
    state_actor TEXT NOT NULL DEFAULT 'unknown',
    motive TEXT NOT NULL DEFAULT '',
    relation_to_victim TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL DEFAULT '',
    last_seen TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE incident_actors (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, actor_id)
);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    blob TEXT NOT NULL UNIQUE,
    thumbnail_blob TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    captured_at TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    width INTEGER,
    height INTEGER,
    metadata TEXT NOT NULL DEFAULT '{}',
    redactions TEXT NOT NULL DEFAULT '[]',
    confidential INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX evidence_incident ON evidence (incident_id);

CREATE TABLE platform_reports (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT 'in-app',
    filed_on TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    response_on TEXT NOT NULL DEFAULT '',
    response_text TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE report_incidents (
    report_id INTEGER NOT NULL REFERENCES platform_reports (id) ON DELETE CASCADE,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, incident_id)
);

CREATE TABLE report_items (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES platform_reports (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    actor_id INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    evidence_id INTEGER REFERENCES evidence (id) ON DELETE SET NULL,
    posted_at TEXT NOT NULL DEFAULT '',
    captured_at TEXT NOT NULL DEFAULT '',
    rule TEXT NOT NULL DEFAULT '',
    content_translation TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX report_items_report ON report_items (report_id);

CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'police',
    body TEXT NOT NULL DEFAULT '',
    taken_on TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT '',
    response_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX steps_incident ON steps (incident_id);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    assessed_on TEXT NOT NULL,
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    indicators TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    next_review TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE measures (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned'
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- "Submitted to the UN on ...": one row per incident per export.
CREATE TABLE incident_exports (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    exported_at TEXT NOT NULL,
    template TEXT NOT NULL,
    destination TEXT NOT NULL DEFAULT ''
);
