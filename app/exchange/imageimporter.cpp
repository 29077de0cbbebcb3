#include "imageimporter.h"

#include "imagemetadata.h"
#include "imageprobe.h"

#include "imagerepository.h"

#include <QFile>
#include <QFileInfo>

namespace byline {

Result<qint64> ImageImporter::importFile(const QString &path, bool *duplicate)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<qint64>::failure(QStringLiteral("%1: %2").arg(path, f.errorString()));
    const QByteArray bytes = f.readAll();
    const auto probe = ImageProbe::read(bytes, QFileInfo(path).fileName());
    if (!probe)
        return Result<qint64>::failure(probe.error());
    Image meta;
    meta.mimeType = probe->mimeType;
    meta.width = probe->size.width();
    meta.height = probe->size.height();
    meta.originalFileName = QFileInfo(path).fileName();
    meta.title = QFileInfo(path).completeBaseName();
    // Credits the photographer or agency embedded (IPTC/XMP) come in with the picture.
    if (const auto embedded = ImageMetadata::read(path)) {
        meta.creditLine = embedded->credit;
        meta.creator = embedded->creator;
        meta.caption = embedded->caption;
        meta.copyrightNotice = embedded->copyright;
        meta.altText = embedded->altText;
        if (!embedded->title.isEmpty())
            meta.title = embedded->title;
    }
    auto stored = ImageRepository(m_db).store(bytes, meta);
    if (!stored)
        return Result<qint64>::failure(QStringLiteral("%1: %2").arg(path, stored.error()));
    if (duplicate)
        *duplicate = stored->duplicate;
    return stored->id;
}

ImageImporter::Outcome ImageImporter::importFiles(const QStringList &paths)
{
    Outcome out;
    for (const QString &p : paths) {
        bool dup = false;
        const auto id = importFile(p, &dup);
        if (!id)
            out.problems << id.error();
        else if (dup)
            out.duplicates << *id;
        else
            out.added << *id;
    }
    return out;
}

} // namespace byline
