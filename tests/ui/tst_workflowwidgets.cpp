#include "articlerepository.h"
#include "database.h"
#include "historymodel.h"
#include "itemroles.h"
#include "schedulemodel.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "workflow/historypanel.h"
#include "workflow/readinesspanel.h"
#include "workflow/scheduleview.h"
#include "workflowrepository.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCalendarWidget>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace byline;

// The workflow panels driven like a user would: readiness findings and fixes, history with
// its coloured diff and restore, and rescheduling by dragging in the schedule.
class TestWorkflowWidgets : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void readinessPanelJumpsAndOffersFixes();
    void historyPanelShowsColouredDiffAndRestores();
    void scheduleViewDragReschedules();
    void scheduleViewReadsOnlyWhenShown();

private:
    void screenshot(QWidget *w, const QString &name);
    // An article taken from draft through edit and ready to scheduled at atUtc; 0 on failure.
    qint64 scheduleArticle(const QString &title, const QDateTime &atUtc);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

qint64 TestWorkflowWidgets::scheduleArticle(const QString &title, const QDateTime &atUtc)
{
    WorkflowRepository wf(*m_db);
    Article a;
    a.title = title;
    a.slug = title.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
    if (!ArticleRepository(*m_db).insert(a))
        return 0;
    auto r = wf.changeStatus(a.id, ArticleStatus::InEdit, {}, DeskRole::Editor, a.rowVersion);
    if (r)
        r = wf.changeStatus(a.id, ArticleStatus::Ready, {}, DeskRole::Editor, r->rowVersion);
    StatusChangeOptions options;
    options.scheduledAt = atUtc;
    if (r)
        r = wf.changeStatus(a.id, ArticleStatus::Scheduled, {}, DeskRole::Editor, r->rowVersion, options);
    return r ? a.id : 0;
}

void TestWorkflowWidgets::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("ui%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestWorkflowWidgets::cleanup()
{
    m_db.reset();
}

// Saves what the widget looks like when BYLINE_SCREENSHOT_DIR is set (for docs and review).
void TestWorkflowWidgets::screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}

void TestWorkflowWidgets::readinessPanelJumpsAndOffersFixes()
{
    ReadinessIssue missing;
    missing.rule = QStringLiteral("image.credit");
    missing.severity = ReadinessIssue::Severity::Error;
    missing.message = QStringLiteral("The image has no credit line.");
    missing.offset = 42;
    ReadinessFix useLibrary;
    useLibrary.kind = ReadinessFix::Kind::SetCaptionCredit;
    useLibrary.captionIndex = 0;
    useLibrary.value = QStringLiteral("Reuters");
    useLibrary.label = QStringLiteral("Use the library's credit");
    missing.fixes = {useLibrary};

    ReadinessIssue mismatch;
    mismatch.rule = QStringLiteral("image.credit-mismatch");
    mismatch.severity = ReadinessIssue::Severity::Warning;
    mismatch.message = QStringLiteral("The caption credits AFP but the library credits Reuters.");
    mismatch.offset = 120;
    ReadinessFix toLibrary;
    toLibrary.kind = ReadinessFix::Kind::UpdateLibraryCredit;
    toLibrary.imageId = 7;
    toLibrary.value = QStringLiteral("AFP");
    toLibrary.label = QStringLiteral("Credit AFP in the library");
    mismatch.fixes = {useLibrary, toLibrary};

    ReadinessIssue noExcerpt;
    noExcerpt.rule = QStringLiteral("field.excerpt");
    noExcerpt.message = QStringLiteral("The article has no excerpt.");
    noExcerpt.field = QStringLiteral("excerpt");

    ReadinessPanel panel;
    panel.resize(420, 260);
    panel.setIssues({missing, mismatch, noExcerpt});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.list()->count(), 3);

    QSignalSpy jumps(&panel, &ReadinessPanel::jumpTo);
    QSignalSpy fixes(&panel, &ReadinessPanel::fixRequested);
    panel.list()->setFocus();
    panel.list()->setCurrentRow(2);
    QTest::keyClick(panel.list(), Qt::Key_Return);
    QCOMPARE(jumps.size(), 1);
    QCOMPARE(jumps.first().at(0).value<qsizetype>(), qsizetype(-1));
    QCOMPARE(jumps.first().at(1).toString(), QStringLiteral("excerpt"));
    QVERIFY(!panel.fixButton()->isEnabled());

    panel.list()->setCurrentRow(0);
    QTest::keyClick(panel.list(), Qt::Key_Return);
    QCOMPARE(jumps.last().at(0).value<qsizetype>(), qsizetype(42));
    QVERIFY(panel.fixButton()->isEnabled());
    QTest::mouseClick(panel.fixButton(), Qt::LeftButton);
    QCOMPARE(fixes.size(), 1);
    QCOMPARE(fixes.first().at(0).value<ReadinessFix>().value, QStringLiteral("Reuters"));

    // Two ways out: the button offers both in a menu.
    panel.list()->setCurrentRow(1);
    QVERIFY(panel.fixButton()->menu());
    const QList<QAction *> actions = panel.fixButton()->menu()->actions();
    QCOMPARE(actions.size(), 2);
    actions.at(1)->trigger();
    QCOMPARE(fixes.size(), 2);
    QCOMPARE(fixes.last().at(0).value<ReadinessFix>().kind,
             ReadinessFix::Kind::UpdateLibraryCredit);
    screenshot(&panel, QStringLiteral("readiness-panel.png"));
}

