-- Version 7: the image library and the author list are read a page at a time in the order
-- they are shown, so each order has an index that yields the rows already sorted. The id (the
-- rowid) ends every index entry, so it breaks ties without being listed.
CREATE INDEX images_created ON images (created_at);
CREATE INDEX images_title ON images (title);
-- The photo desk's filter "lacking a credit line or alt text", newest or oldest first. The
-- library's statement repeats this condition word for word, which lets SQLite use the index.
CREATE INDEX images_lacking ON images (created_at) WHERE trim(credit_line) = '' OR trim(alt_text) = '';
CREATE INDEX authors_display_name ON authors (display_name);
