#include "articlerepository.h"
#include "database.h"
#include "query.h"
#include "testsupport.h"
#include "transaction.h"
#include "workflow/readiness.h"
#include "workflowrepository.h"

#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace byline;

// Status changes through the repository: validated, logged and applied in one transaction.
class TestWorkflowRepository : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void walksTheWholeWorkflowAndLogsIt();
    void forbiddenMoveIsRefusedAndNothingLogged();
    void schedulingNeedsAFutureTime();
    void staleVersionIsAConflict();
    void gateRefusesAndNothingIsWritten();
    void unschedulingClearsTheTime();
    void readinessErrorsBlockReady();
    void historyMergesRevisionsAndChanges();
    void historyWithinOneSecondFollowsVersions();
    void rescheduleKeepsStatus();
    void restoreAddsARevision();
    void scheduleListsScheduledAndPublished();
    void leadFlagRoundTrip();
    void migrationAddsTheLog();
    void saveMovesTheStatusInTheSameSave();
    void saveRefusesAForbiddenMoveAndKeepsEverything();
    void saveGateSeesTheEditedArticle();
    void saveOfAStaleVersionIsAConflict();
    void saveSchedulesInUtcWithEmbargoAndLead();
    void saveOfANewArticleLogsItsFirstMove();

private:
    Article makeArticle(const QString &slug);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestWorkflowRepository::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("w%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestWorkflowRepository::cleanup()
{
    m_db.reset();
}

Article TestWorkflowRepository::makeArticle(const QString &slug)
{
    Article a;
    a.title = QStringLiteral("Алматы көктемі");
    a.slug = slug;
    a.body = QStringLiteral("<p>Spring comes to Almaty.</p>");
    ArticleRepository repo(*m_db);
    const Status s = repo.insert(a, QStringLiteral("Aigerim"));
    if (!s)
        qWarning("%s", qPrintable(s.error()));
    return a;
}

void TestWorkflowRepository::walksTheWholeWorkflowAndLogsIt()
{
    Article a = makeArticle(QStringLiteral("walk"));
    WorkflowRepository wf(*m_db);
    const QString who = QStringLiteral("Dana");
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, who, DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(r);
    QCOMPARE(r->status, ArticleStatus::InEdit);
    QCOMPARE(r->rowVersion, a.rowVersion + 1);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, who, DeskRole::Editor, r->rowVersion);
    QVERIFY_OK(r);
    const QDateTime when = QDateTime::currentDateTimeUtc().addDays(2);
    StatusChangeOptions options;
    options.scheduledAt = when;
    r = wf.changeStatus(a.id, ArticleStatus::Scheduled, QStringLiteral("Marat"), DeskRole::WebTeam,
                        r->rowVersion, options);
    QVERIFY_OK(r);
    QCOMPARE(r->scheduledAt.toSecsSinceEpoch(), when.toSecsSinceEpoch());
    r = wf.changeStatus(a.id, ArticleStatus::Published, QStringLiteral("Marat"), DeskRole::WebTeam,
                        r->rowVersion);
    QVERIFY_OK(r);
    QVERIFY(r->publishedAt.isValid());

    auto stored = ArticleRepository(*m_db).get(a.id);
    QVERIFY_OK(stored);
    QCOMPARE(stored->status, ArticleStatus::Published);
    QCOMPARE(stored->rowVersion, r->rowVersion);

    auto log = wf.statusChanges(a.id);
    QVERIFY_OK(log);
    QCOMPARE(log->size(), 4);
    QCOMPARE(log->at(0).from, ArticleStatus::Draft);
    QCOMPARE(log->at(0).to, ArticleStatus::InEdit);
    QCOMPARE(log->at(0).who, who);
    QCOMPARE(log->at(0).role, QStringLiteral("editor"));
    QCOMPARE(log->at(2).to, ArticleStatus::Scheduled);
    QCOMPARE(log->at(2).role, QStringLiteral("web_team"));
    QCOMPARE(log->at(2).scheduledAt.toSecsSinceEpoch(), when.toSecsSinceEpoch());
    QCOMPARE(log->at(3).to, ArticleStatus::Published);
}