void TestWorkflowWidgets::historyPanelShowsColouredDiffAndRestores()
{
    ArticleRepository articles(*m_db);
    Article a;
    a.title = QStringLiteral("Spring in Almaty");
    a.slug = QStringLiteral("spring");
    a.body = QStringLiteral("<p>The tulips open on Abai avenue this week.</p>");
    QVERIFY_OK(articles.insert(a, QStringLiteral("Aigerim")));
    WorkflowRepository wf(*m_db);
    auto moved = wf.changeStatus(a.id, ArticleStatus::InEdit, QStringLiteral("Aigerim"),
                                 DeskRole::Editor, a.rowVersion);
    QVERIFY_OK(moved);
    Article edited = *moved;
    edited.body = QStringLiteral("<p>The first tulips open on Abai avenue today.</p>");
    QVERIFY_OK(articles.update(edited, QStringLiteral("Dana")));

    HistoryModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNewsroomTime(*NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty")));
    model.setArticle(a.id);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.index(1).data().toString().contains(
        QStringLiteral("Draft \u2192 In edit by Aigerim (Editor)")));
    QCOMPARE(model.previousRevision(0).rowVersion, a.rowVersion);
    HistoryPanel panel(&model);
    panel.resize(520, 420);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // The newest entry is Dana's revision.
    const QModelIndex newest = model.index(0);
    QVERIFY(newest.data(HistoryModel::IsRevisionRole).toBool());
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {},
                      panel.view()->visualRect(newest).center());
    QCOMPARE(panel.view()->currentIndex(), newest);
    const QString html = panel.diffView()->toHtml();
    QVERIFY2(html.contains(QLatin1String("#c6efce")), qPrintable(html));
    QVERIFY(html.contains(QLatin1String("#ffc7ce")));
    QVERIFY(panel.diffView()->toPlainText().contains(QLatin1String("first")));
    screenshot(&panel, QStringLiteral("history-panel.png"));

    // The status change in between has nothing to restore.
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {},
                      panel.view()->visualRect(model.index(1)).center());
    QVERIFY(!panel.restoreButton()->isEnabled());

    // Restoring the first version adds a revision on top.
    QSignalSpy restore(&panel, &HistoryPanel::restoreRequested);
    const QModelIndex oldest = model.index(2);
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {},
                      panel.view()->visualRect(oldest).center());
    QVERIFY(panel.restoreButton()->isEnabled());
    QTest::mouseClick(panel.restoreButton(), Qt::LeftButton);
    QCOMPARE(restore.size(), 1);
    const qint64 revisionId = restore.first().at(0).toLongLong();
    QCOMPARE(revisionId, oldest.data(HistoryModel::RevisionIdRole).toLongLong());
    QVERIFY_OK(wf.restoreRevision(a.id, revisionId, QStringLiteral("Dana"), edited.rowVersion));
    model.reload();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(articles.get(a.id)->body, a.body);
}

