#include "historypanel.h"

#include "historymodel.h"

#include <QItemSelectionModel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace byline {

HistoryPanel::HistoryPanel(HistoryModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_view = new QListView(this);
    m_view->setModel(model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_diff = new QTextBrowser(this);
    m_diff->setOpenLinks(false);
    m_restore = new QPushButton(tr("Restore this version"), this);
    m_restore->setEnabled(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_diff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_restore, 0, Qt::AlignRight);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &HistoryPanel::showCurrent);
    connect(model, &QAbstractItemModel::modelReset, this, &HistoryPanel::showCurrent);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid() && current.data(HistoryModel::IsRevisionRole).toBool())
            emit restoreRequested(current.data(HistoryModel::RevisionIdRole).toLongLong());
    });
}

QString HistoryPanel::diffHtml(const QList<DiffChunk> &chunks)
{
    QString html = QStringLiteral("<div style=\"white-space: pre-wrap; font-family: monospace;\">");
    for (const DiffChunk &c : chunks) {
        const QString text = c.text.toHtmlEscaped();
        switch (c.kind) {
        case DiffChunk::Kind::Same:
            html += text;
            break;
        case DiffChunk::Kind::Added:
            html += QStringLiteral("<span style=\"background-color: #c6efce; color: #005a1e;\">") +
                    text + QStringLiteral("</span>");
            break;
        case DiffChunk::Kind::Removed:
            html += QStringLiteral("<span style=\"background-color: #ffc7ce; color: #9c0006; "
                                   "text-decoration: line-through;\">") +
                    text + QStringLiteral("</span>");
            break;
        }
    }
    return html + QStringLiteral("</div>");
}

void HistoryPanel::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const bool isRevision =
        current.isValid() && current.data(HistoryModel::IsRevisionRole).toBool();
    m_restore->setEnabled(isRevision);
    if (!current.isValid()) {
        m_diff->clear();
        return;
    }
    const HistoryEntry &entry = m_model->entry(current.row());
    if (!isRevision) {
        m_diff->setPlainText(current.data().toString());
        return;
    }
    // What this revision changed from the one saved before it (the first shows all as added).
    const Revision before = m_model->previousRevision(current.row());
    const Revision &after = entry.revision;
    QString html;
    if (before.title != after.title) {
        html += QStringLiteral("<h4>") + tr("Title") + QStringLiteral("</h4>") +
                diffHtml(RevisionDiff::words(before.title, after.title));
    }
    if (before.excerpt != after.excerpt) {
        html += QStringLiteral("<h4>") + tr("Excerpt") + QStringLiteral("</h4>") +
                diffHtml(RevisionDiff::words(before.excerpt, after.excerpt));
    }
    html += QStringLiteral("<h4>") + tr("Body") + QStringLiteral("</h4>") +
            diffHtml(RevisionDiff::words(before.body, after.body));
    m_diff->setHtml(html);
}

} // namespace byline
