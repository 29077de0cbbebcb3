-- Version 8: figures the article list shows for each row without reading bodies: the words a
-- reader reads (captions and markup left out), the captions whose text has no credit, and the
-- readiness found when the article was last saved in Byline (NULL until then; 0 ready,
-- 1 warnings only, 2 errors). Triggers keep the body figures in step with every write, in
-- the same transaction, whichever path wrote the article.
CREATE TABLE article_stats (
    article_id      INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    word_count      INTEGER NOT NULL DEFAULT 0,
    missing_credits INTEGER NOT NULL DEFAULT 0,
    readiness       INTEGER
);

INSERT INTO article_stats (article_id, word_count, missing_credits)
    SELECT id, byline_word_count(body), byline_missing_credits(body) FROM articles;

CREATE TRIGGER article_stats_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_stats (article_id, word_count, missing_credits)
        VALUES (NEW.id, byline_word_count(NEW.body), byline_missing_credits(NEW.body))
        ON CONFLICT (article_id) DO UPDATE SET word_count = excluded.word_count,
                                              missing_credits = excluded.missing_credits;
END;

CREATE TRIGGER article_stats_body AFTER UPDATE OF body ON articles BEGIN
    INSERT INTO article_stats (article_id, word_count, missing_credits)
        VALUES (NEW.id, byline_word_count(NEW.body), byline_missing_credits(NEW.body))
        ON CONFLICT (article_id) DO UPDATE SET word_count = excluded.word_count,
                                              missing_credits = excluded.missing_credits;
END;
