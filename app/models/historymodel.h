#pragma once

#include "workflow/history.h"
#include "workflow/newsroomtime.h"
#include "workflowrepository.h"

#include <QAbstractListModel>

namespace byline {

class Database;

// One article's history, newest first: saved revisions and status changes in one list.
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        IsRevisionRole = Qt::UserRole + 220, // bool
        RevisionIdRole,                      // qint64, 0 for a status change
        AtRole,                              // QDateTime UTC
        WhoRole,                             // QString
    };

    explicit HistoryModel(Database &db, QObject *parent = nullptr);

    void setArticle(qint64 articleId);
    qint64 articleId() const { return m_articleId; }
    void setNewsroomTime(const NewsroomTime &time);
    void reload();

    const HistoryEntry &entry(int row) const { return m_entries.at(row); }
    // The revision saved before the one on this row, to diff against; null id when none.
    Revision previousRevision(int row) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void loadFailed(const QString &message);

private:
    WorkflowRepository m_repo;
    NewsroomTime m_time;
    qint64 m_articleId = 0;
    QList<HistoryEntry> m_entries; // newest first
    QString m_lastError;
};

} // namespace byline
