#pragma once

#include "articlerepository.h"

#include <QAbstractTableModel>

namespace byline {

class Database;

// The newsroom's articles as a table, fetched page by page as the view scrolls. Sorting and
// filtering are asked of the database, so the model never holds more rows than were shown.
class ArticleListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, StatusColumn, AuthorsColumn, ScheduledColumn, UpdatedColumn, WordsColumn, ColumnCount };

    explicit ArticleListModel(Database &db, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setQuery(const ArticleQuery &query);
    const ArticleQuery &query() const { return m_query; }
    // Re-reads what has been fetched so far, e.g. after a save.
    void reload();

    qint64 articleId(int row) const;
    int rowOfArticle(qint64 id) const; // -1 when not fetched
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }
    // The last storage error, empty when all went well.
    QString lastError() const { return m_lastError; }

private:
    void loadFirstRows(int count);
    QVariant decoration(const ArticleSummary &a, int column) const;

signals:
    void loadFailed(const QString &message);

private:
    ArticleRepository m_repo;
    ArticleQuery m_query;
    QList<ArticleSummary> m_rows;
    bool m_atEnd = false;
    bool m_fetching = false;
    int m_pageSize = 200;
    QString m_lastError;
};

} // namespace byline
