#include "articlelistmodel.h"

#include "itemroles.h"

#include <QLocale>
#include <QScopedValueRollback>

namespace byline {

namespace {
QString shortTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")) : QString();
}
} // namespace

ArticleListModel::ArticleListModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent), m_repo(db)
{
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleSummary &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return a.title.isEmpty() ? tr("(untitled)") : a.title;
        case StatusColumn:
            return statusLabel(a.status);
        case AuthorsColumn:
            return a.authorNames;
        case ScheduledColumn:
            return shortTime(a.scheduledAt);
        case UpdatedColumn:
            return shortTime(a.updatedAt);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ScheduledColumn && a.scheduledAt.isValid())
            return tr("%1 (UTC %2)").arg(shortTime(a.scheduledAt), a.scheduledAt.toUTC().toString(Qt::ISODate));
        return index.column() == TitleColumn ? QVariant(a.title) : QVariant();
    case IdRole:
        return a.id;
    case StatusKeyRole:
        return statusKey(a.status);
    case SortValueRole:
        switch (index.column()) {
        case TitleColumn:
            return a.title;
        case StatusColumn:
            return statusKey(a.status);
        case AuthorsColumn:
            return a.authorNames;
        case ScheduledColumn:
            return a.scheduledAt;
        case UpdatedColumn:
            return a.updatedAt;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case AuthorsColumn:
        return tr("Authors");
    case ScheduledColumn:
        return tr("Scheduled");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    // Views and checkers may ask for more while rows are being inserted: one fetch at a time.
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback<bool> busy(m_fetching, true);
    auto page = m_repo.page(m_query, int(m_rows.size()), m_pageSize);
    if (!page) {
        m_atEnd = true; // stop asking; the view would retry forever
        m_lastError = page.error();
        emit loadFailed(page.error());
        return;
    }
    if (page->size() < m_pageSize)
        m_atEnd = true;
    if (page->isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_rows += *page;
    endInsertRows();
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    ArticleQuery q = m_query;
    switch (column) {
    case TitleColumn:
        q.sortKey = ArticleQuery::SortKey::Title;
        break;
    case StatusColumn:
        q.sortKey = ArticleQuery::SortKey::Status;
        break;
    case ScheduledColumn:
        q.sortKey = ArticleQuery::SortKey::Scheduled;
        break;
    case UpdatedColumn:
        q.sortKey = ArticleQuery::SortKey::Updated;
        break;
    default:
        return; // authors are not a sortable column of the database
    }
    q.descending = order == Qt::DescendingOrder;
    setQuery(q);
}

void ArticleListModel::setQuery(const ArticleQuery &query)
{
    m_query = query;
    loadFirstRows(m_pageSize);
}

void ArticleListModel::reload()
{
    loadFirstRows(std::max(m_pageSize, int(m_rows.size())));
}

void ArticleListModel::loadFirstRows(int count)
{
    // The first rows are part of the reset itself; views that ask for more while the reset is
    // being announced are told to wait.
    const QScopedValueRollback<bool> busy(m_fetching, true);
    auto rows = m_repo.page(m_query, 0, count);
    beginResetModel();
    if (rows) {
        m_rows = *rows;
        m_atEnd = rows->size() < count;
        m_lastError.clear();
    } else {
        m_rows.clear();
        m_atEnd = true;
        m_lastError = rows.error();
    }
    endResetModel();
    if (!rows)
        emit loadFailed(rows.error());
}

qint64 ArticleListModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ArticleListModel::rowOfArticle(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

} // namespace byline
