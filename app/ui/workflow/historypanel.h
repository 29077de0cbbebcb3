#pragma once

#include "workflow/revisiondiff.h"

#include <QWidget>

class QListView;
class QPushButton;
class QTextBrowser;

namespace byline {

class HistoryModel;

// An article's history (revisions and status changes); a selected revision shows what it
// changed from the one before, word by word and coloured, and can be restored.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(HistoryModel *model, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    QTextBrowser *diffView() const { return m_diff; }
    QPushButton *restoreButton() const { return m_restore; }
    // The diff as HTML: added words on green, removed ones struck through on red.
    static QString diffHtml(const QList<DiffChunk> &chunks);

signals:
    // Save this revision's content as a new revision (WorkflowRepository::restoreRevision).
    void restoreRequested(qint64 revisionId);

private:
    void showCurrent();

    HistoryModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QTextBrowser *m_diff = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace byline
