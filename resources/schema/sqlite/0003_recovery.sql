-- Version 3: unsaved edits kept every few seconds, so a crash loses at most those seconds.

CREATE TABLE recovery (
    id               INTEGER PRIMARY KEY,
    article_id       INTEGER REFERENCES articles (id) ON DELETE CASCADE, -- NULL: never saved
    base_row_version INTEGER NOT NULL DEFAULT 0, -- the version the edits started from
    editor_state     TEXT NOT NULL,              -- JSON: the editor's fields
    saved_by         TEXT NOT NULL DEFAULT '',
    saved_at         INTEGER NOT NULL
);
CREATE INDEX recovery_article ON recovery (article_id);
