#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QSize>
#include <QThreadPool>

namespace byline {

class Database;

// Small renditions of library images, decoded off the UI thread at the size shown (so a
// 40-megapixel original costs a thumbnail-sized decode) and kept in memory and on disk by
// content hash and size.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    ThumbnailCache(Database &db, const QString &diskFolder, QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // The thumbnail if it is ready; otherwise a null image, and ready() follows.
    QImage thumbnail(qint64 imageId, const QByteArray &sha256, const QSize &box);
    // Waits for every pending decode (tests, shutdown).
    void waitForPending();
    QString diskFolder() const { return m_folder; }
    int decodedCount() const { return m_decoded; }

    // Decodes bytes into an image that fits box, reading only what that needs.
    static QImage decodeScaled(const QByteArray &bytes, const QSize &box);

signals:
    void ready(qint64 imageId);

private:
    QString keyOf(const QByteArray &sha256, const QSize &box) const;

    Database &m_db;
    QString m_folder;
    QThreadPool m_pool;
    QCache<QString, QImage> m_memory;
    QSet<QString> m_pending;
    int m_decoded = 0;
};

} // namespace byline
