#include "previewimageloader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace byline {

namespace {

// Decoded images of every loader, keyed by content hash and pixel size; used on the UI thread only.
QCache<QString, QImage> &memoryCache()
{
    static QCache<QString, QImage> cache(192 * 1024); // KiB of decoded pixels
    return cache;
}

// Originals whose bytes are read and waiting for a worker: enough to keep both busy while the
// UI thread is painting, few enough that their bytes stay small.
constexpr int kOriginalsInFlight = 6;
constexpr int kReadsPerTurn = 2;

} // namespace

void PreviewImageLoader::clearMemory()
{
    memoryCache().clear();
}

PreviewImageLoader::PreviewImageLoader(BytesProvider bytes, QObject *parent)
    : QObject(parent), m_bytes(std::move(bytes))
{
    m_cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/preview-images");
    // Two decoders: the machine's other cores belong to the editor and everyone else.
    m_pool.setMaxThreadCount(2);
}

PreviewImageLoader::~PreviewImageLoader()
{
    m_queue.clear();
    m_pool.waitForDone();
}

QString PreviewImageLoader::key(const PreviewImageRef &ref) const
{
    const QSize px = (QSizeF(ref.size) * m_dpr).toSize();
    const QString sha = ref.sha256.isEmpty() ? QStringLiteral("id%1").arg(ref.imageId) : QString::fromLatin1(ref.sha256);
    return QStringLiteral("%1-%2x%3").arg(sha).arg(px.width()).arg(px.height());
}

bool PreviewImageLoader::cached(const PreviewImageRef &ref, QImage *image)
{
    if (QImage *hit = memoryCache().object(key(ref))) {
        *image = *hit;
        return true;
    }
    return false;
}

void PreviewImageLoader::request(const PreviewImageRef &ref)
{
    const QString k = key(ref);
    auto it = m_waiting.find(k);
    if (it != m_waiting.end()) {
        if (!it->contains(ref.url))
            it->append(ref.url);
        return;
    }
    m_waiting.insert(k, {ref.url});
    const Job job{k, ref.imageId, (QSizeF(ref.size) * m_dpr).toSize()};
    if (m_cacheDir.isEmpty()) {
        m_queue.append(job);
        scheduleDispatch();
        return;
    }
    // The disk cache is asked on a worker too (even whether the file exists): a hit is a file
    // read there, a miss comes back here to have the original's bytes read.
    start(job, m_cacheDir + QLatin1Char('/') + job.key + QLatin1String(kCacheSuffix), QByteArray());
}

void PreviewImageLoader::scheduleDispatch()
{
    // Reading an original's bytes costs the UI thread a little: never inside the caller's
    // render, and only a couple per event-loop turn.
    if (m_dispatchQueued)
        return;
    m_dispatchQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_dispatchQueued = false;
        dispatch();
    });
}

namespace {

// A disk-cache entry: this header, then height rows of bytesPerLine bytes. Written and read on
// the same machine, in its byte order; anything that does not match is a miss.
struct CacheHeader
{
    quint32 magic = 0x58504c42; // "BLPX" read as a native integer
    quint32 version = 1;
    quint32 width = 0;
    quint32 height = 0;
    quint32 format = 0; // QImage::Format
    quint32 bytesPerLine = 0;
};

bool cacheableFormat(QImage::Format f)
{
    return f == QImage::Format_RGB32 || f == QImage::Format_ARGB32_Premultiplied;
}

} // namespace

