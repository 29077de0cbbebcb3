#pragma once

#include "domain/articlestatus.h"
#include "domain/result.h"
#include "search/searchquery.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QVariantList>

#include <algorithm>

namespace byline {

class Database;

// One article found by a search, with the passage that matched.
struct ArticleHit
{
    qint64 id = 0;
    QString title;
    ArticleStatus status = ArticleStatus::Draft;
    QDateTime updatedAt;
    QDateTime scheduledAt;
    QDateTime publishedAt;
    // Matched words sit between kHighlightBegin and kHighlightEnd. Without words in the
    // query, the start of the excerpt.
    QString snippet;
};

struct AuthorHit
{
    qint64 id = 0;
    QString displayName;
    QString roleLine;
    QString snippet;
};

struct ImageHit
{
    qint64 id = 0;
    QString title;
    QString caption;
    QString creditLine;
    QString snippet;
};

// The search box: articles ranked by relevance (bm25) with filters, plus authors and images.
// The query's text reaches the database only as bound values (an FTS match expression built
// by the dialect from parsed terms, and filter values).
class SearchRepository
{
public:
    explicit SearchRepository(Database &db) : m_db(db) {}

    // Articles matching the words and filters, best first. Without words, the filters alone,
    // newest first (by published, else scheduled, else created time). A query with errors()
    // fails with them.
    //
    // With words, the newest rankWindow() matches (after the filters) are ranked and the rest
    // left out: ranking costs time for every match, and a common word matches most of a large
    // archive. Narrow with filters (before:, author:, …) to reach further back.
    Result<QList<ArticleHit>> articles(const SearchQuery &query, int offset, int limit) const;
    static constexpr int kDefaultRankWindow = 2000;
    int rankWindow() const { return m_rankWindow; }
    void setRankWindow(int matches) { m_rankWindow = std::max(matches, 1); }
    // On (the default): before ranking, the window of newest matches is looked for among the
    // newest articles first, then among eight times as many, and so on, and the ranking query
    // is bounded to where the window was found. Same results, but the index is read for the
    // newest articles only; a prefix that starts thousands of words would otherwise merge
    // their postings across the whole archive. Off: every query reads the whole index.
    void setBoundedWindows(bool on) { m_boundedWindows = on; }
    // The statement articles() runs and its bound values, for tools that time the engine
    // alone, with the statements run before it to find the window (in order).
    struct Statement
    {
        QString sql;
        QVariantList values;
        QList<Statement> probes;
    };
    Result<Statement> articleStatement(const SearchQuery &query, int offset, int limit) const;
    Result<QList<AuthorHit>> authors(const SearchQuery &query, int offset, int limit) const;
    // credit: filters the credit line here.
    Result<QList<ImageHit>> images(const SearchQuery &query, int offset, int limit) const;

    // Empty when every index agrees with its table (FTS5 integrity-check plus a row-by-row
    // comparison of the article text; reads the whole archive).
    Result<QString> indexProblems() const;
    Status rebuildIndex();
    // Merges the search indexes into one part each, in one transaction: a large archive's
    // index is kept in many parts as it grows, and every word looked up is sought in each.
    // Takes minutes at a million articles; the searches find the same rows afterwards.
    Status compactIndex();

private:
    Database &m_db;
    int m_rankWindow = kDefaultRankWindow;
    bool m_boundedWindows = true;
    // The words of the index each long prefix of the query starts, where the dialect answers
    // those faster than the prefix (SqlDialect::PrefixWords); a prefix starting more than
    // kMostPrefixWords words is searched as typed. The lookups are added to probes.
    static constexpr int kMostPrefixWords = 32;
    Result<QHash<QString, QStringList>> prefixWords(const SearchQuery &query, QList<Statement> *probes) const;
    // Lowest article id of the newest m_rankWindow matches when they all lie within a bounded
    // span of the newest articles; 0 when the search must read the whole index.
    Result<qint64> windowFloor(const QString &match, const QString &filters, const QVariantList &values,
                               QList<Statement> *probes) const;
};

} // namespace byline
