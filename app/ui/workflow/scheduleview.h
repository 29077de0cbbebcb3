#pragma once

#include "workflow/workflow.h"

#include <QDate>
#include <QWidget>

class QCalendarWidget;
class QLabel;
class QTreeView;

namespace byline {

class Database;
class ScheduleModel;

// The schedule: a week's agenda by newsroom day beside a month calendar with the busy days in
// bold. Dragging an article onto another day or article reschedules it.
class ScheduleView : public QWidget
{
    Q_OBJECT
public:
    explicit ScheduleView(Database &db, QWidget *parent = nullptr);

    // Shows the week (Monday to Sunday, newsroom days) holding this date.
    void setWeek(const QDate &anyDay);
    QDate weekStart() const { return m_weekStart; }
    void setUser(const QString &name, DeskRole role);
    // Reads the schedule and the newsroom settings again; while hidden, when next shown.
    void reload();

    ScheduleModel *model() const { return m_week; }
    QTreeView *agenda() const { return m_agenda; }
    QCalendarWidget *calendar() const { return m_calendar; }

signals:
    void articleActivated(qint64 articleId);
    void rescheduleFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showMonth(int year, int month);

    Database &m_db;
    ScheduleModel *m_week = nullptr;
    ScheduleModel *m_month = nullptr; // only to bold the calendar's busy days
    QTreeView *m_agenda = nullptr;
    QCalendarWidget *m_calendar = nullptr;
    QLabel *m_title = nullptr;
    QDate m_weekStart;
    bool m_stale = false; // asked to read while hidden
};

} // namespace byline
