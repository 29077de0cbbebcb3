#include "authorlistmodel.h"

#include "itemroles.h"
#include "thumbnailcache.h"

#include "authorrepository.h"
#include "imagerepository.h"

namespace byline {

AuthorListModel::AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent)
    : QAbstractListModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 imageId) {
        for (int row = 0; row < m_authors.size(); ++row) {
            if (m_authors.at(row).avatarImageId == imageId)
                emit dataChanged(index(row), index(row), {Qt::DecorationRole});
        }
    });
    reload();
}

int AuthorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_authors.size());
}

QVariant AuthorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Author &a = m_authors.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return a.displayName;
    case Qt::ToolTipRole:
    case SubtitleRole:
        return a.roleLine;
    case Qt::DecorationRole: {
        if (a.avatarImageId <= 0)
            return {};
        const QImage img = const_cast<ThumbnailCache &>(m_thumbnails)
                               .thumbnail(a.avatarImageId, m_avatarHash.value(a.avatarImageId), QSize(48, 48));
        return img.isNull() ? QVariant() : QVariant(img);
    }
    case IdRole:
        return a.id;
    default:
        return {};
    }
}

void AuthorListModel::reload()
{
    auto all = AuthorRepository(m_db).all();
    beginResetModel();
    m_authors = all.valueOr({});
    m_avatarHash.clear();
    ImageRepository images(m_db);
    for (const Author &a : std::as_const(m_authors)) {
        if (a.avatarImageId > 0)
            m_avatarHash.insert(a.avatarImageId, images.get(a.avatarImageId).valueOr(Image()).sha256);
    }
    endResetModel();
}

int AuthorListModel::rowOf(qint64 authorId) const
{
    for (int i = 0; i < m_authors.size(); ++i) {
        if (m_authors.at(i).id == authorId)
            return i;
    }
    return -1;
}

} // namespace byline
