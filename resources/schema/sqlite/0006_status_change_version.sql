-- The row version a status change produced. Revisions and status changes saved within the
-- same second cannot be ordered by time (stored in whole seconds); the row version, bumped by
-- both, orders an article's history exactly. NULL for changes logged before this version.

ALTER TABLE article_status_changes ADD COLUMN row_version INTEGER;
