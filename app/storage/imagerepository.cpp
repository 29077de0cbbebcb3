#include "imagerepository.h"

#include "database.h"
#include "query.h"
#include "rowreaders.h"
#include "sqlvalues.h"
#include "transaction.h"

#include <QCryptographicHash>
#include <QSet>

namespace byline {

SearchQuery typeAheadQuery(const QString &text)
{
    QString line;
    QString token;
    bool inQuotes = false;
    const auto flush = [&] {
        if (token.isEmpty())
            return;
        int wordChars = 0;
        for (const QChar c : std::as_const(token))
            wordChars += c.isLetterOrNumber() ? 1 : 0;
        const bool plain = !token.contains(QLatin1Char('"')) && !token.contains(QLatin1Char(':'))
                           && !token.endsWith(QLatin1Char('*'));
        if (plain && wordChars >= 2)
            token += QLatin1Char('*');
        line += token + QLatin1Char(' ');
        token.clear();
    };
    for (const QChar c : text) {
        if (c == QLatin1Char('"'))
            inQuotes = !inQuotes;
        if (c.isSpace() && !inQuotes)
            flush();
        else
            token += c;
    }
    flush();
    return SearchQuery::parse(line);
}

namespace {

// A LIKE pattern finding text anywhere in a column; the user's % and _ are literal.
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

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
                 QStringLiteral("SELECT ") + kImageRowColumns
                     + QStringLiteral(" FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 ") + where,
                 values);
    if (!q.exec("read images"))
        return R::failure(q.error());
    QList<Image> out;
    while (q.next())
        out << imageFromRow(q);
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

Result<QList<Image>> ImageRepository::referenced(const QList<qint64> &ids, const QList<qint64> &attachmentIds,
                                                 const QStringList &fileNames) const
{
    using R = Result<QList<Image>>;
    // A few hundred values a statement keeps every IN list far below SQLite's limit on bound
    // parameters.
    constexpr qsizetype kChunk = 400;
    QList<Image> out;
    QSet<qint64> seen;
    const auto run = [&](const QString &column, const QVariantList &values) -> Status {
        for (qsizetype at = 0; at < values.size(); at += kChunk) {
            const QVariantList chunk = values.mid(at, kChunk);
            QString marks;
            for (qsizetype i = 0; i < chunk.size(); ++i)
                marks += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
            auto r = select(QStringLiteral("WHERE %1 IN (%2)").arg(column, marks), chunk);
            if (!r)
                return Status::failure(r.error());
            for (Image &image : r.value()) {
                if (!seen.contains(image.id)) {
                    seen.insert(image.id);
                    out << std::move(image);
                }
            }
        }
        return Status();
    };
    const auto distinctIds = [](const QList<qint64> &list) {
        QVariantList values;
        QSet<qint64> unique;
        for (qint64 id : list) {
            if (id > 0 && !unique.contains(id)) {
                unique.insert(id);
                values << id;
            }
        }
        return values;
    };
    QVariantList names;
    QSet<QString> uniqueNames;
    for (const QString &name : fileNames) {
        // SQLite's lower() folds ASCII letters only: the values are folded the same way.
        QString folded = name;
        for (QChar &c : folded) {
            if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                c = QChar(c.unicode() + 32);
        }
        if (!folded.isEmpty() && !uniqueNames.contains(folded)) {
            uniqueNames.insert(folded);
            names << folded;
        }
    }
    Status s = run(QStringLiteral("i.id"), distinctIds(ids));
    if (s)
        s = run(QStringLiteral("i.wp_attachment_id"), distinctIds(attachmentIds));
    if (s)
        s = run(QStringLiteral("lower(i.original_filename)"), names);
    if (!s)
        return R::failure(s.error());
    return out;
}

QString ImageRepository::pageClauses(const ImageQuery &query, const Image *after, QVariantList &values) const
{
    QStringList where;
    if (query.lackingOnly) {
        // Written exactly as the partial index images_lacking is, so the index serves it.
        where << QStringLiteral("(trim(i.credit_line) = '' OR trim(i.alt_text) = '')");
    }
    const QString text = query.text.trimmed();
    const QString match = text.size() >= 2 ? m_db.dialect().imageMatch(typeAheadQuery(text)) : QString();
    if (!match.isEmpty()) {
        where << QStringLiteral("(i.id IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?) "
                                "OR i.original_filename LIKE ? ESCAPE '\\')");
        values << match << containsPattern(text);
    } else if (!text.isEmpty()) {
        // One letter: too short for the index's prefixes, so a plain look through the columns.
        const QString pattern = containsPattern(text);
        where << QStringLiteral("(i.title LIKE ? ESCAPE '\\' OR i.caption LIKE ? ESCAPE '\\' "
                                "OR i.credit_line LIKE ? ESCAPE '\\' OR i.creator LIKE ? ESCAPE '\\' "
                                "OR i.original_filename LIKE ? ESCAPE '\\')");
        values << pattern << pattern << pattern << pattern << pattern;
    }
    QString order;
    switch (query.order) {
    case ImageQuery::Order::NewestFirst:
        order = QStringLiteral("i.created_at DESC, i.id DESC");
        if (after) {
            where << QStringLiteral("(i.created_at, i.id) < (?, ?)");
            values << toDb(after->createdAt) << after->id;
        }
        break;
    case ImageQuery::Order::OldestFirst:
        order = QStringLiteral("i.created_at, i.id");
        if (after) {
            where << QStringLiteral("(i.created_at, i.id) > (?, ?)");
            values << toDb(after->createdAt) << after->id;
        }
        break;
    case ImageQuery::Order::Title:
        order = QStringLiteral("i.title, i.id");
        if (after) {
            where << QStringLiteral("(i.title, i.id) > (?, ?)");
            values << after->title << after->id;
        }
        break;
    }
    QString clauses;
    if (!where.isEmpty())
        clauses = QLatin1String("WHERE ") + where.join(QLatin1String(" AND ")) + QLatin1Char(' ');
    return clauses + QLatin1String("ORDER BY ") + order + QLatin1String(" LIMIT ?");
}

Result<QList<Image>> ImageRepository::page(const ImageQuery &query, const Image *after, int limit) const
{
    QVariantList values;
    const QString clauses = pageClauses(query, after, values);
    values << limit;
    return select(clauses, values);
}

Result<QString> ImageRepository::pagePlan(const ImageQuery &query, bool afterARow) const
{
    Image someRow;
    someRow.id = 1;
    someRow.createdAt = nowUtc();
    QVariantList values;
    const QString clauses = pageClauses(query, afterARow ? &someRow : nullptr, values);
    values << 100;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("EXPLAIN QUERY PLAN SELECT i.id, b.byte_size FROM images i "
                                "JOIN image_blobs b ON b.sha256 = i.sha256 ")
                     + clauses,
                 values);
    if (!q.exec("plan reading the library"))
        return Result<QString>::failure(q.error());
    QStringList steps;
    while (q.next())
        steps << q.value(3).toString();
    return steps.join(QLatin1Char('\n'));
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
