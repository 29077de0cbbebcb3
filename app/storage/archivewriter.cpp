#include "archivewriter.h"

#include "database.h"
#include "imagerepository.h"
#include "sqlerror.h"
#include "sqlvalues.h"
#include "transaction.h"

#include "domain/slug.h"

namespace byline {

namespace {

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

// Binds values in order. A null QString would be bound as NULL; the text columns are NOT NULL
// with '' meaning "none", so those become '' (as BoundQuery does). Real NULLs are null QVariants.
void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values) {
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(v);
    }
}

} // namespace

ArchiveWriter::ArchiveWriter(Database &db) : m_db(db) {}

ArchiveWriter::~ArchiveWriter() = default;

bool ArchiveWriter::prepare(QSqlQuery &q, const char *sql)
{
    q = QSqlQuery(m_db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromLatin1(sql))) {
        m_error = describeError(q, "prepare the archive statements");
        return false;
    }
    return true;
}

Status ArchiveWriter::begin()
{
    if (m_tx)
        return Status::failure(QStringLiteral("a batch is already open"));
    m_tx = std::make_unique<Transaction>(m_db);
    if (!m_tx->isActive()) {
        const QString why = m_tx->error();
        m_tx.reset();
        return Status::failure(why);
    }
    if (m_prepared)
        return {}; // prepared statements outlive the transactions they ran in
    const bool ok =
        prepare(m_blob, "INSERT INTO image_blobs (sha256, byte_size, data) VALUES (?, ?, coalesce(?, zeroblob(0))) "
                        "ON CONFLICT (sha256) DO NOTHING")
        && prepare(m_image, "INSERT INTO images (sha256, mime_type, width, height, original_filename, "
                            "wp_attachment_id, title, caption, description, credit_line, creator, "
                            "copyright_notice, alt_text, created_at, updated_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        && prepare(m_author, "INSERT INTO authors (slug, display_name, role_line, bio, email, avatar_image_id, "
                             "wp_author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        && prepare(m_article, "INSERT INTO articles (title, slug, excerpt, body, status, post_type, "
                              "featured_image_id, created_at, updated_at, scheduled_at, published_at, "
                              "embargo_at, wp_post_id, wp_guid, row_version) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        && prepare(m_articleAuthor, "INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)")
        && prepare(m_tag, "INSERT INTO tags (name, slug, taxonomy) VALUES (?, ?, 'post_tag') "
                          "ON CONFLICT (taxonomy, slug) DO NOTHING")
        && prepare(m_tagLookup, "SELECT id FROM tags WHERE taxonomy = 'post_tag' AND slug = ?")
        && prepare(m_articleTag, "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?) "
                                 "ON CONFLICT (article_id, tag_id) DO NOTHING");
    if (!ok) {
        m_tx.reset();
        return Status::failure(m_error);
    }
    m_prepared = true;
    return {};
}

Status ArchiveWriter::commit()
{
    if (!m_tx)
        return Status::failure(QStringLiteral("no batch is open"));
    // Finished statements must not hold read locks across the commit.
    for (QSqlQuery *q : {&m_blob, &m_image, &m_author, &m_article, &m_articleAuthor, &m_tag, &m_tagLookup, &m_articleTag})
        q->finish();
    const Status s = m_tx->commit();
    m_tx.reset();
    return s;
}

Result<qint64> ArchiveWriter::addImage(const QByteArray &bytes, const Image &meta)
{
    using R = Result<qint64>;
    if (!m_tx)
        return R::failure(QStringLiteral("no batch is open"));
    const QString sha = QString::fromLatin1(ImageRepository::digest(bytes));
    m_blob.addBindValue(sha);
    m_blob.addBindValue(qint64(bytes.size()));
    m_blob.addBindValue(bytes);
    if (!m_blob.exec())
        return R::failure(describeError(m_blob, "store the image bytes"));
    const QVariantList values = {sha, meta.mimeType, meta.width, meta.height, meta.originalFileName,
                                 idToDb(meta.wpAttachmentId), meta.title, meta.caption, meta.description,
                                 meta.creditLine, meta.creator, meta.copyrightNotice, meta.altText,
                                 toDb(meta.createdAt), toDb(meta.updatedAt.isValid() ? meta.updatedAt : meta.createdAt)};
    bindAll(m_image, values);
    if (!m_image.exec())
        return R::failure(describeError(m_image, "store the image"));
    return m_image.lastInsertId().toLongLong();
}

Result<qint64> ArchiveWriter::addAuthor(const Author &a)
{
    using R = Result<qint64>;
    if (!m_tx)
        return R::failure(QStringLiteral("no batch is open"));
    const QDateTime now = nowUtc();
    const QVariantList values = {a.slug, a.displayName, a.roleLine, a.bio, a.email, idToDb(a.avatarImageId),
                                 idToDb(a.wpAuthorId), toDb(now), toDb(now)};
    bindAll(m_author, values);
    if (!m_author.exec())
        return R::failure(describeError(m_author, "store the author"));
    return m_author.lastInsertId().toLongLong();
}

Result<qint64> ArchiveWriter::tagId(const QString &name)
{
    QString slug = slugify(name);
    if (slug.isEmpty())
        slug = name.toLower();
    const auto found = m_tagIds.constFind(slug);
    if (found != m_tagIds.cend())
        return *found;
    m_tag.addBindValue(name);
    m_tag.addBindValue(slug);
    if (!m_tag.exec())
        return Result<qint64>::failure(describeError(m_tag, "store a tag"));
    m_tagLookup.addBindValue(slug);
    if (!m_tagLookup.exec() || !m_tagLookup.next())
        return Result<qint64>::failure(describeError(m_tagLookup, "find a tag"));
    const qint64 id = m_tagLookup.value(0).toLongLong();
    m_tagLookup.finish();
    m_tagIds.insert(slug, id);
    return id;
}

Result<qint64> ArchiveWriter::addArticle(const Article &a)
{
    using R = Result<qint64>;
    if (!m_tx)
        return R::failure(QStringLiteral("no batch is open"));
    const QVariantList values = {a.title, a.slug, a.excerpt, a.body, statusKey(a.status),
                                 a.postType == PostType::Page ? QStringLiteral("page") : QStringLiteral("post"),
                                 idToDb(a.featuredImageId), toDb(a.createdAt),
                                 toDb(a.updatedAt.isValid() ? a.updatedAt : a.createdAt), toDb(a.scheduledAt),
                                 toDb(a.publishedAt), toDb(a.embargoAt), idToDb(a.wpPostId), textOrNull(a.wpGuid),
                                 a.rowVersion > 0 ? a.rowVersion : 1};
    bindAll(m_article, values);
    if (!m_article.exec())
        return R::failure(describeError(m_article, "store the article"));
    const qint64 id = m_article.lastInsertId().toLongLong();
    for (int i = 0; i < a.authorIds.size(); ++i) {
        m_articleAuthor.addBindValue(id);
        m_articleAuthor.addBindValue(a.authorIds.at(i));
        m_articleAuthor.addBindValue(i);
        if (!m_articleAuthor.exec())
            return R::failure(describeError(m_articleAuthor, "attach an author"));
    }
    for (int i = 0; i < a.tags.size(); ++i) {
        const auto tag = tagId(a.tags.at(i));
        if (!tag)
            return R::failure(tag.error());
        m_articleTag.addBindValue(id);
        m_articleTag.addBindValue(*tag);
        m_articleTag.addBindValue(i);
        if (!m_articleTag.exec())
            return R::failure(describeError(m_articleTag, "tag the article"));
    }
    return id;
}

} // namespace byline
