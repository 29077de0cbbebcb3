#pragma once

#include "domain/article.h"
#include "domain/result.h"
#include "workflow/history.h"
#include "workflow/workflow.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace byline {

class Database;

// A check the caller runs on the article as stored, inside the transaction, before a status
// change is written (the readiness rules). A failure refuses the change with its reason.
using StatusGate = std::function<Status(const Article &article, ArticleStatus to)>;

// What a status change needs besides the target.
struct StatusChangeOptions
{
    QDateTime scheduledAt; // UTC; required for a move to scheduled
    StatusGate gate;       // optional: readiness rules
};

// What an editor's save carries besides the article's fields.
struct ArticleSaveOptions
{
    StatusGate gate;         // optional: readiness rules, run on the edited article when its
                             // status changes
    std::optional<bool> lead; // the lead-story flag as the editor shows it; unset: unchanged
};

// An article as the schedule shows it.
struct ScheduleEntry
{
    qint64 id = 0;
    QString title;
    ArticleStatus status = ArticleStatus::Scheduled;
    QDateTime scheduledAt; // UTC
    QDateTime publishedAt; // UTC
    bool lead = false;
    int rowVersion = 0;

    // When it goes (or went) out: the publication time if published, else the scheduled one.
    QDateTime slotTime() const
    {
        return status == ArticleStatus::Published && publishedAt.isValid() ? publishedAt
                                                                           : scheduledAt;
    }
};

// The SQL of the editorial workflow: status changes with their log, history, schedule.
class WorkflowRepository
{
public:
    explicit WorkflowRepository(Database &db)
        : m_db(db)
    {}

    // Moves an article to `to` if Workflow allows it, nobody saved since expectedRowVersion, and
    // the gate passes; logs who did it. Status, log and the row version bump are one transaction.
    // The row version is bumped so that an editor still holding the old status cannot save it
    // back over this change. A refused stale change starts its error with kConflictPrefix.
    // Returns the article as stored afterwards.
    Result<Article> changeStatus(qint64 articleId, ArticleStatus to, const QString &who,
                                 DeskRole role, int expectedRowVersion,
                                 const StatusChangeOptions &options = {});
    // Saves an editor's article: its fields, a new revision and, when article.status differs
    // from the stored status, the move there through Workflow (checked, gated, logged with who
    // and role) — all in one transaction. article.rowVersion is the version the edits started
    // from; if the row changed since, nothing is saved and the error starts with
    // kConflictPrefix. A new article (id 0) is stored as a draft first. A scheduled article
    // needs a publication time in the future. On success `article` is what was stored.
    Status saveArticle(Article &article, const QString &who, DeskRole role,
                       const ArticleSaveOptions &options = {});
    // Moves a scheduled article to another time; it stays scheduled, the move is logged.
    Result<Article> reschedule(qint64 articleId, const QDateTime &scheduledAtUtc,
                               const QString &who, DeskRole role, int expectedRowVersion);

    // Saves the revision's title, excerpt and body as a new revision on top of the article (if
    // nobody saved since expectedRowVersion); earlier revisions stay as they were.
    Result<Article> restoreRevision(qint64 articleId, qint64 revisionId, const QString &who,
                                    int expectedRowVersion);

    Result<QList<StatusChange>> statusChanges(qint64 articleId) const;
    // Revisions and status changes, oldest first.
    Result<QList<HistoryEntry>> history(qint64 articleId) const;

    // Scheduled articles with a scheduled time, and published ones with a publication time, in
    // [fromUtc, toUtc), by that time.
    Result<QList<ScheduleEntry>> schedule(const QDateTime &fromUtc, const QDateTime &toUtc) const;
    Result<bool> isLead(qint64 articleId) const;
    Status setLead(qint64 articleId, bool lead);

private:
    Status logChange(qint64 articleId, ArticleStatus from, ArticleStatus to, const QString &who,
                     DeskRole role, const QDateTime &at, const QDateTime &scheduledAt,
                     int rowVersion);
    Result<Article> write(const Article &before, ArticleStatus to, const QDateTime &scheduledAt,
                          const QDateTime &publishedAt, const QString &who, DeskRole role,
                          int expectedRowVersion);

    Database &m_db;
};

namespace settingkeys {
// Minutes one schedule slot lasts; two leads in one slot are a conflict.
inline const QString kScheduleSlotMinutes = QStringLiteral("newsroom.schedule_slot_minutes");
} // namespace settingkeys

} // namespace byline
