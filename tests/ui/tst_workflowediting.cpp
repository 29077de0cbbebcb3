#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "editor/bodyeditor.h"
#include "editor/captionpanel.h"
#include "imagerepository.h"
#include "editor/articleeditor.h"
#include "historymodel.h"
#include "mainwindow.h"
#include "schedulemodel.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "workflow/scheduleview.h"
#include "workflowrepository.h"

#include <QApplication>
#include <QImage>
#include <QTableWidget>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace byline;

// The editor's status and schedule fields as a person uses them: only the moves the workflow
// allows, readiness errors refusing ready with the reason beside the box, each move logged
// with who and desk; publish and embargo times typed in the newsroom's zone and stored in UTC
// across offset changes; and rescheduling by dragging in the Schedule of the real window.
class TestWorkflowEditing : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void editorRoundTripsNewsroomTimes_data();
    void editorRoundTripsNewsroomTimes();
    void editorRefusesATimeTheClocksSkip();
    void captionPanelFindsTheLibrarysImages();
    void statusBoxOffersOnlyAllowedMovesAndLogsThem();
    void saveFindingTheRowChangedRefusesTheMove();
    void dragInTheScheduleOfTheMainWindow();

private:
    qint64 addArticle(Database &db, const QString &slug, bool withExcerptAndAuthor);
    static int statusRow(QComboBox *box, ArticleStatus status);
    static bool statusEnabled(QComboBox *box, ArticleStatus status);
    void screenshot(QWidget *w, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestWorkflowEditing::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workflowediting"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0); // no automatic backups in tests
    QSettings().setValue(QStringLiteral("user/name"), QStringLiteral("Aigerim Sadykova"));
    QSettings().setValue(QStringLiteral("user/role"), QStringLiteral("photo_desk"));
}

void TestWorkflowEditing::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("e%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestWorkflowEditing::cleanup()
{
    m_db.reset();
}

void TestWorkflowEditing::screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(50); // let pending layout requests run, as the event loop would before painting
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + name);
}

qint64 TestWorkflowEditing::addArticle(Database &db, const QString &slug, bool complete)
{
    Article a;
    a.title = QStringLiteral("Medeu rink opens for the season");
    a.slug = slug;
    a.body = QStringLiteral("<p>The rink above the city opened on Saturday.</p>");
    if (complete) {
        Author author;
        author.slug = slug + QStringLiteral("-writer");
        author.displayName = QStringLiteral("Dana Omarova");
        if (!AuthorRepository(db).insert(author))
            return 0;
        a.excerpt = QStringLiteral("Skaters return to Medeu.");
        a.authorIds = {author.id};
    }
    return ArticleRepository(db).insert(a, QStringLiteral("Dana Omarova")) ? a.id : 0;
}

int TestWorkflowEditing::statusRow(QComboBox *box, ArticleStatus status)
{
    return box->findData(statusKey(status));
}

bool TestWorkflowEditing::statusEnabled(QComboBox *box, ArticleStatus status)
{
    auto *model = qobject_cast<QStandardItemModel *>(box->model());
    return model && model->item(statusRow(box, status))->isEnabled();
}

