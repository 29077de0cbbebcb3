#pragma once

#include "domain/image.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>

namespace byline {

class Database;

// All SQL about the image library. Original bytes are stored once per SHA-256 digest.
class ImageRepository
{
public:
    explicit ImageRepository(Database &db) : m_db(db) {}

    struct Stored
    {
        qint64 id = 0;
        bool duplicate = false; // the same bytes were already in the library as this image
    };

    // Stores bytes and metadata. Bytes already in the library are not stored again: the
    // existing image is returned with duplicate = true and its metadata left as it was.
    Result<Stored> store(const QByteArray &bytes, Image &meta);
    Status update(const Image &meta);          // metadata only
    // Sets the given fields (those not null) on every image listed, all or none.
    Status setCredits(const QList<qint64> &ids, const QString &creditLine, const QString &creator,
                      const QString &copyrightNotice);
    Result<Image> get(qint64 id) const;
    Result<Image> findByAttachmentId(qint64 wpAttachmentId) const;
    Result<QList<Image>> all() const;          // metadata, newest first
    Result<QByteArray> bytes(qint64 id) const;
    Result<int> blobCount() const;

    static QByteArray digest(const QByteArray &bytes); // lower-case hex SHA-256

private:
    Result<QList<Image>> select(const QString &where, const QVariantList &values) const;
    Database &m_db;
};

} // namespace byline
