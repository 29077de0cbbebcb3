#include "thumbnailcache.h"

#include "imagerepository.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QPointer>
#include <QSaveFile>

namespace byline {

ThumbnailCache::ThumbnailCache(Database &db, const QString &diskFolder, QObject *parent)
    : QObject(parent), m_db(db), m_folder(diskFolder), m_memory(64 * 1024) // in KiB
{
    m_pool.setMaxThreadCount(2);
    QDir().mkpath(m_folder);
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ThumbnailCache::waitForPending()
{
    m_pool.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

QString ThumbnailCache::keyOf(const QByteArray &sha256, const QSize &box) const
{
    return QStringLiteral("%1-%2x%3").arg(QString::fromLatin1(sha256)).arg(box.width()).arg(box.height());
}

QImage ThumbnailCache::decodeScaled(const QByteArray &bytes, const QSize &box)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize original = reader.size();
    if (original.isValid() && (original.width() > box.width() || original.height() > box.height()))
        reader.setScaledSize(original.scaled(box, Qt::KeepAspectRatio));
    return reader.read();
}

QImage ThumbnailCache::thumbnail(qint64 imageId, const QByteArray &sha256, const QSize &box)
{
    const QString key = keyOf(sha256, box);
    if (const QImage *hit = m_memory.object(key))
        return *hit;
    if (m_pending.contains(key))
        return {};
    m_pending.insert(key);
    const QString file = m_folder + QLatin1Char('/') + key + QStringLiteral(".png");
    QPointer<ThumbnailCache> self(this);
    Database *db = &m_db;
    m_pool.start([self, db, imageId, box, key, file] {
        QImage image(file);
        if (image.isNull()) {
            const auto bytes = ImageRepository(*db).bytes(imageId);
            if (bytes)
                image = decodeScaled(*bytes, box);
            if (!image.isNull()) {
                QSaveFile out(file);
                if (out.open(QIODevice::WriteOnly) && image.save(&out, "PNG"))
                    out.commit();
            }
        }
        if (!self)
            return;
        QMetaObject::invokeMethod(self, [self, imageId, key, image] {
            if (!self)
                return;
            self->m_pending.remove(key);
            ++self->m_decoded;
            // Broken images get an empty placeholder so they are not retried forever.
            QImage shown = image.isNull() ? QImage(1, 1, QImage::Format_ARGB32) : image;
            if (image.isNull())
                shown.fill(Qt::transparent);
            self->m_memory.insert(key, new QImage(shown), std::max<qsizetype>(1, shown.sizeInBytes() / 1024));
            emit self->ready(imageId);
        });
    });
    return {};
}

} // namespace byline
