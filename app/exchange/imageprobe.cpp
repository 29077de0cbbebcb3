#include "imageprobe.h"

#include <QBuffer>
#include <QImageReader>

namespace byline {

Result<ImageProbe> ImageProbe::read(const QByteArray &bytes, const QString &source)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    const QByteArray format = reader.format();
    const QSize size = reader.size();
    if (format.isEmpty() || !size.isValid() || size.isEmpty()) {
        return Result<ImageProbe>::failure(
            QStringLiteral("%1 is not an image Byline can read (%2)").arg(source, reader.errorString()));
    }
    ImageProbe p;
    p.size = size;
    if (format == "jpeg" || format == "jpg")
        p.mimeType = QStringLiteral("image/jpeg");
    else
        p.mimeType = QStringLiteral("image/") + QString::fromLatin1(format);
    return p;
}

} // namespace byline
