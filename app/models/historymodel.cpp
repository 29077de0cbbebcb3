#include "historymodel.h"

#include "itemroles.h"

#include <algorithm>

namespace byline {

HistoryModel::HistoryModel(Database &db, QObject *parent)
    : QAbstractListModel(parent)
    , m_repo(db)
{}

void HistoryModel::setArticle(qint64 articleId)
{
    m_articleId = articleId;
    reload();
}

void HistoryModel::setNewsroomTime(const NewsroomTime &time)
{
    m_time = time;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0), index(int(m_entries.size()) - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_lastError.clear();
    if (m_articleId > 0) {
        Result<QList<HistoryEntry>> history = m_repo.history(m_articleId);
        if (history) {
            m_entries = *history;
            std::reverse(m_entries.begin(), m_entries.end());
        } else {
            m_lastError = history.error();
        }
    }
    endResetModel();
    if (!m_lastError.isEmpty())
        emit loadFailed(m_lastError);
}

Revision HistoryModel::previousRevision(int row) const
{
    for (int i = row + 1; i < m_entries.size(); ++i) {
        if (m_entries.at(i).kind == HistoryEntry::Kind::Revision)
            return m_entries.at(i).revision;
    }
    return {};
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = m_entries.at(index.row());
    const bool isRevision = e.kind == HistoryEntry::Kind::Revision;
    switch (role) {
    case Qt::DisplayRole: {
        const QString when = m_time.toLocal(e.at).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        if (isRevision) {
            const QString who = e.revision.savedBy.isEmpty() ? tr("someone") : e.revision.savedBy;
            return tr("%1  Version %2 saved by %3").arg(when).arg(e.revision.rowVersion).arg(who);
        }
        const QString role =
            roleFromKey(e.change.role) ? roleLabel(*roleFromKey(e.change.role)) : e.change.role;
        const QString who = e.change.who.isEmpty() ? tr("someone") : e.change.who;
        if (e.change.from == e.change.to)
            return tr("%1  Rescheduled to %2 by %3 (%4)")
                .arg(when, m_time.format(e.change.scheduledAt), who, role);
        return tr("%1  %2 → %3 by %4 (%5)")
            .arg(when, statusLabel(e.change.from), statusLabel(e.change.to), who, role);
    }
    case Qt::ToolTipRole:
        return m_time.format(e.at);
    case IdRole:
        return isRevision ? e.revision.id : e.change.id;
    case IsRevisionRole:
        return isRevision;
    case RevisionIdRole:
        return isRevision ? e.revision.id : qint64(0);
    case AtRole:
        return e.at;
    case WhoRole:
        return isRevision ? e.revision.savedBy : e.change.who;
    default:
        return {};
    }
}

} // namespace byline
