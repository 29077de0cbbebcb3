#include "schedulemodel.h"

#include "itemroles.h"
#include "settingsrepository.h"

#include <QFont>
#include <QHash>
#include <QMimeData>

namespace byline {

namespace {
// Day rows carry 0 as internal id; article rows carry their day's row + 1.
constexpr quintptr kDayId = 0;
} // namespace

ScheduleModel::ScheduleModel(Database &db, QObject *parent)
    : QAbstractItemModel(parent)
    , m_db(db)
    , m_repo(db)
{}

void ScheduleModel::setRange(const QDateTime &fromUtc, const QDateTime &toUtc)
{
    m_from = fromUtc.toUTC();
    m_to = toUtc.toUTC();
    reload();
}

void ScheduleModel::setUser(const QString &name, DeskRole role)
{
    m_user = name;
    m_role = role;
}

void ScheduleModel::reload()
{
    beginResetModel();
    m_lastError.clear();
    SettingsRepository settings(m_db);
    m_time = settings.newsroomTime(); // the system's zone until the newsroom names one
    bool ok = false;
    const int slot =
        settings.value(settingkeys::kScheduleSlotMinutes).valueOr(QString()).toInt(&ok);
    m_slotMinutes = ok && slot > 0 && slot <= 24 * 60 ? slot : kDefaultSlotMinutes;
    rebuild();
    endResetModel();
}

void ScheduleModel::rebuild()
{
    m_days.clear();
    if (!m_from.isValid() || !m_to.isValid() || m_to <= m_from)
        return;
    const QDate first = m_time.localDate(m_from);
    const QDate last = m_time.localDate(m_to.addSecs(-1));
    for (QDate d = first; d <= last; d = d.addDays(1))
        m_days.append(Day{d, {}, false});

    const Result<QList<ScheduleEntry>> entries = m_repo.schedule(m_from, m_to);
    if (!entries) {
        m_lastError = entries.error();
        emit loadFailed(m_lastError);
        return;
    }
    for (const ScheduleEntry &e : *entries) {
        Item item{e, m_time.toLocal(e.slotTime()), false};
        const qint64 dayIndex = first.daysTo(item.local.date());
        if (dayIndex >= 0 && dayIndex < m_days.size())
            m_days[int(dayIndex)].items.append(item);
    }
    // Two leads in one slot of the same newsroom day compete for the front page.
    for (Day &day : m_days) {
        QHash<int, int> leadsPerSlot;
        auto slotOf = [this](const Item &i) {
            return (i.local.time().hour() * 60 + i.local.time().minute()) / m_slotMinutes;
        };
        for (const Item &i : std::as_const(day.items)) {
            if (i.entry.lead)
                ++leadsPerSlot[slotOf(i)];
        }
        for (Item &i : day.items) {
            i.conflict = i.entry.lead && leadsPerSlot.value(slotOf(i)) > 1;
            day.conflict = day.conflict || i.conflict;
        }
    }
}

QDateTime ScheduleModel::slotStart(const QDateTime &local) const
{
    const int minutes = local.time().hour() * 60 + local.time().minute();
    const int start = minutes / m_slotMinutes * m_slotMinutes;
    return QDateTime(local.date(), QTime(start / 60, start % 60), local.timeZone());
}

Status ScheduleModel::moveToSlot(qint64 articleId, const QDateTime &newLocalDateTime)
{
    const Item *item = findItem(articleId);
    if (!item)
        return Status::failure(tr("Article %1 is not in the schedule shown.").arg(articleId));
    if (item->entry.status != ArticleStatus::Scheduled)
        return Status::failure(tr("A published article cannot be moved."));
    const LocalTimeResolution r = m_time.resolve(newLocalDateTime.date(), newLocalDateTime.time());
    if (!r.utc.isValid())
        return Status::failure(r.note);
    const Result<Article> moved =
        m_repo.reschedule(articleId, r.utc, m_user, m_role, item->entry.rowVersion);
    if (!moved)
        return Status::failure(moved.error());
    reload();
    return {};
}

const ScheduleModel::Item *ScheduleModel::findItem(qint64 articleId) const
{
    for (const Day &day : m_days) {
        for (const Item &i : day.items) {
            if (i.entry.id == articleId)
                return &i;
        }
    }
    return nullptr;
}

QModelIndex ScheduleModel::indexOfArticle(qint64 articleId) const
{
    for (int d = 0; d < m_days.size(); ++d) {
        for (int r = 0; r < m_days.at(d).items.size(); ++r) {
            if (m_days.at(d).items.at(r).entry.id == articleId)
                return createIndex(r, 0, quintptr(d + 1));
        }
    }
    return {};
}

QModelIndex ScheduleModel::indexOfDay(const QDate &localDate) const
{
    for (int d = 0; d < m_days.size(); ++d) {
        if (m_days.at(d).date == localDate)
            return createIndex(d, 0, kDayId);
    }
    return {};
}

QModelIndex ScheduleModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kDayId);
    if (parent.internalId() == kDayId)
        return createIndex(row, column, quintptr(parent.row() + 1));
    return {};
}

