#include "articlerepository.h"
#include "newsroomreadiness.h"

#include "database.h"
#include "imagerepository.h"
#include "query.h"
#include "rowreaders.h"
#include "settingsrepository.h"
#include "sqlvalues.h"
#include "transaction.h"

#include "domain/slug.h"
#include "shortcode/shortcodeparser.h"
#include "workflow/readiness.h"

#include <algorithm>

namespace byline {

namespace {

QString postTypeKey(PostType t)
{
    return t == PostType::Page ? QStringLiteral("page") : QStringLiteral("post");
}

// ORDER BY clauses are chosen from this fixed list, never built from input.
// The columns of a list row, with the byline in order in the same statement (no query per row).
const QString kSummaryColumns = QStringLiteral(
    "SELECT a.id, a.title, a.slug, a.status, a.updated_at, a.scheduled_at, a.published_at, "
    "st.word_count, st.missing_credits, st.readiness, "
    "(SELECT group_concat(n, ', ') FROM (SELECT au.display_name AS n "
    "FROM article_authors x JOIN authors au ON au.id = x.author_id "
    "WHERE x.article_id = a.id ORDER BY x.position)), a.created_at "
    "FROM articles a LEFT JOIN article_stats st ON st.article_id = a.id ");

ArticleSummary readSummary(const BoundQuery &q)
{
    ArticleSummary s;
    s.id = q.value(0).toLongLong();
    s.title = q.value(1).toString();
    s.slug = q.value(2).toString();
    s.status = statusFromKey(q.value(3).toString()).value_or(ArticleStatus::Draft);
    s.updatedAt = timeFromDb(q.value(4));
    s.scheduledAt = timeFromDb(q.value(5));
    s.publishedAt = timeFromDb(q.value(6));
    s.wordCount = q.value(7).toInt();
    s.missingCredits = q.value(8).toInt();
    s.readiness = q.value(9).isNull() ? ArticleSummary::Readiness::Unknown
                                      : ArticleSummary::Readiness(std::clamp(q.value(9).toInt(), 0, 2) + 1);
    s.authorNames = q.value(10).toString();
    s.createdAt = timeFromDb(q.value(11));
    return s;
}

QString orderClause(const ArticleQuery &q)
{
    const bool d = q.descending;
    switch (q.sortKey) {
    case ArticleQuery::SortKey::Title:
        return d ? QStringLiteral(" ORDER BY a.title DESC, a.id DESC") : QStringLiteral(" ORDER BY a.title, a.id");
    case ArticleQuery::SortKey::Status:
        return d ? QStringLiteral(" ORDER BY a.status DESC, a.updated_at DESC, a.id DESC")
                 : QStringLiteral(" ORDER BY a.status, a.updated_at DESC, a.id DESC");
    case ArticleQuery::SortKey::Scheduled:
        return d ? QStringLiteral(" ORDER BY a.scheduled_at DESC, a.id DESC")
                 : QStringLiteral(" ORDER BY a.scheduled_at, a.id");
    case ArticleQuery::SortKey::Created:
        return d ? QStringLiteral(" ORDER BY a.created_at DESC, a.id DESC")
                 : QStringLiteral(" ORDER BY a.created_at, a.id");
    case ArticleQuery::SortKey::Updated:
        break;
    }
    return d ? QStringLiteral(" ORDER BY a.updated_at DESC, a.id DESC")
             : QStringLiteral(" ORDER BY a.updated_at, a.id");
}

} // namespace

Status ArticleRepository::insert(Article &article, const QString &savedBy)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    const QDateTime now = nowUtc();
    if (!article.createdAt.isValid())
        article.createdAt = now;
    if (!article.updatedAt.isValid())
        article.updatedAt = now;
    if (article.slug.isEmpty())
        article.slug = slugify(article.title);
    article.rowVersion = 1;

