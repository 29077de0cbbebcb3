#include "searchrank.h"

#ifdef BYLINE_RANK_LOADABLE
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#else
#include <sqlite3.h>
#endif

#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace byline {

namespace {

constexpr double kK1 = 1.2; // FTS5's bm25 constants
constexpr double kB = 0.75;

// What a query's rows share: the table's average row length and, with more than one phrase,
// each phrase's inverse document frequency. Worked out on the first row, kept as FTS5
// auxiliary data for the rest of the query.
struct QueryFigures
{
    std::vector<double> weights; // per column; a column without a weight counts 1
    double averageLength = 0;
    std::vector<double> idf; // empty: one phrase, whose weight cannot change the order
};

// Each phrase's document count of the queries ranked on one connection, by the query's text
// and the phrase's place in it, for as long as the index holds the same number of rows and
// tokens: typing, paging and searching again run the same query many times, and counting a
// common word's documents reads its postings through the whole index. Kept only when the
// ranking call names its query (a trailing argument after the column weights).
struct DocumentCounts
{
    sqlite3_int64 rows = -1;
    sqlite3_int64 tokens = -1;
    std::unordered_map<std::string, sqlite3_int64> hits;
    static constexpr size_t kMost = 4096;

    // The cache for an index of rows and tokens: emptied when either changed (a row added,
    // removed or edited to another length) or when it is full.
    void holdFor(sqlite3_int64 r, sqlite3_int64 t)
    {
        if (r != rows || t != tokens || hits.size() >= kMost) {
            hits.clear();
            rows = r;
            tokens = t;
        }
    }
};

void dropCounts(void *p)
{
    delete static_cast<DocumentCounts *>(p);
}

int countRow(const Fts5ExtensionApi *, Fts5Context *, void *userData)
{
    ++*static_cast<sqlite3_int64 *>(userData);
    return SQLITE_OK;
}

void dropFigures(void *p)
{
    delete static_cast<QueryFigures *>(p);
}

int queryFigures(const Fts5ExtensionApi *api, Fts5Context *fts, QueryFigures **out, int nVal,
                 sqlite3_value **apVal)
{
    if (auto *kept = static_cast<QueryFigures *>(api->xGetAuxdata(fts, 0))) {
        *out = kept;
        return SQLITE_OK;
    }
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK)
        return rc;
    auto *figures = new QueryFigures;
    const int columns = api->xColumnCount(fts);
    figures->weights.resize(size_t(columns > 0 ? columns : 0), 1.0);
    for (int c = 0; c < columns && c < nVal; ++c)
        figures->weights[size_t(c)] = sqlite3_value_double(apVal[c]);
    figures->averageLength = rows > 0 ? double(tokens) / double(rows) : 0.0;
    const int phrases = api->xPhraseCount(fts);
    if (phrases > 1) {
        auto *counts = static_cast<DocumentCounts *>(api->xUserData(fts));
        std::string key;
        if (counts && nVal > columns && sqlite3_value_type(apVal[columns]) == SQLITE_TEXT) {
            counts->holdFor(rows, tokens);
            key.assign(reinterpret_cast<const char *>(sqlite3_value_text(apVal[columns])),
                       size_t(sqlite3_value_bytes(apVal[columns])));
            key.push_back('\0');
        } else {
            counts = nullptr;
        }
        figures->idf.resize(size_t(phrases));
        for (int i = 0; i < phrases && rc == SQLITE_OK; ++i) {
            sqlite3_int64 hits = 0;
            if (counts) {
                const std::string phraseKey = key + std::to_string(i);
                const auto known = counts->hits.find(phraseKey);
                if (known != counts->hits.end()) {
                    hits = known->second;
                } else {
                    rc = api->xQueryPhrase(fts, i, &hits, &countRow);
                    if (rc == SQLITE_OK)
                        counts->hits.emplace(phraseKey, hits);
                }
            } else {
                rc = api->xQueryPhrase(fts, i, &hits, &countRow);
            }
            // As bm25: a phrase in more than half the rows would weigh less than nothing, so
            // it gets a very small positive weight instead.
            const double idf = std::log((double(rows) - double(hits) + 0.5) / (double(hits) + 0.5));
            figures->idf[size_t(i)] = idf > 0.0 ? idf : 1e-6;
        }
    }
    if (rc != SQLITE_OK) {
        delete figures;
        return rc;
    }
    // On failure FTS5 drops the figures itself.
    rc = api->xSetAuxdata(fts, figures, &dropFigures);
    if (rc == SQLITE_OK)
        *out = figures;
    return rc;
}