void TestWorkflowRepository::forbiddenMoveIsRefusedAndNothingLogged()
{
    Article a = makeArticle(QStringLiteral("forbidden"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::Published, QStringLiteral("Dana"),
                             DeskRole::Editor, a.rowVersion);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), Workflow::refusal(ArticleStatus::Draft, ArticleStatus::Published));
    QCOMPARE(wf.statusChanges(a.id)->size(), 0);
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->rowVersion, a.rowVersion);
}

void TestWorkflowRepository::schedulingNeedsAFutureTime()
{
    Article a = makeArticle(QStringLiteral("sched"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    QVERIFY_OK(r);
    const int version = r->rowVersion;
    auto none = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, version);
    QVERIFY(!none.ok());
    QVERIFY(none.error().contains(QLatin1String("publication time")));
    StatusChangeOptions past;
    past.scheduledAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    auto late =
        wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, version, past);
    QVERIFY(!late.ok());
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::Ready);
    QCOMPARE(wf.statusChanges(a.id)->size(), 2);
}

void TestWorkflowRepository::staleVersionIsAConflict()
{
    Article a = makeArticle(QStringLiteral("stale"));
    WorkflowRepository wf(*m_db);
    QVERIFY_OK(wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion));
    auto again = wf.changeStatus(a.id, ArticleStatus::Spiked, {}, DeskRole::Editor, a.rowVersion);
    QVERIFY(!again.ok());
    QVERIFY(again.error().startsWith(kConflictPrefix));
    // The editor's stale copy cannot save the old status back over the change either.
    Article stale = a;
    QVERIFY(!ArticleRepository(*m_db).update(stale).ok());
}

void TestWorkflowRepository::gateRefusesAndNothingIsWritten()
{
    Article a = makeArticle(QStringLiteral("gate"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(r);
    StatusChangeOptions options;
    ArticleStatus seen = ArticleStatus::Draft;
    options.gate = [&seen](const Article &, ArticleStatus to) {
        seen = to;
        return Status::failure(QStringLiteral("the article has no author"));
    };
    auto refused =
        wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion, options);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), QStringLiteral("the article has no author"));
    QCOMPARE(seen, ArticleStatus::Ready);
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::InEdit);
    QCOMPARE(wf.statusChanges(a.id)->size(), 1);
}

void TestWorkflowRepository::readinessErrorsBlockReady()
{
    Article a = makeArticle(QStringLiteral("not-ready")); // no excerpt, no author
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(r);
    StatusChangeOptions options;
    options.gate = Readiness::gateFor(ReadinessContext());
    auto refused =
        wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion, options);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("excerpt")), qPrintable(refused.error()));
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::InEdit);
    // Moves that do not publish are not held back by readiness.
    QVERIFY_OK(
        wf.changeStatus(a.id, ArticleStatus::Draft, {}, DeskRole::Editor, r->rowVersion, options));
}

