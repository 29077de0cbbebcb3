#include "exchangerepository.h"

#include "database.h"
#include "query.h"
#include "rowreaders.h"
#include "sqlerror.h"
#include "sqlvalues.h"
#include "transaction.h"

#include "domain/slug.h"

#include <QCryptographicHash>
#include <QSet>
#include <QSqlQuery>

namespace byline {

namespace {

QString postTypeKey(PostType t)
{
    return t == PostType::Page ? QStringLiteral("page") : QStringLiteral("post");
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

bool sameContent(const Article &a, const Article &b)
{
    return a.title == b.title && a.slug == b.slug && a.excerpt == b.excerpt && a.body == b.body
        && a.status == b.status && a.postType == b.postType && a.scheduledAt == b.scheduledAt
        && a.publishedAt == b.publishedAt && a.wpGuid == b.wpGuid && a.createdAt == b.createdAt;
}

} // namespace

ExchangeRepository::ExchangeRepository(Database &db) : m_db(db) {}

ExchangeRepository::~ExchangeRepository()
{
    // A bulk import left unfinished (its caller failed part-way) still puts the triggers back
    // and the index in step, so that whatever the caller then commits or rolls back is whole.
    if (m_bulk)
        finishBulkImport();
}

QSqlQuery *ExchangeRepository::run(const QString &sql, const QVariantList &values, const char *what,
                                   QString &error) const
{
    std::unique_ptr<QSqlQuery> &slot = m_statements[sql];
    if (!slot) {
        auto q = std::make_unique<QSqlQuery>(m_db.connection());
        q->setForwardOnly(true);
        if (!q->prepare(sql)) {
            error = describeError(*q, what);
            return nullptr;
        }
        slot = std::move(q);
    }
    QSqlQuery &q = *slot;
    for (int i = 0; i < values.size(); ++i) {
        QVariant v = values.at(i);
        // As BoundQuery: a null QString means "empty" in text columns; real NULLs come as a
        // null QVariant.
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            v = QStringLiteral("");
        q.bindValue(i, v);
    }
    if (!q.exec()) {
        error = describeError(q, what);
        q.finish();
        return nullptr;
    }
    return &q;
}

Result<qint64> ExchangeRepository::upsertAuthor(const WxrAuthorRecord &author)
{
    using R = Result<qint64>;
    const QSqlDatabase c = m_db.connection();
    const QDateTime now = nowUtc();
    // A re-import refreshes what WordPress knows and keeps what the newsroom added (bio, role).
    BoundQuery q(c,
                 QStringLiteral("INSERT INTO authors (slug, display_name, email, wp_author_id, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET "
                                "display_name = excluded.display_name, "
                                "email = CASE WHEN excluded.email = '' THEN authors.email ELSE excluded.email END, "
                                "wp_author_id = coalesce(excluded.wp_author_id, authors.wp_author_id), "
                                "updated_at = excluded.updated_at"),
                 {author.slug, author.displayName.isEmpty() ? author.slug : author.displayName, author.email,
                  idToDb(author.wpAuthorId), toDb(now), toDb(now)});
    if (!q.exec("store an author"))
        return R::failure(q.error());
    BoundQuery id(c, QStringLiteral("SELECT id FROM authors WHERE slug = ?"), {author.slug});
    if (!id.exec("find the author") || !id.next())
        return R::failure(id.error());
    const qint64 authorId = id.value(0).toLongLong();
    if (!author.firstName.isEmpty() || !author.lastName.isEmpty()) {
        BoundQuery names(c,
                         QStringLiteral("INSERT INTO wp_author_names (author_id, first_name, last_name) VALUES (?, ?, ?) "
                                        "ON CONFLICT (author_id) DO UPDATE SET first_name = excluded.first_name, "
                                        "last_name = excluded.last_name"),
                         {authorId, author.firstName, author.lastName});
        if (!names.exec("store the author's names"))
            return R::failure(names.error());
    }
    return authorId;
}

Result<qint64> ExchangeRepository::upsertTerm(const QString &taxonomy, const QString &slug, const QString &name)
{
    using R = Result<qint64>;
    const QSqlDatabase c = m_db.connection();
    BoundQuery q(c,
                 QStringLiteral("INSERT INTO tags (name, slug, taxonomy) VALUES (?, ?, ?) "
                                "ON CONFLICT (taxonomy, slug) DO UPDATE SET name = excluded.name"),
                 {name.isEmpty() ? slug : name, slug, taxonomy});
    if (!q.exec("store a term"))
        return R::failure(q.error());
    BoundQuery id(c, QStringLiteral("SELECT id FROM tags WHERE taxonomy = ? AND slug = ?"), {taxonomy, slug});
    if (!id.exec("find the term") || !id.next())
        return R::failure(id.error());
    return id.value(0).toLongLong();
}

Result<qint64> ExchangeRepository::articleIdByWpPostId(qint64 wpPostId) const
{
    QString error;
    QSqlQuery *q = run(QStringLiteral("SELECT id FROM articles WHERE wp_post_id = ? ORDER BY id LIMIT 1"), {wpPostId},
                       "find the article by WordPress id", error);
    if (!q)
        return Result<qint64>::failure(error);
    const qint64 id = q->next() ? q->value(0).toLongLong() : qint64(0);
    q->finish();
    return id;
}

Result<QString> ExchangeRepository::uniqueArticleSlug(const QString &base, qint64 exceptId) const
{
    QString error;
    const QString slug = uniqueSlug(base, [&](const QString &candidate) {
        QSqlQuery *q = run(QStringLiteral("SELECT 1 FROM articles WHERE slug = ? AND id <> ?"), {candidate, exceptId},
                           "check the slug", error);
        if (!q)
            return false;
        const bool taken = q->next();
        q->finish();
        return taken;
    });
    if (!error.isEmpty())
        return Result<QString>::failure(error);
    return slug;
}

Result<bool> ExchangeRepository::saveImportedArticle(Article &article, const QList<qint64> &termIds,
                                                     const QString &savedBy, QString *previousSlug,
                                                     const SearchText::Derived *derived)
{
    using R = Result<bool>;
    std::optional<Transaction> tx;
    if (m_db.transactionDepth() == 0) {
        tx.emplace(m_db);
        if (!tx->isActive())
            return R::failure(tx->error());
    }
    QString error;
    const QDateTime now = nowUtc();
    bool changed = true;
    const bool isNew = article.id <= 0;
    if (previousSlug)
        previousSlug->clear();
    if (!isNew) {
        QSqlQuery *old = run(QStringLiteral("SELECT ") + kArticleRowColumns + QStringLiteral(" FROM articles a WHERE a.id = ?"),
                             {article.id}, "read the article", error);
        if (!old)
            return R::failure(error);
        if (!old->next()) {
            old->finish();
            return R::failure(QStringLiteral("article %1 vanished").arg(article.id));
        }
        const Article before = articleFromRow(*old);
        old->finish();
        if (previousSlug)
            *previousSlug = before.slug;
        if (!article.createdAt.isValid())
            article.createdAt = before.createdAt; // an undated draft keeps the date it was first seen
        changed = !sameContent(before, article);
        article.rowVersion = before.rowVersion + (changed ? 1 : 0);
        article.updatedAt = changed ? now : before.updatedAt;
        if (changed
            && !run(QStringLiteral("UPDATE articles SET title = ?, slug = ?, excerpt = ?, body = ?, status = ?, "
                                   "post_type = ?, created_at = ?, updated_at = ?, scheduled_at = ?, "
                                   "published_at = ?, wp_post_id = ?, wp_guid = ?, row_version = ? WHERE id = ?"),
                    {article.title, article.slug, article.excerpt, article.body, statusKey(article.status),
                     postTypeKey(article.postType), toDb(article.createdAt), toDb(now), toDb(article.scheduledAt),
                     toDb(article.publishedAt), idToDb(article.wpPostId), textOrNull(article.wpGuid),
                     article.rowVersion, article.id},
                    "update the imported article", error))
            return R::failure(error);
    } else {
        if (!article.createdAt.isValid())
            article.createdAt = now;
        article.updatedAt = now;
        article.rowVersion = 1;
        QSqlQuery *q = run(QStringLiteral("INSERT INTO articles (title, slug, excerpt, body, status, post_type, created_at, "
                                          "updated_at, scheduled_at, published_at, wp_post_id, wp_guid, row_version) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
                           {article.title, article.slug, article.excerpt, article.body, statusKey(article.status),
                            postTypeKey(article.postType), toDb(article.createdAt), toDb(now), toDb(article.scheduledAt),
                            toDb(article.publishedAt), idToDb(article.wpPostId), textOrNull(article.wpGuid)},
                           "store the imported article", error);
        if (!q)
            return R::failure(error);
        article.id = q->lastInsertId().toLongLong();
    }
    if (changed
        && !run(QStringLiteral("INSERT INTO article_revisions (article_id, row_version, title, excerpt, body, "
                               "status, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                {article.id, article.rowVersion, article.title, article.excerpt, article.body,
                 statusKey(article.status), savedBy, toDb(now)},
                "store a revision", error))
        return R::failure(error);
    // Relations are rewritten every time; they are cheap and WordPress is the source here. A
    // new article has none to remove.
    if (!isNew
        && !run(QStringLiteral("DELETE FROM article_authors WHERE article_id = ?"), {article.id},
                "replace the article's authors", error))
        return R::failure(error);
    for (int i = 0; i < article.authorIds.size(); ++i) {
        if (!run(QStringLiteral("INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?) "
                                "ON CONFLICT (article_id, author_id) DO NOTHING"),
                 {article.id, article.authorIds.at(i), i}, "attach an author", error))
            return R::failure(error);
    }
    if (!isNew
        && !run(QStringLiteral("DELETE FROM article_tags WHERE article_id = ?"), {article.id},
                "replace the article's terms", error))
        return R::failure(error);
    for (int i = 0; i < termIds.size(); ++i) {
        if (!run(QStringLiteral("INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?) "
                                "ON CONFLICT (article_id, tag_id) DO NOTHING"),
                 {article.id, termIds.at(i), i}, "attach a term", error))
            return R::failure(error);
    }
    if (m_bulk && !m_bulk->suspendedTriggers.isEmpty() && changed) {
        // What the suspended triggers would have written, from the same functions.
        std::optional<SearchText::Derived> own;
        if (!derived)
            derived = &own.emplace(SearchText::derive(article.body));
        const SqlDialect &dialect = m_db.dialect();
        if (!isNew && !run(dialect.unindexArticleSql(), {article.id}, "drop the article from the index", error))
            return R::failure(error);
        if (!run(dialect.indexArticleSql(),
                 {article.id, article.title, article.excerpt, derived->text, derived->credits},
                 "index the article", error)
            || !run(QStringLiteral("INSERT INTO article_stats (article_id, word_count, missing_credits) VALUES (?, ?, ?) "
                                   "ON CONFLICT (article_id) DO UPDATE SET word_count = excluded.word_count, "
                                   "missing_credits = excluded.missing_credits"),
                    {article.id, derived->words, derived->missingCredits}, "count the article's words", error))
            return R::failure(error);
    }
    if (tx) {
        if (Status s = tx->commit(); !s)
            return R::failure(s.error());
    }
    return changed;
}

Result<QString> ExchangeRepository::ensureBlob(const QByteArray &bytes)
{
    QString error;
    if (bytes.isEmpty()) {
        if (m_emptySha.isEmpty())
            m_emptySha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        // An empty QByteArray binds as NULL; the placeholder needs a real zero-length blob.
        if (!run(QStringLiteral("INSERT INTO image_blobs (sha256, byte_size, data) VALUES (?, 0, zeroblob(0)) "
                                "ON CONFLICT (sha256) DO NOTHING"),
                 {m_emptySha}, "store the empty placeholder", error))
            return Result<QString>::failure(error);
        return m_emptySha;
    }
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (!run(QStringLiteral("INSERT INTO image_blobs (sha256, byte_size, data) VALUES (?, ?, ?) "
                            "ON CONFLICT (sha256) DO NOTHING"),
             {sha, qint64(bytes.size()), bytes}, "store the image bytes", error))
        return Result<QString>::failure(error);
    return sha;
}

Result<qint64> ExchangeRepository::saveAttachment(AttachmentRecord &record, const QByteArray *bytes,
                                                  std::optional<qint64> knownId)
{
    using R = Result<qint64>;
    std::optional<Transaction> tx;
    if (m_db.transactionDepth() == 0) {
        tx.emplace(m_db);
        if (!tx->isActive())
            return R::failure(tx->error());
    }
    QString error;
    Image &m = record.image;
    const QDateTime now = nowUtc();
    if (knownId) {
        m.id = *knownId;
    } else {
        auto existing = imageIdByWpAttachmentId(m.wpAttachmentId);
        if (!existing)
            return R::failure(existing.error());
        m.id = *existing;
    }

    QString sha;
    if (bytes) {
        auto s = ensureBlob(*bytes);
        if (!s)
            return R::failure(s.error());
        sha = *s;
        m.byteSize = bytes->size();
    } else if (m.id == 0) {
        auto s = ensureBlob(QByteArray());
        if (!s)
            return R::failure(s.error());
        sha = *s;
        m.byteSize = 0;
    }

    if (m.id > 0) {
        if (m_bulk && m.id <= m_bulk->lastImageId)
            m_bulk->imagesUpdated = true;
        if (!run(QStringLiteral("UPDATE images SET sha256 = coalesce(?, sha256), "
                                "mime_type = CASE WHEN ? = '' THEN mime_type ELSE ? END, "
                                "width = CASE WHEN ? > 0 THEN ? ELSE width END, "
                                "height = CASE WHEN ? > 0 THEN ? ELSE height END, "
                                "original_filename = ?, title = ?, caption = ?, description = ?, alt_text = ?, "
                                "updated_at = ? WHERE id = ?"),
                 {textOrNull(sha), m.mimeType, m.mimeType, m.width, m.width, m.height, m.height, m.originalFileName,
                  m.title, m.caption, m.description, m.altText, toDb(now), m.id},
                 "update the attachment", error))
            return R::failure(error);
    } else {
        QSqlQuery *q = run(QStringLiteral("INSERT INTO images (sha256, mime_type, width, height, original_filename, "
                                          "wp_attachment_id, title, caption, description, credit_line, creator, "
                                          "copyright_notice, alt_text, created_at, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           {sha, m.mimeType, m.width, m.height, m.originalFileName, idToDb(m.wpAttachmentId), m.title,
                            m.caption, m.description, m.creditLine, m.creator, m.copyrightNotice, m.altText, toDb(now),
                            toDb(now)},
                           "store the attachment", error);
        if (!q)
            return R::failure(error);
        m.id = q->lastInsertId().toLongLong();
    }
    if (!run(QStringLiteral("INSERT INTO wp_attachments (image_id, attached_file, source_url, parent_wp_post_id) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (image_id) DO UPDATE SET "
                            "attached_file = excluded.attached_file, source_url = excluded.source_url, "
                            "parent_wp_post_id = excluded.parent_wp_post_id"),
             {m.id, record.attachedFile, record.sourceUrl, idToDb(record.parentWpPostId)},
             "store where the attachment came from", error))
        return R::failure(error);
    if (tx) {
        if (Status s = tx->commit(); !s)
            return R::failure(s.error());
    }
    return m.id;
}

Status ExchangeRepository::setFeaturedImage(qint64 articleId, qint64 imageId)
{
    QString error;
    if (!run(QStringLiteral("UPDATE articles SET featured_image_id = ? WHERE id = ?"), {idToDb(imageId), articleId},
             "set the featured image", error))
        return Status::failure(error);
    return {};
}

Result<qint64> ExchangeRepository::imageIdByWpAttachmentId(qint64 wpAttachmentId) const
{
    if (wpAttachmentId <= 0)
        return qint64(0);
    QString error;
    QSqlQuery *q = run(QStringLiteral("SELECT id FROM images WHERE wp_attachment_id = ?"), {wpAttachmentId},
                       "find the attachment", error);
    if (!q)
        return Result<qint64>::failure(error);
    const qint64 id = q->next() ? q->value(0).toLongLong() : qint64(0);
    q->finish();
    return id;
}

Result<QHash<qint64, qint64>> ExchangeRepository::imageIdsByWpAttachmentId() const
{
    using R = Result<QHash<qint64, qint64>>;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT wp_attachment_id, id FROM images WHERE wp_attachment_id IS NOT NULL"));
    if (!q.exec("read the attachments' WordPress ids"))
        return R::failure(q.error());
    QHash<qint64, qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    return out;
}

Status ExchangeRepository::beginBulkImport()
{
    if (m_db.transactionDepth() == 0)
        return Status::failure(QStringLiteral("a bulk import runs inside a transaction"));
    if (m_bulk)
        return Status::failure(QStringLiteral("a bulk import is already under way"));
    QSqlDatabase c = m_db.connection();
    BoundQuery last(c, QStringLiteral("SELECT coalesce(max(id), 0) FROM images"));
    if (!last.exec("find the last image") || !last.next())
        return Status::failure(last.error());
    BulkImport bulk;
    bulk.lastImageId = last.value(0).toLongLong();
    auto suspended = m_db.dialect().suspendSearchTriggers(c);
    if (!suspended)
        return Status::failure(suspended.error());
    bulk.suspendedTriggers = std::move(suspended).value();
    m_bulk = std::move(bulk);
    return {};
}

Status ExchangeRepository::finishBulkImport()
{
    if (!m_bulk)
        return Status::failure(QStringLiteral("no bulk import is under way"));
    const BulkImport bulk = std::move(*m_bulk);
    m_bulk.reset();
    if (bulk.suspendedTriggers.isEmpty())
        return {};
    QSqlDatabase c = m_db.connection();
    const SqlDialect &dialect = m_db.dialect();
    if (Status s = dialect.indexImages(c, bulk.lastImageId, bulk.imagesUpdated); !s)
        return s;
    return dialect.resumeSearchTriggers(c, bulk.suspendedTriggers);
}

Result<QHash<qint64, qint64>> ExchangeRepository::articleIdsByWpPostId() const
{
    using R = Result<QHash<qint64, qint64>>;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT wp_post_id, min(id) FROM articles WHERE wp_post_id IS NOT NULL GROUP BY wp_post_id"));
    if (!q.exec("read the articles' WordPress ids"))
        return R::failure(q.error());
    QHash<qint64, qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    return out;
}

Result<QHash<QString, qint64>> ExchangeRepository::articleSlugs() const
{
    using R = Result<QHash<QString, qint64>>;
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT slug, id FROM articles"));
    if (!q.exec("read the article slugs"))
        return R::failure(q.error());
    QHash<QString, qint64> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

Status ExchangeRepository::assignWordPressIds()
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    const QSqlDatabase c = tx.connection();
    // WordPress numbers posts and attachments from one sequence, so one maximum covers both:
    // articles without an id get the next ones in id order, then images likewise.
    BoundQuery max(c, QStringLiteral("SELECT max(coalesce((SELECT max(wp_post_id) FROM articles), 0), "
                                     "coalesce((SELECT max(wp_attachment_id) FROM images), 0))"));
    if (!max.exec("find the highest WordPress id") || !max.next())
        return Status::failure(max.error());
    const qint64 highest = max.value(0).toLongLong();
    BoundQuery articles(c,
                        QStringLiteral("UPDATE articles SET wp_post_id = ? + n.seq FROM "
                                       "(SELECT id, row_number() OVER (ORDER BY id) AS seq FROM articles "
                                       "WHERE wp_post_id IS NULL) AS n WHERE articles.id = n.id"),
                        {highest});
    if (!articles.exec("assign WordPress ids to articles"))
        return Status::failure(articles.error());
    const qint64 assigned = articles.rowsAffected();
    BoundQuery images(c,
                      QStringLiteral("UPDATE images SET wp_attachment_id = ? + n.seq FROM "
                                     "(SELECT id, row_number() OVER (ORDER BY id) AS seq FROM images "
                                     "WHERE wp_attachment_id IS NULL) AS n WHERE images.id = n.id"),
                      {highest + qMax<qint64>(assigned, 0)});
    if (!images.exec("assign WordPress ids to images"))
        return Status::failure(images.error());
    return tx.commit();
}

namespace {

// The selection's WHERE clause and its values, shared by the count and the reads.
struct SelectionFilter
{
    QString where;
    QVariantList values;
};

SelectionFilter selectionFilter(const ExportSelection &s)
{
    const QVariant status = s.status ? QVariant(statusKey(*s.status)) : QVariant(QMetaType::fromType<QString>());
    return {QStringLiteral(" FROM articles a WHERE (? IS NULL OR a.status = ?) "
                           "AND (? IS NULL OR coalesce(a.published_at, a.scheduled_at, a.created_at) >= ?) "
                           "AND (? IS NULL OR coalesce(a.published_at, a.scheduled_at, a.created_at) <= ?) "
                           "AND (? IS NULL OR a.updated_at >= ?)"),
            {status, status, toDb(s.from), toDb(s.from), toDb(s.to), toDb(s.to), toDb(s.changedSince),
             toDb(s.changedSince)}};
}

// article id → ids in position order, from a two-column (article_id, other id) relation.
Result<QHash<qint64, QList<qint64>>> relation(const QSqlDatabase &c, const QString &sql, const char *what)
{
    BoundQuery q(c, sql);
    if (!q.exec(what))
        return Result<QHash<qint64, QList<qint64>>>::failure(q.error());
    QHash<qint64, QList<qint64>> out;
    while (q.next())
        out[q.value(0).toLongLong()] << q.value(1).toLongLong();
    return out;
}

} // namespace

Result<qint64> ExchangeRepository::countArticlesForExport(const ExportSelection &selection) const
{
    const SelectionFilter f = selectionFilter(selection);
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT count(*)") + f.where, f.values);
    if (!q.exec("count the articles to export") || !q.next())
        return Result<qint64>::failure(q.error());
    return q.value(0).toLongLong();
}

Status ExchangeRepository::forEachArticleForExport(const ExportSelection &selection, const ExportRow &each) const
{
    const QSqlDatabase c = m_db.connection();
    // Relations in two sweeps of ids instead of two queries per article.
    auto authors = relation(c, QStringLiteral("SELECT article_id, author_id FROM article_authors ORDER BY article_id, position"),
                            "read the bylines");
    if (!authors)
        return Status::failure(authors.error());
    auto tags = relation(c, QStringLiteral("SELECT article_id, tag_id FROM article_tags ORDER BY article_id, position"),
                         "read the terms");
    if (!tags)
        return Status::failure(tags.error());
    const SelectionFilter f = selectionFilter(selection);
    BoundQuery q(c, QStringLiteral("SELECT ") + kArticleRowColumnsUtf8 + f.where + QStringLiteral(" ORDER BY a.id"), f.values);
    if (!q.exec("select the articles to export"))
        return Status::failure(q.error());
    ExportArticle e;
    while (q.next()) {
        e.article = articleFromRow(q, 0, ArticleBody::Skip);
        e.article.authorIds = authors->value(e.article.id);
        e.termIds = tags->value(e.article.id);
        const QByteArray body = q.value(kArticleRowBodyColumn).toByteArray(); // shares the row's bytes
        if (Status s = each(e, body); !s)
            return s;
    }
    return {};
}

Result<QList<TermRecord>> ExchangeRepository::terms() const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT id, taxonomy, slug, name FROM tags ORDER BY taxonomy, slug"));
    if (!q.exec("read the terms"))
        return Result<QList<TermRecord>>::failure(q.error());
    QList<TermRecord> out;
    while (q.next())
        out << TermRecord{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    return out;
}

Result<QHash<qint64, WxrAuthorRecord>> ExchangeRepository::wpAuthorNames() const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT author_id, first_name, last_name FROM wp_author_names"));
    if (!q.exec("read the authors' names"))
        return Result<QHash<qint64, WxrAuthorRecord>>::failure(q.error());
    QHash<qint64, WxrAuthorRecord> out;
    while (q.next()) {
        WxrAuthorRecord r;
        r.firstName = q.value(1).toString();
        r.lastName = q.value(2).toString();
        out.insert(q.value(0).toLongLong(), r);
    }
    return out;
}

Result<QList<AttachmentRecord>> ExchangeRepository::attachments(const QList<qint64> *ids) const
{
    using R = Result<QList<AttachmentRecord>>;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT ") + kImageRowColumns
                     + QStringLiteral(", w.attached_file, w.source_url, w.parent_wp_post_id "
                                      "FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 "
                                      "LEFT JOIN wp_attachments w ON w.image_id = i.id ORDER BY i.id"));
    if (!q.exec("read the attachments"))
        return R::failure(q.error());
    QSet<qint64> wanted;
    if (ids)
        wanted = QSet<qint64>(ids->cbegin(), ids->cend());
    QList<AttachmentRecord> out;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (ids && !wanted.contains(id))
            continue;
        AttachmentRecord r;
        r.image = imageFromRow(q);
        r.attachedFile = q.value(17).toString();
        r.sourceUrl = q.value(18).toString();
        r.parentWpPostId = q.value(19).toLongLong();
        r.hasBytes = r.image.byteSize > 0;
        out << r;
    }
    return out;
}

Result<QByteArray> ExchangeRepository::imageBytes(qint64 imageId) const
{
    QString error;
    QSqlQuery *q = run(QStringLiteral("SELECT b.data FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 WHERE i.id = ?"),
                       {imageId}, "read the image bytes", error);
    if (!q)
        return Result<QByteArray>::failure(error);
    if (!q->next()) {
        q->finish();
        return Result<QByteArray>::failure(QStringLiteral("image %1 does not exist").arg(imageId));
    }
    const QByteArray bytes = q->value(0).toByteArray();
    q->finish();
    return bytes;
}

Result<QDateTime> ExchangeRepository::lastExport(const QString &format) const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT max(started_at) FROM export_log WHERE format = ?"), {format});
    if (!q.exec("read the export log") || !q.next())
        return Result<QDateTime>::failure(q.error());
    return timeFromDb(q.value(0));
}

Status ExchangeRepository::logExport(const QString &format, const QString &target, const QDateTime &startedAt,
                                     int articles, int images)
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("INSERT INTO export_log (format, target, started_at, finished_at, articles, images) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {format, target, toDb(startedAt), toDb(nowUtc()), articles, images});
    if (!q.exec("record the export"))
        return Status::failure(q.error());
    return {};
}

} // namespace byline
