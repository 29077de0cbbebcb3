#include "workflowrepository.h"

#include "articlerepository.h"
#include "database.h"
#include "query.h"
#include "sqlvalues.h"
#include "transaction.h"
#include "workflow/revisiondiff.h"

namespace byline {

namespace {

Status conflict(qint64 articleId, int expectedRowVersion)
{
    return Status::failure(
        kConflictPrefix +
        QStringLiteral("article %1 was changed by someone else since version %2; its "
                       "status was not changed")
            .arg(articleId)
            .arg(expectedRowVersion));
}

} // namespace

Result<Article> WorkflowRepository::changeStatus(qint64 articleId, ArticleStatus to,
                                                 const QString &who, DeskRole role,
                                                 int expectedRowVersion,
                                                 const StatusChangeOptions &options)
{
    using R = Result<Article>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    ArticleRepository articles(m_db);
    Result<Article> current = articles.get(articleId);
    if (!current)
        return current;
    if (current->rowVersion != expectedRowVersion)
        return R::failure(conflict(articleId, expectedRowVersion).error());
    if (Status s = Workflow::check(current->status, to); !s)
        return R::failure(s.error());

    const QDateTime now = nowUtc();
    QDateTime scheduledAt = current->scheduledAt;
    QDateTime publishedAt = current->publishedAt;
    if (to == ArticleStatus::Scheduled) {
        scheduledAt = options.scheduledAt.isValid() ? options.scheduledAt.toUTC() : QDateTime();
        if (!scheduledAt.isValid())
            return R::failure(QStringLiteral("a scheduled article needs a publication time"));
        if (scheduledAt <= now)
            return R::failure(QStringLiteral("the publication time has already passed"));
    } else if (current->status == ArticleStatus::Scheduled && to == ArticleStatus::Ready) {
        scheduledAt = QDateTime(); // unscheduled: the old time no longer means anything
    }
    if (to == ArticleStatus::Published && !publishedAt.isValid())
        publishedAt = now;

    if (options.gate) {
        Article proposed = *current;
        proposed.scheduledAt = scheduledAt;
        if (Status s = options.gate(proposed, to); !s)
            return R::failure(s.error());
    }
    Result<Article> written =
        write(*current, to, scheduledAt, publishedAt, who, role, expectedRowVersion);
    if (!written)
        return written;
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return written;
}

Result<Article> WorkflowRepository::reschedule(qint64 articleId, const QDateTime &scheduledAtUtc,
                                               const QString &who, DeskRole role,
                                               int expectedRowVersion)
{
    using R = Result<Article>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    Result<Article> current = ArticleRepository(m_db).get(articleId);
    if (!current)
        return current;
    if (current->rowVersion != expectedRowVersion)
        return R::failure(conflict(articleId, expectedRowVersion).error());
    if (current->status != ArticleStatus::Scheduled)
        return R::failure(QStringLiteral("only a scheduled article can be moved to another time"));
    if (!scheduledAtUtc.isValid())
        return R::failure(QStringLiteral("a scheduled article needs a publication time"));
    if (scheduledAtUtc <= nowUtc())
        return R::failure(QStringLiteral("the publication time has already passed"));
    Result<Article> written = write(*current, ArticleStatus::Scheduled, scheduledAtUtc.toUTC(),
                                    current->publishedAt, who, role, expectedRowVersion);
    if (!written)
        return written;
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return written;
}

Result<Article> WorkflowRepository::write(const Article &before, ArticleStatus to,
                                          const QDateTime &scheduledAt,
                                          const QDateTime &publishedAt, const QString &who,
                                          DeskRole role, int expectedRowVersion)
{
    using R = Result<Article>;
    const QSqlDatabase c = m_db.connection();
    const QDateTime now = nowUtc();
    BoundQuery update(
        c,
        QStringLiteral("UPDATE articles SET status = ?, scheduled_at = ?, published_at = ?, "
                       "updated_at = ?, row_version = row_version + 1 "
                       "WHERE id = ? AND row_version = ?"),
        {statusKey(to), toDb(scheduledAt), toDb(publishedAt), toDb(now), before.id,
         expectedRowVersion});
    if (!update.exec("change the article's status"))
        return R::failure(update.error());
    if (update.rowsAffected() != 1)
        return R::failure(conflict(before.id, expectedRowVersion).error());
    if (Status s = logChange(before.id, before.status, to, who, role, now, scheduledAt,
                             expectedRowVersion + 1);
        !s)
        return R::failure(s.error());
    Article after = before;
    after.status = to;
    after.scheduledAt = scheduledAt;
    after.publishedAt = publishedAt;
    after.updatedAt = now;
    after.rowVersion = expectedRowVersion + 1;
    return after;
}

Status WorkflowRepository::logChange(qint64 articleId, ArticleStatus from, ArticleStatus to,
                                     const QString &who, DeskRole role, const QDateTime &at,
                                     const QDateTime &scheduledAt, int rowVersion)
{
    BoundQuery log(
        m_db.connection(),
        QStringLiteral("INSERT INTO article_status_changes (article_id, from_status, to_status, "
                       "changed_by, role, changed_at, scheduled_at, row_version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {articleId, statusKey(from), statusKey(to), who, roleKey(role), toDb(at),
         toDb(to == ArticleStatus::Scheduled ? scheduledAt : QDateTime()), rowVersion});
    if (!log.exec("log the status change"))
        return Status::failure(log.error());
    return {};
}

Status WorkflowRepository::saveArticle(Article &article, const QString &who, DeskRole role,
                                       const ArticleSaveOptions &options)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    ArticleRepository articles(m_db);
    const ArticleStatus to = article.status;
    Article work = article;
    if (work.scheduledAt.isValid())
        work.scheduledAt = work.scheduledAt.toUTC();
    if (work.embargoAt.isValid())
        work.embargoAt = work.embargoAt.toUTC();
    ArticleStatus from = ArticleStatus::Draft;
    QDateTime storedScheduledAt;
    if (work.id == 0) {
        // A new article starts as a draft; any other status is a move logged like the rest.
        work.status = ArticleStatus::Draft;
        work.publishedAt = QDateTime();
        if (to != ArticleStatus::Draft) {
            if (Status s = Workflow::check(ArticleStatus::Draft, to); !s)
                return s;
        }
    } else {
        Result<Article> current = articles.get(work.id);
        if (!current)
            return Status::failure(current.error());
        if (current->rowVersion != work.rowVersion)
            return Status::failure(kConflictPrefix +
                                   QStringLiteral("article %1 was changed by someone else since "
                                                  "version %2; nothing was saved")
                                       .arg(work.id)
                                       .arg(work.rowVersion));
        from = current->status;
        storedScheduledAt = current->scheduledAt;
        work.publishedAt = current->publishedAt; // set by publishing, not by typing
    }