void TestWorkflowRepository::unschedulingClearsTheTime()
{
    Article a = makeArticle(QStringLiteral("unsched"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    StatusChangeOptions options;
    options.scheduledAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    r = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, r->rowVersion,
                        options);
    QVERIFY_OK(r);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    QVERIFY_OK(r);
    QVERIFY(!ArticleRepository(*m_db).get(a.id)->scheduledAt.isValid());
}

void TestWorkflowRepository::historyMergesRevisionsAndChanges()
{
    Article a = makeArticle(QStringLiteral("history"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, QStringLiteral("Dana"), DeskRole::Editor,
                             a.rowVersion);
    QVERIFY_OK(r);
    Article edited = *r;
    edited.body = QStringLiteral("<p>Spring came early to Almaty.</p>");
    QVERIFY_OK(ArticleRepository(*m_db).update(edited, QStringLiteral("Dana")));
    // Push the first revision and the change into the past so the order is by time, not id.
    {
        BoundQuery q(m_db->connection(),
                     QStringLiteral("UPDATE article_revisions SET saved_at = saved_at - 100 "
                                    "WHERE article_id = ? AND row_version = ?"),
                     {a.id, a.rowVersion});
        QVERIFY(q.exec("age the first revision"));
        BoundQuery c(
            m_db->connection(),
            QStringLiteral("UPDATE article_status_changes SET changed_at = changed_at - 50"));
        QVERIFY(c.exec("age the change"));
    }
    auto history = wf.history(a.id);
    QVERIFY_OK(history);
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(0).kind, HistoryEntry::Kind::Revision);
    QCOMPARE(history->at(1).kind, HistoryEntry::Kind::StatusChange);
    QCOMPARE(history->at(1).change.to, ArticleStatus::InEdit);
    QCOMPARE(history->at(2).kind, HistoryEntry::Kind::Revision);
    QCOMPARE(history->at(2).revision.body, edited.body);
    for (int i = 1; i < history->size(); ++i)
        QVERIFY(history->at(i - 1).at <= history->at(i).at);
}

void TestWorkflowRepository::restoreAddsARevision()
{
    Article a = makeArticle(QStringLiteral("restore"));
    const QString original = a.body;
    ArticleRepository articles(*m_db);
    Article edited = a;
    edited.body = QStringLiteral("<p>Rewritten.</p>");
    QVERIFY_OK(articles.update(edited, QStringLiteral("Dana")));
    auto before = articles.revisions(a.id);
    QVERIFY_OK(before);
    QCOMPARE(before->size(), 2);

    WorkflowRepository wf(*m_db);
    auto restored =
        wf.restoreRevision(a.id, before->first().id, QStringLiteral("Marat"), edited.rowVersion);
    QVERIFY_OK(restored);
    QCOMPARE(restored->body, original);
    auto after = articles.revisions(a.id);
    QCOMPARE(after->size(), 3);
    // History is kept as it was: the rewrite is still there, the restore is a new revision.
    QCOMPARE(after->at(0).body, original);
    QCOMPARE(after->at(1).body, edited.body);
    QCOMPARE(after->at(2).body, original);
    QCOMPARE(after->at(2).savedBy, QStringLiteral("Marat"));
    QCOMPARE(articles.get(a.id)->body, original);
    // A stale restore is refused.
    QVERIFY(!wf.restoreRevision(a.id, before->first().id, {}, edited.rowVersion).ok());
    QVERIFY(!wf.restoreRevision(a.id, 999999, {}, restored->rowVersion).ok());
}

void TestWorkflowRepository::historyWithinOneSecondFollowsVersions()
{
    // Saved, moved, saved again, moved back: all within one second, as autosave does it.
    Article a = makeArticle(QStringLiteral("same-second"));
    WorkflowRepository wf(*m_db);
    ArticleRepository articles(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(r);
    Article edited = *r;
    edited.body = QStringLiteral("<p>Edited.</p>");
    QVERIFY_OK(articles.update(edited));
    QVERIFY_OK(
        wf.changeStatus(a.id, ArticleStatus::Draft, {}, DeskRole::Editor, edited.rowVersion));
    {
        BoundQuery same(m_db->connection(),
                        QStringLiteral("UPDATE article_revisions SET saved_at = 1700000000"));
        QVERIFY(same.exec("put every revision in one second"));
        BoundQuery c(m_db->connection(),
                     QStringLiteral("UPDATE article_status_changes SET changed_at = 1700000000"));
        QVERIFY(c.exec("put every change in the same second"));
    }
    auto history = wf.history(a.id);
    QVERIFY_OK(history);
    QCOMPARE(history->size(), 4);
    QCOMPARE(history->at(0).kind, HistoryEntry::Kind::Revision);
    QCOMPARE(history->at(1).kind, HistoryEntry::Kind::StatusChange);
    QCOMPARE(history->at(1).change.to, ArticleStatus::InEdit);
    QCOMPARE(history->at(2).kind, HistoryEntry::Kind::Revision);
    QCOMPARE(history->at(2).revision.body, edited.body);
    QCOMPARE(history->at(3).kind, HistoryEntry::Kind::StatusChange);
    QCOMPARE(history->at(3).change.to, ArticleStatus::Draft);
}

void TestWorkflowRepository::rescheduleKeepsStatus()
{
    Article a = makeArticle(QStringLiteral("resched"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    StatusChangeOptions options;
    options.scheduledAt = QDateTime::currentDateTimeUtc().addDays(1);
    r = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, r->rowVersion,
                        options);
    QVERIFY_OK(r);
    const QDateTime later = QDateTime::currentDateTimeUtc().addDays(3);
    r = wf.reschedule(a.id, later, QStringLiteral("Marat"), DeskRole::WebTeam, r->rowVersion);
    QVERIFY_OK(r);
    auto stored = ArticleRepository(*m_db).get(a.id);
    QCOMPARE(stored->status, ArticleStatus::Scheduled);
    QCOMPARE(stored->scheduledAt.toSecsSinceEpoch(), later.toSecsSinceEpoch());
    auto log = wf.statusChanges(a.id);
    QCOMPARE(log->last().from, ArticleStatus::Scheduled);
    QCOMPARE(log->last().to, ArticleStatus::Scheduled);
    // A draft has no slot to move.
    Article b = makeArticle(QStringLiteral("draft-resched"));
    QVERIFY(!wf.reschedule(b.id, later, {}, DeskRole::Editor, b.rowVersion).ok());
}

void TestWorkflowRepository::scheduleListsScheduledAndPublished()
{
    WorkflowRepository wf(*m_db);
    const QDateTime base = QDateTime::currentDateTimeUtc().addDays(1);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        Article a = makeArticle(QStringLiteral("s%1").arg(i));
        auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
        r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
        StatusChangeOptions options;
        options.scheduledAt = base.addSecs(3600 * (3 - i));
        r = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, r->rowVersion,
                            options);
        QVERIFY_OK(r);
        ids << a.id;
    }
    makeArticle(QStringLiteral("not-scheduled"));
    auto all = wf.schedule(base.addDays(-1), base.addDays(1));
    QVERIFY_OK(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).id, ids.at(2)); // earliest first
    auto window = wf.schedule(base.addSecs(3600), base.addSecs(3 * 3600));
    QCOMPARE(window->size(), 2); // half-open
}

