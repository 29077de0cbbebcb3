#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace byline {

// An image of the library. The metadata fields follow IPTC's meanings: the creator took the
// picture, the credit line is who is credited when it is published, the copyright notice says
// who owns it. They are kept apart on purpose.
struct Image
{
    qint64 id = 0;
    QByteArray sha256;        // hex digest of the original bytes; the bytes are stored once
    QString mimeType;
    int width = 0;
    int height = 0;
    qint64 byteSize = 0;
    QString originalFileName;
    qint64 wpAttachmentId = 0; // WordPress attachment post id when known
    QString title;
    QString caption;          // default caption text, without the credit
    QString description;
    QString creditLine;
    QString creator;
    QString copyrightNotice;
    QString altText;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace byline
