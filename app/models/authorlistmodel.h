#pragma once

#include "authorrepository.h"

#include "pagedlistmodel.h"
#include <QMultiHash>

#include <algorithm>

namespace byline {

class Database;
class ThumbnailCache;

// The newsroom's authors by name with their avatar and role line, fetched a page at a time as
// the view scrolls; a search text is matched by the database.
class AuthorListModel : public PagedListModel<AuthorSummary>
{
    Q_OBJECT
public:
    AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setSearchText(const QString &text);
    QString searchText() const { return m_query.text; }
    // Reads the rows fetched so far again (after a save).
    void reload();
    const AuthorSummary &authorAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 authorId) const; // -1 when not fetched (yet)

signals:
    void loadFailed(const QString &message);

private:
    Result<QList<AuthorSummary>> readPage(const AuthorSummary *after, int limit) const override;
    void rowsArrived(int from) override;
    void rowsCleared() override;
    void pageFailed(const QString &message) override;

    Database &m_db;
    ThumbnailCache &m_thumbnails;
    AuthorQuery m_query;
    QHash<qint64, int> m_rowById;
    QMultiHash<qint64, int> m_rowsByAvatar; // avatar image id → rows showing it
};

} // namespace byline