void TestWorkflowRepository::leadFlagRoundTrip()
{
    Article a = makeArticle(QStringLiteral("lead"));
    WorkflowRepository wf(*m_db);
    QCOMPARE(wf.isLead(a.id).valueOr(true), false);
    QVERIFY_OK(wf.setLead(a.id, true));
    QCOMPARE(wf.isLead(a.id).valueOr(false), true);
    QVERIFY(!wf.setLead(99999, true).ok());
}

void TestWorkflowRepository::migrationAddsTheLog()
{
    QVERIFY(m_db->schemaVersion() >= 5);
    BoundQuery q(m_db->connection(), QStringLiteral("SELECT COUNT(*) FROM article_status_changes"));
    QVERIFY(q.exec("count the log"));
    // Deleting an article takes its log with it.
    Article a = makeArticle(QStringLiteral("gone"));
    WorkflowRepository wf(*m_db);
    QVERIFY_OK(wf.changeStatus(a.id, ArticleStatus::Spiked, {}, DeskRole::Editor, a.rowVersion));
    QVERIFY_OK(ArticleRepository(*m_db).remove(a.id));
    QCOMPARE(wf.statusChanges(a.id)->size(), 0);
}

void TestWorkflowRepository::saveMovesTheStatusInTheSameSave()
{
    Article a = makeArticle(QStringLiteral("save-move"));
    WorkflowRepository wf(*m_db);
    Article edited = a;
    edited.title = QStringLiteral("Almaty spring, edited");
    edited.status = ArticleStatus::InEdit;
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::PhotoDesk));
    QCOMPARE(edited.rowVersion, a.rowVersion + 1); // one version for the revision and the move
    const Article stored = ArticleRepository(*m_db).get(a.id).value();
    QCOMPARE(stored.title, QStringLiteral("Almaty spring, edited"));
    QCOMPARE(stored.status, ArticleStatus::InEdit);
    QCOMPARE(stored.rowVersion, edited.rowVersion);
    const QList<StatusChange> log = wf.statusChanges(a.id).value();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).from, ArticleStatus::Draft);
    QCOMPARE(log.at(0).to, ArticleStatus::InEdit);
    QCOMPARE(log.at(0).who, QStringLiteral("Dana"));
    QCOMPARE(log.at(0).role, QStringLiteral("photo_desk"));
    QCOMPARE(log.at(0).rowVersion, edited.rowVersion);
    QVERIFY(log.at(0).at.isValid());
    // History: the first revision, the saved one, then the move.
    const QList<HistoryEntry> history = wf.history(a.id).value();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(1).kind, HistoryEntry::Kind::Revision);
    QCOMPARE(history.at(1).revision.status, ArticleStatus::InEdit);
    QCOMPARE(history.at(2).kind, HistoryEntry::Kind::StatusChange);

    // Saving again without a status change logs nothing more.
    edited.excerpt = QStringLiteral("Short.");
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor));
    QCOMPARE(wf.statusChanges(a.id)->size(), 1);
    QCOMPARE(ArticleRepository(*m_db).revisions(a.id)->size(), 3);
}