QImage PreviewImageLoader::readCache(const QString &file, QSize pixels)
{
    auto in = std::make_unique<QFile>(file);
    if (!in->open(QIODevice::ReadOnly))
        return QImage();
    CacheHeader h;
    const CacheHeader expected;
    if (in->read(reinterpret_cast<char *>(&h), sizeof h) != qint64(sizeof h) || h.magic != expected.magic
        || h.version != expected.version || int(h.width) != pixels.width() || int(h.height) != pixels.height()
        || !cacheableFormat(QImage::Format(h.format)))
        return QImage();
    const QImage::Format format = QImage::Format(h.format);
    const qsizetype bytesPerLine = QImage(1, 1, format).depth() / 8 * qsizetype(h.width);
    const qint64 bytes = qint64(bytesPerLine) * h.height;
    if (qsizetype(h.bytesPerLine) != bytesPerLine || in->size() != qint64(sizeof h) + bytes)
        return QImage();
    // The rows are used where they lie: the file is mapped, not copied, and the pages are read
    // when the image is painted. Entries are only ever replaced by rename or removed, never
    // rewritten in place, so a mapping stays whole for as long as the image lives.
    if (uchar *rows = in->map(qint64(sizeof h), bytes)) {
        QFile *owner = in.release();
        QImage mapped(rows, int(h.width), int(h.height), bytesPerLine, format,
                      [](void *file) { delete static_cast<QFile *>(file); }, owner);
        if (mapped.isNull())
            delete owner; // not taken by an image that was never made
        return mapped;
    }
    QImage image(int(h.width), int(h.height), format);
    if (image.isNull() || image.bytesPerLine() != bytesPerLine
        || in->read(reinterpret_cast<char *>(image.bits()), image.sizeInBytes()) != image.sizeInBytes())
        return QImage();
    return image;
}

bool PreviewImageLoader::writeCache(const QImage &image, const QString &base)
{
    const QImage pixels = cacheableFormat(image.format())
        ? image
        : image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    CacheHeader h;
    h.width = quint32(pixels.width());
    h.height = quint32(pixels.height());
    h.format = quint32(pixels.format());
    h.bytesPerLine = quint32(pixels.bytesPerLine());
    // Written to a temporary file and renamed into place: a reader never sees half an image.
    QSaveFile out(base + QLatin1String(kCacheSuffix));
    if (!out.open(QIODevice::WriteOnly))
        return false;
    if (out.write(reinterpret_cast<const char *>(&h), sizeof h) != qint64(sizeof h)
        || out.write(reinterpret_cast<const char *>(pixels.constBits()), pixels.sizeInBytes()) != pixels.sizeInBytes()) {
        out.cancelWriting();
        return false;
    }
    return out.commit();
}

void PreviewImageLoader::pruneCache(const QString &dir, qint64 maxBytes)
{
    QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Time); // newest first
    qint64 total = 0;
    for (qsizetype i = files.size() - 1; i >= 0; --i) {
        // Entries of an older format are never read again.
        if (!files.at(i).fileName().endsWith(QLatin1String(kCacheSuffix)) && QFile::remove(files.at(i).filePath()))
            files.removeAt(i);
        else
            total += files.at(i).size();
    }
    while (total > maxBytes && !files.isEmpty()) {
        const QFileInfo oldest = files.takeLast();
        if (QFile::remove(oldest.filePath()))
            total -= oldest.size();
    }
}

QImage PreviewImageLoader::decode(const QByteArray &bytes, const QString &cacheFile, QSize pixels)
{
    if (bytes.isEmpty()) // a disk-cache hit: the file holds the pixels at this size
        return cacheFile.isEmpty() ? QImage() : readCache(cacheFile, pixels);
    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize original = reader.size();
    // Asking the reader for the small size lets the JPEG decoder skip most of the work (it
    // decodes at 1/2, 1/4 or 1/8 scale), so a 12-megapixel original costs a preview-sized decode.
    QSize scaled = pixels;
    bool crop = false;
    if (original.isValid() && original.width() > 0 && original.height() > 0) {
        const QSize fit = original.scaled(pixels, Qt::KeepAspectRatioByExpanding);
        crop = fit != pixels;
        scaled = fit.boundedTo(original);
        reader.setScaledSize(scaled);
    }
    QImage image = reader.read();
    if (image.isNull())
        return image;
    if (crop || image.size() != pixels) {
        image = image.scaled(pixels, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
        image = image.copy((image.width() - pixels.width()) / 2, (image.height() - pixels.height()) / 2,
                           pixels.width(), pixels.height());
    }
    // The formats the raster engine paints fastest, and the ones the disk cache keeps.
    if (!cacheableFormat(image.format()))
        image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    if (!cacheFile.isEmpty())
        writeCache(image, cacheFile);
    return image;
}

void PreviewImageLoader::setOriginalsHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (!held && !m_queue.isEmpty())
        scheduleDispatch();
}

