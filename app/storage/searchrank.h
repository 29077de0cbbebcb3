#pragma once

struct sqlite3;

namespace byline {

// byline_rank(fts_table, weight…): the ranking function of Byline's searches, an FTS5
// auxiliary function. Its order is that of FTS5's built-in bm25() with the same column
// weights (the same formula: k1 = 1.2, b = 0.75, term frequencies weighted per column and
// length-normalised against the table's average row), with one saving: bm25 weighs each
// phrase by its inverse document frequency, which it counts by running every phrase over the
// whole index once per query. With a single phrase that weight is the same for every row and
// cannot change the order, so byline_rank leaves it out and ranks a window of matches without
// reading the rest of the index. With two phrases or more it counts them as bm25 does, and
// gives bm25's own values.
//
// byline_fold(text), registered beside it: the single token the index's tokenizer makes of a
// text (case folded, diacritics removed), NULL when it makes none or several; used to list
// the words of the index a prefix stands for.
//
// The same source builds a loadable SQLite extension (byline_rank.so, entry point
// sqlite3_bylinerank_init), so that the sqlite3 shell can run Byline's search statements.
//
// Registers both functions on db; returns an SQLite result code, with a message in *error
// (allocated with sqlite3_malloc) when it fails and error is not null.
int registerSearchRank(sqlite3 *db, char **error);

} // namespace byline
