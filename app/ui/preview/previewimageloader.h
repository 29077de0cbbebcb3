#pragma once

#include "previewrenderer.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <utility>

namespace byline {

// Decodes library images at the size the preview shows them, off the UI thread, and keeps the
// results in memory and on disk (keyed by content hash and size) so a big original is decoded
// once per size, ever. Every request goes to the worker pool at once (originals a few at a time,
// to bound the memory their bytes take), so the workers never wait for the UI thread; the
// in-memory cache is shared by every loader of the process.
//
// The disk cache holds the pixels uncompressed (a small header, then the rows as QImage keeps
// them): reading one back is a file read, several times cheaper than decoding a JPEG of the
// same size. The folder is kept under a byte budget, the oldest entries removed first.
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
    // While held, originals wait to be decoded (disk-cache hits still come): the UI keeps the
    // cores for building a page, and decodes start once it is shown.
    void setOriginalsHeld(bool held);

    // Decodes bytes to exactly pixels (cropping to the box's aspect), writing the result to
    // cacheFile + kCacheSuffix when cacheFile is given; with no bytes, reads cacheFile back.
    static QImage decode(const QByteArray &bytes, const QString &cacheFile, QSize pixels);
    // Writes an image as a disk-cache entry (base + kCacheSuffix), atomically.
    static bool writeCache(const QImage &image, const QString &base);
    // Reads a disk-cache entry back; a null image unless it is whole and exactly pixels big.
    static QImage readCache(const QString &file, QSize pixels);
    // Removes the oldest files of dir until the rest take at most maxBytes.
    static void pruneCache(const QString &dir, qint64 maxBytes);
    void setCacheBudget(qint64 bytes) { m_cacheBudget = bytes; }

    static constexpr const char *kCacheSuffix = ".bpx";
    static constexpr qint64 kDefaultCacheBudget = qint64(1) << 30;

signals:
    void imageReady(const QUrl &url, const QImage &image);
    // Every image finished since the last event-loop turn at once: one relayout, one repaint.
    void imagesReady(const QList<std::pair<QUrl, QImage>> &images);
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
    bool m_held = false;
    qint64 m_writtenSincePrune = -1; // bytes; -1 before the first write
    qint64 m_cacheBudget = kDefaultCacheBudget;
    QList<std::pair<QUrl, QImage>> m_ready; // decoded, handed over on the next event-loop turn
    bool m_deliverQueued = false;
    void deliver();
};

} // namespace byline
