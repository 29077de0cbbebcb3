#pragma once

#include "domain/result.h"

#include <QAbstractListModel>
#include <QList>
#include <QScopedValueRollback>

#include <algorithm>

namespace byline {

// The paging the library lists share: the first rows are read with the reset, later ones a
// page at a time after the last row by its sort key, one fetch at a time (views and model
// checkers may ask again while rows are being inserted). A failed read stops the fetching, or
// the view would ask again forever. A subclass says how a page is read and what it indexes
// when rows arrive, and emits its own signal from pageFailed().
template <typename Row>
class PagedListModel : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    bool canFetchMore(const QModelIndex &parent) const override
    {
        return !parent.isValid() && !m_atEnd && !m_fetching;
    }
    void fetchMore(const QModelIndex &parent) override
    {
        if (parent.isValid() || m_atEnd || m_fetching)
            return;
        const QScopedValueRollback<bool> busy(m_fetching, true);
        auto page = readPage(m_rows.isEmpty() ? nullptr : &m_rows.constLast(), m_pageSize);
        if (!page) {
            m_atEnd = true;
            m_lastError = page.error();
            pageFailed(m_lastError);
            return;
        }
        if (page->size() < m_pageSize)
            m_atEnd = true;
        if (page->isEmpty())
            return;
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page->size()) - 1);
        m_rows += *page;
        rowsArrived(first);
        endInsertRows();
    }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    QString lastError() const { return m_lastError; }

protected:
    // The rows after `after` (null: from the start) in the list's order, at most limit.
    virtual Result<QList<Row>> readPage(const Row *after, int limit) const = 0;
    // Rows from `from` to the end are new (or all rows, after rowsCleared()).
    virtual void rowsArrived(int from) = 0;
    virtual void rowsCleared() {}
    virtual void pageFailed(const QString &message) = 0;

    // Starts again from the first page (a new order or filter).
    void restart() { loadFirstRows(m_pageSize); }
    // Reads the rows fetched so far again (after an edit elsewhere).
    void rereadFetched() { loadFirstRows(std::max(m_pageSize, int(m_rows.size()))); }

    QList<Row> m_rows;

private:
    void loadFirstRows(int count)
    {
        const QScopedValueRollback<bool> busy(m_fetching, true);
        auto rows = readPage(nullptr, count);
        beginResetModel();
        rowsCleared();
        if (rows) {
            m_rows = *rows;
            m_atEnd = rows->size() < count;
            m_lastError.clear();
        } else {
            m_rows.clear();
            m_atEnd = true;
            m_lastError = rows.error();
        }
        rowsArrived(0);
        endResetModel();
        if (!rows)
            pageFailed(m_lastError);
    }

    bool m_atEnd = false;
    bool m_fetching = false;
    int m_pageSize = 200;
    QString m_lastError;
};

} // namespace byline