    BoundQuery q(tx.connection(),
                 QStringLiteral("INSERT INTO articles (title, slug, excerpt, body, status, post_type, "
                                "featured_image_id, created_at, updated_at, scheduled_at, published_at, "
                                "embargo_at, wp_post_id, wp_guid, row_version) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {article.title, article.slug, article.excerpt, article.body, statusKey(article.status),
                  postTypeKey(article.postType), idToDb(article.featuredImageId), toDb(article.createdAt),
                  toDb(article.updatedAt), toDb(article.scheduledAt), toDb(article.publishedAt),
                  toDb(article.embargoAt), idToDb(article.wpPostId),
                  article.wpGuid.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(article.wpGuid),
                  article.rowVersion});
    if (!q.exec("store the article"))
        return Status::failure(q.error());
    article.id = q.lastInsertId();
    if (Status s = writeRelations(article); !s)
        return s;
    if (Status s = writeRevision(article, savedBy); !s)
        return s;
    if (Status s = writeReadiness(article); !s)
        return s;
    return tx.commit();
}

Status ArticleRepository::update(Article &article, const QString &savedBy)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    const QDateTime now = nowUtc();
    const int newVersion = article.rowVersion + 1;
    BoundQuery q(tx.connection(),
                 QStringLiteral("UPDATE articles SET title = ?, slug = ?, excerpt = ?, body = ?, status = ?, "
                                "post_type = ?, featured_image_id = ?, updated_at = ?, scheduled_at = ?, "
                                "published_at = ?, embargo_at = ?, wp_post_id = ?, wp_guid = ?, "
                                "row_version = ? WHERE id = ? AND row_version = ?"),
                 {article.title, article.slug, article.excerpt, article.body, statusKey(article.status),
                  postTypeKey(article.postType), idToDb(article.featuredImageId), toDb(now),
                  toDb(article.scheduledAt), toDb(article.publishedAt), toDb(article.embargoAt),
                  idToDb(article.wpPostId),
                  article.wpGuid.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(article.wpGuid),
                  newVersion, article.id, article.rowVersion});
    if (!q.exec("save the article"))
        return Status::failure(q.error());
    if (q.rowsAffected() != 1) {
        return Status::failure(kConflictPrefix
                               + QStringLiteral("article %1 was changed or deleted by someone else since it "
                                                "was opened (version %2); nothing was overwritten")
                                     .arg(article.id)
                                     .arg(article.rowVersion));
    }
    Article saved = article;
    saved.rowVersion = newVersion;
    saved.updatedAt = now;
    if (Status s = writeRelations(saved); !s)
        return s;
    if (Status s = writeRevision(saved, savedBy); !s)
        return s;
    if (Status s = writeReadiness(saved); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    article = saved;
    return {};
}

Status ArticleRepository::writeReadiness(const Article &article)
{
    // What the editor's checklist would say now, kept for the article list's mark.
    static const ShortcodeParser parser;
    const QList<ReadinessIssue> issues =
        Readiness::check(article, parser.parse(article.body), newsroomReadinessContext(m_db));
    int level = 0;
    for (const ReadinessIssue &i : issues)
        level = std::max(level, i.severity == ReadinessIssue::Severity::Error ? 2 : 1);
    BoundQuery q(m_db.connection(),
                 QStringLiteral("INSERT INTO article_stats (article_id, readiness) VALUES (?, ?) "
                                "ON CONFLICT (article_id) DO UPDATE SET readiness = excluded.readiness"),
                 {article.id, level});
    if (!q.exec("record the article's readiness"))
        return Status::failure(q.error());
    return {};
}

