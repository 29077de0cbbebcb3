#pragma once

#include "workflow/newsroomtime.h"
#include "workflowrepository.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QList>

namespace byline {

class Database;

// The schedule as a tree: newsroom-local days, each with its scheduled and published articles
// in time order. Flags two lead stories that share a slot, and reschedules by drag and drop.
class ScheduleModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleColumn,
        TimeColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        IsDayRole = Qt::UserRole + 200, // bool: a day row rather than an article
        LocalDateRole,                  // QDate of the day (on both levels)
        SlotTimeRole,                   // QDateTime UTC: when the article goes out
        LocalTimeRole,                  // QDateTime in the newsroom's zone
        LeadRole,                       // bool: the article is a lead story
        ConflictRole,                   // bool: another lead story shares its slot (a day: any)
        RowVersionRole,                 // int: for rescheduling without overwriting others
    };
    static constexpr int kDefaultSlotMinutes = 60;
    static QString mimeType() { return QStringLiteral("application/x-byline-article-id"); }

    explicit ScheduleModel(Database &db, QObject *parent = nullptr);

    // The window shown, in UTC; every newsroom day touching it gets a row.
    void setRange(const QDateTime &fromUtc, const QDateTime &toUtc);
    // Reads zone and slot length from the newsroom settings and the articles again.
    void reload();
    // Who reschedules, for the status log.
    void setUser(const QString &name, DeskRole role);

    const NewsroomTime &newsroomTime() const { return m_time; }
    int slotMinutes() const { return m_slotMinutes; }
    // The start of the slot a newsroom-local time falls in.
    QDateTime slotStart(const QDateTime &local) const;

    // Reschedules an article to a newsroom wall-clock time (its fields read as newsroom time);
    // it stays scheduled. Refuses a time the clocks skip; a repeated one takes the first.
    Status moveToSlot(qint64 articleId, const QDateTime &newLocalDateTime);

    QModelIndex indexOfArticle(qint64 articleId) const;
    QModelIndex indexOfDay(const QDate &localDate) const;
    QString lastError() const { return m_lastError; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Dropped on a day: same local time on that day. On an article: that article's time.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

signals:
    void loadFailed(const QString &message);

private:
    struct Item
    {
        ScheduleEntry entry;
        QDateTime local;
        bool conflict = false;
    };
    struct Day
    {
        QDate date;
        QList<Item> items;
        bool conflict = false;
    };

    void rebuild();
    std::optional<QDateTime> dropTarget(const QModelIndex &parent, qint64 articleId) const;
    const Item *findItem(qint64 articleId) const;

    Database &m_db;
    WorkflowRepository m_repo;
    NewsroomTime m_time;
    int m_slotMinutes = kDefaultSlotMinutes;
    QDateTime m_from;
    QDateTime m_to;
    QList<Day> m_days;
    QString m_user;
    DeskRole m_role = DeskRole::Editor;
    QString m_lastError;
};

} // namespace byline
