// The File menu's import and export dialogs, driven as a person would: fields typed, buttons
// clicked, the progress dialog's Cancel pressed, on Qt's offscreen platform.
#include "articlelistmodel.h"
#include "articlerepository.h"
#include "backgroundtask.h"
#include "database.h"
#include "exchangerepository.h"
#include "exportdialog.h"
#include "longwork.h"
#include "mainwindow.h"
#include "wxrimportdialog.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace byline;

namespace {

// Everything a newsroom holds, as one digest: every row of every table, read through a
// connection of our own.
QByteArray contentHash(const QString &path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QString name = QStringLiteral("content-hash");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return {};
        QSqlQuery tables(db);
        tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : std::as_const(names)) {
            QSqlQuery rows(db);
            if (!rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)))
                continue; // a virtual table this connection cannot read
            hash.addData(table.toUtf8());
            while (rows.next()) {
                for (int i = 0; i < rows.record().count(); ++i) {
                    hash.addData(rows.value(i).toByteArray());
                    hash.addData(QByteArrayView("\x1f", 1));
                }
                hash.addData(QByteArrayView("\x1e", 1));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return hash.result().toHex();
}

// A WordPress export large enough that an import is still running when Cancel is pressed.
QString writeLargeWxr(const QString &path, int items)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
                     "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
                     "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
                     "<channel><title>Large</title><wp:wxr_version>1.2</wp:wxr_version>\n"
                     "<wp:author><wp:author_login>filer</wp:author_login><wp:author_display_name>A Filer</wp:author_display_name></wp:author>\n";
    for (int i = 1; i <= items; ++i) {
        xml += QStringLiteral("<item><title>Council minutes, part %1</title><dc:creator>filer</dc:creator>"
                              "<content:encoded><![CDATA[<p>The council met for the %1th time and agreed on the "
                              "budget for the new bridge.</p>]]></content:encoded><wp:post_id>%2</wp:post_id>"
                              "<wp:post_date_gmt>2025-03-01 10:00:00</wp:post_date_gmt>"
                              "<wp:post_name>council-minutes-%1</wp:post_name><wp:status>publish</wp:status>"
                              "<wp:post_type>post</wp:post_type></item>\n")
                   .arg(i)
                   .arg(5000 + i)
                   .toUtf8();
    }
    xml += "</channel></rss>\n";
    if (f.write(xml) != xml.size())
        return {};
    return path;
}

bool waitForTask(BackgroundTask *task, int timeoutMs = 120000)
{
    QSignalSpy spy(task, &BackgroundTask::finished);
    if (!task->isRunning())
        return true;
    return spy.wait(timeoutMs);
}

QPushButton *cancelButtonOf(QProgressDialog *progress)
{
    return progress ? progress->findChild<QPushButton *>() : nullptr;
}

} // namespace

class TestExchangeDialogs : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void importThroughTheDialog();
    void cancelledImportWritesNothing();
    void malformedFileShowsWhereAndWhy();
    void exportThroughTheDialog();
    void cancelledExportKeepsThePreviousOne();
    void menuImportRefreshesTheList();
    void longWorkLeavesTheGlobalPoolToPainting();

private:
    QString newsroom(const QString &name);
    QString importSample(Database &db);
    QTemporaryDir m_dir;
};

void TestExchangeDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_exchangedialogs"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0);
    QVERIFY(m_dir.isValid());
}

QString TestExchangeDialogs::newsroom(const QString &name)
{
    return m_dir.filePath(name);
}

