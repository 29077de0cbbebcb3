#include "sqldialect.h"

#include "searchrank.h"
#include "searchtext.h"
#include "sqlerror.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <initializer_list>

namespace byline {

namespace {
Result<QVariant> scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Result<QVariant>::failure(describeError(q, "read"));
    if (!q.next())
        return QVariant();
    return q.value(0);
}

// Runs fixed statements (our own text, nothing user-supplied) in order; the first failure
// stops them, named with what they were for.
Status execAll(QSqlDatabase &db, std::initializer_list<const char *> statements, const char *what)
{
    for (const char *sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(sql)))
            return Status::failure(describeError(q, what));
    }
    return {};
}
} // namespace

Status SqliteDialect::configureConnection(QSqlDatabase &db) const
{
    // A 32 MiB page cache (set by setBulkWriteCache; SQLite's default is 2 MiB) keeps the
    // search index's hot pages and the list's rows in memory instead of re-reading them
    // through the OS for every query.
    if (Status s = execAll(db, {"PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = NORMAL"},
                           "configure the connection");
        !s)
        return s;
    if (Status s = setBulkWriteCache(db, false); !s)
        return s;
    return registerSearchFunctions(db);
}

Status SqliteDialect::setBulkWriteCache(QSqlDatabase &db, bool on) const
{
    // A negative cache_size is in KiB; pages are allocated only as they are used. The
    // statement and savepoint journals of a bulk write, which hold the first state of every
    // page a statement or a nested unit of work changes, stay in memory instead of a
    // temporary file written and dropped once per saved row.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(on ? kBulkWriteCacheKiB : kCacheKiB)))
        return Status::failure(describeError(q, "size the page cache"));
    if (!q.exec(on ? QStringLiteral("PRAGMA temp_store = MEMORY") : QStringLiteral("PRAGMA temp_store = DEFAULT")))
        return Status::failure(describeError(q, "place temporary storage"));
    return {};
}

Result<int> SqliteDialect::schemaVersion(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!v)
        return Result<int>::failure(v.error());
    return v->toInt();
}

Status SqliteDialect::setSchemaVersion(QSqlDatabase &db, int version) const
{
    // PRAGMA takes no bound parameters; the value is an int we produced ourselves.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)))
        return Status::failure(describeError(q, "record the schema version"));
    QSqlQuery app(db);
    if (!app.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
        return Status::failure(describeError(app, "stamp the newsroom file"));
    return {};
}

Result<QString> SqliteDialect::integrityProblems(QSqlDatabase &db) const
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(5)")))
        return Result<QString>::failure(describeError(q, "check integrity"));
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    return problems.join(QLatin1String("; "));
}

Status SqliteDialect::copyTo(QSqlDatabase &db, const QString &path) const
{
    // VACUUM INTO reads one snapshot of the database, so writers on other connections are
    // neither blocked for long nor half-copied.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(path);
    if (!q.exec())
        return Status::failure(describeError(q, "copy the newsroom"));
    return {};
}

Result<qint32> SqliteDialect::applicationId(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA application_id"));
    if (!v)
        return Result<qint32>::failure(v.error());
    return static_cast<qint32>(v->toLongLong());
}

Result<int> SqliteDialect::objectCount(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!v)
        return Result<int>::failure(v.error());
    return v->toInt();
}

Status SqliteDialect::enableWal(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!v)
        return Status::failure(v.error());
    if (v->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Status::failure(QStringLiteral("could not switch to write-ahead logging (journal mode %1)")
                                   .arg(v->toString()));
    return {};
}

