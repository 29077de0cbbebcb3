#pragma once

#include "articlerepository.h"

#include <QAbstractTableModel>
#include <QHash>

namespace byline {

class Database;

// The newsroom's articles as a table, fetched page by page as the view scrolls. Sorting and
// filtering are asked of the database. Of the rows fetched the model keeps only their ids and
// a bounded cache of full rows; a row that fell out of the cache is read again, with its
// neighbours, when a view asks for it. A million-row list costs its ids (8 MB), not its rows.
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

    // Lists the articles the query selects. The same query again changes nothing (a window
    // that sets its sort order and then its filters reads the first page once); reload()
    // reads again.
    void setQuery(const ArticleQuery &query);
    const ArticleQuery &query() const { return m_query; }
    // Re-reads what has been fetched so far, e.g. after a save.
    void reload();

    qint64 articleId(int row) const;
    int rowOfArticle(qint64 id) const; // -1 when not fetched
    int pageSize() const { return m_pageSize; }
    // Full rows held in memory at the moment (at most two generations of the cache).
    int cachedRows() const { return int(m_recent.size() + m_older.size()); }
    // Full rows kept per generation of the cache (two generations are kept).
    void setCacheRows(int rows) { m_cacheRows = std::max(rows, 2 * kBlockRows); }
    void setPageSize(int rows) { m_pageSize = rows; }
    // The last storage error, empty when all went well.
    QString lastError() const { return m_lastError; }

private:
    void loadFirstRows(int count);
    void append(const QList<ArticleSummary> &rows);
    const ArticleSummary *summaryAt(int row) const;
    const ArticleSummary *remember(const ArticleSummary &row) const;
    QVariant decoration(const ArticleSummary &a, int column) const;

signals:
    void loadFailed(const QString &message);

private:
    ArticleRepository m_repo;
    ArticleQuery m_query;
    static constexpr int kBlockRows = 128;  // rows read together when the cache misses
    QList<qint64> m_ids;                    // every fetched row, in order
    ArticleSummary m_last;                  // the last fetched row: where the next page starts
    mutable QHash<qint64, ArticleSummary> m_recent;
    mutable QHash<qint64, ArticleSummary> m_older;
    bool m_atEnd = false;
    bool m_fetching = false;
    bool m_loaded = false; // the rows of m_query have been read (or failed to be)
    int m_pageSize = 200;
    int m_cacheRows = 4096;
    mutable QString m_lastError;
};

} // namespace byline
