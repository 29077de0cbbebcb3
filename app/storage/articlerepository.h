#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QList>
#include <optional>

namespace byline {

class Database;

// Which articles a list shows and in what order; the database sorts and filters.
struct ArticleQuery
{
    enum class SortKey { Updated, Title, Status, Scheduled, Created };
    SortKey sortKey = SortKey::Updated;
    bool descending = true;
    std::optional<ArticleStatus> status;
    qint64 authorId = 0; // 0: any author
    QString titleContains; // empty: any title
    QString tag;           // empty: any tag; else a tag's name

    friend bool operator==(const ArticleQuery &a, const ArticleQuery &b)
    {
        return a.sortKey == b.sortKey && a.descending == b.descending && a.status == b.status
            && a.authorId == b.authorId && a.titleContains == b.titleContains && a.tag == b.tag;
    }
    friend bool operator!=(const ArticleQuery &a, const ArticleQuery &b) { return !(a == b); }
};

// Why a save was refused when someone else saved first.
inline const QString kConflictPrefix = QStringLiteral("conflict: ");

// All SQL about articles, their authors, tags and revisions.
class ArticleRepository
{
public:
    explicit ArticleRepository(Database &db) : m_db(db) {}

    // Stores a new article (and its first revision); sets id, rowVersion and times.
    Status insert(Article &article, const QString &savedBy = {});
    // Saves changes if nobody saved since article.rowVersion was read; bumps rowVersion and
    // stores a revision. A refused save starts its error with kConflictPrefix.
    Status update(Article &article, const QString &savedBy = {});
    Result<Article> get(qint64 id) const;
    Status remove(qint64 id);

    Result<QList<ArticleSummary>> page(const ArticleQuery &query, int offset, int limit) const;
    // The rows that follow `after` (a row of the previous page) in the query's order, found by
    // its sort key through the index instead of counting past every earlier row: the cost of
    // a page stays the same at the end of a million-row list as at its start. Null: the first.
    Result<QList<ArticleSummary>> page(const ArticleQuery &query, const ArticleSummary *after, int limit) const;
    // The list rows of these articles, in no particular order; ids that no longer exist are
    // left out.
    Result<QList<ArticleSummary>> summaries(const QList<qint64> &ids) const;
    Result<bool> slugTaken(const QString &slug, qint64 exceptId = 0) const;
    Result<QList<Revision>> revisions(qint64 articleId) const;
    Result<QStringList> authorNames(qint64 articleId) const;
    // Articles whose body shows the image with this WordPress attachment id (in a caption's
    // id or an <img>'s wp-image-N class), or whose featured image it is.
    Result<QList<ArticleSummary>> usingImage(qint64 imageId, qint64 wpAttachmentId) const;

private:
    Status writeRelations(const Article &article);
    Status writeReadiness(const Article &article);
    Result<QList<ArticleSummary>> pageAfter(const ArticleQuery &query, const ArticleSummary *after, int offset,
                                            int limit) const;
    Status writeRevision(const Article &article, const QString &savedBy);

    Database &m_db;
};

} // namespace byline
