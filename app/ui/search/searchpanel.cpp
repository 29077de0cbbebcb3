#include "search/searchpanel.h"

#include "itemroles.h"
#include "searchresultmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace byline {

namespace {

// Title in bold, then the snippet with the matched words bold, on two or three lines.
class HitDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString html = document(opt, index);
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setHtml(html);
        doc.setTextWidth(opt.rect.width() - 8);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette = opt.palette;
        const bool selected = opt.state & QStyle::State_Selected;
        ctx.palette.setColor(QPalette::Text, opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->save();
        painter->translate(opt.rect.topLeft() + QPoint(4, 2));
        painter->setClipRect(QRect(QPoint(0, 0), opt.rect.size() - QSize(8, 4)));
        doc.documentLayout()->draw(painter, ctx);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setHtml(document(opt, index));
        doc.setTextWidth(std::max(120, opt.rect.width() - 8));
        return QSize(int(doc.idealWidth()), std::min(int(doc.size().height()) + 6, opt.fontMetrics.height() * 4 + 6));
    }

private:
    static QString document(const QStyleOptionViewItem &opt, const QModelIndex &index)
    {
        return QStringLiteral("<b>%1</b> <span style=\"color:gray\">· %2</span><br>%3")
            .arg(opt.text.toHtmlEscaped(), index.data(StatusKeyRole).toString(),
                 index.data(SearchResultModel::SnippetHtmlRole).toString());
    }
};

} // namespace

SearchPanel::SearchPanel(QWidget *parent)
    : QWidget(parent), m_line(new QLineEdit(this)), m_results(new QListView(this)), m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_line->setObjectName(QStringLiteral("searchLine"));
    m_line->setAccessibleName(tr("Search the newsroom"));
    m_line->setPlaceholderText(tr("Search: words, \"phrases\", pref*, author: status: tag: credit: before: after:"));
    m_line->setClearButtonEnabled(true);
    m_line->setToolTip(tr("Full-text search of titles, excerpts, bodies and captions, best match first\n"
                          "among the newest %L1 matches; filters reach further back.\n"
                          "Filters: author:name status:ready tag:name credit:name before:2024-03-01 after:2024-01-01")
                           .arg(SearchRepository::kDefaultRankWindow));
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setItemDelegate(new HitDelegate(m_results));
    m_results->setUniformItemSizes(false);
    m_results->setWordWrap(true);
    m_results->setAlternatingRowColors(true);
    m_results->hide();
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_line);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);

    // Coalesce typing: one search per pause, not per keystroke.
    auto *delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(120);
    connect(m_line, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(delay, &QTimer::timeout, this, &SearchPanel::runSearch);
    connect(m_line, &QLineEdit::returnPressed, this, [this, delay] {
        delay->stop();
        runSearch();
        if (m_model && m_model->rowCount() > 0) {
            m_results->setCurrentIndex(m_model->index(0));
            m_results->setFocus();
        }
    });
    auto choose = [this](const QModelIndex &index) {
        if (index.isValid())
            emit articleChosen(index.data(IdRole).toLongLong());
    };
    connect(m_results, &QListView::activated, this, choose);
    connect(m_results, &QListView::clicked, this, choose);
}

SearchPanel::~SearchPanel() = default;

void SearchPanel::setDatabase(Database *db)
{
    m_results->setModel(nullptr);
    m_model.reset();
    if (db) {
        m_model = std::make_unique<SearchResultModel>(*db);
        m_results->setModel(m_model.get());
        connect(m_model.get(), &SearchResultModel::searchFailed, this, [this](const QString &why) {
            m_status->setText(why);
            m_status->show();
        });
    }
    runSearch();
}

bool SearchPanel::isActive() const
{
    return m_active;
}

void SearchPanel::runSearch()
{
    const QString line = m_line->text().trimmed();
    m_status->hide();
    if (m_model)
        m_model->setSearchText(line);
    const bool active = !line.isEmpty() && m_model;
    m_results->setVisible(active);
    if (active && m_model->lastError().isEmpty() && m_model->rowCount() == 0) {
        m_status->setText(tr("Nothing found for %1").arg(line));
        m_status->show();
    }
    if (active != m_active) {
        m_active = active;
        emit activeChanged(active);
    }
}

} // namespace byline
