#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "editor/articleeditor.h"
#include "mainwindow.h"
#include "schedulemodel.h"
#include "settings/settingsdialog.h"
#include "settings/usersettings.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "workflow/scheduleview.h"
#include "workflowrepository.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// Edit > Preferences driven by keyboard and mouse: the newsroom's settings land in the newsroom,
// the desk's in QSettings, bad input is named and stores nothing, and the window takes the new
// values at once.
class TestSettingsDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void storesNewsroomAndDeskSettings();
    void invalidInputIsNamedAndStoresNothing();
    void appliesAtOnceInTheMainWindow();

private:
    static void typeInto(QWidget *w, const QString &text);
    void screenshot(QWidget *w, const QString &name);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingsdialog"));
}

void TestSettingsDialog::init()
{
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0); // no automatic backups in tests
    QSettings().setValue(QStringLiteral("user/name"), QStringLiteral("Desk Tester"));
    auto db = Database::open(m_dir.filePath(QStringLiteral("s%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestSettingsDialog::cleanup()
{
    m_db.reset();
}

void TestSettingsDialog::screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + name);
}

// Replaces a field's text the way a person does: select all, type.
void TestSettingsDialog::typeInto(QWidget *w, const QString &text)
{
    if (auto *combo = qobject_cast<QComboBox *>(w); combo && combo->lineEdit())
        w = combo->lineEdit();
    w->setFocus();
    QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(w, Qt::Key_Backspace);
    QTest::keyClicks(w, text);
}

void TestSettingsDialog::storesNewsroomAndDeskSettings()
{
    SettingsDialog dialog(*m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Nothing stored yet: the system's zone is selected, the house defaults are shown.
    QCOMPARE(dialog.selectedZone(), SettingsRepository::systemTimeZoneId());
    QCOMPARE(dialog.slotMinutes()->value(), 60);
    QCOMPARE(dialog.creditStyle()->currentText(), QStringLiteral("Image: {credit}"));
    QCOMPARE(dialog.userName()->text(), QStringLiteral("Desk Tester"));

    // Search the zone list; the one match is selected.
    QTest::keyClicks(dialog.zoneFilter(), QStringLiteral("almaty"));
    QCOMPARE(dialog.zoneList()->model()->rowCount(), 1);
    QCOMPARE(dialog.selectedZone(), QStringLiteral("Asia/Almaty"));
    QVERIFY2(dialog.zoneNow()->text().contains(QLatin1String("Asia/Almaty (UTC+5)")),
             qPrintable(dialog.zoneNow()->text()));
    // "new york" finds America/New_York; a click picks it.
    typeInto(dialog.zoneFilter(), QStringLiteral("new york"));
    QCOMPARE(dialog.zoneList()->model()->rowCount(), 1);
    const QModelIndex ny = dialog.zoneList()->model()->index(0, 0);
    QTest::mouseClick(dialog.zoneList()->viewport(), Qt::LeftButton, {},
                      dialog.zoneList()->visualRect(ny).center());
    QCOMPARE(dialog.selectedZone(), QStringLiteral("America/New_York"));
    typeInto(dialog.zoneFilter(), QStringLiteral("almaty"));

    typeInto(dialog.slotMinutes(), QStringLiteral("30"));
    typeInto(dialog.creditStyle(), QStringLiteral("Photo: {credit}"));
    typeInto(dialog.baseUrl(), QStringLiteral("https://news.example.kz/"));
    typeInto(dialog.userName(), QStringLiteral("Aigerim Sadykova"));
    dialog.role()->setFocus();
    QTest::keyClick(dialog.role(), Qt::Key_Down); // Editor → Photo desk
    const QString folder = m_dir.filePath(QStringLiteral("copies"));
    typeInto(dialog.backupFolder(), folder);
    typeInto(dialog.backupsKept(), QStringLiteral("3"));
    screenshot(&dialog, QStringLiteral("settings.png"));

    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Apply), Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(dialog.errorText(), QString());

    SettingsRepository stored(*m_db);
    QCOMPARE(stored.value(settingkeys::kTimeZone).value(), QStringLiteral("Asia/Almaty"));
    QCOMPARE(stored.newsroomTime().zoneId(), QStringLiteral("Asia/Almaty"));
    QCOMPARE(stored.value(settingkeys::kScheduleSlotMinutes).value(), QStringLiteral("30"));
    QCOMPARE(stored.value(settingkeys::kCreditStyle).value(), QStringLiteral("Photo: {credit}"));
    QCOMPARE(stored.value(settingkeys::kBaseUrl).value(), QStringLiteral("https://news.example.kz/"));
    const UserSettings user = UserSettings::load();
    QCOMPARE(user.name, QStringLiteral("Aigerim Sadykova"));
    QCOMPARE(user.role, DeskRole::PhotoDesk);
    QCOMPARE(QSettings().value(QStringLiteral("user/role")).toString(), QStringLiteral("photo_desk"));
    QCOMPARE(user.backupFolder, folder);
    QCOMPARE(user.backupsKept, 3);

    // Opened again, it shows what was stored.
    SettingsDialog again(*m_db);
    QCOMPARE(again.selectedZone(), QStringLiteral("Asia/Almaty"));
    QCOMPARE(again.slotMinutes()->value(), 30);
    QCOMPARE(again.role()->currentData().toString(), QStringLiteral("photo_desk"));
    QCOMPARE(again.backupsKept()->value(), 3);
}

void TestSettingsDialog::invalidInputIsNamedAndStoresNothing()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Europe/London")));
    SettingsDialog dialog(*m_db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.zoneFilter(), QStringLiteral("almaty"));
    typeInto(dialog.baseUrl(), QStringLiteral("news dot kz"));
    typeInto(dialog.creditStyle(), QStringLiteral("Photo by"));
    typeInto(dialog.userName(), QString());
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // not accepted
    QCOMPARE(applied.size(), 0);
    const QString error = dialog.errorText();
    QVERIFY2(error.contains(QLatin1String("Site base URL: \"news dot kz\"")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("Credit style: \"Photo by\"")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("Name:")), qPrintable(error));
    screenshot(&dialog, QStringLiteral("settings-refused.png"));
    // Nothing was stored, not even the valid zone.
    QCOMPARE(SettingsRepository(*m_db).value(settingkeys::kTimeZone).value(),
             QStringLiteral("Europe/London"));
    QVERIFY(SettingsRepository(*m_db).value(settingkeys::kBaseUrl).value().isEmpty());
    QCOMPARE(UserSettings::load().name, QStringLiteral("Desk Tester"));

    // Fixed, OK stores and closes.
    typeInto(dialog.baseUrl(), QStringLiteral("https://news.example.kz"));
    typeInto(dialog.creditStyle(), QStringLiteral("Credit: {credit}"));
    typeInto(dialog.userName(), QStringLiteral("Marat"));
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(applied.size(), 1);
    QCOMPARE(SettingsRepository(*m_db).value(settingkeys::kTimeZone).value(),
             QStringLiteral("Asia/Almaty"));
}