void TestWorkflowEditing::editorRoundTripsNewsroomTimes_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<QString>("shown");
    auto utc = [](int y, int mo, int d, int h, int mi) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
    };
    // Almaty moved from UTC+6 to UTC+5 on 1 March 2024: a time set before must still read right.
    QTest::newRow("Almaty before the change")
        << "Asia/Almaty" << "2024-02-28 14:00" << utc(2024, 2, 28, 8, 0)
        << "14:00 Asia/Almaty (UTC+6) = 08:00 UTC";
    QTest::newRow("Almaty after the change")
        << "Asia/Almaty" << "2024-03-01 14:00" << utc(2024, 3, 1, 9, 0)
        << "14:00 Asia/Almaty (UTC+5) = 09:00 UTC";
    QTest::newRow("Almaty just after midnight, UTC the day before")
        << "Asia/Almaty" << "2024-02-29 01:30" << utc(2024, 2, 28, 19, 30)
        << "2024-02-29 01:30 Asia/Almaty (UTC+6) = 2024-02-28 19:30 UTC";
    QTest::newRow("London in winter") << "Europe/London" << "2024-03-30 12:00"
                                      << utc(2024, 3, 30, 12, 0)
                                      << "12:00 Europe/London (UTC) = 12:00 UTC";
    QTest::newRow("London in summer time") << "Europe/London" << "2024-03-31 12:00"
                                           << utc(2024, 3, 31, 11, 0)
                                           << "12:00 Europe/London (UTC+1) = 11:00 UTC";
    QTest::newRow("London back in winter") << "Europe/London" << "2024-10-27 12:00"
                                           << utc(2024, 10, 27, 12, 0)
                                           << "12:00 Europe/London (UTC) = 12:00 UTC";
    QTest::newRow("New York before DST") << "America/New_York" << "2024-03-09 09:00"
                                         << utc(2024, 3, 9, 14, 0)
                                         << "09:00 America/New_York (UTC-5) = 14:00 UTC";
    QTest::newRow("New York in DST") << "America/New_York" << "2024-03-10 09:00"
                                     << utc(2024, 3, 10, 13, 0)
                                     << "09:00 America/New_York (UTC-4) = 13:00 UTC";
    QTest::newRow("New York after DST") << "America/New_York" << "2024-11-03 09:00"
                                        << utc(2024, 11, 3, 14, 0)
                                        << "09:00 America/New_York (UTC-5) = 14:00 UTC";
}

void TestWorkflowEditing::editorRoundTripsNewsroomTimes()
{
    QFETCH(QString, zone);
    QFETCH(QString, typed);
    QFETCH(QDateTime, utc);
    QFETCH(QString, shown);
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, zone));
    const qint64 id = addArticle(*m_db, QStringLiteral("round-trip"), false);
    QVERIFY(id > 0);

    ArticleEditor editor(*m_db);
    editor.resize(900, 600);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.loadArticle(ArticleRepository(*m_db).get(id).value());
    QCOMPARE(editor.newsroomTime().zoneId(), zone);
    QTest::keyClicks(editor.publishEdit(), typed);
    QCOMPARE(editor.publishUtcLabel()->text(), shown);
    // The embargo is its own field: two hours before, typed the same way.
    const QString embargoTyped =
        QDateTime::fromString(typed, QStringLiteral("yyyy-MM-dd HH:mm"))
            .addSecs(-2 * 3600)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QTest::keyClicks(editor.embargoEdit(), embargoTyped);
    QVERIFY(editor.isModified());
    // Both notes are shown whole in an editor this wide, not cut at the field's width.
    for (const char *name : {"publishUtc", "embargoUtc"}) {
        const auto *note = editor.findChild<QLabel *>(QLatin1String(name));
        QVERIFY(note);
        QCoreApplication::processEvents(); // the layout settles after the text changed
        QVERIFY2(note->width() >= note->sizeHint().width(),
                 qPrintable(QStringLiteral("%1: %2 px for %3 px of \"%4\"")
                                .arg(QLatin1String(name))
                                .arg(note->width())
                                .arg(note->sizeHint().width())
                                .arg(note->text())));
    }
    QVERIFY_OK(editor.save(QStringLiteral("Aigerim Sadykova")));

    const Article stored = ArticleRepository(*m_db).get(id).value();
    QCOMPARE(stored.scheduledAt, utc);
    QCOMPARE(stored.scheduledAt.timeSpec(), Qt::UTC);
    const NewsroomTime time = NewsroomTime::fromIanaId(zone).value();
    QCOMPARE(stored.embargoAt, time.resolve(QDateTime::fromString(embargoTyped,
                                                                  QStringLiteral("yyyy-MM-dd HH:mm")))
                                   .utc);

    // Opened again (a fresh editor, as after a restart) it reads as typed.
    ArticleEditor again(*m_db);
    again.loadArticle(stored);
    QCOMPARE(again.publishEdit()->text(), typed);
    QCOMPARE(again.publishUtcLabel()->text(), shown);
    QCOMPARE(again.embargoEdit()->text(), embargoTyped);
}

