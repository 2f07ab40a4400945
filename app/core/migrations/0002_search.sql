-- Full-text index over folded text (see app/core/textnorm.py), one row per incident.
-- Rows are rebuilt by app/core/journal/search.py whenever something an incident shows changes.
CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
