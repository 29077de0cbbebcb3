#include "articlerepository.h"
#include "database.h"
#include "itemroles.h"
#include "schedulemodel.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "workflowrepository.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The schedule grouped by newsroom day, lead conflicts, and rescheduling by slot and by drop.
class TestScheduleModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void groupsByNewsroomDay();
    void flagsLeadConflictsPerSlot();
    void moveToSlotReschedules();
    void dropOnADayMovesThere();
    void publishedCannotMove();
    void skippedTimeIsRefused();

private:
    qint64 schedule(const QString &slug, const QDateTime &local, bool lead);
    QDateTime local(int dayOffset, int hour, int minute) const;
    std::unique_ptr<ScheduleModel> makeModel();

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    NewsroomTime m_time;
    QDate m_day; // a newsroom day ten days ahead
    int m_counter = 0;
};

void TestScheduleModel::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("s%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    QVERIFY_OK(
        SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    m_time = *NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    m_day = m_time.localDate(QDateTime::currentDateTimeUtc()).addDays(10);
}

void TestScheduleModel::cleanup()
{
    m_db.reset();
}

QDateTime TestScheduleModel::local(int dayOffset, int hour, int minute) const
{
    return QDateTime(m_day.addDays(dayOffset), QTime(hour, minute), m_time.zone());
}

qint64 TestScheduleModel::schedule(const QString &slug, const QDateTime &when, bool lead)
{
    Article a;
    a.title = slug;
    a.slug = slug;
    if (!ArticleRepository(*m_db).insert(a).ok())
        return 0;
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    StatusChangeOptions options;
    options.scheduledAt = when.toUTC();
    r = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, r->rowVersion,
                        options);
    if (!r.ok() || !wf.setLead(a.id, lead).ok())
        return 0;
    return a.id;
}

std::unique_ptr<ScheduleModel> TestScheduleModel::makeModel()
{
    auto model = std::make_unique<ScheduleModel>(*m_db);
    model->setUser(QStringLiteral("Marat"), DeskRole::WebTeam);
    return model;
}

void TestScheduleModel::groupsByNewsroomDay()
{
    const qint64 a = schedule(QStringLiteral("a"), local(0, 9, 10), true);
    const qint64 b = schedule(QStringLiteral("b"), local(0, 9, 40), false);
    // 00:30 in Almaty is still the previous evening in UTC: it belongs to the newsroom's day.
    const qint64 c = schedule(QStringLiteral("c"), local(1, 0, 30), false);
    QVERIFY(a && b && c);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setRange(m_time.startOfDay(m_day), m_time.startOfDay(m_day.addDays(3)));
    QCOMPARE(model->rowCount(), 3);
    const QModelIndex day0 = model->index(0, 0);
    QCOMPARE(day0.data(ScheduleModel::LocalDateRole).toDate(), m_day);
    QCOMPARE(day0.data(ScheduleModel::IsDayRole).toBool(), true);
    QCOMPARE(model->rowCount(day0), 2);
    QCOMPARE(model->index(0, 0, day0).data(IdRole).toLongLong(), a);
    QCOMPARE(model->index(1, 0, day0).data(IdRole).toLongLong(), b);
    QCOMPARE(model->index(1, ScheduleModel::TimeColumn, day0).data().toString(),
             QStringLiteral("09:40"));
    const QModelIndex day1 = model->index(1, 0);
    QCOMPARE(model->rowCount(day1), 1);
    QCOMPARE(model->index(0, 0, day1).data(IdRole).toLongLong(), c);
    QCOMPARE(model->rowCount(model->index(2, 0)), 0);
    QCOMPARE(model->indexOfArticle(c).parent(), day1);
    QVERIFY(model->index(0, 0, day0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Asia/Almaty")));
}

void TestScheduleModel::flagsLeadConflictsPerSlot()
{
    const qint64 a = schedule(QStringLiteral("a"), local(0, 9, 10), true);
    const qint64 b = schedule(QStringLiteral("b"), local(0, 9, 40), true);
    const qint64 c = schedule(QStringLiteral("c"), local(0, 9, 20), false);
    const qint64 d = schedule(QStringLiteral("d"), local(0, 10, 5), true);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setRange(m_time.startOfDay(m_day), m_time.startOfDay(m_day.addDays(1)));
    QCOMPARE(model->slotMinutes(), 60);
    QCOMPARE(model->indexOfArticle(a).data(ScheduleModel::ConflictRole).toBool(), true);
    QCOMPARE(model->indexOfArticle(b).data(ScheduleModel::ConflictRole).toBool(), true);
    QCOMPARE(model->indexOfArticle(c).data(ScheduleModel::ConflictRole).toBool(),
             false); // not a lead
    QCOMPARE(model->indexOfArticle(d).data(ScheduleModel::ConflictRole).toBool(),
             false); // next slot
    QCOMPARE(model->indexOfDay(m_day).data(ScheduleModel::ConflictRole).toBool(), true);

    // Half-hour slots separate 09:10 from 09:40.
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kScheduleSlotMinutes,
                                                  QStringLiteral("30")));
    model->reload();
    QCOMPARE(model->slotMinutes(), 30);
    QCOMPARE(model->indexOfArticle(a).data(ScheduleModel::ConflictRole).toBool(), false);
    QCOMPARE(model->indexOfDay(m_day).data(ScheduleModel::ConflictRole).toBool(), false);
    QCOMPARE(model->slotStart(local(0, 9, 40)).time(), QTime(9, 30));
}