void TestWorkflowEditing::editorRefusesATimeTheClocksSkip()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone,
                                                  QStringLiteral("America/New_York")));
    const qint64 id = addArticle(*m_db, QStringLiteral("gap"), false);
    ArticleEditor editor(*m_db);
    editor.loadArticle(ArticleRepository(*m_db).get(id).value());
    const int version = editor.currentArticle().rowVersion;
    // 02:30 on 10 March 2024 never happened in New York.
    QTest::keyClicks(editor.publishEdit(), QStringLiteral("2024-03-10 02:30"));
    QVERIFY(editor.publishUtcLabel()->text().contains(QLatin1String("does not exist")));
    const Status s = editor.save(QStringLiteral("Aigerim Sadykova"));
    QVERIFY(!s.ok());
    QVERIFY(s.error().startsWith(QLatin1String("publish time")));
    QCOMPARE(ArticleRepository(*m_db).get(id)->rowVersion, version); // nothing written
    // Unreadable text is refused the same way, naming the field.
    editor.publishEdit()->clear();
    QTest::keyClicks(editor.embargoEdit(), QStringLiteral("next tuesday"));
    const Status unreadable = editor.save(QStringLiteral("Aigerim Sadykova"));
    QVERIFY(!unreadable.ok());
    QVERIFY(unreadable.error().startsWith(QLatin1String("embargo time")));
    // The zone changed in the preferences: the time shown moves, the instant stays.
    editor.embargoEdit()->clear();
    QTest::keyClicks(editor.publishEdit(), QStringLiteral("2024-07-01 09:00"));
    editor.setNewsroomTime(NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty")).value());
    QCOMPARE(editor.publishEdit()->text(), QStringLiteral("2024-07-01 18:00"));
    QCOMPARE(editor.publishUtcLabel()->text(),
             QStringLiteral("18:00 Asia/Almaty (UTC+5) = 13:00 UTC"));
}

void TestWorkflowEditing::captionPanelFindsTheLibrarysImages()
{
    // Two images in the library, three captions: two of them, and one whose attachment the
    // library does not hold.
    QList<qint64> attachmentIds;
    for (int i = 0; i < 2; ++i) {
        QImage pixels(8, 6, QImage::Format_RGB32);
        pixels.fill(i == 0 ? Qt::darkCyan : Qt::darkYellow);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && pixels.save(&buffer, "PNG"));
        Image meta;
        meta.title = QStringLiteral("Rink at dawn %1").arg(i);
        meta.originalFileName = QStringLiteral("rink-%1.png").arg(i);
        meta.wpAttachmentId = 41001 + i;
        QVERIFY_OK(ImageRepository(*m_db).store(png, meta));
        attachmentIds << meta.wpAttachmentId;
    }
    Article a;
    a.title = QStringLiteral("Medeu at dawn");
    a.slug = QStringLiteral("medeu-at-dawn");
    const auto caption = [](qint64 id) {
        return QStringLiteral("[caption id=\"attachment_%1\" align=\"aligncenter\" width=\"8\"]"
                              "<img class=\"wp-image-%1\" src=\"r.png\" alt=\"\" width=\"8\" height=\"6\" />"
                              " The rink. Image: Dana Omarova[/caption]")
            .arg(id);
    };
    a.body = caption(attachmentIds.at(1)) + QStringLiteral("\n\n") + caption(49999) + QStringLiteral("\n\n")
        + caption(attachmentIds.at(0));
    QVERIFY_OK(ArticleRepository(*m_db).insert(a, QStringLiteral("Dana Omarova")));

    ArticleEditor editor(*m_db);
    editor.loadArticle(ArticleRepository(*m_db).get(a.id).value());
    editor.bodyEditor()->reparseNow();
    const QTableWidget *table = editor.captionPanel()->table();
    QCOMPARE(table->rowCount(), 3);
    const qint64 expected[] = {attachmentIds.at(1), 49999, attachmentIds.at(0)};
    for (int row = 0; row < 3; ++row) {
        const QTableWidgetItem *item = table->item(row, CaptionPanel::ImageColumn);
        QVERIFY(item);
        QCOMPARE(item->text(), QStringLiteral("#%1").arg(expected[row]));
        const bool missing = expected[row] == 49999;
        QCOMPARE(item->toolTip() == QStringLiteral("Attachment 49999 is not in the library"), missing);
        QCOMPARE(item->foreground().color() == QColor(Qt::red), missing);
    }
}

