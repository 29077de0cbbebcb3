#include "readinesspanel.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace byline {

ReadinessPanel::ReadinessPanel(QWidget *parent)
    : QWidget(parent)
{
    qRegisterMetaType<ReadinessFix>();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setWordWrap(true);
    m_fix = new QPushButton(tr("Fix"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_fix, 0, Qt::AlignRight);

    connect(m_list, &QListWidget::itemActivated, this, &ReadinessPanel::activate);
    connect(m_list, &QListWidget::currentRowChanged, this, &ReadinessPanel::updateFixButton);
    // With one fix the button applies it; with several (update the caption or the library)
    // it opens a menu to choose.
    connect(m_fix, &QPushButton::clicked, this, [this] {
        const ReadinessIssue *issue = currentIssue();
        if (issue && issue->fixes.size() == 1)
            emit fixRequested(issue->fixes.first());
    });
    setIssues({});
}

void ReadinessPanel::setIssues(const QList<ReadinessIssue> &issues)
{
    m_issues = issues;
    m_list->clear();
    int errors = 0;
    for (const ReadinessIssue &issue : issues) {
        const bool error = issue.severity == ReadinessIssue::Severity::Error;
        errors += error ? 1 : 0;
        const QIcon icon = style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                       : QStyle::SP_MessageBoxWarning);
        auto *item = new QListWidgetItem(icon, issue.message, m_list);
        item->setToolTip(issue.fixes.isEmpty() ? issue.message : issue.fixes.first().label);
    }
    if (issues.isEmpty())
        m_summary->setText(tr("Nothing is missing: the article can be marked ready."));
    else if (errors > 0)
        m_summary->setText(
            errors == 1 ? tr("1 problem to fix before the article can be ready or scheduled.")
                        : tr("%1 problems to fix before the article can be ready or scheduled.")
                              .arg(errors));
    else
        m_summary->setText(tr("Only warnings: the article can go out, but have a look."));
    updateFixButton();
}

const ReadinessIssue *ReadinessPanel::currentIssue() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_issues.size() ? &m_issues.at(row) : nullptr;
}

void ReadinessPanel::activate(QListWidgetItem *item)
{
    const int row = m_list->row(item);
    if (row >= 0 && row < m_issues.size())
        emit jumpTo(m_issues.at(row).offset, m_issues.at(row).field);
}

void ReadinessPanel::updateFixButton()
{
    const ReadinessIssue *issue = currentIssue();
    const bool fixable = issue && !issue->fixes.isEmpty();
    m_fix->setEnabled(fixable);
    if (QMenu *old = m_fix->menu()) {
        m_fix->setMenu(nullptr);
        old->deleteLater();
    }
    m_fix->setToolTip(fixable ? issue->fixes.first().label : QString());
    if (fixable && issue->fixes.size() > 1) {
        auto *menu = new QMenu(m_fix);
        for (const ReadinessFix &fix : issue->fixes)
            connect(menu->addAction(fix.label), &QAction::triggered, this,
                    [this, fix] { emit fixRequested(fix); });
        m_fix->setMenu(menu);
    }
}

} // namespace byline
