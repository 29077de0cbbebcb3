#include "authorlistmodel.h"

#include "itemroles.h"
#include "thumbnailcache.h"

#include <QImage>

namespace byline {

AuthorListModel::AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent)
    : PagedListModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 imageId) {
        const QList<int> rows = m_rowsByAvatar.values(imageId);
        for (int row : rows)
            emit dataChanged(index(row), index(row), {Qt::DecorationRole});
    });
    restart();
}

QVariant AuthorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuthorSummary &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return a.displayName;
    case Qt::ToolTipRole:
    case SubtitleRole:
        return a.roleLine;
    case Qt::DecorationRole: {
        if (a.avatarImageId <= 0)
            return {};
        const QImage img = m_thumbnails.thumbnail(a.avatarImageId, a.avatarSha256, QSize(48, 48));
        return img.isNull() ? QVariant() : QVariant(img);
    }
    case IdRole:
        return a.id;
    case SortValueRole:
        return a.displayName;
    default:
        return {};
    }
}

void AuthorListModel::setSearchText(const QString &text)
{
    if (text == m_query.text)
        return;
    m_query.text = text;
    restart();
}

void AuthorListModel::reload()
{
    rereadFetched();
}

Result<QList<AuthorSummary>> AuthorListModel::readPage(const AuthorSummary *after, int limit) const
{
    return AuthorRepository(m_db).page(m_query, after, limit);
}

void AuthorListModel::rowsCleared()
{
    m_rowById.clear();
    m_rowsByAvatar.clear();
}

void AuthorListModel::pageFailed(const QString &message)
{
    emit loadFailed(message);
}

void AuthorListModel::rowsArrived(int from)
{
    for (int row = from; row < m_rows.size(); ++row) {
        const AuthorSummary &a = m_rows.at(row);
        m_rowById.insert(a.id, row);
        if (a.avatarImageId > 0)
            m_rowsByAvatar.insert(a.avatarImageId, row);
    }
}

int AuthorListModel::rowOf(qint64 authorId) const
{
    return m_rowById.value(authorId, -1);
}

} // namespace byline
