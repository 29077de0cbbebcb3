#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QSize>
#include <QString>

namespace byline {

// What an image file is, read from its bytes without decoding the pixels.
struct ImageProbe
{
    QString mimeType; // "image/jpeg", "image/png", "image/webp"
    QSize size;

    // Fails with a message naming `source` when the bytes are not an image Qt can read.
    static Result<ImageProbe> read(const QByteArray &bytes, const QString &source);
};

} // namespace byline
