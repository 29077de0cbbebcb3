#include "authorlistmodel.h"

#include "itemroles.h"
#include "thumbnailcache.h"

#include <QImage>
#include <QScopedValueRollback>

namespace byline {

AuthorListModel::AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent)
    : QAbstractListModel(parent), m_db(db), m_thumbnails(thumbnails)
{
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 imageId) {
        const QList<int> rows = m_rowsByAvatar.values(imageId);
        for (int row : rows)
            emit dataChanged(index(row), index(row), {Qt::DecorationRole});
    });
    loadFirstRows(m_pageSize);
}

int AuthorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_authors.size());
}

QVariant AuthorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuthorSummary &a = m_authors.at(index.row());
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

bool AuthorListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void AuthorListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback<bool> busy(m_fetching, true);
    auto page = AuthorRepository(m_db).page(m_query, m_authors.isEmpty() ? nullptr : &m_authors.last(), m_pageSize);
    if (!page) {
        m_atEnd = true;
        m_lastError = page.error();
        emit loadFailed(m_lastError);
        return;
    }
    if (page->size() < m_pageSize)
        m_atEnd = true;
    if (page->isEmpty())
        return;
    const int first = int(m_authors.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_authors += *page;
    indexRows(first);
    endInsertRows();
}

void AuthorListModel::setSearchText(const QString &text)
{
    if (text == m_query.text)
        return;
    m_query.text = text;
    loadFirstRows(m_pageSize);
}

void AuthorListModel::reload()
{
    loadFirstRows(std::max(m_pageSize, int(m_authors.size())));
}

void AuthorListModel::loadFirstRows(int count)
{
    const QScopedValueRollback<bool> busy(m_fetching, true);
    auto rows = AuthorRepository(m_db).page(m_query, nullptr, count);
    beginResetModel();
    m_rowById.clear();
    m_rowsByAvatar.clear();
    if (rows) {
        m_authors = *rows;
        m_atEnd = rows->size() < count;
        m_lastError.clear();
    } else {
        m_authors.clear();
        m_atEnd = true;
        m_lastError = rows.error();
    }
    indexRows(0);
    endResetModel();
    if (!rows)
        emit loadFailed(m_lastError);
}

void AuthorListModel::indexRows(int from)
{
    for (int row = from; row < m_authors.size(); ++row) {
        const AuthorSummary &a = m_authors.at(row);
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
