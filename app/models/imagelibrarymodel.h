#pragma once

#include "imagerepository.h"

#include "pagedlistmodel.h"
#include <QHash>
#include <QSize>

#include <algorithm>

namespace byline {

class Database;
class ThumbnailCache;

// The image library as a list of thumbnails with their title and credit, fetched a page at a
// time as the view scrolls. The order and the filters (a search text, "lacking a credit line
// or alt text") are asked of the database, so the model holds only the rows shown so far.
// Thumbnails arrive as they are decoded; images lacking a credit line or alt text are marked.
class ImageLibraryModel : public PagedListModel<Image>
{
    Q_OBJECT
public:
    // Now: the first page is read at once. WhenAsked: nothing is read until load() (a page
    // not shown at start-up need not read its first rows while the window opens).
    enum class Loading { Now, WhenAsked };
    ImageLibraryModel(Database &db, ThumbnailCache &thumbnails, QObject *parent = nullptr, Loading loading = Loading::Now);

    // Reads the first page if nothing has been read yet.
    void load();
    bool isLoaded() const { return m_loaded; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Nothing to fetch before load(): a view laid out while hidden does not read the library.
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A new order or filter: the model starts again from its first page.
    void setQuery(const ImageQuery &query);
    const ImageQuery &query() const { return m_query; }
    void setSearchText(const QString &text);
    void setLackingOnly(bool on);
    void setOrder(ImageQuery::Order order);

    // Reads the rows fetched so far again (after an import or an edit); nothing before load().
    void reload();
    const Image &imageAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 imageId) const; // -1 when not fetched (yet)
    void setThumbnailSize(const QSize &size);

signals:
    void loadFailed(const QString &message);

private:
    Result<QList<Image>> readPage(const Image *after, int limit) const override;
    void rowsArrived(int from) override;
    void rowsCleared() override;
    void pageFailed(const QString &message) override;

    Database &m_db;
    ThumbnailCache &m_thumbnails;
    ImageQuery m_query;
    QHash<qint64, int> m_rowById;
    QSize m_thumbSize{160, 120};
    bool m_loaded = false;
};

} // namespace byline
