#include "imagerepository.h"

#include "database.h"
#include "query.h"
#include "sqlvalues.h"
#include "transaction.h"

#include <QCryptographicHash>

namespace byline {

QByteArray ImageRepository::digest(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

Result<ImageRepository::Stored> ImageRepository::store(const QByteArray &bytes, Image &meta)
{
    using R = Result<Stored>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    const QSqlDatabase c = tx.connection();
    const QByteArray sha = digest(bytes);

    BoundQuery existing(c, QStringLiteral("SELECT id FROM images WHERE sha256 = ? ORDER BY id LIMIT 1"),
                        {QString::fromLatin1(sha)});
    if (!existing.exec("look for the same image"))
        return R::failure(existing.error());
    if (existing.next()) {
        const qint64 id = existing.value(0).toLongLong();
        auto found = get(id);
        if (!found)
            return R::failure(found.error());
        meta = *found;
        return Stored{id, true};
    }

    BoundQuery blob(c, QStringLiteral("INSERT INTO image_blobs (sha256, byte_size, data) VALUES (?, ?, ?) "
                                      "ON CONFLICT (sha256) DO NOTHING"),
                    {QString::fromLatin1(sha), qint64(bytes.size()), bytes});
    if (!blob.exec("store the image bytes"))
        return R::failure(blob.error());

    const QDateTime now = nowUtc();
    meta.sha256 = sha;
    meta.byteSize = bytes.size();
    meta.createdAt = meta.updatedAt = now;
    BoundQuery q(c,
                 QStringLiteral("INSERT INTO images (sha256, mime_type, width, height, original_filename, "
                                "wp_attachment_id, title, caption, description, credit_line, creator, "
                                "copyright_notice, alt_text, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {QString::fromLatin1(sha), meta.mimeType, meta.width, meta.height, meta.originalFileName,
                  idToDb(meta.wpAttachmentId), meta.title, meta.caption, meta.description, meta.creditLine,
                  meta.creator, meta.copyrightNotice, meta.altText, toDb(now), toDb(now)});
    if (!q.exec("store the image"))
        return R::failure(q.error());
    meta.id = q.lastInsertId();
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return Stored{meta.id, false};
}

Status ImageRepository::update(const Image &meta)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(),
                 QStringLiteral("UPDATE images SET original_filename = ?, wp_attachment_id = ?, title = ?, "
                                "caption = ?, description = ?, credit_line = ?, creator = ?, "
                                "copyright_notice = ?, alt_text = ?, updated_at = ? WHERE id = ?"),
                 {meta.originalFileName, idToDb(meta.wpAttachmentId), meta.title, meta.caption,
                  meta.description, meta.creditLine, meta.creator, meta.copyrightNotice, meta.altText,
                  toDb(nowUtc()), meta.id});
    if (!q.exec("save the image details"))
        return Status::failure(q.error());
    if (q.rowsAffected() != 1)
        return Status::failure(QStringLiteral("image %1 does not exist").arg(meta.id));
    return tx.commit();
}

Status ImageRepository::setCredits(const QList<qint64> &ids, const QString &creditLine, const QString &creator,
                                   const QString &copyrightNotice)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto orNull = [](const QString &v) { return v.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v); };
    for (qint64 id : ids) {
        // COALESCE keeps a field whose new value is NULL ("leave as it is").
        BoundQuery q(tx.connection(),
                     QStringLiteral("UPDATE images SET credit_line = COALESCE(?, credit_line), "
                                    "creator = COALESCE(?, creator), copyright_notice = COALESCE(?, copyright_notice), "
                                    "updated_at = ? WHERE id = ?"),
                     {orNull(creditLine), orNull(creator), orNull(copyrightNotice), toDb(nowUtc()), id});
        if (!q.exec("set the credits"))
            return Status::failure(q.error());
        if (q.rowsAffected() != 1)
            return Status::failure(QStringLiteral("image %1 does not exist").arg(id));
    }
    return tx.commit();
}

Result<QList<Image>> ImageRepository::select(const QString &where, const QVariantList &values) const
{
    using R = Result<QList<Image>>;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT i.id, i.sha256, i.mime_type, i.width, i.height, b.byte_size, "
                                "i.original_filename, i.wp_attachment_id, i.title, i.caption, i.description, "
                                "i.credit_line, i.creator, i.copyright_notice, i.alt_text, i.created_at, "
                                "i.updated_at FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 ")
                     + where,
                 values);
    if (!q.exec("read images"))
        return R::failure(q.error());
    QList<Image> out;
    while (q.next()) {
        Image m;
        m.id = q.value(0).toLongLong();
        m.sha256 = q.value(1).toString().toLatin1();
        m.mimeType = q.value(2).toString();
        m.width = q.value(3).toInt();
        m.height = q.value(4).toInt();
        m.byteSize = q.value(5).toLongLong();
        m.originalFileName = q.value(6).toString();
        m.wpAttachmentId = q.value(7).toLongLong();
        m.title = q.value(8).toString();
        m.caption = q.value(9).toString();
        m.description = q.value(10).toString();
        m.creditLine = q.value(11).toString();
        m.creator = q.value(12).toString();
        m.copyrightNotice = q.value(13).toString();
        m.altText = q.value(14).toString();
        m.createdAt = timeFromDb(q.value(15));
        m.updatedAt = timeFromDb(q.value(16));
        out << m;
    }
    return out;
}

Result<Image> ImageRepository::get(qint64 id) const
{
    auto r = select(QStringLiteral("WHERE i.id = ?"), {id});
    if (!r)
        return Result<Image>::failure(r.error());
    if (r->isEmpty())
        return Result<Image>::failure(QStringLiteral("image %1 does not exist").arg(id));
    return r->first();
}

Result<Image> ImageRepository::findByAttachmentId(qint64 wpAttachmentId) const
{
    auto r = select(QStringLiteral("WHERE i.wp_attachment_id = ?"), {wpAttachmentId});
    if (!r)
        return Result<Image>::failure(r.error());
    if (r->isEmpty())
        return Result<Image>::failure(QStringLiteral("no image with attachment id %1").arg(wpAttachmentId));
    return r->first();
}

Result<QList<Image>> ImageRepository::all() const
{
    return select(QStringLiteral("ORDER BY i.created_at DESC, i.id DESC"), {});
}

Result<QByteArray> ImageRepository::bytes(qint64 id) const
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT b.data FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 WHERE i.id = ?"),
                 {id});
    if (!q.exec("read the image bytes"))
        return Result<QByteArray>::failure(q.error());
    if (!q.next())
        return Result<QByteArray>::failure(QStringLiteral("image %1 does not exist").arg(id));
    return q.value(0).toByteArray();
}

Result<int> ImageRepository::blobCount() const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT count(*) FROM image_blobs"));
    if (!q.exec("count stored images") || !q.next())
        return Result<int>::failure(q.error());
    return q.value(0).toInt();
}

} // namespace byline