    const QDateTime now = nowUtc();
    if (to != from) {
        if (Status s = Workflow::check(from, to); !s)
            return s;
        if (from == ArticleStatus::Scheduled && to == ArticleStatus::Ready)
            work.scheduledAt = QDateTime(); // unscheduled: the old time no longer means anything
        if (to == ArticleStatus::Published && !work.publishedAt.isValid())
            work.publishedAt = now;
    }
    const bool timeMatters = to == ArticleStatus::Scheduled &&
                             (to != from || work.scheduledAt != storedScheduledAt);
    if (timeMatters) {
        if (!work.scheduledAt.isValid())
            return Status::failure(QStringLiteral("a scheduled article needs a publication time"));
        if (work.scheduledAt <= now)
            return Status::failure(QStringLiteral("the publication time has already passed"));
    }
    if (to != from && options.gate) {
        Article proposed = work;
        proposed.status = to;
        if (Status s = options.gate(proposed, to); !s)
            return s;
    }

    if (work.id == 0) {
        if (Status s = articles.insert(work, who); !s)
            return s;
        if (to != ArticleStatus::Draft) {
            Result<Article> moved = write(work, to, work.scheduledAt, work.publishedAt, who, role,
                                          work.rowVersion);
            if (!moved)
                return Status::failure(moved.error());
            work.status = to;
            work.publishedAt = moved->publishedAt;
            work.updatedAt = moved->updatedAt;
            work.rowVersion = moved->rowVersion;
        }
    } else {
        // One row version for the save: its revision, then the move, share it.
        work.status = to;
        if (Status s = articles.update(work, who); !s)
            return s;
        if (to != from) {
            if (Status s = logChange(work.id, from, to, who, role, now, work.scheduledAt,
                                     work.rowVersion);
                !s)
                return s;
        }
    }
    if (options.lead) {
        if (Status s = setLead(work.id, *options.lead); !s)
            return s;
    }
    if (Status s = tx.commit(); !s)
        return s;
    article = work;
    return {};
}

Result<Article> WorkflowRepository::restoreRevision(qint64 articleId, qint64 revisionId,
                                                    const QString &who, int expectedRowVersion)
{
    using R = Result<Article>;
    ArticleRepository articles(m_db);
    Transaction tx(m_db);
    if (!tx.isActive())
        return R::failure(tx.error());
    Result<Article> current = articles.get(articleId);
    if (!current)
        return current;
    if (current->rowVersion != expectedRowVersion)
        return R::failure(conflict(articleId, expectedRowVersion).error());
    Result<QList<Revision>> revisions = articles.revisions(articleId);
    if (!revisions)
        return R::failure(revisions.error());
    for (const Revision &r : std::as_const(*revisions)) {
        if (r.id != revisionId)
            continue;
        Article restored = RevisionDiff::restored(*current, r);
        if (Status s = articles.update(restored, who); !s)
            return R::failure(s.error());
        if (Status s = tx.commit(); !s)
            return R::failure(s.error());
        return restored;
    }
    return R::failure(
        QStringLiteral("revision %1 is not one of article %2's").arg(revisionId).arg(articleId));
}

