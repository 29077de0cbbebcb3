#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace byline {

class Database;
class ImageLibraryModel;
class ThumbnailCache;

// The photo desk's image library: a thumbnail grid with import by file dialog or drag and
// drop, one image's credits and texts, the same credit set on many images at once, a filter
// for images lacking a credit or alt text, and the articles that show an image. The grid's
// model reads the library page by page; search, filter and order are the database's work.
class ImagesPage : public QWidget
{
    Q_OBJECT
public:
    ImagesPage(Database &db, ThumbnailCache &thumbnails, QWidget *parent = nullptr);

    QListView *grid() const { return m_grid; }
    ImageLibraryModel *model() const { return m_model; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *orderBox() const { return m_order; }
    QCheckBox *lackingOnly() const { return m_lacking; }
    QLineEdit *creditEdit() const { return m_credit; }
    QLineEdit *bulkCreditEdit() const { return m_bulkCredit; }
    QListWidget *whereUsed() const { return m_whereUsed; }

    void importFiles(const QStringList &paths);
    // Saves the one selected image's fields.
    bool saveImage();
    // Sets credit, creator and copyright (those not left empty) on every selected image.
    int applyBulk();
    QList<qint64> selectedIds() const;

signals:
    void status(const QString &message);
    void openArticle(qint64 articleId);
    void libraryChanged();

protected:
    // The library's first page is read when the page is first shown, not while the window
    // opens on another page.
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void selectionChanged();
    void showImage(qint64 id);

    Database &m_db;
    ImageLibraryModel *m_model;
    QListView *m_grid;
    QLineEdit *m_search;
    QComboBox *m_order;
    QCheckBox *m_lacking;
    QStackedWidget *m_side;
    QLabel *m_info;
    QLineEdit *m_title;
    QPlainTextEdit *m_caption;
    QPlainTextEdit *m_description;
    QLineEdit *m_credit;
    QLineEdit *m_creator;
    QLineEdit *m_copyright;
    QLineEdit *m_alt;
    QListWidget *m_whereUsed;
    QLabel *m_bulkInfo;
    QLineEdit *m_bulkCredit;
    QLineEdit *m_bulkCreator;
    QLineEdit *m_bulkCopyright;
    qint64 m_shownId = 0;
};

} // namespace byline
