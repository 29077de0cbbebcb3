#pragma once

#include "domain/image.h"

#include <QAbstractListModel>
#include <QSize>

namespace byline {

class Database;
class ThumbnailCache;

// The image library as a list of thumbnails with their title and credit. Thumbnails arrive
// as they are decoded; images lacking a credit line or alt text are marked.
class ImageLibraryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    ImageLibraryModel(Database &db, ThumbnailCache &thumbnails, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Reads the library again (after an import or an edit).
    void reload();
    const Image &imageAt(int row) const { return m_images.at(row); }
    int rowOf(qint64 imageId) const;
    void setThumbnailSize(const QSize &size);
    QString lastError() const { return m_lastError; }

private:
    Database &m_db;
    ThumbnailCache &m_thumbnails;
    QList<Image> m_images;
    QSize m_thumbSize{160, 120};
    QString m_lastError;
};

} // namespace byline
