#pragma once

#include "workflow/readiness.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace byline {

// Lists an article's readiness findings with their severity; activating one asks the editor
// to show its place, and Fix hands the chosen one-click fix to whoever can apply it.
class ReadinessPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReadinessPanel(QWidget *parent = nullptr);

    void setIssues(const QList<ReadinessIssue> &issues);
    const QList<ReadinessIssue> &issues() const { return m_issues; }
    QListWidget *list() const { return m_list; }
    QPushButton *fixButton() const { return m_fix; }

signals:
    // offset into the body (-1 when the finding is about a field), and the field's name.
    void jumpTo(qsizetype offset, const QString &field);
    void fixRequested(const byline::ReadinessFix &fix);

private:
    void activate(QListWidgetItem *item);
    void updateFixButton();
    const ReadinessIssue *currentIssue() const;

    QList<ReadinessIssue> m_issues;
    QLabel *m_summary = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_fix = nullptr;
};

} // namespace byline

Q_DECLARE_METATYPE(byline::ReadinessFix)
