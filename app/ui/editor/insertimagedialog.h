#pragma once

#include "shortcode/captioneditor.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSpinBox;

namespace byline {

class Database;
class ImageLibraryModel;
class ThumbnailCache;

// Picks an image from the library (searched by caption or credit), with align and width, and
// builds the caption shortcode WordPress itself would insert, the credit in the house style.
class InsertImageDialog : public QDialog
{
    Q_OBJECT
public:
    InsertImageDialog(Database &db, ThumbnailCache &thumbnails, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    QListView *list() const { return m_list; }
    QComboBox *alignBox() const { return m_align; }
    QSpinBox *widthBox() const { return m_width; }
    // The shortcode for the chosen image; empty when none is chosen.
    QString shortcode() const;
    // "Image: {credit}" → CreditStyle::Image, and so on.
    static CreditStyle styleFromSetting(const QString &houseStyle);

private:
    void chosenChanged();

    Database &m_db;
    ImageLibraryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QListView *m_list;
    QComboBox *m_align;
    QSpinBox *m_width;
};

} // namespace byline