namespace {

// An FTS5 string: the user's text in double quotes, quotes doubled, so that no operator,
// column name or bracket typed in the search box is read as FTS syntax.
QString ftsString(const QString &text)
{
    return QString(QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'));
}

// A term as FTS5 query syntax; an included prefix found in words as the words it starts.
QString ftsTerm(const SearchQuery::Term &t, const SqlDialect::PrefixWords &words)
{
    if (t.kind != SearchQuery::Term::Kind::Prefix)
        return ftsString(t.text);
    const auto found = words.constFind(t.text);
    if (t.excluded || found == words.cend() || found->isEmpty())
        return QString(ftsString(t.text) + QLatin1String(" *"));
    QStringList quoted;
    for (const QString &w : *found)
        quoted << ftsString(w);
    return quoted.size() == 1 ? quoted.first() : QString(QLatin1Char('(') + quoted.join(QLatin1String(" OR ")) + QLatin1Char(')'));
}

// Included terms ANDed, then each exclusion as a binary NOT; columnFilters are extra
// "column : string" conditions ANDed in.
QString ftsExpression(const QList<SearchQuery::Term> &terms, const QStringList &columnFilters,
                      const SqlDialect::PrefixWords &words = {})
{
    QStringList included = columnFilters;
    QStringList excluded;
    for (const SearchQuery::Term &t : terms)
        (t.excluded ? excluded : included) << ftsTerm(t, words);
    if (included.isEmpty())
        return {};
    QString expr = included.size() == 1 ? included.first()
                                        : QString(QLatin1Char('(') + included.join(QLatin1String(" AND ")) + QLatin1Char(')'));
    for (const QString &e : std::as_const(excluded))
        expr += QLatin1String(" NOT ") + e;
    return expr;
}

// The functions the article index triggers call, run on SQLite's own thread of control.
void searchTextFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv, QString (*extract)(const QString &))
{
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_text16(ctx, u"", 0, SQLITE_STATIC);
        return;
    }
    const auto *data = static_cast<const QChar *>(sqlite3_value_text16(argv[0]));
    const int bytes = sqlite3_value_bytes16(argv[0]);
    const QString body = QString::fromRawData(data, bytes / 2);
    const QString text = extract(body);
    sqlite3_result_text16(ctx, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
}

void bodyTextFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    searchTextFunction(ctx, argc, argv, &SearchText::bodyText);
}

void creditsFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    searchTextFunction(ctx, argc, argv, &SearchText::captionCredits);
}

// An integer-valued function of the body, for the article_stats triggers.
void bodyFigureFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv, int (*figure)(const QString &))
{
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    const auto *data = static_cast<const QChar *>(sqlite3_value_text16(argv[0]));
    const int bytes = sqlite3_value_bytes16(argv[0]);
    sqlite3_result_int(ctx, figure(QString::fromRawData(data, bytes / 2)));
}

void wordCountFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    bodyFigureFunction(ctx, argc, argv, &SearchText::wordCount);
}

void missingCreditsFunction(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    bodyFigureFunction(ctx, argc, argv, &SearchText::captionsWithoutCredit);
}

// The sqlite3 handle under a Qt connection, or null when the driver does not expose one.
sqlite3 *rawHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

std::function<void()> SqliteDialect::interrupter(QSqlDatabase &db) const
{
    sqlite3 *raw = rawHandle(db);
    return [raw] {
        if (raw)
            sqlite3_interrupt(raw);
    };
}

