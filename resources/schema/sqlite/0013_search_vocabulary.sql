-- Version 13: the words of the article index, read in order. A search for a prefix longer
-- than the index's prefix lists (3 letters, version 11) looks up the words it stands for here
-- and searches for those words: FTS5 answers a long prefix by merging the postings of every
-- word it starts over the whole index, however few of the newest articles are wanted, while
-- single words are read only as far as needed. The table is of the 'instance' kind, which
-- reads a word's postings one at a time, so finding the next word is a seek (the 'row' kind
-- counts every document of each word it passes, tens of milliseconds for a common word in a
-- million articles).
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'instance');