Status ArticleRepository::writeRelations(const Article &article)
{
    const QSqlDatabase c = m_db.connection();
    BoundQuery clearAuthors(c, QStringLiteral("DELETE FROM article_authors WHERE article_id = ?"), {article.id});
    if (!clearAuthors.exec("replace the article's authors"))
        return Status::failure(clearAuthors.error());
    for (int i = 0; i < article.authorIds.size(); ++i) {
        BoundQuery q(c, QStringLiteral("INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)"),
                     {article.id, article.authorIds.at(i), i});
        if (!q.exec("attach an author"))
            return Status::failure(q.error());
    }
    // Only tags are edited here; categories (kept from WordPress imports) stay as they are.
    BoundQuery clearTags(c, QStringLiteral("DELETE FROM article_tags WHERE article_id = ? AND tag_id IN "
                                           "(SELECT id FROM tags WHERE taxonomy = 'post_tag')"),
                         {article.id});
    if (!clearTags.exec("replace the article's tags"))
        return Status::failure(clearTags.error());
    for (int i = 0; i < article.tags.size(); ++i) {
        const QString name = article.tags.at(i).trimmed();
        QString slug = slugify(name);
        if (slug.isEmpty())
            slug = name.toLower(); // a tag of symbols only keeps its own text as slug
        BoundQuery ensure(c, QStringLiteral("INSERT INTO tags (name, slug, taxonomy) VALUES (?, ?, 'post_tag') "
                                            "ON CONFLICT (taxonomy, slug) DO NOTHING"),
                          {name, slug});
        if (!ensure.exec("store a tag"))
            return Status::failure(ensure.error());
        BoundQuery link(c, QStringLiteral("INSERT INTO article_tags (article_id, tag_id, position) "
                                          "SELECT ?, id, ? FROM tags WHERE taxonomy = 'post_tag' AND slug = ? "
                                          "ON CONFLICT (article_id, tag_id) DO NOTHING"),
                        {article.id, i, slug});
        if (!link.exec("tag the article"))
            return Status::failure(link.error());
    }
    return {};
}

Status ArticleRepository::writeRevision(const Article &article, const QString &savedBy)
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("INSERT INTO article_revisions (article_id, row_version, title, excerpt, body, "
                                "status, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {article.id, article.rowVersion, article.title, article.excerpt, article.body,
                  statusKey(article.status), savedBy, toDb(article.updatedAt)});
    if (!q.exec("store a revision"))
        return Status::failure(q.error());
    return {};
}

Result<Article> ArticleRepository::get(qint64 id) const
{
    using R = Result<Article>;
    const QSqlDatabase c = m_db.connection();
    BoundQuery q(c, QStringLiteral("SELECT ") + kArticleRowColumns + QStringLiteral(" FROM articles a WHERE a.id = ?"), {id});
    if (!q.exec("read the article"))
        return R::failure(q.error());
    if (!q.next())
        return R::failure(QStringLiteral("article %1 does not exist").arg(id));
    Article a = articleFromRow(q);

    BoundQuery authors(c, QStringLiteral("SELECT author_id FROM article_authors WHERE article_id = ? ORDER BY position"), {id});
    if (!authors.exec("read the article's authors"))
        return R::failure(authors.error());
    while (authors.next())
        a.authorIds << authors.value(0).toLongLong();
    BoundQuery tags(c, QStringLiteral("SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
                                      "WHERE at.article_id = ? AND t.taxonomy = 'post_tag' ORDER BY at.position"),
                    {id});
    if (!tags.exec("read the article's tags"))
        return R::failure(tags.error());
    while (tags.next())
        a.tags << tags.value(0).toString();
    return a;
}

Status ArticleRepository::remove(qint64 id)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(), QStringLiteral("DELETE FROM articles WHERE id = ?"), {id});
    if (!q.exec("delete the article"))
        return Status::failure(q.error());
    return tx.commit();
}

