-- Deleting evidence asks, per pack file, whether any row still names an item of it
-- (Evidence.uses_pack): a prefix range over indexes instead of a scan of every row. The blob
-- column has one already (it is UNIQUE); thumbnails get theirs.
CREATE INDEX IF NOT EXISTS evidence_thumbnail_blob ON evidence (thumbnail_blob);