void rankFunction(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                  sqlite3_value **apVal)
{
    QueryFigures *figures = nullptr;
    int rc = queryFigures(api, fts, &figures, nVal, apVal);
    const int phrases = api->xPhraseCount(fts);
    const int columns = int(figures ? figures->weights.size() : 0);
    // Weighted occurrences of each phrase in this row (most queries have a few phrases: no
    // allocation per row for them).
    double few[16] = {};
    std::vector<double> many;
    double *frequency = few;
    if (phrases > 16) {
        many.assign(size_t(phrases), 0.0);
        frequency = many.data();
    }
    int instances = 0;
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < phrases && column >= 0 && column < columns)
            frequency[phrase] += figures->weights[size_t(column)];
    }
    int length = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    const double norm = figures->averageLength > 0.0
        ? kK1 * (1.0 - kB + kB * double(length) / figures->averageLength)
        : kK1;
    double score = 0.0;
    for (int i = 0; i < phrases; ++i) {
        const double f = frequency[i];
        const double weight = figures->idf.empty() ? 1.0 : figures->idf[size_t(i)];
        score += weight * (f * (kK1 + 1.0)) / (f + norm);
    }
    // Lower is better, as with bm25(), so ORDER BY gives the best first.
    sqlite3_result_double(ctx, -score);
}

void setError(char **error, const char *message)
{
    if (error)
        *error = sqlite3_mprintf("%s", message);
}

// byline_fold(text): the one token the index's tokenizer (unicode61, remove_diacritics 2, as
// the migrations declare it) makes of text, as FTS5 stores it: case folded, diacritics
// removed. NULL when the text is not exactly one token. One tokenizer per connection, made on
// first use.
struct FoldTokenizer
{
    fts5_api *fts = nullptr;
    fts5_tokenizer methods{};
    Fts5Tokenizer *tokenizer = nullptr;

    ~FoldTokenizer()
    {
        if (tokenizer)
            methods.xDelete(tokenizer);
    }
    bool ready()
    {
        if (tokenizer)
            return true;
        void *user = nullptr;
        if (fts->xFindTokenizer(fts, "unicode61", &user, &methods) != SQLITE_OK)
            return false;
        const char *args[] = {"remove_diacritics", "2"};
        return methods.xCreate(user, args, 2, &tokenizer) == SQLITE_OK;
    }
};

struct Folded
{
    int tokens = 0;
    sqlite3_context *ctx = nullptr;
};

int foldToken(void *state, int, const char *token, int bytes, int, int)
{
    auto *f = static_cast<Folded *>(state);
    if (++f->tokens == 1)
        sqlite3_result_text(f->ctx, token, bytes, SQLITE_TRANSIENT);
    return SQLITE_OK;
}

void foldFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    auto *fold = static_cast<FoldTokenizer *>(sqlite3_user_data(ctx));
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    if (!fold->ready()) {
        sqlite3_result_error(ctx, "the unicode61 tokenizer is not available", -1);
        return;
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    Folded f;
    f.ctx = ctx;
    const int rc = fold->methods.xTokenize(fold->tokenizer, &f, FTS5_TOKENIZE_QUERY, text, sqlite3_value_bytes(argv[0]),
                                           &foldToken);
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else if (f.tokens != 1)
        sqlite3_result_null(ctx);
}

} // namespace

int registerSearchRank(sqlite3 *db, char **error)
{
    // FTS5 hands out its extension interface through a pointer-passing call.
    fts5_api *fts = nullptr;
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        // No FTS5, or a file that cannot be read as a database at all.
        setError(error, sqlite3_errmsg(db));
        return rc;
    }
    sqlite3_bind_pointer(stmt, 1, static_cast<void *>(&fts), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK || !fts || fts->iVersion < 2) {
        setError(error, "this SQLite's FTS5 does not offer its extension interface");
        return rc != SQLITE_OK ? rc : SQLITE_ERROR;
    }
    rc = fts->xCreateFunction(fts, "byline_rank", new DocumentCounts, &rankFunction, &dropCounts);
    if (rc != SQLITE_OK) {
        setError(error, "could not register byline_rank");
        return rc;
    }
    auto *fold = new FoldTokenizer;
    fold->fts = fts;
    rc = sqlite3_create_function_v2(db, "byline_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, fold, &foldFunction,
                                    nullptr, nullptr, [](void *p) { delete static_cast<FoldTokenizer *>(p); });
    if (rc != SQLITE_OK)
        setError(error, "could not register byline_fold");
    return rc;
}

} // namespace byline

#ifdef BYLINE_RANK_LOADABLE
extern "C" __attribute__((visibility("default"))) int sqlite3_bylinerank_init(sqlite3 *db, char **error, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    return byline::registerSearchRank(db, error);
}
#endif
