-- Version 1: authors, articles, tags, images and revisions of one newsroom.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Original image bytes, stored once per distinct content (SHA-256, lower-case hex).
CREATE TABLE image_blobs (
    sha256    TEXT PRIMARY KEY,
    byte_size INTEGER NOT NULL,
    data      BLOB NOT NULL
);

CREATE TABLE images (
    id                INTEGER PRIMARY KEY,
    sha256            TEXT NOT NULL REFERENCES image_blobs (sha256) ON DELETE RESTRICT,
    mime_type         TEXT NOT NULL DEFAULT '',
    width             INTEGER NOT NULL DEFAULT 0,
    height            INTEGER NOT NULL DEFAULT 0,
    original_filename TEXT NOT NULL DEFAULT '',
    wp_attachment_id  INTEGER UNIQUE,
    title             TEXT NOT NULL DEFAULT '',
    caption           TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    credit_line       TEXT NOT NULL DEFAULT '',
    creator           TEXT NOT NULL DEFAULT '',
    copyright_notice  TEXT NOT NULL DEFAULT '',
    alt_text          TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX images_sha256 ON images (sha256);

CREATE TABLE authors (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role_line       TEXT NOT NULL DEFAULT '',
    bio             TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    avatar_image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
    wp_author_id    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE author_links (
    author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL,
    PRIMARY KEY (author_id, position)
);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL DEFAULT '',
    slug              TEXT NOT NULL UNIQUE,
    excerpt           TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'edit', 'ready', 'scheduled', 'published', 'spiked')),
    post_type         TEXT NOT NULL DEFAULT 'post' CHECK (post_type IN ('post', 'page')),
    featured_image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    scheduled_at      INTEGER,
    published_at      INTEGER,
    embargo_at        INTEGER,
    wp_post_id        INTEGER,
    wp_guid           TEXT,
    row_version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_updated ON articles (updated_at);
CREATE INDEX articles_status_updated ON articles (status, updated_at);
CREATE INDEX articles_scheduled ON articles (scheduled_at);
CREATE INDEX articles_wp_post ON articles (wp_post_id);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES authors (id) ON DELETE RESTRICT,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id);

CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    slug     TEXT NOT NULL,
    taxonomy TEXT NOT NULL DEFAULT 'post_tag' CHECK (taxonomy IN ('post_tag', 'category')),
    UNIQUE (taxonomy, slug)
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id);

-- Every saved state of an article; never rewritten.
CREATE TABLE article_revisions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    row_version INTEGER NOT NULL,
    title       TEXT NOT NULL,
    excerpt     TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL,
    saved_by    TEXT NOT NULL DEFAULT '',
    saved_at    INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id);