void PreviewImageLoader::dispatch()
{
    if (m_held)
        return;
    int read = 0;
    while (m_originalsRunning < kOriginalsInFlight && !m_queue.isEmpty()) {
        if (read == kReadsPerTurn) {
            scheduleDispatch();
            return;
        }
        ++read;
        const Job job = m_queue.takeFirst();
        QString file;
        if (!m_cacheDir.isEmpty()) {
            if (!m_cacheDirMade)
                m_cacheDirMade = QDir().mkpath(m_cacheDir);
            file = m_cacheDir + QLatin1Char('/') + job.key;
        }
        const QByteArray bytes = m_bytes ? m_bytes(job.imageId) : QByteArray();
        if (bytes.isEmpty()) {
            // An image without bytes: nothing to decode, nothing to write.
            const QList<QUrl> urls = m_waiting.take(job.key);
            Q_UNUSED(urls);
            continue;
        }
        ++m_originalsRunning;
        start(job, file, bytes);
    }
    if (m_waiting.isEmpty() && m_running == 0)
        emit idle();
}

void PreviewImageLoader::deliver()
{
    m_deliverQueued = false;
    if (m_ready.isEmpty())
        return;
    const QList<std::pair<QUrl, QImage>> ready = std::exchange(m_ready, {});
    for (const auto &[url, image] : ready)
        emit imageReady(url, image);
    emit imagesReady(ready);
}

void PreviewImageLoader::start(const Job &job, const QString &file, const QByteArray &bytes)
{
    ++m_running;
    const bool original = !bytes.isEmpty();
    auto *watcher = new QFutureWatcher<QImage>(this);
    const QString key = job.key;
    // An original's decode hands its pixels back first; the disk copy is written after, so
    // showing the image never waits for the disk.
    const QString writeTo = original ? file : QString();
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, job, original, writeTo] {
        --m_running;
        if (original)
            --m_originalsRunning;
        QImage image = watcher->result();
        watcher->deleteLater();
        if (image.isNull() && !original) {
            // Not in the disk cache (or a damaged entry): decode the original.
            m_queue.append(job);
            scheduleDispatch();
            return;
        }
        const QList<QUrl> urls = m_waiting.take(job.key);
        if (!image.isNull()) {
            memoryCache().insert(job.key, new QImage(image), int(std::max<qsizetype>(1, image.sizeInBytes() / 1024)));
            for (const QUrl &url : urls)
                m_ready.append({url, image});
            if (!m_deliverQueued) {
                m_deliverQueued = true;
                QTimer::singleShot(0, this, &PreviewImageLoader::deliver);
            }
            if (!writeTo.isEmpty()) {
                // The folder is brought under budget at the first write and after every eighth
                // of the budget written since.
                const bool prune = m_writtenSincePrune < 0 || m_writtenSincePrune > m_cacheBudget / 8;
                m_writtenSincePrune = prune ? 0 : m_writtenSincePrune + image.sizeInBytes();
                const QString dir = m_cacheDir;
                const qint64 budget = m_cacheBudget;
                m_pool.start([image, writeTo, prune, dir, budget] {
                    writeCache(image, writeTo);
                    if (prune)
                        pruneCache(dir, budget);
                });
            }
        }
        if (original)
            scheduleDispatch();
        if (m_waiting.isEmpty() && m_running == 0)
            emit idle();
    });
    const QSize pixels = job.pixels;
    const QString readFrom = original ? QString() : file;
    watcher->setFuture(QtConcurrent::run(&m_pool, [bytes, readFrom, pixels] { return decode(bytes, readFrom, pixels); }));
}

} // namespace byline
