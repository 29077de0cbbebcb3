-- Version 2: what exchanging content with WordPress needs beyond the articles themselves.

-- Where an image came from in WordPress. An attachment imported without its file keeps its
-- metadata as an images row whose sha256 is the digest of zero bytes (byte_size 0 in
-- image_blobs): featured-image links stay real foreign keys, and a later import that finds
-- the file replaces the bytes. Nothing else in the library has an empty blob.
CREATE TABLE wp_attachments (
    image_id          INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    attached_file     TEXT NOT NULL DEFAULT '',
    source_url        TEXT NOT NULL DEFAULT '',
    parent_wp_post_id INTEGER
);

-- WordPress users carry first and last names that a byline does not show.
CREATE TABLE wp_author_names (
    author_id  INTEGER PRIMARY KEY REFERENCES authors (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name  TEXT NOT NULL DEFAULT ''
);

-- One row per completed export, so the next one can take only what changed since.
CREATE TABLE export_log (
    id          INTEGER PRIMARY KEY,
    format      TEXT NOT NULL,
    target      TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    images      INTEGER NOT NULL
);
CREATE INDEX export_log_format ON export_log (format, started_at);
