#include "imagelibrarymodel.h"

#include "itemroles.h"
#include "thumbnailcache.h"

#include "imagerepository.h"

#include <QColor>

namespace byline {

ImageLibraryModel::ImageLibraryModel(Database &db, ThumbnailCache &thumbnails, QObject *parent)
    : QAbstractListModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 id) {
        const int row = rowOf(id);
        if (row >= 0)
            emit dataChanged(index(row), index(row), {Qt::DecorationRole});
    });
    reload();
}

int ImageLibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_images.size());
}

QVariant ImageLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Image &m = m_images.at(index.row());
    const bool lacking = m.creditLine.trimmed().isEmpty() || m.altText.trimmed().isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        return m.title.isEmpty() ? m.originalFileName : m.title;
    case Qt::DecorationRole: {
        const QImage thumb = const_cast<ThumbnailCache &>(m_thumbnails).thumbnail(m.id, m.sha256, m_thumbSize);
        if (!thumb.isNull())
            return thumb;
        // Until the pixels arrive, a neutral box of the final size keeps the layout still.
        QImage box(m.width > 0 && m.height > 0 ? QSize(m.width, m.height).scaled(m_thumbSize, Qt::KeepAspectRatio)
                                               : m_thumbSize,
                   QImage::Format_RGB32);
        box.fill(QColor(0xe4, 0xe2, 0xde));
        return box;
    }
    case Qt::ToolTipRole: {
        QStringList lines{m.caption};
        lines << (m.creditLine.isEmpty() ? tr("No credit line") : tr("Credit: %1").arg(m.creditLine));
        if (m.altText.isEmpty())
            lines << tr("No alt text");
        lines << tr("%1 × %2 px, attachment %3").arg(m.width).arg(m.height).arg(m.wpAttachmentId);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::ForegroundRole:
        return lacking ? QVariant(QColor(0xb0, 0x00, 0x20)) : QVariant();
    case IdRole:
        return m.id;
    case CreditRole:
    case SubtitleRole:
        return m.creditLine;
    case NeedsAttentionRole:
        return lacking;
    case SortValueRole:
        return m.createdAt;
    default:
        return {};
    }
}

void ImageLibraryModel::reload()
{
    auto all = ImageRepository(m_db).all();
    beginResetModel();
    if (all) {
        m_images = *all;
        m_lastError.clear();
    } else {
        m_images.clear();
        m_lastError = all.error();
    }
    endResetModel();
}

int ImageLibraryModel::rowOf(qint64 imageId) const
{
    for (int i = 0; i < m_images.size(); ++i) {
        if (m_images.at(i).id == imageId)
            return i;
    }
    return -1;
}

void ImageLibraryModel::setThumbnailSize(const QSize &size)
{
    m_thumbSize = size;
    if (!m_images.isEmpty())
        emit dataChanged(index(0), index(int(m_images.size()) - 1), {Qt::DecorationRole});
}

} // namespace byline
