#include "previewimageloader.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace byline {

PreviewImageLoader::PreviewImageLoader(BytesProvider bytes, QObject *parent)
    : QObject(parent), m_bytes(std::move(bytes))
{
    m_cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/preview-images");
    // Two decoders: the machine's other cores belong to the editor and everyone else.
    m_pool.setMaxThreadCount(2);
    m_memory.setMaxCost(192 * 1024); // KiB of decoded pixels
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
    if (QImage *hit = m_memory.object(key(ref))) {
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
    m_queue.append({k, ref.imageId, (QSizeF(ref.size) * m_dpr).toSize()});
    dispatch();
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
    if (!cacheFile.isEmpty()) {
        const bool alpha = image.hasAlphaChannel();
        QSaveFile out(cacheFile + (alpha ? QStringLiteral(".png") : QStringLiteral(".jpg")));
        if (out.open(QIODevice::WriteOnly)) {
            QImageWriter writer(&out, alpha ? "png" : "jpg");
            writer.setQuality(90);
            if (writer.write(image))
                out.commit();
        }
    }
    return image;
}

void PreviewImageLoader::dispatch()
{
    while (m_running < m_pool.maxThreadCount() && !m_queue.isEmpty()) {
        const Job job = m_queue.takeFirst();
        // A disk hit is read back as it is; a miss decodes the original and writes
        // <key>.jpg (or .png for images with transparency) for the next time.
        QString file;
        QByteArray bytes;
        if (!m_cacheDir.isEmpty()) {
            QDir().mkpath(m_cacheDir);
            const QString base = m_cacheDir + QLatin1Char('/') + job.key;
            for (const char *ext : {".jpg", ".png"}) {
                if (file.isEmpty() && QFile::exists(base + QLatin1String(ext)))
                    file = base + QLatin1String(ext);
            }
            if (file.isEmpty()) {
                bytes = m_bytes ? m_bytes(job.imageId) : QByteArray();
                file = base;
            }
        } else {
            bytes = m_bytes ? m_bytes(job.imageId) : QByteArray();
        }
        ++m_running;
        auto *watcher = new QFutureWatcher<QImage>(this);
        const QString key = job.key;
        connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, key] {
            --m_running;
            QImage image = watcher->result();
            watcher->deleteLater();
            const QList<QUrl> urls = m_waiting.take(key);
            if (!image.isNull()) {
                m_memory.insert(key, new QImage(image), int(std::max<qsizetype>(1, image.sizeInBytes() / 1024)));
                for (const QUrl &url : urls)
                    emit imageReady(url, image);
            }
            dispatch();
            if (m_waiting.isEmpty() && m_running == 0)
                emit idle();
        });
        const QSize pixels = job.pixels;
        if (bytes.isEmpty() && !file.endsWith(QLatin1String(".jpg")) && !file.endsWith(QLatin1String(".png")))
            file.clear(); // an image without bytes: nothing to decode, nothing to write
        watcher->setFuture(QtConcurrent::run(&m_pool, [bytes, file, pixels] { return decode(bytes, file, pixels); }));
    }
}

} // namespace byline
