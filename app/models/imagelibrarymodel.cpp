#include "imagelibrarymodel.h"

#include "itemroles.h"
#include "thumbnailcache.h"

#include "imagerepository.h"

#include <QColor>

namespace byline {

ImageLibraryModel::ImageLibraryModel(Database &db, ThumbnailCache &thumbnails, QObject *parent, Loading loading)
    : PagedListModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    setPageSize(120);
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 id) {
        const int row = rowOf(id);
        if (row >= 0)
            emit dataChanged(index(row), index(row), {Qt::DecorationRole});
    });
    if (loading == Loading::Now)
        load();
}

bool ImageLibraryModel::canFetchMore(const QModelIndex &parent) const
{
    return m_loaded && PagedListModel::canFetchMore(parent);
}

void ImageLibraryModel::fetchMore(const QModelIndex &parent)
{
    if (m_loaded)
        PagedListModel::fetchMore(parent);
}

void ImageLibraryModel::load()
{
    if (m_loaded)
        return;
    m_loaded = true;
    restart();
}

QVariant ImageLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Image &m = m_rows.at(index.row());
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

void ImageLibraryModel::setQuery(const ImageQuery &query)
{
    m_query = query;
    m_loaded = true;
    restart();
}

void ImageLibraryModel::setSearchText(const QString &text)
{
    if (text == m_query.text)
        return;
    ImageQuery q = m_query;
    q.text = text;
    setQuery(q);
}

void ImageLibraryModel::setLackingOnly(bool on)
{
    if (on == m_query.lackingOnly)
        return;
    ImageQuery q = m_query;
    q.lackingOnly = on;
    setQuery(q);
}

void ImageLibraryModel::setOrder(ImageQuery::Order order)
{
    if (order == m_query.order)
        return;
    ImageQuery q = m_query;
    q.order = order;
    setQuery(q);
}

void ImageLibraryModel::reload()
{
    if (m_loaded)
        rereadFetched();
}

Result<QList<Image>> ImageLibraryModel::readPage(const Image *after, int limit) const
{
    return ImageRepository(m_db).page(m_query, after, limit);
}

void ImageLibraryModel::rowsCleared()
{
    m_rowById.clear();
}

void ImageLibraryModel::pageFailed(const QString &message)
{
    emit loadFailed(message);
}

void ImageLibraryModel::rowsArrived(int from)
{
    for (int row = from; row < m_rows.size(); ++row)
        m_rowById.insert(m_rows.at(row).id, row);
}

int ImageLibraryModel::rowOf(qint64 imageId) const
{
    return m_rowById.value(imageId, -1);
}

void ImageLibraryModel::setThumbnailSize(const QSize &size)
{
    m_thumbSize = size;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {Qt::DecorationRole});
}

} // namespace byline
