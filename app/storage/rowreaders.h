#pragma once

#include "sqlvalues.h"

#include "domain/article.h"
#include "domain/image.h"

#include <QString>

namespace byline {

// The columns every article and image read takes, and the readers that turn one row (of a
// BoundQuery or a QSqlQuery, starting at column `first`) into the domain type. Shared by the
// repositories so a new column is added in one place.

// From "articles a": id … row_version, 16 columns.
inline const QString kArticleRowColumns = QStringLiteral(
    "a.id, a.title, a.slug, a.excerpt, a.body, a.status, a.post_type, a.featured_image_id, a.created_at, "
    "a.updated_at, a.scheduled_at, a.published_at, a.embargo_at, a.wp_post_id, a.wp_guid, a.row_version");

// The same columns with the long texts (title, excerpt, body) read as the UTF-8 bytes they are
// stored as: articleFromRow() turns those into QStrings with QString::fromUtf8, several times
// faster than the UTF-16 conversion SQLite makes of a text column. For reads of many articles.
inline const QString kArticleRowColumnsUtf8 = QStringLiteral(
    "a.id, CAST(a.title AS BLOB), a.slug, CAST(a.excerpt AS BLOB), CAST(a.body AS BLOB), a.status, a.post_type, "
    "a.featured_image_id, a.created_at, a.updated_at, a.scheduled_at, a.published_at, a.embargo_at, a.wp_post_id, "
    "a.wp_guid, a.row_version");

inline constexpr int kArticleRowBodyColumn = 4;

enum class ArticleBody { Read, Skip };

template <typename Row>
Article articleFromRow(const Row &q, int first = 0, ArticleBody body = ArticleBody::Read)
{
    const auto v = [&](int i) { return q.value(first + i); };
    Article a;
    a.id = v(0).toLongLong();
    a.title = v(1).toString();
    a.slug = v(2).toString();
    a.excerpt = v(3).toString();
    if (body == ArticleBody::Read)
        a.body = v(kArticleRowBodyColumn).toString();
    a.status = statusFromKey(v(5).toString()).value_or(ArticleStatus::Draft);
    a.postType = v(6).toString() == QLatin1String("page") ? PostType::Page : PostType::Post;
    a.featuredImageId = v(7).toLongLong();
    a.createdAt = timeFromDb(v(8));
    a.updatedAt = timeFromDb(v(9));
    a.scheduledAt = timeFromDb(v(10));
    a.publishedAt = timeFromDb(v(11));
    a.embargoAt = timeFromDb(v(12));
    a.wpPostId = v(13).toLongLong();
    a.wpGuid = v(14).toString();
    a.rowVersion = v(15).toInt();
    return a;
}

// From "images i JOIN image_blobs b ON b.sha256 = i.sha256": id … updated_at, 17 columns.
inline const QString kImageRowColumns = QStringLiteral(
    "i.id, i.sha256, i.mime_type, i.width, i.height, b.byte_size, i.original_filename, i.wp_attachment_id, "
    "i.title, i.caption, i.description, i.credit_line, i.creator, i.copyright_notice, i.alt_text, i.created_at, "
    "i.updated_at");

template <typename Row>
Image imageFromRow(const Row &q, int first = 0)
{
    const auto v = [&](int i) { return q.value(first + i); };
    Image m;
    m.id = v(0).toLongLong();
    m.sha256 = v(1).toString().toLatin1();
    m.mimeType = v(2).toString();
    m.width = v(3).toInt();
    m.height = v(4).toInt();
    m.byteSize = v(5).toLongLong();
    m.originalFileName = v(6).toString();
    m.wpAttachmentId = v(7).toLongLong();
    m.title = v(8).toString();
    m.caption = v(9).toString();
    m.description = v(10).toString();
    m.creditLine = v(11).toString();
    m.creator = v(12).toString();
    m.copyrightNotice = v(13).toString();
    m.altText = v(14).toString();
    m.createdAt = timeFromDb(v(15));
    m.updatedAt = timeFromDb(v(16));
    return m;
}

} // namespace byline
