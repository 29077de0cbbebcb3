#include "searchresultmodel.h"

#include "itemroles.h"

#include <QScopedValueRollback>

namespace byline {

SearchResultModel::SearchResultModel(Database &db, QObject *parent) : QAbstractListModel(parent), m_repo(db) {}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString SearchResultModel::snippetHtml(const QString &snippet)
{
    QString html = snippet.toHtmlEscaped();
    html.replace(kHighlightBegin, QLatin1String("<b>"));
    html.replace(kHighlightEnd, QLatin1String("</b>"));
    return html;
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleHit &h = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return h.title.isEmpty() ? tr("(untitled)") : h.title;
    case Qt::ToolTipRole: {
        QString plain = h.snippet;
        plain.remove(kHighlightBegin);
        plain.remove(kHighlightEnd);
        return plain;
    }
    case IdRole:
        return h.id;
    case StatusKeyRole:
        return statusKey(h.status);
    case SnippetRole:
        return h.snippet;
    case SnippetHtmlRole:
        return snippetHtml(h.snippet);
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "articleId");
    names.insert(StatusKeyRole, "statusKey");
    names.insert(SnippetRole, "snippet");
    names.insert(SnippetHtmlRole, "snippetHtml");
    return names;
}

bool SearchResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void SearchResultModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_fetching)
        return;
    const QScopedValueRollback<bool> busy(m_fetching, true);
    auto page = m_repo.articles(m_query, int(m_rows.size()), m_pageSize);
    if (!page) {
        m_atEnd = true;
        m_lastError = page.error();
        emit searchFailed(page.error());
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    if (page->isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page->size()) - 1);
    m_rows += *page;
    endInsertRows();
}

void SearchResultModel::setSearchText(const QString &line)
{
    // The first page is part of the reset; views and checkers asking for more while the reset
    // is announced are told to wait.
    const QScopedValueRollback<bool> busy(m_fetching, true);
    const SearchQuery query = SearchQuery::parse(line);
    Result<QList<ArticleHit>> first = QList<ArticleHit>();
    if (!query.isEmpty())
        first = m_repo.articles(query, 0, m_pageSize);
    beginResetModel();
    m_text = line;
    m_query = query;
    m_rows = first ? *first : QList<ArticleHit>();
    m_atEnd = !first || m_rows.size() < m_pageSize;
    m_lastError = first ? QString() : first.error();
    endResetModel();
    if (!first)
        emit searchFailed(first.error());
}

qint64 SearchResultModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

} // namespace byline
