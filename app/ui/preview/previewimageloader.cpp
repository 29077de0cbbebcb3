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
    // A disk hit is read back as it is, straight away; a miss decodes the original and writes
    // <key>.jpg (or .png for images with transparency) for the next time.
    if (!m_cacheDir.isEmpty()) {
        const QString base = m_cacheDir + QLatin1Char('/') + job.key;
        for (const char *ext : {".jpg", ".png"}) {
            if (QFile::exists(base + QLatin1String(ext))) {
                start(job, base + QLatin1String(ext), QByteArray());
                return;
            }
        }
    }
    m_queue.append(job);
    scheduleDispatch();
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

QImage PreviewImageLoader::decode(const QByteArray &bytes, const QString &cacheFile, QSize pixels)
{
    if (bytes.isEmpty()) { // a disk-cache hit: the file holds the pixels at this size
        if (cacheFile.isEmpty())
            return QImage();
        QImageReader reader(cacheFile);
        return reader.read();
    }
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
    if (!cacheFile.isEmpty())
        writeCache(image, cacheFile);
    return image;
}

void PreviewImageLoader::writeCache(const QImage &image, const QString &base)
{
    // Written to a temporary file and renamed into place: a reader never sees half an image.
    const bool alpha = image.hasAlphaChannel();
    QSaveFile out(base + (alpha ? QStringLiteral(".png") : QStringLiteral(".jpg")));
    if (out.open(QIODevice::WriteOnly)) {
        QImageWriter writer(&out, alpha ? "png" : "jpg");
        writer.setQuality(90);
        if (writer.write(image))
            out.commit();
    }
}

void PreviewImageLoader::dispatch()
{
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
        if (bytes.isEmpty())
            file.clear(); // an image without bytes: nothing to decode, nothing to write
        ++m_originalsRunning;
        start(job, file, bytes);
    }
}

void PreviewImageLoader::start(const Job &job, const QString &file, const QByteArray &bytes)
{
    ++m_running;
    const bool original = !bytes.isEmpty() || !(file.endsWith(QLatin1String(".jpg")) || file.endsWith(QLatin1String(".png")));
    auto *watcher = new QFutureWatcher<QImage>(this);
    const QString key = job.key;
    // An original's decode hands its pixels back first; the disk copy is written after, so
    // showing the image never waits for the JPEG encoder.
    const QString writeTo = original && !bytes.isEmpty() ? file : QString();
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key, original, writeTo] {
        --m_running;
        if (original)
            --m_originalsRunning;
        QImage image = watcher->result();
        watcher->deleteLater();
        const QList<QUrl> urls = m_waiting.take(key);
        if (!image.isNull()) {
            memoryCache().insert(key, new QImage(image), int(std::max<qsizetype>(1, image.sizeInBytes() / 1024)));
            for (const QUrl &url : urls)
                emit imageReady(url, image);
            if (!writeTo.isEmpty())
                m_pool.start([image, writeTo] { writeCache(image, writeTo); });
        }
        if (original)
            scheduleDispatch();
        if (m_waiting.isEmpty() && m_running == 0)
            emit idle();
    });
    const QSize pixels = job.pixels;
    const QString readFrom = bytes.isEmpty() ? file : QString();
    watcher->setFuture(QtConcurrent::run(&m_pool, [bytes, readFrom, pixels] { return decode(bytes, readFrom, pixels); }));
}

} // namespace byline
