#pragma once

#include "searchrepository.h"

#include <QAbstractListModel>

namespace byline {

class Database;

// The search box's article results, best first, fetched a page at a time as the view scrolls.
// Rows carry IdRole and StatusKeyRole (itemroles.h) plus the matched passage.
class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        SnippetRole = Qt::UserRole + 100, // plain text, matches between kHighlightBegin/End
        SnippetHtmlRole,                  // escaped HTML, matches in <b>…</b>
    };

    explicit SearchResultModel(Database &db, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Parses and runs a search line; an empty line empties the model.
    void setSearchText(const QString &line);
    QString searchText() const { return m_text; }
    qint64 articleId(int row) const;
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    // Why the last search failed (a malformed filter, a storage error); empty otherwise.
    QString lastError() const { return m_lastError; }

    static QString snippetHtml(const QString &snippet);

signals:
    void searchFailed(const QString &message);

private:
    SearchRepository m_repo;
    QString m_text;
    SearchQuery m_query;
    QList<ArticleHit> m_rows;
    bool m_atEnd = true;
    bool m_fetching = false;
    int m_pageSize = 50;
    QString m_lastError;
};

} // namespace byline