namespace {

// " AND …" continuing page()'s WHERE after the row `last`, in the order orderClause() gives;
// fixed SQL per order, the cursor's values bound. NULL scheduled times sort first ascending.
// Each clause opens with a plain bound on the sort column (<= or >=): SQLite turns that into a
// range on the column's index, so a page starts where the last one ended. Without it the
// planner scans the index from its start past every row already listed, and a page a million
// rows down reads a million index entries.
QString keysetClause(const ArticleQuery &q, const ArticleSummary &last, QVariantList &values)
{
    const bool d = q.descending;
    switch (q.sortKey) {
    case ArticleQuery::SortKey::Title:
        values << last.title << last.title << last.title << last.id;
        return d ? QStringLiteral(" AND a.title <= ? AND (a.title < ? OR (a.title = ? AND a.id < ?))")
                 : QStringLiteral(" AND a.title >= ? AND (a.title > ? OR (a.title = ? AND a.id > ?))");
    case ArticleQuery::SortKey::Status: {
        const QVariant status = statusKey(last.status);
        const QVariant updated = toDb(last.updatedAt);
        values << status << status << status << updated << updated << last.id;
        return d ? QStringLiteral(" AND a.status <= ? AND (a.status < ? OR (a.status = ? AND (a.updated_at < ? "
                                  "OR (a.updated_at = ? AND a.id < ?))))")
                 : QStringLiteral(" AND a.status >= ? AND (a.status > ? OR (a.status = ? AND (a.updated_at < ? "
                                  "OR (a.updated_at = ? AND a.id < ?))))");
    }
    case ArticleQuery::SortKey::Scheduled:
        if (!last.scheduledAt.isValid()) {
            values << last.id;
            return d ? QStringLiteral(" AND (a.scheduled_at IS NULL AND a.id < ?)")
                     : QStringLiteral(" AND (a.scheduled_at IS NOT NULL OR a.id > ?)");
        }
        if (d) {
            // Unscheduled rows come last, after every scheduled one: no single range holds both.
            values << toDb(last.scheduledAt) << toDb(last.scheduledAt) << last.id;
            return QStringLiteral(" AND (a.scheduled_at < ? OR (a.scheduled_at = ? AND a.id < ?) "
                                  "OR a.scheduled_at IS NULL)");
        }
        values << toDb(last.scheduledAt) << toDb(last.scheduledAt) << toDb(last.scheduledAt) << last.id;
        return QStringLiteral(" AND a.scheduled_at >= ? AND (a.scheduled_at > ? OR (a.scheduled_at = ? AND a.id > ?))");
    case ArticleQuery::SortKey::Created:
        values << toDb(last.createdAt) << toDb(last.createdAt) << toDb(last.createdAt) << last.id;
        return d ? QStringLiteral(" AND a.created_at <= ? AND (a.created_at < ? OR (a.created_at = ? AND a.id < ?))")
                 : QStringLiteral(" AND a.created_at >= ? AND (a.created_at > ? OR (a.created_at = ? AND a.id > ?))");
    case ArticleQuery::SortKey::Updated:
        break;
    }
    values << toDb(last.updatedAt) << toDb(last.updatedAt) << toDb(last.updatedAt) << last.id;
    return d ? QStringLiteral(" AND a.updated_at <= ? AND (a.updated_at < ? OR (a.updated_at = ? AND a.id < ?))")
             : QStringLiteral(" AND a.updated_at >= ? AND (a.updated_at > ? OR (a.updated_at = ? AND a.id > ?))");
}

} // namespace

Result<QList<ArticleSummary>> ArticleRepository::page(const ArticleQuery &query, const ArticleSummary *after,
                                                      int limit) const
{
    return pageAfter(query, after, 0, limit);
}

Result<QList<ArticleSummary>> ArticleRepository::page(const ArticleQuery &query, int offset, int limit) const
{
    return pageAfter(query, nullptr, offset, limit);
}

Result<QList<ArticleSummary>> ArticleRepository::pageAfter(const ArticleQuery &query, const ArticleSummary *after,
                                                           int offset, int limit) const
{
    using R = Result<QList<ArticleSummary>>;
    const QSqlDatabase c = m_db.connection();
    QVariantList keysetValues;
    const QString keyset = after ? keysetClause(query, *after, keysetValues) : QString();
    // Filters use fixed SQL with bound values; "match anything" is expressed by binding NULL.
    const QString sql = kSummaryColumns
                        + QStringLiteral(
                            "WHERE (? IS NULL OR a.status = ?) "
                            "AND (? IS NULL OR EXISTS (SELECT 1 FROM article_authors x "
                            "WHERE x.article_id = a.id AND x.author_id = ?)) "
                            "AND (? IS NULL OR a.title LIKE ? ESCAPE '\\') "
                            "AND (? IS NULL OR EXISTS (SELECT 1 FROM article_tags y JOIN tags t ON t.id = y.tag_id "
                            "WHERE y.article_id = a.id AND t.taxonomy = 'post_tag' AND t.name = ?))")
                        + keyset + orderClause(query) + QStringLiteral(" LIMIT ? OFFSET ?");
    const QVariant status = query.status ? QVariant(statusKey(*query.status)) : QVariant(QMetaType::fromType<QString>());
    const QVariant author = idToDb(query.authorId);
    QVariant title(QMetaType::fromType<QString>());
    if (!query.titleContains.isEmpty()) {
        QString escaped = query.titleContains;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        title = QString(QLatin1Char('%') + escaped + QLatin1Char('%'));
    }
    const QVariant tag = query.tag.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(query.tag);
    QVariantList values{status, status, author, author, title, title, tag, tag};
    values += keysetValues;
    values << limit << offset;
    BoundQuery q(c, sql, values);
    if (!q.exec("list articles"))
        return R::failure(q.error());
    QList<ArticleSummary> out;
    out.reserve(limit);
    while (q.next())
        out << readSummary(q);
    return out;
}