void TestWorkflowEditing::statusBoxOffersOnlyAllowedMovesAndLogsThem()
{
    const QString path = m_dir.filePath(QStringLiteral("window%1.byline").arg(++m_counter));
    MainWindow w;
    w.setAsker([](const QString &) { return MainWindow::Answer::Discard; });
    QVERIFY(w.openNewsroom(path));
    Database &db = *w.database();
    QVERIFY_OK(SettingsRepository(db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    const qint64 id = addArticle(db, QStringLiteral("medeu"), false);
    QVERIFY(id > 0);
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openArticle(id);
    ArticleEditor *e = w.editor();
    QCOMPARE(e->articleId(), id);
    e->setNewsroomTime(SettingsRepository(db).newsroomTime());
    QComboBox *box = e->statusBox();

    // A draft may go to editing or be spiked; nothing else is on offer.
    QVERIFY(statusEnabled(box, ArticleStatus::Draft));
    QVERIFY(statusEnabled(box, ArticleStatus::InEdit));
    QVERIFY(statusEnabled(box, ArticleStatus::Spiked));
    QVERIFY(!statusEnabled(box, ArticleStatus::Ready));
    QVERIFY(!statusEnabled(box, ArticleStatus::Scheduled));
    QVERIFY(!statusEnabled(box, ArticleStatus::Published));

    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down); // Draft → In edit
    QCOMPARE(box->currentData().toString(), statusKey(ArticleStatus::InEdit));
    QVERIFY(e->statusNote()->isHidden());
    QVERIFY(w.saveArticle());
    WorkflowRepository wf(db);
    QList<StatusChange> log = wf.statusChanges(id).value();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).from, ArticleStatus::Draft);
    QCOMPARE(log.at(0).to, ArticleStatus::InEdit);
    QCOMPARE(log.at(0).who, QStringLiteral("Aigerim Sadykova"));
    QCOMPARE(log.at(0).role, QStringLiteral("photo_desk"));
    // From editing, ready is offered; scheduling is not yet.
    QVERIFY(statusEnabled(box, ArticleStatus::Ready));
    QVERIFY(!statusEnabled(box, ArticleStatus::Scheduled));

    // Ready is refused while the readiness checks find errors (no excerpt, no author); the
    // reason stands beside the box and nothing is stored.
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(box->currentData().toString(), statusKey(ArticleStatus::Ready));
    QVERIFY(e->statusNote()->isVisible());
    QVERIFY2(e->statusNote()->text().contains(QLatin1String("xcerpt")),
             qPrintable(e->statusNote()->text()));
    screenshot(e, QStringLiteral("editor-status-refused.png"));
    const int version = ArticleRepository(db).get(id)->rowVersion;
    QVERIFY(!w.saveArticle());
    QCOMPARE(ArticleRepository(db).get(id)->status, ArticleStatus::InEdit);
    QCOMPARE(ArticleRepository(db).get(id)->rowVersion, version);
    QCOMPARE(wf.statusChanges(id)->size(), 1);

    // Fixing what the checks name lets the same move through.
    Author author;
    author.slug = QStringLiteral("dana-omarova");
    author.displayName = QStringLiteral("Dana Omarova");
    QVERIFY_OK(AuthorRepository(db).insert(author));
    e->reloadAuthorChoices();
    QTest::keyClicks(e->excerptEdit(), QStringLiteral("Skaters return to Medeu."));
    QPushButton *addAuthor = nullptr;
    for (QPushButton *b : e->findChildren<QPushButton *>())
        if (b->accessibleName() == QLatin1String("Add author"))
            addAuthor = b;
    QVERIFY(addAuthor);
    QTest::mouseClick(addAuthor, Qt::LeftButton);
    QCOMPARE(e->authorList()->count(), 1);
    QTRY_VERIFY(e->statusNote()->isHidden());
    QVERIFY(w.saveArticle());
    QCOMPARE(ArticleRepository(db).get(id)->status, ArticleStatus::Ready);

    // Scheduling needs a time; typed in Almaty time, stored in UTC, with the lead flag.
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(box->currentData().toString(), statusKey(ArticleStatus::Scheduled));
    QVERIFY(!w.saveArticle());
    QCOMPARE(ArticleRepository(db).get(id)->status, ArticleStatus::Ready);
    const QDate day = QDate::currentDate().addYears(1);
    QTest::keyClicks(e->publishEdit(), day.toString(Qt::ISODate) + QStringLiteral(" 14:00"));
    QCOMPARE(e->publishUtcLabel()->text(),
             QStringLiteral("14:00 Asia/Almaty (UTC+5) = 09:00 UTC"));
    QTest::mouseClick(e->leadBox(), Qt::LeftButton);
    QVERIFY(e->isLeadStory());
    screenshot(e, QStringLiteral("editor-schedule.png"));
    QVERIFY(w.saveArticle());
    const Article stored = ArticleRepository(db).get(id).value();
    QCOMPARE(stored.status, ArticleStatus::Scheduled);
    QCOMPARE(stored.scheduledAt, QDateTime(day, QTime(9, 0), Qt::UTC));
    QVERIFY(wf.isLead(id).value());
    log = wf.statusChanges(id).value();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.last().to, ArticleStatus::Scheduled);
    QCOMPARE(log.last().scheduledAt, QDateTime(day, QTime(9, 0), Qt::UTC));
    // From scheduled only unscheduling, publishing and spiking are on offer.
    QVERIFY(!statusEnabled(box, ArticleStatus::InEdit));
    QVERIFY(!statusEnabled(box, ArticleStatus::Draft));
    QVERIFY(statusEnabled(box, ArticleStatus::Ready));

    // The history shows each move with who and desk.
    HistoryModel history(db);
    history.setArticle(id);
    QStringList lines;
    for (int r = 0; r < history.rowCount(); ++r)
        lines << history.index(r, 0).data().toString();
    const QString all = lines.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("Ready → Scheduled by Aigerim Sadykova (Photo desk)")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Draft → In edit by Aigerim Sadykova (Photo desk)")),
             qPrintable(all));
}