void TestWorkflowRepository::saveRefusesAForbiddenMoveAndKeepsEverything()
{
    Article a = makeArticle(QStringLiteral("save-forbidden"));
    WorkflowRepository wf(*m_db);
    Article edited = a;
    edited.title = QStringLiteral("Never stored");
    edited.status = ArticleStatus::Published;
    const Status s = wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor);
    QVERIFY(!s.ok());
    QCOMPARE(s.error(), Workflow::refusal(ArticleStatus::Draft, ArticleStatus::Published));
    QCOMPARE(edited.rowVersion, a.rowVersion); // the caller's copy is left as it was
    const Article stored = ArticleRepository(*m_db).get(a.id).value();
    QCOMPARE(stored.title, a.title);
    QCOMPARE(stored.rowVersion, a.rowVersion);
    QCOMPARE(wf.statusChanges(a.id)->size(), 0);
    QCOMPARE(ArticleRepository(*m_db).revisions(a.id)->size(), 1);
}

void TestWorkflowRepository::saveGateSeesTheEditedArticle()
{
    Article a = makeArticle(QStringLiteral("save-gate"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(r);
    Article edited = *r;
    edited.excerpt.clear();
    edited.status = ArticleStatus::Ready;
    ArticleSaveOptions options;
    QString seenExcerpt = QStringLiteral("unset");
    options.gate = [&](const Article &proposed, ArticleStatus to) {
        seenExcerpt = proposed.excerpt;
        return to == ArticleStatus::Ready && proposed.excerpt.isEmpty()
                   ? Status::failure(QStringLiteral("the excerpt is missing"))
                   : Status();
    };
    const Status s = wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor, options);
    QVERIFY(!s.ok());
    QCOMPARE(s.error(), QStringLiteral("the excerpt is missing"));
    QCOMPARE(seenExcerpt, QString()); // the edited text, not the stored one
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::InEdit);
    QCOMPARE(wf.statusChanges(a.id)->size(), 1);
    // With the excerpt written the same save goes through.
    edited.excerpt = QStringLiteral("Spring, at last.");
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor, options));
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::Ready);
    // A save that keeps the status does not ask the gate.
    seenExcerpt = QStringLiteral("unset");
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor, options));
    QCOMPARE(seenExcerpt, QStringLiteral("unset"));
}

void TestWorkflowRepository::saveOfAStaleVersionIsAConflict()
{
    Article a = makeArticle(QStringLiteral("save-stale"));
    WorkflowRepository wf(*m_db);
    // Someone else moves it on meanwhile.
    QVERIFY_OK(wf.changeStatus(a.id, ArticleStatus::InEdit, QStringLiteral("Marat"),
                               DeskRole::WebTeam, a.rowVersion));
    Article mine = a;
    mine.title = QStringLiteral("Mine");
    mine.status = ArticleStatus::Spiked;
    const Status s = wf.saveArticle(mine, QStringLiteral("Dana"), DeskRole::Editor);
    QVERIFY(!s.ok());
    QVERIFY(s.error().startsWith(kConflictPrefix));
    const Article stored = ArticleRepository(*m_db).get(a.id).value();
    QCOMPARE(stored.status, ArticleStatus::InEdit);
    QCOMPARE(stored.title, a.title);
    QCOMPARE(wf.statusChanges(a.id)->size(), 1);
}