Result<QList<ArticleSummary>> ArticleRepository::summaries(const QList<qint64> &ids) const
{
    using R = Result<QList<ArticleSummary>>;
    QList<ArticleSummary> out;
    // A fixed statement per chunk length keeps well under any engine's limit on bound values.
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < ids.size(); from += kChunk) {
        const qsizetype n = std::min(kChunk, ids.size() - from);
        QString marks;
        marks.reserve(n * 3);
        QVariantList values;
        values.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            marks += i ? QLatin1String(", ?") : QLatin1String("?");
            values << ids.at(from + i);
        }
        BoundQuery q(m_db.connection(), kSummaryColumns + QLatin1String("WHERE a.id IN (") + marks + QLatin1Char(')'),
                     values);
        if (!q.exec("read articles of the list"))
            return R::failure(q.error());
        while (q.next())
            out << readSummary(q);
    }
    return out;
}

Result<QStringList> ArticleRepository::authorNames(qint64 articleId) const
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT au.display_name FROM article_authors x JOIN authors au ON au.id = x.author_id "
                                "WHERE x.article_id = ? ORDER BY x.position"),
                 {articleId});
    if (!q.exec("read the article's authors"))
        return Result<QStringList>::failure(q.error());
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

Result<QList<ArticleSummary>> ArticleRepository::usingImage(qint64 imageId, qint64 wpAttachmentId) const
{
    using R = Result<QList<ArticleSummary>>;
    const QVariant none(QMetaType::fromType<QString>());
    const QVariant caption = wpAttachmentId > 0 ? QVariant(QStringLiteral("%\"attachment_%1\"%").arg(wpAttachmentId)) : none;
    const QVariant clsQuoted = wpAttachmentId > 0 ? QVariant(QStringLiteral("%wp-image-%1\"%").arg(wpAttachmentId)) : none;
    const QVariant clsSpaced = wpAttachmentId > 0 ? QVariant(QStringLiteral("%wp-image-%1 %").arg(wpAttachmentId)) : none;
    BoundQuery q(m_db.connection(),
                 kSummaryColumns
                     + QLatin1String("WHERE a.featured_image_id = ? OR a.body LIKE ? OR a.body LIKE ? OR a.body LIKE ? "
                                     "ORDER BY a.updated_at DESC"),
                 {imageId, caption, clsQuoted, clsSpaced});
    if (!q.exec("find where the image is used"))
        return R::failure(q.error());
    QList<ArticleSummary> out;
    while (q.next())
        out << readSummary(q);
    return out;
}

Result<bool> ArticleRepository::slugTaken(const QString &slug, qint64 exceptId) const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT 1 FROM articles WHERE slug = ? AND id <> ?"), {slug, exceptId});
    if (!q.exec("check the slug"))
        return Result<bool>::failure(q.error());
    return q.next();
}

Result<QList<Revision>> ArticleRepository::revisions(qint64 articleId) const
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT id, row_version, title, excerpt, body, status, saved_by, saved_at "
                                "FROM article_revisions WHERE article_id = ? ORDER BY id"),
                 {articleId});
    if (!q.exec("read the article's history"))
        return Result<QList<Revision>>::failure(q.error());
    QList<Revision> out;
    while (q.next()) {
        Revision r;
        r.id = q.value(0).toLongLong();
        r.articleId = articleId;
        r.rowVersion = q.value(1).toInt();
        r.title = q.value(2).toString();
        r.excerpt = q.value(3).toString();
        r.body = q.value(4).toString();
        r.status = statusFromKey(q.value(5).toString()).value_or(ArticleStatus::Draft);
        r.savedBy = q.value(6).toString();
        r.savedAt = timeFromDb(q.value(7));
        out << r;
    }
    return out;
}

} // namespace byline
