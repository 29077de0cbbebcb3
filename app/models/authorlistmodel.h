#pragma once

#include "domain/author.h"

#include <QAbstractListModel>

namespace byline {

class Database;
class ThumbnailCache;

// The newsroom's authors with their avatar and role line.
class AuthorListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    AuthorListModel(Database &db, ThumbnailCache &thumbnails, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void reload();
    const Author &authorAt(int row) const { return m_authors.at(row); }
    int rowOf(qint64 authorId) const;

private:
    Database &m_db;
    ThumbnailCache &m_thumbnails;
    QList<Author> m_authors;
    QHash<qint64, QByteArray> m_avatarHash; // avatar image id → sha256
};

} // namespace byline