void TestWorkflowRepository::saveSchedulesInUtcWithEmbargoAndLead()
{
    Article a = makeArticle(QStringLiteral("save-schedule"));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    QVERIFY_OK(r);
    Article edited = *r;
    edited.status = ArticleStatus::Scheduled;
    // No time: refused.
    Status s = wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor);
    QVERIFY(!s.ok());
    QVERIFY(s.error().contains(QLatin1String("publication time")));
    // A past time: refused.
    edited.scheduledAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QVERIFY(!wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor).ok());
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->status, ArticleStatus::Ready);

    // A time given in another zone is stored as the same instant in UTC.
    const QTimeZone almaty("Asia/Almaty");
    const QDateTime local(QDate::currentDate().addDays(30), QTime(14, 0), almaty);
    edited.scheduledAt = local;
    edited.embargoAt = local.addSecs(-2 * 3600);
    ArticleSaveOptions options;
    options.lead = true;
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor, options));
    const Article stored = ArticleRepository(*m_db).get(a.id).value();
    QCOMPARE(stored.status, ArticleStatus::Scheduled);
    QCOMPARE(stored.scheduledAt.timeSpec(), Qt::UTC);
    QCOMPARE(stored.scheduledAt, local.toUTC());
    QCOMPARE(stored.embargoAt, local.addSecs(-2 * 3600).toUTC());
    QCOMPARE(wf.isLead(a.id).value(), true);
    const QList<StatusChange> log = wf.statusChanges(a.id).value();
    QCOMPARE(log.last().to, ArticleStatus::Scheduled);
    QCOMPARE(log.last().scheduledAt, local.toUTC());

    // Still scheduled, moved to a past time: refused; moved later: kept, no new move logged.
    edited.scheduledAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    QVERIFY(!wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor).ok());
    edited.scheduledAt = local.addDays(1);
    options.lead = false;
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor, options));
    QCOMPARE(ArticleRepository(*m_db).get(a.id)->scheduledAt, local.addDays(1).toUTC());
    QCOMPARE(wf.isLead(a.id).value(), false);
    QCOMPARE(wf.statusChanges(a.id)->size(), log.size());

    // Unscheduling through a save clears the time.
    edited.status = ArticleStatus::Ready;
    QVERIFY_OK(wf.saveArticle(edited, QStringLiteral("Dana"), DeskRole::Editor));
    QVERIFY(!ArticleRepository(*m_db).get(a.id)->scheduledAt.isValid());
    QVERIFY(!edited.scheduledAt.isValid());
}

void TestWorkflowRepository::saveOfANewArticleLogsItsFirstMove()
{
    WorkflowRepository wf(*m_db);
    Article fresh;
    fresh.title = QStringLiteral("Straight to the desk");
    fresh.slug = QStringLiteral("straight-to-the-desk");
    fresh.status = ArticleStatus::InEdit;
    QVERIFY_OK(wf.saveArticle(fresh, QStringLiteral("Dana"), DeskRole::Editor));
    QVERIFY(fresh.id > 0);
    QCOMPARE(fresh.status, ArticleStatus::InEdit);
    QCOMPARE(ArticleRepository(*m_db).get(fresh.id)->status, ArticleStatus::InEdit);
    const QList<StatusChange> log = wf.statusChanges(fresh.id).value();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).from, ArticleStatus::Draft);
    // A new article cannot be published straight away; nothing is stored.
    Article rushed;
    rushed.title = QStringLiteral("Rushed");
    rushed.slug = QStringLiteral("rushed");
    rushed.status = ArticleStatus::Published;
    QVERIFY(!wf.saveArticle(rushed, QStringLiteral("Dana"), DeskRole::Editor).ok());
    QCOMPARE(rushed.id, 0);
    QVERIFY(!ArticleRepository(*m_db).slugTaken(QStringLiteral("rushed")).value());
}

QTEST_GUILESS_MAIN(TestWorkflowRepository)
#include "tst_workflowrepository.moc"
