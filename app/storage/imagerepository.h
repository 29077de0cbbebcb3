#pragma once

#include "domain/image.h"
#include "domain/result.h"
#include "search/searchquery.h"

#include <QByteArray>
#include <QList>

namespace byline {

class Database;

// What the image library shows: one order, and optionally only the images matching a text or
// only those lacking a credit line or alt text. All of it is asked of the database.
struct ImageQuery
{
    enum class Order { NewestFirst, OldestFirst, Title };
    // Words matched as prefixes in title, caption, credit line, creator and alt text (the
    // search index), or a part of the original file name.
    QString text;
    bool lackingOnly = false; // credit line or alt text empty
    Order order = Order::NewestFirst;
};

// A search box's text as type-ahead: every plain word of two or more letters counts as a
// prefix ("stepp" finds "Steppe"); quotes, exclusions and filters keep their meaning.
SearchQuery typeAheadQuery(const QString &text);

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
    // The images that have one of these library ids or WordPress attachment ids, or whose
    // original file name is one of fileNames (ASCII case ignored): what one article shows,
    // read through indexes (file names only when given) however big the library is. Each
    // image once, in no particular order.
    Result<QList<Image>> referenced(const QList<qint64> &ids, const QList<qint64> &attachmentIds,
                                    const QStringList &fileNames = {}) const;
    // Up to limit images in the query's order, following after (the last image of the previous
    // page, nullptr for the first). Paging by the sort key, not by offset, costs the same at
    // any depth; each order is served by an index.
    Result<QList<Image>> page(const ImageQuery &query, const Image *after, int limit) const;
    // How the database plans page()'s statement, one step a line (SQLite's EXPLAIN QUERY PLAN).
    Result<QString> pagePlan(const ImageQuery &query, bool afterARow) const;
    Result<QByteArray> bytes(qint64 id) const;
    Result<int> blobCount() const;

    static QByteArray digest(const QByteArray &bytes); // lower-case hex SHA-256

private:
    Result<QList<Image>> select(const QString &where, const QVariantList &values) const;
    QString pageClauses(const ImageQuery &query, const Image *after, QVariantList &values) const;
    Database &m_db;
};

} // namespace byline