Result<QList<StatusChange>> WorkflowRepository::statusChanges(qint64 articleId) const
{
    using R = Result<QList<StatusChange>>;
    BoundQuery q(
        m_db.connection(),
        QStringLiteral(
            "SELECT id, from_status, to_status, changed_by, role, changed_at, scheduled_at, "
            "row_version FROM article_status_changes WHERE article_id = ? ORDER BY id"),
        {articleId});
    if (!q.exec("read the status changes"))
        return R::failure(q.error());
    QList<StatusChange> out;
    while (q.next()) {
        StatusChange s;
        s.id = q.value(0).toLongLong();
        s.articleId = articleId;
        s.from = statusFromKey(q.value(1).toString()).value_or(ArticleStatus::Draft);
        s.to = statusFromKey(q.value(2).toString()).value_or(ArticleStatus::Draft);
        s.who = q.value(3).toString();
        s.role = q.value(4).toString();
        s.at = timeFromDb(q.value(5));
        s.scheduledAt = timeFromDb(q.value(6));
        s.rowVersion = q.value(7).toInt();
        out.append(s);
    }
    return out;
}

Result<QList<HistoryEntry>> WorkflowRepository::history(qint64 articleId) const
{
    using R = Result<QList<HistoryEntry>>;
    Result<QList<Revision>> revisions = ArticleRepository(m_db).revisions(articleId);
    if (!revisions)
        return R::failure(revisions.error());
    Result<QList<StatusChange>> changes = statusChanges(articleId);
    if (!changes)
        return R::failure(changes.error());
    return mergeHistory(*revisions, *changes);
}

Result<QList<ScheduleEntry>> WorkflowRepository::schedule(const QDateTime &fromUtc,
                                                          const QDateTime &toUtc) const
{
    using R = Result<QList<ScheduleEntry>>;
    BoundQuery q(m_db.connection(),
                 // Two ranges, each read through its time index (an OR of the two would scan
                 // every article of the archive); the statuses make them disjoint. The unary +
                 // keeps SQLite from choosing the status index, which visits a sixth of the
                 // archive row by row.
                 QStringLiteral(
                     "SELECT id, title, status, scheduled_at, published_at, is_lead, row_version, "
                     "scheduled_at AS slot FROM articles "
                     "WHERE +status = 'scheduled' AND scheduled_at >= ? AND scheduled_at < ? "
                     "UNION ALL "
                     "SELECT id, title, status, scheduled_at, published_at, is_lead, row_version, "
                     "published_at AS slot FROM articles "
                     "WHERE +status = 'published' AND published_at >= ? AND published_at < ? "
                     "ORDER BY slot, id"),
                 {toDb(fromUtc), toDb(toUtc), toDb(fromUtc), toDb(toUtc)});
    if (!q.exec("read the schedule"))
        return R::failure(q.error());
    QList<ScheduleEntry> out;
    while (q.next()) {
        ScheduleEntry e;
        e.id = q.value(0).toLongLong();
        e.title = q.value(1).toString();
        e.status = statusFromKey(q.value(2).toString()).value_or(ArticleStatus::Scheduled);
        e.scheduledAt = timeFromDb(q.value(3));
        e.publishedAt = timeFromDb(q.value(4));
        e.lead = q.value(5).toInt() != 0;
        e.rowVersion = q.value(6).toInt();
        out.append(e);
    }
    return out;
}

Result<bool> WorkflowRepository::isLead(qint64 articleId) const
{
    using R = Result<bool>;
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT is_lead FROM articles WHERE id = ?"),
                 {articleId});
    if (!q.exec("read the lead flag"))
        return R::failure(q.error());
    if (!q.next())
        return R::failure(QStringLiteral("article %1 does not exist").arg(articleId));
    return q.value(0).toInt() != 0;
}

Status WorkflowRepository::setLead(qint64 articleId, bool lead)
{
    BoundQuery q(m_db.connection(), QStringLiteral("UPDATE articles SET is_lead = ? WHERE id = ?"),
                 {lead ? 1 : 0, articleId});
    if (!q.exec("set the lead flag"))
        return Status::failure(q.error());
    if (q.rowsAffected() != 1)
        return Status::failure(QStringLiteral("article %1 does not exist").arg(articleId));
    return {};
}

} // namespace byline