void TestWorkflowWidgets::scheduleViewDragReschedules()
{
    QVERIFY_OK(
        SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    const NewsroomTime time = *NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    const QDate today = time.localDate(QDateTime::currentDateTimeUtc());
    const QDate monday = today.addDays(14 + 1 - today.dayOfWeek());
    WorkflowRepository wf(*m_db);
    QList<qint64> ids;
    const QList<QPair<int, QTime>> times{{0, QTime(9, 0)}, {0, QTime(9, 30)}, {2, QTime(14, 0)}};
    for (int i = 0; i < times.size(); ++i) {
        const qint64 id = scheduleArticle(QStringLiteral("Story %1").arg(i + 1),
                                          time.resolve(monday.addDays(times.at(i).first), times.at(i).second).utc);
        QVERIFY(id > 0);
        QVERIFY_OK(wf.setLead(id, i < 2));
        ids << id;
    }

    ScheduleView view(*m_db);
    view.setUser(QStringLiteral("Marat"), DeskRole::WebTeam);
    view.resize(900, 520);
    view.setWeek(monday.addDays(3));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.weekStart(), monday);
    view.calendar()->setSelectedDate(monday);
    view.calendar()->setCurrentPage(monday.year(), monday.month());
    QCOMPARE(view.calendar()->dateTextFormat(monday).fontWeight(), int(QFont::Bold));
    QCOMPARE(view.calendar()->dateTextFormat(monday.addDays(2)).fontWeight(), int(QFont::Bold));
    QVERIFY(view.calendar()->dateTextFormat(monday.addDays(4)).fontWeight() != int(QFont::Bold));
    ScheduleModel *model = view.model();
    QVERIFY(model->indexOfArticle(ids.at(0)).data(ScheduleModel::ConflictRole).toBool());
    screenshot(&view, QStringLiteral("schedule-before.png"));

    // Press on the second lead, move over Thursday and release: what a drag delivers to the
    // view is the model's drop, which is what is run here.
    QTreeView *agenda = view.agenda();
    const QModelIndex source = model->indexOfArticle(ids.at(1));
    const QPoint from = agenda->visualRect(source).center();
    QTest::mousePress(agenda->viewport(), Qt::LeftButton, {}, from);
    const QModelIndex thursday = model->indexOfDay(monday.addDays(3));
    const QPoint to = agenda->visualRect(thursday).center();
    QTest::mouseMove(agenda->viewport(), to);
    QTest::mouseRelease(agenda->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(agenda->indexAt(to), thursday);
    std::unique_ptr<QMimeData> mime(model->mimeData(agenda->selectionModel()->selectedIndexes()));
    QVERIFY(mime);
    QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, agenda->indexAt(to)));
    QVERIFY(model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, agenda->indexAt(to)));

    const QModelIndex moved = model->indexOfArticle(ids.at(1));
    QCOMPARE(moved.parent(), model->indexOfDay(monday.addDays(3)));
    QCOMPARE(moved.siblingAtColumn(ScheduleModel::TimeColumn).data().toString(),
             QStringLiteral("09:30"));
    QVERIFY(!model->indexOfArticle(ids.at(0)).data(ScheduleModel::ConflictRole).toBool());
    auto stored = ArticleRepository(*m_db).get(ids.at(1));
    QCOMPARE(stored->status, ArticleStatus::Scheduled);
    QCOMPARE(stored->scheduledAt, time.resolve(monday.addDays(3), QTime(9, 30)).utc);
    QCOMPARE(view.calendar()->dateTextFormat(monday.addDays(3)).fontWeight(), int(QFont::Bold));
    screenshot(&view, QStringLiteral("schedule-after.png"));
}

// Opening a newsroom builds the schedule page hidden: it reads nothing until it is shown, and
// a reload asked for while hidden is done on the next show.
void TestWorkflowWidgets::scheduleViewReadsOnlyWhenShown()
{
    QVERIFY_OK(
        SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    const NewsroomTime time = *NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    const QDate today = time.localDate(QDateTime::currentDateTimeUtc());
    const QDate monday = today.addDays(7 + 1 - today.dayOfWeek());
    const qint64 first = scheduleArticle(QStringLiteral("Harvest Report"), time.resolve(monday.addDays(1), QTime(10, 0)).utc);
    QVERIFY(first > 0);

    ScheduleView view(*m_db);
    view.resize(900, 520);
    view.setWeek(monday);
    QCOMPARE(view.weekStart(), monday);
    QCOMPARE(view.model()->rowCount(), 0); // hidden: nothing read yet
    QVERIFY(!view.model()->indexOfArticle(first).isValid());

    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.model()->rowCount(), 7);
    QCOMPARE(view.model()->indexOfArticle(first).parent(), view.model()->indexOfDay(monday.addDays(1)));
    view.calendar()->setCurrentPage(monday.year(), monday.month());
    QCOMPARE(view.calendar()->dateTextFormat(monday.addDays(1)).fontWeight(), int(QFont::Bold));

    view.hide();
    const qint64 second = scheduleArticle(QStringLiteral("River Levels"), time.resolve(monday.addDays(3), QTime(10, 0)).utc);
    QVERIFY(second > 0);
    view.reload();
    QVERIFY(!view.model()->indexOfArticle(second).isValid()); // still the last reading
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.model()->indexOfArticle(second).parent(), view.model()->indexOfDay(monday.addDays(3)));
    QCOMPARE(view.calendar()->dateTextFormat(monday.addDays(3)).fontWeight(), int(QFont::Bold));
}

QTEST_MAIN(TestWorkflowWidgets)
#include "tst_workflowwidgets.moc"
