#include "articlerepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "editor/articleeditor.h"
#include "editor/bodyeditor.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// Kills a running Byline with SIGKILL in the middle of an edit and proves the next start
// offers the edit back.
class TestCrashRecovery : public QObject
{
    Q_OBJECT
private slots:
    void killedMidEditIsRecovered();
};

void TestCrashRecovery::killedMidEditIsRecovered()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_crashrecovery"));
    QSettings().setValue(QStringLiteral("backup/keep"), 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.byline"));
    QVERIFY_OK(DemoNewsroom::create(path));
    const QString typed = QStringLiteral("Words typed just before the crash. ");

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.start(QStringLiteral(RECOVERY_CHILD), {path, typed});
    QVERIFY(child.waitForStarted());
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (!out.contains("AUTOSAVED") && t.elapsed() < 60000) {
        child.waitForReadyRead(1000);
        out += child.readAllStandardOutput();
        QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
    }
    QVERIFY2(out.contains("AUTOSAVED"), out.constData());
    const qint64 articleId = out.mid(out.indexOf("AUTOSAVED") + 10).trimmed().toLongLong();
    QVERIFY(articleId > 0);
    child.kill(); // SIGKILL: no chance to save or clean up
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // The stored article does not have the edit; the recovery store does.
    {
        auto db = Database::open(path);
        QVERIFY_OK(db);
        QVERIFY(!ArticleRepository(**db).get(articleId).value().body.startsWith(typed));
    }
    MainWindow w;
    QStringList asked;
    w.setAsker([&](const QString &q) {
        asked << q;
        return MainWindow::Answer::Save;
    });
    QVERIFY(w.openNewsroom(path));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(w.editor()->articleId(), articleId);
    QVERIFY(w.editor()->bodyEditor()->toPlainText().startsWith(typed));
    QVERIFY(w.saveArticle());
    QVERIFY(ArticleRepository(*w.database()).get(articleId).value().body.startsWith(typed));
}

QTEST_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
