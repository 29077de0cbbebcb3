#pragma once

#include "articlerepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QThreadPool>

#include <optional>

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
    ~ArticleListModel() override;

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
    // Off (the default): a view that asks for more rows waits while the next page is read.
    // On: the page after the last one fetched is read ahead on a worker thread with its own
    // connection, so a view reaching the end gets it at once, or as soon as the read ends
    // (rows are inserted then), and the thread painting the view never waits for the disk.
    void setReadAhead(bool on);
    bool readAhead() const { return m_readAhead; }
    // True while a view's request for more rows waits for the page being read ahead.
    bool pageOnTheWay() const { return m_aheadWanted; }
    // The last storage error, empty when all went well.
    QString lastError() const { return m_lastError; }

private:
    void loadFirstRows(int count);
    void append(const QList<ArticleSummary> &rows);
    // Shows a page read after the last row (inserted at the end), or its failure.
    void showPage(const Result<QList<ArticleSummary>> &page);
    void startReadAhead();
    void readAheadEnded(quint64 generation, const Result<QList<ArticleSummary>> &page);
    const ArticleSummary *summaryAt(int row) const;
    const ArticleSummary *remember(const ArticleSummary &row) const;
    QVariant decoration(const ArticleSummary &a, int column) const;

signals:
    void loadFailed(const QString &message);

private:
    Database &m_db;
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

    // Reading ahead. Every new first page (a new query, a reload) starts a new generation;
    // a page read for an older one is dropped when it arrives.
    bool m_readAhead = false;
    quint64 m_generation = 0;
    bool m_aheadRunning = false;                              // a read is under way
    bool m_aheadWanted = false;                               // and a view waits for it
    std::optional<Result<QList<ArticleSummary>>> m_aheadPage; // read, not yet shown
    QThreadPool m_reader;                                     // one thread, kept with its connection
};

} // namespace byline