QModelIndex ScheduleModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kDayId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kDayId);
}

int ScheduleModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_days.size());
    if (parent.column() != 0 || parent.internalId() != kDayId)
        return 0;
    return int(m_days.at(parent.row()).items.size());
}

int ScheduleModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ScheduleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kDayId) {
        const Day &day = m_days.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == TitleColumn)
                return QLocale().toString(day.date, QStringLiteral("dddd d MMMM yyyy"));
            if (index.column() == TimeColumn) {
                const int n = int(day.items.size());
                return n == 0 ? QString() : n == 1 ? tr("1 article") : tr("%1 articles").arg(n);
            }
            return {};
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        case IsDayRole:
            return true;
        case LocalDateRole:
            return day.date;
        case ConflictRole:
            return day.conflict;
        default:
            return {};
        }
    }
    const Day &day = m_days.at(int(index.internalId() - 1));
    const Item &item = day.items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return item.entry.lead ? tr("★ %1").arg(item.entry.title) : item.entry.title;
        case TimeColumn:
            return item.local.toString(QStringLiteral("HH:mm"));
        case StatusColumn:
            return statusLabel(item.entry.status);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (item.conflict)
            return tr("Another lead story goes out in the same %1-minute slot.").arg(m_slotMinutes);
        return m_time.format(item.entry.slotTime());
    case IsDayRole:
        return false;
    case IdRole:
        return item.entry.id;
    case StatusKeyRole:
        return statusKey(item.entry.status);
    case LocalDateRole:
        return day.date;
    case SlotTimeRole:
        return item.entry.slotTime();
    case LocalTimeRole:
        return item.local;
    case LeadRole:
        return item.entry.lead;
    case ConflictRole:
        return item.conflict;
    case RowVersionRole:
        return item.entry.rowVersion;
    default:
        return {};
    }
}

QVariant ScheduleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Article");
    case TimeColumn:
        return tr("Time (%1)").arg(m_time.zoneId());
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags ScheduleModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    if (index.internalId() != kDayId) {
        const Item &item = m_days.at(int(index.internalId() - 1)).items.at(index.row());
        f |= Qt::ItemNeverHasChildren;
        if (item.entry.status == ArticleStatus::Scheduled)
            f |= Qt::ItemIsDragEnabled;
    }
    return f;
}

QStringList ScheduleModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *ScheduleModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &i : indexes) {
        if (i.isValid() && i.internalId() != kDayId) {
            auto *mime = new QMimeData;
            mime->setData(mimeType(), QByteArray::number(data(i, IdRole).toLongLong()));
            return mime;
        }
    }
    return nullptr;
}

Qt::DropActions ScheduleModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

std::optional<QDateTime> ScheduleModel::dropTarget(const QModelIndex &parent,
                                                   qint64 articleId) const
{
    const Item *dragged = findItem(articleId);
    if (!dragged || !parent.isValid())
        return std::nullopt;
    if (parent.internalId() == kDayId)
        return QDateTime(m_days.at(parent.row()).date, dragged->local.time(), Qt::UTC);
    const Item &target = m_days.at(int(parent.internalId() - 1)).items.at(parent.row());
    return QDateTime(target.local.date(), target.local.time(), Qt::UTC);
}

bool ScheduleModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                    const QModelIndex &parent) const
{
    if (!data || action != Qt::MoveAction || !data->hasFormat(mimeType()))
        return false;
    const qint64 id = data->data(mimeType()).toLongLong();
    const Item *item = findItem(id);
    return item && item->entry.status == ArticleStatus::Scheduled &&
           dropTarget(parent, id).has_value();
}

bool ScheduleModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                 const QModelIndex &parent)
{
    // A drop between the rows of a day lands on that day.
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const qint64 id = data->data(mimeType()).toLongLong();
    const std::optional<QDateTime> when = dropTarget(parent, id);
    const Status s = moveToSlot(id, *when);
    if (!s) {
        m_lastError = s.error();
        emit loadFailed(m_lastError);
        return false;
    }
    // The model was reset with the new times; the source view finds no rows left to remove.
    return true;
}

} // namespace byline
