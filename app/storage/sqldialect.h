#pragma once

#include "domain/result.h"
#include "search/searchquery.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace byline {

// The one seam where SQLite-only behaviour lives (pragmas, version stamp, integrity check,
// full-text search). Repositories write portable SQL and ask the dialect for the rest, so a
// shared PostgreSQL server can be added as a second dialect.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    virtual QString driverName() const = 0;
    // Folder of numbered migration files for this dialect.
    virtual QString migrationsPath() const = 0;
    // Per-connection settings applied right after opening.
    virtual Status configureConnection(QSqlDatabase &db) const = 0;
    virtual Result<int> schemaVersion(QSqlDatabase &db) const = 0;
    // Called inside the migration transaction.
    virtual Status setSchemaVersion(QSqlDatabase &db, int version) const = 0;
    // Empty when the store is sound, else the first problems found.
    virtual Result<QString> integrityProblems(QSqlDatabase &db) const = 0;
    // A callable that makes a long statement running on db stop soon with an error. Made on
    // db's own thread; safe to call from any thread while db stays open.
    virtual std::function<void()> interrupter(QSqlDatabase &db) const = 0;
    // Writes a consistent copy of the whole store to a new file while others keep working.
    virtual Status copyTo(QSqlDatabase &db, const QString &path) const = 0;

    // Full-text search. Match expressions are produced from parsed terms and bound as values;
    // an empty expression means "no text condition".
    // The words of the index a prefix of the query stands for (the prefix as typed → its
    // words), where the engine reads a long prefix slower than the words it starts; such a
    // prefix is searched as those words instead. Empty: every prefix as typed.
    using PrefixWords = QHash<QString, QStringList>;
    virtual QString articleMatch(const SearchQuery &query, const PrefixWords &words) const = 0;
    virtual QString authorMatch(const SearchQuery &query) const = 0;
    virtual QString authorNameMatch(const QString &name) const = 0;
    virtual QString imageMatch(const SearchQuery &query) const = 0;
    // Statements around the search index. Placeholders, in order: the match expression (as a
    // name for the ranking), the match expression, the values of filterClauses (portable SQL over "a", the articles row), the lowest article id
    // the ranking window may reach (0 for none), the ranking window (how many of the newest
    // matches are ranked), LIMIT, OFFSET, and the match expression again (for the snippets).
    // Result columns: id, title, status, updated_at, scheduled_at, published_at, snippet.
    // With prefixes the snippets are read in one pass over the index (a prefix lookup per
    // row would merge its words' postings once per row).
    virtual QString articleSearchSql(const QString &filterClauses, bool prefixes = false) const = 0;
    // How many of the newest matches from a given article id up there are, at most the
    // window, and the lowest id among them. Placeholders: the match expression, the filter
    // values, the lowest id, the window. Columns: count, lowest id.
    virtual QString articleWindowSql(const QString &filterClauses) const = 0;
    // Whether bounding the ranking to the newest articles can make the index read less for
    // this query. Where it cannot, no window is looked for.
    virtual bool boundedWindowHelps(const SearchQuery &query, const PrefixWords &words) const = 0;
    // Whether this term is a prefix better searched as the words it starts (see PrefixWords),
    // and the statements that find them: prefixFoldSql folds the prefix as the index stores
    // words (placeholder: the prefix as typed; one column, NULL when it is not one word);
    // prefixWordSql gives the index's first word at or above a lowest value and below an upper
    // bound, or no row (placeholders: lowest, bound), so the words are found one seek each.
    virtual bool expandsPrefix(const SearchQuery::Term &term) const = 0;
    virtual QString prefixFoldSql() const = 0;
    virtual QString prefixWordSql() const = 0;
    // Placeholders: match, limit, offset. Columns: id, display_name, role_line, snippet.
    virtual QString authorSearchSql() const = 0;
    // Placeholders: match, limit, offset. Columns: id, title, caption, credit_line, snippet.
    virtual QString imageSearchSql() const = 0;
    // Empty when the search index agrees with the tables it indexes.
    virtual Result<QString> searchIndexProblems(QSqlDatabase &db) const = 0;
    virtual Status rebuildSearchIndex(QSqlDatabase &db) const = 0;
    // Merges each search index into as few parts as it can (maintenance: a large archive's
    // index grows in many parts, and a lookup reads every part).
    virtual Status compactSearchIndex(QSqlDatabase &db) const = 0;

    // A bulk write (an import) inside one transaction may set aside the triggers that derive
    // data from articles and images row by row (the search index, the article figures) and
    // write it itself: the import works out an article's search text and figures on the
    // thread that reads the file, off the writer's thread, and indexes images once, before it
    // commits. suspend returns what resume needs to put the triggers back (empty, and nothing
    // set aside, when the schema does not derive that way). A rollback restores them as well.
    virtual Result<QStringList> suspendSearchTriggers(QSqlDatabase &db) const = 0;
    virtual Status resumeSearchTriggers(QSqlDatabase &db, const QStringList &suspended) const = 0;
    // While suspended: the statement that drops an article from the index (placeholder: its
    // id) and the one that indexes it (placeholders: id, title, excerpt, the body's search
    // text and its caption credits, as SearchText::derive gives them).
    virtual QString unindexArticleSql() const = 0;
    virtual QString indexArticleSql() const = 0;
    // While suspended: indexes the images with ids above afterImageId, or every image when
    // allImages (after an existing image changed, its old entry can only go with a rebuild).
    virtual Status indexImages(QSqlDatabase &db, qint64 afterImageId, bool allImages) const = 0;
    // A bulk write holds far more changed pages than the everyday cache: with too small a
    // cache the engine spills them to the journal and writes the same page again and again.
    // on: a cache fit for the bulk write; off: back to the everyday size. Called outside a
    // transaction (see Transaction::Size).
    virtual Status setBulkWriteCache(QSqlDatabase &db, bool on) const = 0;
};

