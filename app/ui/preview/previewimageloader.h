#pragma once

#include "previewrenderer.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace byline {

// Decodes library images at the size the preview shows them, off the UI thread, and keeps the
// results in memory and on disk (keyed by content hash and size) so a big original is decoded
// once per size, ever. At most one decode per worker thread is in flight; the rest queue.
class PreviewImageLoader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewImageLoader)
public:
    // Reads an image's original bytes; called on the UI thread, only on a disk-cache miss.
    using BytesProvider = std::function<QByteArray(qint64 imageId)>;

    explicit PreviewImageLoader(BytesProvider bytes, QObject *parent = nullptr);
    ~PreviewImageLoader() override;

    // Where decoded images are kept between runs; empty turns the disk cache off. Defaults to
    // QStandardPaths::CacheLocation + "/preview-images".
    void setCacheDirectory(const QString &dir) { m_cacheDir = dir; }
    QString cacheDirectory() const { return m_cacheDir; }
    void setDevicePixelRatio(qreal ratio) { m_dpr = ratio; }

    // True, with the pixels, when the image is decoded in memory already.
    bool cached(const PreviewImageRef &ref, QImage *image);
    // Decodes the image unless it is cached or on its way; imageReady() follows.
    void request(const PreviewImageRef &ref);
    void clearMemory() { m_memory.clear(); }
    int pendingCount() const { return int(m_waiting.size()); }

    static QImage decode(const QByteArray &bytes, const QString &cacheFile, QSize pixels);

signals:
    void imageReady(const QUrl &url, const QImage &image);
    void idle();

private:
    QString key(const PreviewImageRef &ref) const;
    void dispatch();

    struct Job
    {
        QString key;
        qint64 imageId = 0;
        QSize pixels;
    };

    BytesProvider m_bytes;
    QString m_cacheDir;
    qreal m_dpr = 1.0;
    QThreadPool m_pool;
    QCache<QString, QImage> m_memory;
    QHash<QString, QList<QUrl>> m_waiting; // key → the URLs showing it
    QList<Job> m_queue;
    int m_running = 0;
};

} // namespace byline
