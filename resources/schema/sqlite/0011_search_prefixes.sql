-- Version 11: the article index keeps prefix indexes for two- and three-letter prefixes.
--
-- A prefix search such as kol* used to gather every indexed word starting with those letters
-- and merge their document lists before yielding the first match: in a large archive hundreds
-- of words and most of the documents, whatever the ranking window. With a prefix index of that
-- length the prefix reads as one word, newest first, and stops at the window. Short prefixes
-- are the ones that spread over many words; a longer prefix names few and stays cheap without.
--
-- FTS5 cannot add a prefix index to a table in place, so the index is built again from its own
-- stored text (no markup is parsed again), with the same columns, tokenizer and ranking, and
-- the triggers of version 4 are put back unchanged.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
DROP TRIGGER articles_fts_delete;

ALTER TABLE articles_fts RENAME TO articles_fts_v10;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, excerpt, body_text, credits,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)');

INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
SELECT rowid, title, excerpt, body_text, credits FROM articles_fts_v10 ORDER BY rowid;

DROP TABLE articles_fts_v10;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
    VALUES (new.id, new.title, new.excerpt, byline_search_text(new.body), byline_search_credits(new.body));
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, body ON articles
WHEN old.title IS NOT new.title OR old.excerpt IS NOT new.excerpt OR old.body IS NOT new.body BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits)
    VALUES (new.id, new.title, new.excerpt, byline_search_text(new.body), byline_search_credits(new.body));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