void TestExchangeDialogs::importThroughTheDialog()
{
    auto db = Database::open(newsroom(QStringLiteral("import.byline")));
    QVERIFY_OK(db);
    WxrImportDialog dialog(**db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.importButton()->isEnabled()); // nothing chosen yet
    QTest::keyClicks(dialog.fileEdit(), testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")));
    QVERIFY(dialog.importButton()->isEnabled());
    QSignalSpy imported(&dialog, &WxrImportDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(dialog.task()->isRunning() || imported.count() == 1);
    QVERIFY(waitForTask(dialog.task()));
    QCOMPARE(imported.count(), 1);
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Imported")), qPrintable(dialog.messageText()));
    QVERIFY(dialog.lastReport().has_value());
    QVERIFY(dialog.lastReport()->posts >= 1);

    // The post with WordPress id 100 is there, title intact.
    auto id = ExchangeRepository(**db).articleIdByWpPostId(100);
    QVERIFY_OK(id);
    QVERIFY(*id > 0);
    auto article = ArticleRepository(**db).get(*id);
    QVERIFY_OK(article);
    QCOMPARE(article->title, QStringLiteral("Almaty water & the river"));
}

void TestExchangeDialogs::cancelledImportWritesNothing()
{
    const QString path = newsroom(QStringLiteral("cancel-import.byline"));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    // Some content first, so "nothing written" is about more than an empty file.
    QVERIFY_OK(WxrImporter(**db).importFile(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml"))));
    const QByteArray before = contentHash(path);
    QVERIFY(!before.isEmpty());
    const QString large = writeLargeWxr(m_dir.filePath(QStringLiteral("large.xml")), 20000);
    QVERIFY(!large.isEmpty());

    WxrImportDialog dialog(**db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.fileEdit()->setText(large);
    QSignalSpy imported(&dialog, &WxrImportDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(dialog.task()->isRunning());
    QProgressDialog *progress = dialog.task()->progressDialog();
    QVERIFY(progress->isVisible());
    // Let it get going, then press Cancel.
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0 || !dialog.task()->isRunning(), 60000);
    QVERIFY2(dialog.task()->isRunning(), "the import finished before Cancel could be pressed");
    QPushButton *cancel = cancelButtonOf(progress);
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QCOMPARE(imported.count(), 0);
    QVERIFY2(dialog.messageText().contains(QStringLiteral("cancelled")), qPrintable(dialog.messageText()));
    QVERIFY(!progress->isVisible());
    QCOMPARE(contentHash(path), before);
    QCOMPARE(ExchangeRepository(**db).articleIdByWpPostId(5001).valueOr(-1), qint64(0));
}

void TestExchangeDialogs::malformedFileShowsWhereAndWhy()
{
    const QString path = newsroom(QStringLiteral("malformed.byline"));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    const QByteArray before = contentHash(path);
    WxrImportDialog dialog(**db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.fileEdit(), testsupport::sharedFixture(QStringLiteral("wxr/malformed.xml")));
    QSignalSpy imported(&dialog, &WxrImportDialog::imported);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QCOMPARE(imported.count(), 0);
    const QString message = dialog.messageText();
    QVERIFY2(message.startsWith(QStringLiteral("Nothing was imported")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("malformed.xml")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("line ")) && message.contains(QStringLiteral("column ")), qPrintable(message));
    QCOMPARE(contentHash(path), before);

    // A file that is not there is refused before anything runs.
    dialog.fileEdit()->setText(m_dir.filePath(QStringLiteral("no-such.xml")));
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QVERIFY(!dialog.task()->isRunning());
    QVERIFY2(dialog.messageText().contains(QStringLiteral("is not a file")), qPrintable(dialog.messageText()));
}

void TestExchangeDialogs::exportThroughTheDialog()
{
    auto db = Database::open(newsroom(QStringLiteral("export.byline")));
    QVERIFY_OK(db);
    QVERIFY_OK(WxrImporter(**db).importFile(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")),
                                           {testsupport::testData(QStringLiteral("wxr")), {}, QStringLiteral("test")}));
    ExportDialog dialog(**db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // The formats come from the registry.
    QStringList ids;
    for (int i = 0; i < dialog.formatBox()->count(); ++i)
        ids << dialog.formatBox()->itemData(i).toString();
    QCOMPARE(ids, ExporterRegistry::formats());

    // WXR, everything.
    dialog.formatBox()->setCurrentIndex(ids.indexOf(QStringLiteral("wxr")));
    const QString wxrDir = m_dir.filePath(QStringLiteral("out/wxr"));
    QTest::keyClicks(dialog.folderEdit(), wxrDir);
    QSignalSpy exported(&dialog, &ExportDialog::exported);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QVERIFY2(exported.count() == 1, qPrintable(dialog.messageText()));
    QVERIFY(QFileInfo(wxrDir + QStringLiteral("/export.xml")).size() > 0);
    QVERIFY(QFileInfo(wxrDir + QStringLiteral("/authors.json")).isFile());
    QVERIFY(QFileInfo(wxrDir + QStringLiteral("/media")).isDir());
    QFile xml(wxrDir + QStringLiteral("/export.xml"));
    QVERIFY(xml.open(QIODevice::ReadOnly));
    QVERIFY(xml.readAll().contains("Almaty water &amp; the river"));
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Exported")), qPrintable(dialog.messageText()));

    // HTML, published only: the scope's fields follow the choice.
    QVERIFY(!dialog.statusBox()->isEnabled());
    QTest::mouseClick(dialog.scopeButton(ExportDialog::Scope::Status), Qt::LeftButton);
    QVERIFY(dialog.statusBox()->isEnabled());
    QCOMPARE(dialog.request().selection.status, std::optional<ArticleStatus>(ArticleStatus::Published));
    dialog.formatBox()->setCurrentIndex(ids.indexOf(QStringLiteral("html")));
    const QString htmlDir = m_dir.filePath(QStringLiteral("out/html"));
    dialog.folderEdit()->setText(htmlDir);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QVERIFY2(exported.count() == 2, qPrintable(dialog.messageText()));
    QVERIFY(QFileInfo(htmlDir + QStringLiteral("/index.html")).isFile());
    QCOMPARE(dialog.lastReport()->format, QStringLiteral("html"));
    QCOMPARE(dialog.lastReport()->articles, 1); // the sample has one published post

    // ninjs, changed since the last ninjs export: the first time that is everything.
    QTest::mouseClick(dialog.scopeButton(ExportDialog::Scope::ChangedSinceLastExport), Qt::LeftButton);
    QVERIFY(dialog.request().onlyChangedSinceLastExport);
    dialog.formatBox()->setCurrentIndex(ids.indexOf(QStringLiteral("ninjs")));
    const QString ninjsDir = m_dir.filePath(QStringLiteral("out/ninjs"));
    dialog.folderEdit()->setText(ninjsDir);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QVERIFY2(exported.count() == 3, qPrintable(dialog.messageText()));
    QVERIFY(!QDir(ninjsDir).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty());
}

void TestExchangeDialogs::cancelledExportKeepsThePreviousOne()
{
    auto db = Database::open(newsroom(QStringLiteral("cancel-export.byline")));
    QVERIFY_OK(db);
    QVERIFY_OK(WxrImporter(**db).importFile(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml"))));
    const QString target = m_dir.filePath(QStringLiteral("out/kept"));
    ExportDialog dialog(**db);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(QStringLiteral("wxr")));
    dialog.folderEdit()->setText(target);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    const QByteArray first = testsupport::fileHash(target + QStringLiteral("/export.xml"));
    QVERIFY(!first.isEmpty());

    // Many more articles, then an export into the same folder, cancelled at once.
    QVERIFY_OK(WxrImporter(**db).importFile(writeLargeWxr(m_dir.filePath(QStringLiteral("more.xml")), 4000)));
    QSignalSpy exported(&dialog, &ExportDialog::exported);
    QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
    QVERIFY(dialog.task()->isRunning());
    QPushButton *cancel = cancelButtonOf(dialog.task()->progressDialog());
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(waitForTask(dialog.task()));
    QCOMPARE(exported.count(), 0);
    QVERIFY2(dialog.messageText().contains(QStringLiteral("cancelled")), qPrintable(dialog.messageText()));
    QCOMPARE(testsupport::fileHash(target + QStringLiteral("/export.xml")), first);
    // No staging folder is left behind.
    const QStringList leftovers = QDir(m_dir.filePath(QStringLiteral("out")))
                                      .entryList({QStringLiteral(".kept*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QStringLiteral(", "))));
}

void TestExchangeDialogs::menuImportRefreshesTheList()
{
    const QString path = newsroom(QStringLiteral("window.byline"));
    MainWindow window;
    window.setAsker([](const QString &) { return MainWindow::Answer::Discard; });
    QVERIFY(window.openNewsroom(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int before = window.articleModel()->rowCount();
    QAction *action = window.findChild<QAction *>(QStringLiteral("importWordPressAction"));
    QVERIFY(action);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("exportAction")));

    bool driven = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<WxrImportDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->fileEdit()->setText(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")));
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        driven = waitForTask(dialog->task()) && dialog->lastReport().has_value();
        dialog->reject();
    });
    action->trigger();
    QVERIFY(driven);
    QVERIFY2(window.articleModel()->rowCount() > before,
             qPrintable(QStringLiteral("%1 rows before, %2 after").arg(before).arg(window.articleModel()->rowCount())));
}

void TestExchangeDialogs::longWorkLeavesTheGlobalPoolToPainting()
{
    // Qt's raster engine fills large areas on QThreadPool::globalInstance() and waits for them:
    // an import or export running there would hold every paint of the window until it ended.
    QWidget window;
    window.resize(800, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSemaphore started;
    QSemaphore release;
    BackgroundTask task(&window, QStringLiteral("Long work"));
    // Let the work end however the test ends (the task waits for it when destroyed).
    const auto letGo = qScopeGuard([&release] { release.release(); });
    task.start(QStringLiteral("Holding a thread"), [&](const ProgressCallback &) {
        started.release();
        release.acquire();
        return Status();
    });
    QVERIFY(started.tryAcquire(1, 10000));
    // A thread whose work just ended (a paint on the global pool, the previous test's task on
    // ours) counts as active until it is back in its pool: wait for both counts to settle.
    QTRY_COMPARE_WITH_TIMEOUT(longWorkPool()->activeThreadCount(), 1, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 3000);
    release.release();
    QVERIFY(waitForTask(&task));
}

QTEST_MAIN(TestExchangeDialogs)
#include "tst_exchangedialogs.moc"