void TestWorkflowEditing::saveFindingTheRowChangedRefusesTheMove()
{
    const QString path = m_dir.filePath(QStringLiteral("window%1.byline").arg(++m_counter));
    MainWindow w;
    w.setAsker([](const QString &) { return MainWindow::Answer::Discard; });
    int conflicts = 0;
    w.setConflictChooser([&conflicts](const Article &, const Article &) {
        ++conflicts;
        return 0; // keep editing
    });
    QVERIFY(w.openNewsroom(path));
    Database &db = *w.database();
    const qint64 id = addArticle(db, QStringLiteral("stale"), true);
    w.openArticle(id);
    ArticleEditor *e = w.editor();
    QComboBox *box = e->statusBox();
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down); // → In edit, not saved yet
    // Meanwhile someone else saves the article.
    Article theirs = ArticleRepository(db).get(id).value();
    theirs.title = QStringLiteral("Medeu opens early");
    QVERIFY_OK(ArticleRepository(db).update(theirs, QStringLiteral("Marat")));
    QVERIFY(!w.saveArticle());
    QCOMPARE(conflicts, 1);
    const Article stored = ArticleRepository(db).get(id).value();
    QCOMPARE(stored.status, ArticleStatus::Draft);
    QCOMPARE(stored.title, QStringLiteral("Medeu opens early"));
    QCOMPARE(WorkflowRepository(db).statusChanges(id)->size(), 0);

    // Told to overwrite theirs, the move is made from the status stored now, and logged once.
    w.setConflictChooser([&conflicts](const Article &, const Article &) {
        ++conflicts;
        return 1; // overwrite theirs
    });
    theirs = ArticleRepository(db).get(id).value();
    theirs.excerpt = QStringLiteral("Changed again meanwhile.");
    QVERIFY_OK(ArticleRepository(db).update(theirs, QStringLiteral("Marat")));
    w.saveArticle();
    QCOMPARE(conflicts, 2);
    const Article overwritten = ArticleRepository(db).get(id).value();
    QCOMPARE(overwritten.status, ArticleStatus::InEdit);
    QCOMPARE(overwritten.title, QStringLiteral("Medeu rink opens for the season"));
    const QList<StatusChange> log = WorkflowRepository(db).statusChanges(id).value();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).from, ArticleStatus::Draft);
    QCOMPARE(log.at(0).rowVersion, overwritten.rowVersion);
    QVERIFY(!e->isModified());
}

