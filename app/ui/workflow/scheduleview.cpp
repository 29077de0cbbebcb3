#include "scheduleview.h"

#include "itemroles.h"
#include "schedulemodel.h"
#include "settingsrepository.h"

#include <QCalendarWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTextCharFormat>
#include <QTreeView>
#include <QVBoxLayout>

namespace byline {

ScheduleView::ScheduleView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_week(new ScheduleModel(db, this))
    , m_month(new ScheduleModel(db, this))
{
    m_title = new QLabel(this);
    m_agenda = new QTreeView(this);
    m_agenda->setModel(m_week);
    m_agenda->setDragEnabled(true);
    m_agenda->setAcceptDrops(true);
    m_agenda->setDropIndicatorShown(true);
    m_agenda->setDragDropMode(QAbstractItemView::DragDrop);
    m_agenda->setDefaultDropAction(Qt::MoveAction);
    m_agenda->setSelectionMode(QAbstractItemView::SingleSelection);
    m_agenda->setUniformRowHeights(true);
    m_agenda->header()->setStretchLastSection(false);
    m_agenda->header()->setSectionResizeMode(ScheduleModel::TitleColumn, QHeaderView::Stretch);
    m_agenda->header()->setSectionResizeMode(ScheduleModel::TimeColumn,
                                             QHeaderView::ResizeToContents);
    m_agenda->header()->setSectionResizeMode(ScheduleModel::StatusColumn,
                                             QHeaderView::ResizeToContents);

    m_calendar = new QCalendarWidget(this);
    m_calendar->setFirstDayOfWeek(Qt::Monday);
    m_calendar->setGridVisible(true);

    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_agenda, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_calendar);
    right->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addLayout(right, 1);

    connect(m_calendar, &QCalendarWidget::clicked, this, &ScheduleView::setWeek);
    connect(m_calendar, &QCalendarWidget::currentPageChanged, this, &ScheduleView::showMonth);
    connect(m_agenda, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(ScheduleModel::IsDayRole).toBool())
            emit articleActivated(index.data(IdRole).toLongLong());
    });
    connect(m_week, &ScheduleModel::loadFailed, this, &ScheduleView::rescheduleFailed);
    // A drop changes the week's times; the calendar's busy days follow.
    connect(m_week, &QAbstractItemModel::modelReset, this, [this] {
        m_agenda->expandAll();
        showMonth(m_calendar->yearShown(), m_calendar->monthShown());
    });
}

void ScheduleView::setUser(const QString &name, DeskRole role)
{
    m_week->setUser(name, role);
    m_month->setUser(name, role);
}

void ScheduleView::setWeek(const QDate &anyDay)
{
    if (!anyDay.isValid())
        return;
    m_weekStart = anyDay.addDays(1 - anyDay.dayOfWeek());
    reload();
}

void ScheduleView::reload()
{
    // A hidden schedule is read when it is next shown: a month of a large archive is thousands
    // of rows, and opening a newsroom must not wait for a page nobody is looking at.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    // The range uses the newsroom's zone from the settings, read before the week is.
    const NewsroomTime time = SettingsRepository(m_db).newsroomTime();
    if (!m_weekStart.isValid()) {
        const QDate today = time.localDate(QDateTime::currentDateTimeUtc());
        m_weekStart = today.addDays(1 - today.dayOfWeek());
    }
    m_week->setRange(time.startOfDay(m_weekStart), time.startOfDay(m_weekStart.addDays(7)));
    m_title->setText(tr("Week of %1 (%2)")
                         .arg(QLocale().toString(m_weekStart, QLocale::LongFormat), time.zoneId()));
}

void ScheduleView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void ScheduleView::showMonth(int year, int month)
{
    const QDate first(year, month, 1);
    if (!first.isValid())
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_calendar->setDateTextFormat(QDate(), QTextCharFormat()); // clears every date's format
    const NewsroomTime &time = m_week->newsroomTime();
    m_month->setRange(time.startOfDay(first), time.startOfDay(first.addMonths(1)));
    QTextCharFormat busy;
    busy.setFontWeight(QFont::Bold);
    QTextCharFormat conflict = busy;
    conflict.setForeground(QColor(0xb0, 0x00, 0x20));
    for (int row = 0; row < m_month->rowCount(); ++row) {
        const QModelIndex day = m_month->index(row, 0);
        if (m_month->rowCount(day) == 0)
            continue;
        const bool clash = day.data(ScheduleModel::ConflictRole).toBool();
        m_calendar->setDateTextFormat(day.data(ScheduleModel::LocalDateRole).toDate(),
                                      clash ? conflict : busy);
    }
}

} // namespace byline
