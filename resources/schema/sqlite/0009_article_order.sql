-- Version 9: the article list reads one page at a time after the last row shown, in the order
-- the user chose. Each order has an index that yields the rows already sorted (updated and
-- scheduled had theirs from version 1); the id, the rowid, ends every entry and breaks ties.
CREATE INDEX articles_title ON articles (title);
CREATE INDEX articles_created ON articles (created_at);