void TestSettingsDialog::appliesAtOnceInTheMainWindow()
{
    const QString path = m_dir.filePath(QStringLiteral("window%1.byline").arg(++m_counter));
    MainWindow w;
    w.setAsker([](const QString &) { return MainWindow::Answer::Discard; });
    QVERIFY(w.openNewsroom(path));
    Database &db = *w.database();
    QVERIFY_OK(SettingsRepository(db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    const NewsroomTime almaty = SettingsRepository(db).newsroomTime();
    const QDate today = almaty.localDate(QDateTime::currentDateTimeUtc());
    const QDate monday = today.addDays(14 + 1 - today.dayOfWeek());
    // Two leads, 09:00 and 09:40: one 60-minute slot, two 30-minute ones.
    Author author;
    author.slug = QStringLiteral("dana");
    author.displayName = QStringLiteral("Dana Omarova");
    QVERIFY_OK(AuthorRepository(db).insert(author));
    WorkflowRepository wf(db);
    QList<qint64> ids;
    for (int i = 0; i < 2; ++i) {
        Article a;
        a.title = QStringLiteral("Lead %1").arg(i + 1);
        a.slug = QStringLiteral("lead-%1").arg(i + 1);
        a.excerpt = QStringLiteral("A lead story.");
        a.body = QStringLiteral("<p>Text.</p>");
        a.authorIds = {author.id};
        QVERIFY_OK(ArticleRepository(db).insert(a));
        for (ArticleStatus s : {ArticleStatus::InEdit, ArticleStatus::Ready, ArticleStatus::Scheduled}) {
            a.status = s;
            a.scheduledAt = almaty.resolve(monday, QTime(9, 0).addSecs(i * 40 * 60)).utc;
            ArticleSaveOptions lead;
            lead.lead = true;
            QVERIFY_OK(wf.saveArticle(a, QStringLiteral("Dana"), DeskRole::Editor, lead));
        }
        ids << a.id;
    }
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.openArticle(ids.at(0));
    ArticleEditor *e = w.editor();
    e->setNewsroomTime(almaty); // as the window's settings say
    const QString typed = e->publishEdit()->text();
    QCOMPARE(typed, monday.toString(Qt::ISODate) + QStringLiteral(" 09:00"));
    w.showSection(MainWindow::ScheduleSection); // a hidden schedule is read only when shown
    w.scheduleView()->setWeek(monday);
    ScheduleModel *schedule = w.scheduleView()->model();
    QVERIFY(schedule->indexOfArticle(ids.at(1)).data(ScheduleModel::ConflictRole).toBool());

    // Edit > Preferences, by its action.
    QAction *action = w.findChild<QAction *>(QStringLiteral("preferencesAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Preferences));
    action->trigger();
    auto *dialog = w.findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    typeInto(dialog->slotMinutes(), QStringLiteral("30"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Apply), Qt::LeftButton);
    // The schedule re-slots at once: the leads no longer share a slot.
    QVERIFY(!schedule->indexOfArticle(ids.at(1)).data(ScheduleModel::ConflictRole).toBool());
    QCOMPARE(schedule->slotMinutes(), 30);

    // A new zone: the editor shows the same instant in it, the schedule names it.
    typeInto(dialog->zoneFilter(), QStringLiteral("london"));
    QCOMPARE(dialog->selectedZone(), QStringLiteral("Europe/London"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!w.findChild<SettingsDialog *>()); // closed and deleted
    const QDateTime instant = almaty.resolve(monday, QTime(9, 0)).utc;
    const NewsroomTime london = NewsroomTime::fromIanaId(QStringLiteral("Europe/London")).value();
    QCOMPARE(e->newsroomTime().zoneId(), QStringLiteral("Europe/London"));
    QCOMPARE(e->publishEdit()->text(),
             london.toLocal(instant).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(e->publishUtcLabel()->text(), london.sideBySide(instant));
    QVERIFY(!e->isModified()); // redisplayed, not edited
    QCOMPARE(schedule->newsroomTime().zoneId(), QStringLiteral("Europe/London"));
    // The stored instant did not move.
    QCOMPARE(ArticleRepository(db).get(ids.at(0))->scheduledAt, instant);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
