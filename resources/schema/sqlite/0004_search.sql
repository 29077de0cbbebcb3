-- Full-text search (SQLite FTS5) over articles, authors and images, kept in step by triggers,
-- so every write updates the index in the same transaction, whoever makes it.
--
-- unicode61 with remove_diacritics 2 folds case for Latin, Cyrillic and Kazakh letters and
-- drops Latin accents (cafe finds café). It does not fold Cyrillic letters into one another:
-- ё stays distinct from е, қ from к, ә from а.
--
-- Articles: the index keeps its own copy of what a reader sees (markup and shortcode syntax
-- stripped, caption text kept), computed by byline_search_text(), a function every Byline
-- connection registers (SqliteDialect::registerSearchFunctions). Storing the copy costs disk
-- but lets snippets and FTS5's integrity-check work without the function; deleting needs no
-- function at all. credits holds the caption credits, for the credit: filter.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, excerpt, body_text, credits,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- bm25 column weights: a word in the title counts most, then excerpt, credits, body.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)');

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
    VALUES (new.id, new.title, new.excerpt, byline_search_text(new.body), byline_search_credits(new.body));
END;

-- Status-only saves (the workflow) leave the text alone and skip re-indexing.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, body ON articles
WHEN old.title IS NOT new.title OR old.excerpt IS NOT new.excerpt OR old.body IS NOT new.body BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
    VALUES (new.id, new.title, new.excerpt, byline_search_text(new.body), byline_search_credits(new.body));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;

-- Authors and images index their own columns (external content: no copy of the text).
CREATE VIRTUAL TABLE authors_fts USING fts5 (
    display_name, role_line, bio,
    content = 'authors', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO authors_fts (authors_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 1.0)');

CREATE TRIGGER authors_fts_insert AFTER INSERT ON authors BEGIN
    INSERT INTO authors_fts (rowid, display_name, role_line, bio)
    VALUES (new.id, new.display_name, new.role_line, new.bio);
END;

CREATE TRIGGER authors_fts_update AFTER UPDATE ON authors BEGIN
    INSERT INTO authors_fts (authors_fts, rowid, display_name, role_line, bio)
    VALUES ('delete', old.id, old.display_name, old.role_line, old.bio);
    INSERT INTO authors_fts (rowid, display_name, role_line, bio)
    VALUES (new.id, new.display_name, new.role_line, new.bio);
END;

CREATE TRIGGER authors_fts_delete AFTER DELETE ON authors BEGIN
    INSERT INTO authors_fts (authors_fts, rowid, display_name, role_line, bio)
    VALUES ('delete', old.id, old.display_name, old.role_line, old.bio);
END;

CREATE VIRTUAL TABLE images_fts USING fts5 (
    title, caption, credit_line, creator, alt_text,
    content = 'images', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO images_fts (images_fts, rank) VALUES ('rank', 'bm25(4.0, 4.0, 2.0, 2.0, 1.0)');

CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
    INSERT INTO images_fts (rowid, title, caption, credit_line, creator, alt_text)
    VALUES (new.id, new.title, new.caption, new.credit_line, new.creator, new.alt_text);
END;

CREATE TRIGGER images_fts_update AFTER UPDATE ON images BEGIN
    INSERT INTO images_fts (images_fts, rowid, title, caption, credit_line, creator, alt_text)
    VALUES ('delete', old.id, old.title, old.caption, old.credit_line, old.creator, old.alt_text);
    INSERT INTO images_fts (rowid, title, caption, credit_line, creator, alt_text)
    VALUES (new.id, new.title, new.caption, new.credit_line, new.creator, new.alt_text);
END;

CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
    INSERT INTO images_fts (images_fts, rowid, title, caption, credit_line, creator, alt_text)
    VALUES ('delete', old.id, old.title, old.caption, old.credit_line, old.creator, old.alt_text);
END;

-- An existing newsroom gets its index built now.
INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
SELECT id, title, excerpt, byline_search_text(body), byline_search_credits(body) FROM articles;
INSERT INTO authors_fts (authors_fts) VALUES ('rebuild');
INSERT INTO images_fts (images_fts) VALUES ('rebuild');
