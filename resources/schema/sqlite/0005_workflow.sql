-- The workflow: a log of every status change with who made it, and the lead-story flag the
-- schedule uses to spot two leads in one slot.

CREATE TABLE article_status_changes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    changed_by   TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    changed_at   INTEGER NOT NULL,
    scheduled_at INTEGER
);
CREATE INDEX article_status_changes_article ON article_status_changes (article_id, id);

ALTER TABLE articles ADD COLUMN is_lead INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_published ON articles (published_at);