// SQLite: WAL journal, foreign keys on, busy timeout, PRAGMA user_version and application_id.
class SqliteDialect final : public SqlDialect
{
public:
    // Written into the SQLite header so other tools can tell a newsroom file ("Byln").
    static constexpr qint32 kApplicationId = 0x42796c6e;

    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString migrationsPath() const override { return QStringLiteral(":/byline/schema/sqlite"); }
    Status configureConnection(QSqlDatabase &db) const override;
    Result<int> schemaVersion(QSqlDatabase &db) const override;
    Status setSchemaVersion(QSqlDatabase &db, int version) const override;
    Result<QString> integrityProblems(QSqlDatabase &db) const override;
    std::function<void()> interrupter(QSqlDatabase &db) const override; // sqlite3_interrupt
    Status copyTo(QSqlDatabase &db, const QString &path) const override; // VACUUM INTO

    // FTS5 with the unicode61 tokenizer (remove_diacritics 2): case folding for Latin,
    // Cyrillic and Kazakh letters, Latin accents dropped. Highlights in snippets are marked
    // with kHighlightBegin/kHighlightEnd.
    QString articleMatch(const SearchQuery &query, const PrefixWords &words) const override;
    QString authorMatch(const SearchQuery &query) const override;
    QString authorNameMatch(const QString &name) const override;
    QString imageMatch(const SearchQuery &query) const override;
    QString articleSearchSql(const QString &filterClauses, bool prefixes = false) const override;
    QString articleWindowSql(const QString &filterClauses) const override;
    // Not for a prefix longer than the prefix indexes (three letters): FTS5 then merges the
    // postings of every word the prefix starts over the whole index whatever the bound.
    bool boundedWindowHelps(const SearchQuery &query, const PrefixWords &words) const override;
    bool expandsPrefix(const SearchQuery::Term &term) const override;
    QString prefixFoldSql() const override;
    QString prefixWordSql() const override;
    QString authorSearchSql() const override;
    QString imageSearchSql() const override;
    Result<QString> searchIndexProblems(QSqlDatabase &db) const override;
    Status rebuildSearchIndex(QSqlDatabase &db) const override;
    Status compactSearchIndex(QSqlDatabase &db) const override; // FTS5 'optimize' 
    Result<QStringList> suspendSearchTriggers(QSqlDatabase &db) const override;
    Status resumeSearchTriggers(QSqlDatabase &db, const QStringList &suspended) const override;
    QString unindexArticleSql() const override;
    QString indexArticleSql() const override;
    Status indexImages(QSqlDatabase &db, qint64 afterImageId, bool allImages) const override;
    Status setBulkWriteCache(QSqlDatabase &db, bool on) const override;
    // Page cache sizes in KiB: every connection's, and a bulk write's (grown into as needed).
    static constexpr int kCacheKiB = 32 * 1024;
    static constexpr int kBulkWriteCacheKiB = 512 * 1024;
    // Registers byline_search_text() and byline_search_credits(), which the index triggers
    // call; done for every connection in configureConnection().
    Status registerSearchFunctions(QSqlDatabase &db) const;

    Result<qint32> applicationId(QSqlDatabase &db) const;
    Result<int> objectCount(QSqlDatabase &db) const;
    // Switches the file to write-ahead logging; done only once a file is known to be ours.
    Status enableWal(QSqlDatabase &db) const;
};

} // namespace byline
