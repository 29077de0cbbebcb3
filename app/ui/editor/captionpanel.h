#pragma once

#include "shortcode/shortcodedocument.h"

#include <QWidget>

class QTableWidget;

namespace byline {

class BodyEditor;
class Database;
class ThumbnailCache;

// The body's captions as rows (picture, text, credit, align, width), edited in place. Each
// edit is written back through the shortcode engine, changing only that shortcode's bytes,
// as one undoable step of the body.
class CaptionPanel : public QWidget
{
    Q_OBJECT
public:
    CaptionPanel(Database &db, BodyEditor *body, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    void setThumbnails(ThumbnailCache *cache) { m_thumbnails = cache; }
    enum Column { ImageColumn, TextColumn, CreditColumn, AlignColumn, WidthColumn, ColumnCount };

    // Replaces the body's text with `edited`, touching only the span that differs.
    static void applyMinimalEdit(BodyEditor *body, const QString &edited);

private:
    void refresh(const ShortcodeDocument &document);
    void cellEdited(int row, int column);

    Database &m_db;
    BodyEditor *m_body;
    ThumbnailCache *m_thumbnails = nullptr;
    QTableWidget *m_table;
    ShortcodeDocument m_document;
    bool m_filling = false;
};

} // namespace byline
