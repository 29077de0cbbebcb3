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
// once per size, ever. Every request goes to the worker pool at once (originals a few at a time,
// to bound the memory their bytes take), so the workers never wait for the UI thread; the
// in-memory cache is shared by every loader of the process.
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
    // Empties the process-wide memory cache (the disk cache stays).
    static void clearMemory();
    int pendingCount() const { return int(m_waiting.size()); }

    // Decodes bytes to exactly pixels (cropping to the box's aspect), writing the result to
    // cacheFile + ".jpg"/".png" when cacheFile is given; with no bytes, reads cacheFile back.
    static QImage decode(const QByteArray &bytes, const QString &cacheFile, QSize pixels);
    static void writeCache(const QImage &image, const QString &base);

signals:
    void imageReady(const QUrl &url, const QImage &image);
    void idle();

private:
    QString key(const PreviewImageRef &ref) const;
    void dispatch();
    void scheduleDispatch();
    struct Job;
    void start(const Job &job, const QString &file, const QByteArray &bytes);

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
    QHash<QString, QList<QUrl>> m_waiting; // key → the URLs showing it
    QList<Job> m_queue;                    // originals whose bytes are not read yet
    int m_running = 0;
    int m_originalsRunning = 0;
    bool m_cacheDirMade = false;
    bool m_dispatchQueued = false;
};

} // namespace byline
