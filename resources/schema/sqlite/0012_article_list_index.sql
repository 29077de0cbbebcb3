-- Version 12: the article list in its usual order (last changed first) is read from one index
-- holding every column the list shows, so scrolling it reads a few index pages per screen
-- instead of one table row, often with overflow pages, per article. The list's order by
-- updated_at and then id is the index's own order, and the keyset bound of the next page is a
-- range on it. It takes over the plain index on updated_at.
CREATE INDEX articles_list_updated
    ON articles (updated_at, id, status, title, slug, scheduled_at, published_at, created_at);
DROP INDEX articles_updated;