Status SqliteDialect::registerSearchFunctions(QSqlDatabase &db) const
{
    sqlite3 *raw = rawHandle(db);
    if (!raw)
        return Status::failure(QStringLiteral("the SQLite driver does not expose an open connection"));
    // Deterministic, so SQLite may use them in triggers and FTS5 'delete' reproduces the text.
    const int flags = SQLITE_UTF16 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    if (sqlite3_create_function_v2(raw, "byline_search_text", 1, flags, nullptr, &bodyTextFunction, nullptr,
                                   nullptr, nullptr) != SQLITE_OK
        || sqlite3_create_function_v2(raw, "byline_search_credits", 1, flags, nullptr, &creditsFunction,
                                      nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_create_function_v2(raw, "byline_word_count", 1, flags, nullptr, &wordCountFunction,
                                      nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_create_function_v2(raw, "byline_missing_credits", 1, flags, nullptr,
                                      &missingCreditsFunction, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return Status::failure(QStringLiteral("could not register the search functions: %1")
                                   .arg(QString::fromUtf8(sqlite3_errmsg(raw))));
    }
    char *error = nullptr;
    if (registerSearchRank(raw, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        sqlite3_free(error);
        return Status::failure(QStringLiteral("could not register the search ranking: %1").arg(message));
    }
    return {};
}

QString SqliteDialect::articleMatch(const SearchQuery &query, const PrefixWords &words) const
{
    QStringList credits;
    for (const QString &c : query.credits())
        credits << QString(QLatin1String("credits : ") + ftsString(c));
    return ftsExpression(query.terms(), credits, words);
}

QString SqliteDialect::authorMatch(const SearchQuery &query) const
{
    return ftsExpression(query.terms(), {});
}

QString SqliteDialect::authorNameMatch(const QString &name) const
{
    return QString(QLatin1String("display_name : ") + ftsString(name));
}

QString SqliteDialect::imageMatch(const SearchQuery &query) const
{
    QStringList credits;
    for (const QString &c : query.credits())
        credits << QString(QLatin1String("credit_line : ") + ftsString(c));
    return ftsExpression(query.terms(), credits);
}

namespace {

// The newest matches from a lowest article id on, at most a window of them, newest first (the
// index yields them in rowid order and stops at the window; FTS5 honours the rowid bound while
// it reads, so a prefix merges the postings of those articles only). Placeholders: the match
// expression, the filter values, the lowest id, the window.
QString newestMatchesSql(const QString &columns, const QString &filterClauses)
{
    return QString(QLatin1String("SELECT ") + columns + QLatin1String(" FROM articles_fts f ")
                   // without filters the articles rows are not needed to choose the window
                   + (filterClauses.isEmpty() ? QString() : QStringLiteral("JOIN articles a ON a.id = f.rowid "))
                   + QLatin1String("WHERE articles_fts MATCH ?") + filterClauses
                   + QLatin1String(" AND f.rowid >= ? ORDER BY f.rowid DESC LIMIT ?"));
}

// The page shown of those matches ranked: id and rank. Placeholders: the match expression
// again (which names the query to byline_rank, so the connection keeps its phrases' document
// counts), as above, then LIMIT and OFFSET. The rank is byline_rank (searchrank.h), in bm25's
// order with the column weights the migrations give the index's own rank (title, excerpt,
// body, credits), without bm25's pass over the whole index for a single phrase.
QString rankedPageSql(const QString &filterClauses)
{
    return QString(QLatin1String("SELECT id, r FROM (")
                   + newestMatchesSql(QStringLiteral("f.rowid AS id, byline_rank(articles_fts, 10.0, 4.0, 1.0, 2.0, ?) AS r"),
                                      filterClauses)
                   + QLatin1String(") ORDER BY r, id LIMIT ? OFFSET ?"));
}

} // namespace

QString SqliteDialect::articleSearchSql(const QString &filterClauses, bool prefixes) const
{
    // The rank is bm25's order with the column weights set in the migration (title counts
    // most), from byline_rank (see rankedPageSql). Ranking
    // every match costs time in proportion to the matches, which for a common word in a large
    // archive is most of it; so only the newest matches are ranked. Only the page shown then
    // gets its snippet, which means tokenising the text again, ordered by the rank already
    // found: asking the outer cursor for the rank again would rank every row twice.
    const QString columns = QStringLiteral("a.id, a.title, a.status, a.updated_at, a.scheduled_at, a.published_at, "
                                           "snippet(articles_fts, -1, char(2), char(3), '\u2026', 16)");
    if (prefixes) {
        // The page's ids first; then one scan of the index over the range they span gives
        // each its snippet, instead of one lookup per row that merges every word the prefix
        // starts again and again.
        return QString(QLatin1String("WITH top AS MATERIALIZED (") + rankedPageSql(filterClauses)
                       + QLatin1String(") SELECT ") + columns
                       + QLatin1String(" FROM articles_fts CROSS JOIN top ON top.id = articles_fts.rowid "
                                       "JOIN articles a ON a.id = top.id WHERE articles_fts MATCH ? "
                                       "AND articles_fts.rowid BETWEEN (SELECT min(id) FROM top) AND (SELECT max(id) FROM top) "
                                       "ORDER BY top.r, top.id"));
    }
    return QString(QLatin1String("SELECT ") + columns + QLatin1String(" FROM (") + rankedPageSql(filterClauses)
                   + QLatin1String(") top JOIN articles_fts ON articles_fts.rowid = top.id JOIN articles a ON a.id = top.id "
                                   "WHERE articles_fts MATCH ? ORDER BY top.r, top.id"));
}

QString SqliteDialect::articleWindowSql(const QString &filterClauses) const
{
    return QString(QLatin1String("SELECT count(*), min(id) FROM (")
                   + newestMatchesSql(QStringLiteral("f.rowid AS id"), filterClauses) + QLatin1Char(')'));
}

namespace {
constexpr int kLongestIndexedPrefix = 3; // migration 0011: prefix = '2 3'
}

bool SqliteDialect::boundedWindowHelps(const SearchQuery &query, const PrefixWords &words) const
{
    // FTS5 (3.40) answers a prefix longer than its prefix lists by merging the postings of
    // every word it starts over the whole index, whatever the rowid bound.
    const QList<SearchQuery::Term> &terms = query.terms();
    return std::none_of(terms.cbegin(), terms.cend(), [&](const SearchQuery::Term &t) {
        return expandsPrefix(t) && words.value(t.text).isEmpty();
    });
}

bool SqliteDialect::expandsPrefix(const SearchQuery::Term &term) const
{
    return term.kind == SearchQuery::Term::Kind::Prefix && !term.excluded && term.text.size() > kLongestIndexedPrefix;
}

QString SqliteDialect::prefixFoldSql() const
{
    return QStringLiteral("SELECT byline_fold(?)");
}

QString SqliteDialect::prefixWordSql() const
{
    // Migration 0013's vocabulary table yields the index's words in order from a bound, each
    // as its first posting: LIMIT 1 is one seek, however common the word.
    return QStringLiteral("SELECT term FROM articles_vocab WHERE term >= ? AND term < ? LIMIT 1");
}

QString SqliteDialect::authorSearchSql() const
{
    return QStringLiteral("SELECT au.id, au.display_name, au.role_line, "
                          "snippet(authors_fts, -1, char(2), char(3), '\u2026', 16) "
                          "FROM authors_fts JOIN authors au ON au.id = authors_fts.rowid "
                          "WHERE authors_fts MATCH ? ORDER BY authors_fts.rank, au.id LIMIT ? OFFSET ?");
}

QString SqliteDialect::imageSearchSql() const
{
    return QStringLiteral("SELECT i.id, i.title, i.caption, i.credit_line, "
                          "snippet(images_fts, -1, char(2), char(3), '\u2026', 16) "
                          "FROM images_fts JOIN images i ON i.id = images_fts.rowid "
                          "WHERE images_fts MATCH ? ORDER BY images_fts.rank, i.id LIMIT ? OFFSET ?");
}

Result<QString> SqliteDialect::searchIndexProblems(QSqlDatabase &db) const
{
    // 'integrity-check' compares each index with its content and fails with SQLITE_CORRUPT_VTAB.
    QStringList problems;
    for (const char *table : {"articles_fts", "authors_fts", "images_fts"}) {
        const QString name = QString::fromLatin1(table);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("INSERT INTO %1 (%1) VALUES ('integrity-check')").arg(name)))
            problems << QStringLiteral("%1: %2").arg(name, q.lastError().text());
    }
    // The article index keeps its own copy of the text, so also compare it row for row.
    QSqlQuery rows(db);
    if (!rows.exec(QStringLiteral("SELECT (SELECT count(*) FROM articles_fts) - (SELECT count(*) FROM articles), "
                                  "(SELECT count(*) FROM articles a LEFT JOIN articles_fts f ON f.rowid = a.id "
                                  "WHERE f.rowid IS NULL OR f.title IS NOT a.title OR f.excerpt IS NOT a.excerpt "
                                  "OR f.body_text IS NOT byline_search_text(a.body))")))
        return Result<QString>::failure(describeError(rows, "compare the article index"));
    if (rows.next() && (rows.value(0).toLongLong() != 0 || rows.value(1).toLongLong() != 0))
        problems << QStringLiteral("articles_fts: %1 extra rows, %2 articles missing or stale")
                        .arg(rows.value(0).toLongLong())
                        .arg(rows.value(1).toLongLong());
    return problems.join(QLatin1String("; "));
}

Status SqliteDialect::rebuildSearchIndex(QSqlDatabase &db) const
{
    return execAll(db, {"DELETE FROM articles_fts",
                    "INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits) "
                    "SELECT id, title, excerpt, byline_search_text(body), byline_search_credits(body) "
                    "FROM articles",
                    "INSERT INTO authors_fts (authors_fts) VALUES ('rebuild')",
                    "INSERT INTO images_fts (images_fts) VALUES ('rebuild')"},
                   "rebuild the search index");
}

Status SqliteDialect::compactSearchIndex(QSqlDatabase &db) const
{
    return execAll(db, {"INSERT INTO articles_fts (articles_fts) VALUES ('optimize')",
                        "INSERT INTO authors_fts (authors_fts) VALUES ('optimize')",
                        "INSERT INTO images_fts (images_fts) VALUES ('optimize')"},
                   "compact the search index");
}

namespace {
// The triggers that index articles and images one row at a time (migrations 0004 and 0011)
// and keep the article figures (0008).
constexpr const char *kRowIndexTriggers[] = {"articles_fts_insert", "articles_fts_update", "images_fts_insert",
                                             "images_fts_update", "article_stats_insert", "article_stats_body"};
} // namespace

Result<QStringList> SqliteDialect::suspendSearchTriggers(QSqlDatabase &db) const
{
    using R = Result<QStringList>;
    QStringList definitions;
    for (const char *name : kRowIndexTriggers) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"));
        q.addBindValue(QString::fromLatin1(name));
        if (!q.exec())
            return R::failure(describeError(q, "read the search index triggers"));
        if (!q.next())
            return QStringList(); // a schema that indexes otherwise: leave it alone
        definitions << q.value(0).toString();
    }
    for (const char *name : kRowIndexTriggers) {
        // The names are our own constants, not input.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("DROP TRIGGER %1").arg(QString::fromLatin1(name))))
            return R::failure(describeError(q, "set the search index triggers aside"));
    }
    return definitions;
}

Status SqliteDialect::resumeSearchTriggers(QSqlDatabase &db, const QStringList &suspended) const
{
    // Each definition is the text SQLite kept for the trigger, run again as it was.
    for (const QString &sql : suspended) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            return Status::failure(describeError(q, "restore the search index triggers"));
    }
    return {};
}

QString SqliteDialect::unindexArticleSql() const
{
    return QStringLiteral("DELETE FROM articles_fts WHERE rowid = ?");
}

QString SqliteDialect::indexArticleSql() const
{
    return QStringLiteral("INSERT INTO articles_fts (rowid, title, excerpt, body_text, credits) VALUES (?, ?, ?, ?, ?)");
}

Status SqliteDialect::indexImages(QSqlDatabase &db, qint64 afterImageId, bool allImages) const
{
    QSqlQuery q(db);
    if (allImages) {
        if (!q.exec(QStringLiteral("INSERT INTO images_fts (images_fts) VALUES ('rebuild')")))
            return Status::failure(describeError(q, "index the images"));
        return {};
    }
    q.prepare(QStringLiteral("INSERT INTO images_fts (rowid, title, caption, credit_line, creator, alt_text) "
                             "SELECT id, title, caption, credit_line, creator, alt_text FROM images "
                             "WHERE id > ? ORDER BY id"));
    q.addBindValue(afterImageId);
    if (!q.exec())
        return Status::failure(describeError(q, "index the images"));
    return {};
}

} // namespace byline
