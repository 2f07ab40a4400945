-- No schema change: the search index is rebuilt (see db._REINDEX) because it now also holds Arabic
-- words without their proclitics ("وتلغرام" -> "تلغرام") and folds Turkish ı and Eastern Arabic digits.
SELECT 1;
