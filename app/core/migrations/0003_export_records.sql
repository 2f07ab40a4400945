-- Exporting is not reporting: one row per dossier prepared (template, destination, when), and
-- whether and when the defender sent it, with the reference she got back. incident_exports
-- stays the link to the incidents that went into it.
CREATE TABLE export_records (
    id INTEGER PRIMARY KEY,
    prepared_at TEXT NOT NULL,
    template TEXT NOT NULL,
    destination TEXT NOT NULL DEFAULT '',
    sent_on TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT ''
);
ALTER TABLE incident_exports ADD COLUMN record_id INTEGER REFERENCES export_records (id) ON DELETE CASCADE;
-- Earlier exports: one record per dossier (same time, template and destination); none marked sent.
INSERT INTO export_records (prepared_at, template, destination)
    SELECT DISTINCT exported_at, template, destination FROM incident_exports ORDER BY exported_at;
UPDATE incident_exports SET record_id = (
    SELECT r.id FROM export_records r WHERE r.prepared_at = incident_exports.exported_at
        AND r.template = incident_exports.template AND r.destination = incident_exports.destination);
CREATE INDEX incident_exports_record ON incident_exports (record_id);
