-- Words recognised in a picture (offline OCR at import), in the SQLCipher journal like every
-- other field. `words` is JSON [[text, x, y, w, h, line], ...] with boxes as fractions of the
-- upright picture (the one coordinate system of viewer, stored boxes and export); `line`
-- groups the words tesseract read as one line. `body` is the text for search.
-- status: done | failed (tesseract refused or timed out; the export says so).
CREATE TABLE evidence_text (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    engine TEXT NOT NULL DEFAULT '',
    words TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    recognised_at TEXT NOT NULL
);
-- Boxes drawn before this version were stored over the raw pixels (the viewer ignored EXIF
-- Orientation); app/core/db.py moves them onto the upright picture in the same transaction.
