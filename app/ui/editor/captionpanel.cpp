#include "captionpanel.h"

#include "bodyeditor.h"

#include "thumbnailcache.h"

#include "imagerepository.h"

#include "shortcode/captioneditor.h"

#include <QHash>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace byline {

CaptionPanel::CaptionPanel(Database &db, BodyEditor *body, QWidget *parent)
    : QWidget(parent), m_db(db), m_body(body), m_table(new QTableWidget(this))
{
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Image"), tr("Caption"), tr("Credit"), tr("Align"), tr("Width")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_table->setIconSize(QSize(48, 36));
    m_table->setAccessibleName(tr("Captions in the body"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    connect(m_body, &BodyEditor::parsed, this, &CaptionPanel::refresh);
    connect(m_table, &QTableWidget::cellChanged, this, &CaptionPanel::cellEdited);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (m_filling || row < 0 || row >= m_document.captions().size())
            return;
        // Show the shortcode in the body without taking the focus from the table.
        QTextCursor c = m_body->textCursor();
        c.setPosition(int(m_document.captions().at(row).range.begin));
        m_body->setTextCursor(c);
        m_body->ensureCursorVisible();
    });
}

void CaptionPanel::refresh(const ShortcodeDocument &document)
{
    m_document = document;
    m_filling = true;
    const auto &captions = document.captions();
    m_table->setRowCount(int(captions.size()));
    // The body is parsed again as it is typed: its images are read in one query, not one each.
    QList<qint64> attachmentIds;
    for (const Caption &c : captions)
        attachmentIds << c.attachmentId;
    QHash<qint64, Image> library;
    if (const auto found = ImageRepository(m_db).referenced({}, attachmentIds); found) {
        for (const Image &i : *found)
            library.insert(i.wpAttachmentId, i);
    }
    for (int row = 0; row < captions.size(); ++row) {
        const Caption &c = captions.at(row);
        auto *image = new QTableWidgetItem(QStringLiteral("#%1").arg(c.attachmentId));
        image->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        const auto found = library.constFind(c.attachmentId);
        if (c.attachmentId <= 0 || found == library.cend()) {
            image->setToolTip(tr("Attachment %1 is not in the library").arg(c.attachmentId));
            image->setForeground(Qt::red);
        } else if (m_thumbnails) {
            const QImage t = m_thumbnails->thumbnail(found->id, found->sha256, QSize(48, 36));
            if (!t.isNull())
                image->setIcon(QPixmap::fromImage(t));
            image->setToolTip(found->title);
        }
        m_table->setItem(row, ImageColumn, image);
        m_table->setItem(row, TextColumn, new QTableWidgetItem(c.credit.text));
        auto *credit = new QTableWidgetItem(c.credit.credit);
        if (c.credit.credit.trimmed().isEmpty())
            credit->setToolTip(tr("This caption has no credit"));
        m_table->setItem(row, CreditColumn, credit);
        m_table->setItem(row, AlignColumn, new QTableWidgetItem(c.align));
        m_table->setItem(row, WidthColumn, new QTableWidgetItem(c.widthText));
    }
    m_filling = false;
}

void CaptionPanel::cellEdited(int row, int column)
{
    if (m_filling || row < 0 || row >= m_document.captions().size())
        return;
    const QString value = m_table->item(row, column)->text();
    CaptionEdit edit;
    switch (column) {
    case TextColumn:
        edit.text = value;
        break;
    case CreditColumn:
        edit.credit = value.trimmed();
        break;
    case AlignColumn:
        edit.align = value.trimmed();
        break;
    case WidthColumn: {
        bool ok = false;
        const int w = value.trimmed().toInt(&ok);
        if (!ok || w < 1) {
            refresh(m_document); // not a width: show the old value again
            return;
        }
        edit.width = w;
        break;
    }
    default:
        return;
    }
    bool ok = false;
    const QString edited = CaptionEditor::apply(m_document, row, edit, &ok);
    if (!ok)
        return;
    applyMinimalEdit(m_body, edited);
    m_body->reparseNow();
}

void CaptionPanel::applyMinimalEdit(BodyEditor *body, const QString &edited)
{
    const QString current = body->toPlainText();
    int prefix = 0;
    const int maxPrefix = int(std::min(current.size(), edited.size()));
    while (prefix < maxPrefix && current.at(prefix) == edited.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < maxPrefix - prefix
           && current.at(current.size() - 1 - suffix) == edited.at(edited.size() - 1 - suffix))
        ++suffix;
    body->replaceRange(prefix, int(current.size()) - suffix, edited.mid(prefix, edited.size() - prefix - suffix));
}

} // namespace byline
