#pragma once

#include "authorrepository.h"

#include <QAbstractListModel>
#include <QMultiHash>

#include <algorithm>

namespace byline {

class Database;
class ThumbnailCache;

// The newsroom's authors by name with their avatar and role line, fetched a page at a time as
// the view scrolls; a search text is matched by the database.
class AuthorListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setSearchText(const QString &text);
    QString searchText() const { return m_query.text; }
    // Reads the rows fetched so far again (after a save).
    void reload();
    const AuthorSummary &authorAt(int row) const { return m_authors.at(row); }
    int rowOf(qint64 authorId) const; // -1 when not fetched (yet)
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    QString lastError() const { return m_lastError; }

signals:
    void loadFailed(const QString &message);

private:
    void loadFirstRows(int count);
    void indexRows(int from);

    Database &m_db;
    ThumbnailCache &m_thumbnails;
    AuthorQuery m_query;
    QList<AuthorSummary> m_authors;
    QHash<qint64, int> m_rowById;
    QMultiHash<qint64, int> m_rowsByAvatar; // avatar image id → rows showing it
    bool m_atEnd = false;
    bool m_fetching = false;
    int m_pageSize = 200;
    QString m_lastError;
};

} // namespace byline