void TestWorkflowEditing::dragInTheScheduleOfTheMainWindow()
{
    const QString path = m_dir.filePath(QStringLiteral("window%1.byline").arg(++m_counter));
    QSettings().setValue(QStringLiteral("user/role"), QStringLiteral("web_team"));
    MainWindow w;
    w.setAsker([](const QString &) { return MainWindow::Answer::Discard; });
    QVERIFY(w.openNewsroom(path));
    Database &db = *w.database();
    QVERIFY_OK(SettingsRepository(db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    const NewsroomTime time = SettingsRepository(db).newsroomTime();
    const QDate today = time.localDate(QDateTime::currentDateTimeUtc());
    const QDate monday = today.addDays(14 + 1 - today.dayOfWeek());
    WorkflowRepository wf(db);
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i) {
        const qint64 id = addArticle(db, QStringLiteral("lead-%1").arg(i), true);
        QVERIFY(id > 0);
        Article a = ArticleRepository(db).get(id).value();
        a.status = ArticleStatus::InEdit;
        QVERIFY_OK(wf.saveArticle(a, QStringLiteral("Dana"), DeskRole::Editor));
        a.status = ArticleStatus::Ready;
        QVERIFY_OK(wf.saveArticle(a, QStringLiteral("Dana"), DeskRole::Editor));
        a.status = ArticleStatus::Scheduled;
        a.scheduledAt = time.resolve(monday, QTime(9, 0).addSecs(i * 1800)).utc;
        ArticleSaveOptions lead;
        lead.lead = true;
        QVERIFY_OK(wf.saveArticle(a, QStringLiteral("Dana"), DeskRole::Editor, lead));
        ids << id;
    }

    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showSection(MainWindow::ScheduleSection);
    ScheduleView *view = w.scheduleView();
    QVERIFY(view);
    QVERIFY(view->isVisible());
    view->setWeek(monday);
    ScheduleModel *model = view->model();
    QTreeView *agenda = view->agenda();
    const QModelIndex source = model->indexOfArticle(ids.at(1));
    QVERIFY(source.isValid());
    QVERIFY(source.data(ScheduleModel::ConflictRole).toBool()); // two leads in the 09:00 slot

    // Press on the 09:30 lead and drag it: the view starts its own drag with the model's data.
    const QPoint from = agenda->visualRect(source).center();
    QTest::mousePress(agenda->viewport(), Qt::LeftButton, {}, from);
    QCOMPARE(agenda->currentIndex().siblingAtColumn(0), source.siblingAtColumn(0));
    const QModelIndex thursday = model->indexOfDay(monday.addDays(3));
    const QPoint to = agenda->visualRect(thursday).center();
    QTest::mouseMove(agenda->viewport(), to);
    QTest::mouseRelease(agenda->viewport(), Qt::LeftButton, {}, to);
    // Offscreen there is no window system to carry the drag, so the same drag data is
    // delivered to the view as the window system would: enter, move, drop over Thursday.
    std::unique_ptr<QMimeData> data(model->mimeData(agenda->selectionModel()->selectedIndexes()));
    QVERIFY(data);
    const QMimeData *mime = data.get();
    QDragEnterEvent enter(to, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agenda->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(to, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agenda->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(QPointF(to), Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(agenda->viewport(), &drop);
    QVERIFY(drop.isAccepted());

    // Stored: Thursday 09:30 Almaty time, in UTC; the move logged with who and desk.
    const QDateTime expected = time.resolve(monday.addDays(3), QTime(9, 30)).utc;
    const Article stored = ArticleRepository(db).get(ids.at(1)).value();
    QCOMPARE(stored.status, ArticleStatus::Scheduled);
    QCOMPARE(stored.scheduledAt, expected);
    QCOMPARE(stored.scheduledAt, QDateTime(monday.addDays(3), QTime(4, 30), Qt::UTC));
    const QList<StatusChange> log = wf.statusChanges(ids.at(1)).value();
    QCOMPARE(log.last().from, ArticleStatus::Scheduled);
    QCOMPARE(log.last().to, ArticleStatus::Scheduled);
    QCOMPARE(log.last().scheduledAt, expected);
    QCOMPARE(log.last().who, QStringLiteral("Aigerim Sadykova"));
    QCOMPARE(log.last().role, QStringLiteral("web_team"));
    // The view shows it on Thursday and the clash of leads is gone.
    const QModelIndex moved = model->indexOfArticle(ids.at(1));
    QCOMPARE(moved.parent(), model->indexOfDay(monday.addDays(3)));
    QVERIFY(!model->indexOfArticle(ids.at(0)).data(ScheduleModel::ConflictRole).toBool());
    QSettings().setValue(QStringLiteral("user/role"), QStringLiteral("photo_desk"));
}

QTEST_MAIN(TestWorkflowEditing)
#include "tst_workflowediting.moc"