void TestScheduleModel::moveToSlotReschedules()
{
    const qint64 a = schedule(QStringLiteral("a"), local(0, 9, 10), true);
    const qint64 e = schedule(QStringLiteral("e"), local(1, 12, 0), true);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setRange(m_time.startOfDay(m_day), m_time.startOfDay(m_day.addDays(2)));
    QCOMPARE(model->indexOfArticle(e).data(ScheduleModel::ConflictRole).toBool(), false);

    QVERIFY_OK(model->moveToSlot(a, QDateTime(m_day.addDays(1), QTime(12, 10), Qt::UTC)));
    const QModelIndex moved = model->indexOfArticle(a);
    QCOMPARE(moved.parent(), model->indexOfDay(m_day.addDays(1)));
    QCOMPARE(moved.data(ScheduleModel::ConflictRole).toBool(), true);
    QCOMPARE(model->indexOfArticle(e).data(ScheduleModel::ConflictRole).toBool(), true);

    auto stored = ArticleRepository(*m_db).get(a);
    QVERIFY_OK(stored);
    QCOMPARE(stored->status, ArticleStatus::Scheduled);
    QCOMPARE(stored->scheduledAt, local(1, 12, 10).toUTC());
    auto log = WorkflowRepository(*m_db).statusChanges(a);
    QCOMPARE(log->last().who, QStringLiteral("Marat"));
    QCOMPARE(log->last().role, QStringLiteral("web_team"));
}

void TestScheduleModel::dropOnADayMovesThere()
{
    const qint64 a = schedule(QStringLiteral("a"), local(0, 9, 10), false);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setRange(m_time.startOfDay(m_day), m_time.startOfDay(m_day.addDays(3)));
    const QModelIndex source = model->indexOfArticle(a);
    QVERIFY(model->flags(source) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> mime(model->mimeData({source}));
    QVERIFY(mime);
    const QModelIndex target = model->indexOfDay(m_day.addDays(2));
    QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, target));
    QVERIFY(model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, target));
    QCOMPARE(model->indexOfArticle(a).parent(), target);
    QCOMPARE(ArticleRepository(*m_db).get(a)->scheduledAt, local(2, 9, 10).toUTC());
    // Foreign data is refused.
    QMimeData text;
    text.setText(QStringLiteral("12"));
    QVERIFY(!model->canDropMimeData(&text, Qt::MoveAction, -1, -1, target));
}

void TestScheduleModel::publishedCannotMove()
{
    Article p;
    p.title = QStringLiteral("published");
    p.slug = QStringLiteral("published");
    QVERIFY_OK(ArticleRepository(*m_db).insert(p));
    WorkflowRepository wf(*m_db);
    auto r = wf.changeStatus(p.id, ArticleStatus::InEdit, {}, DeskRole::Editor, p.rowVersion);
    r = wf.changeStatus(p.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    r = wf.changeStatus(p.id, ArticleStatus::Published, {}, DeskRole::Editor, r->rowVersion);
    QVERIFY_OK(r);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model->setRange(now.addDays(-1), now.addDays(1));
    const QModelIndex index = model->indexOfArticle(p.id);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(StatusKeyRole).toString(), QStringLiteral("published"));
    QVERIFY(!(model->flags(index) & Qt::ItemIsDragEnabled));
    QVERIFY(!model->moveToSlot(p.id, QDateTime(m_day, QTime(9, 0), Qt::UTC)).ok());
}

void TestScheduleModel::skippedTimeIsRefused()
{
    // The next time London's clocks jump forward, whenever this test runs.
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone,
                                                  QStringLiteral("Europe/London")));
    const QTimeZone london("Europe/London");
    QDateTime probe = QDateTime::currentDateTimeUtc();
    QTimeZone::OffsetData jump;
    do {
        jump = london.nextTransition(probe);
        probe = jump.atUtc;
    } while (jump.atUtc.isValid() &&
             jump.offsetFromUtc <= london.offsetFromUtc(jump.atUtc.addSecs(-1)));
    QVERIFY(jump.atUtc.isValid());
    const QDateTime before = jump.atUtc.addDays(-1);
    const qint64 a = schedule(QStringLiteral("a"), before, false);
    QVERIFY(a);
    auto model = makeModel();
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model->setRange(jump.atUtc.addDays(-2), jump.atUtc.addDays(2));
    // 01:30 local on the day of the jump does not exist.
    const QDate day = jump.atUtc.toTimeZone(london).date();
    const Status s = model->moveToSlot(a, QDateTime(day, QTime(1, 30), Qt::UTC));
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QLatin1String("does not exist")), qPrintable(s.error()));
    QCOMPARE(ArticleRepository(*m_db).get(a)->scheduledAt, before);
}

QTEST_GUILESS_MAIN(TestScheduleModel)
#include "tst_schedulemodel.moc"
