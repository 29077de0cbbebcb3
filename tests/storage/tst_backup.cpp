#include "articlerepository.h"
#include "backup.h"
#include "database.h"
#include "recoveryrepository.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QSemaphore>
#include <QThread>

using namespace byline;

// Consistent copies while editing goes on, their rotation, and the recovery store.
class TestBackup : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_db.reset(); }
    void copyIsCompleteAndConsistent();
    void copyLeavesOutUncommittedWork();
    void rotationKeepsNewest();
    void failedCopyKeepsPreviousOne();
    void recoveryRoundTrip();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestBackup::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("desk%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("Қысқы жаңалықтар");
    a.body = QStringLiteral("Body kept in the backup.");
    QVERIFY_OK(repo.insert(a));
}

void TestBackup::copyIsCompleteAndConsistent()
{
    const QString target = m_dir.filePath(QStringLiteral("copies/one.byline"));
    QVERIFY_OK(Backup::writeCopy(*m_db, target));
    QVERIFY(!QFile::exists(target + QStringLiteral(".partial")));
    const NewsroomCheck check = Database::check(target);
    QVERIFY2(check.ok, qPrintable(check.problem));
    auto copy = Database::open(target);
    QVERIFY_OK(copy);
    const auto rows = ArticleRepository(**copy).page(ArticleQuery(), 0, 10);
    QVERIFY_OK(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->at(0).title, QStringLiteral("Қысқы жаңалықтар"));
    QCOMPARE(ArticleRepository(**copy).revisions(rows->at(0).id).value().size(), 1);
}

void TestBackup::copyLeavesOutUncommittedWork()
{
    // Another thread holds an open write transaction while the copy is taken.
    QSemaphore started, finish;
    QThread *writer = QThread::create([&] {
        QSqlDatabase c = m_db->connection();
        QSqlQuery q(c);
        q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('half', 'done')"));
        started.release();
        finish.acquire();
        q.exec(QStringLiteral("ROLLBACK"));
    });
    writer->start();
    started.acquire();
    const QString target = m_dir.filePath(QStringLiteral("during.byline"));
    const Status s = Backup::writeCopy(*m_db, target);
    finish.release();
    writer->wait();
    delete writer;
    QVERIFY_OK(s);
    auto copy = Database::open(target);
    QVERIFY_OK(copy);
    QSqlQuery q((*copy)->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM settings WHERE key = 'half'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(ArticleRepository(**copy).page(ArticleQuery(), 0, 10).value().size(), 1);
}

void TestBackup::rotationKeepsNewest()
{
    const QString dir = m_dir.filePath(QStringLiteral("rotating"));
    QStringList made;
    for (int i = 0; i < 3; ++i) {
        auto r = Backup::rotate(*m_db, dir, 2);
        QVERIFY_OK(r);
        made << *r;
        QTest::qWait(1100); // copies are named by the second
    }
    const QStringList kept = Backup::copiesIn(dir, m_db->path());
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(0), made.at(2));
    QCOMPARE(kept.at(1), made.at(1));
    QVERIFY(!QFile::exists(made.at(0)));
}

void TestBackup::failedCopyKeepsPreviousOne()
{
    const QString target = m_dir.filePath(QStringLiteral("keep.byline"));
    QVERIFY_OK(Backup::writeCopy(*m_db, target));
    const QByteArray before = testsupport::fileHash(target);
    // A folder where the partial copy should go makes VACUUM INTO fail.
    QVERIFY(QDir().mkpath(target + QStringLiteral(".partial")));
    QFile blocker(target + QStringLiteral(".partial/x"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!Backup::writeCopy(*m_db, target).ok());
    QCOMPARE(testsupport::fileHash(target), before);
}

void TestBackup::recoveryRoundTrip()
{
    RecoveryRepository repo(*m_db);
    RecoveryEntry e;
    e.editorState = QStringLiteral("{\"title\":\"Ещё не сохранено\"}");
    e.savedBy = QStringLiteral("desk");
    QVERIFY_OK(repo.stash(e));
    QVERIFY(e.id > 0);
    e.editorState = QStringLiteral("{\"title\":\"second\"}");
    QVERIFY_OK(repo.stash(e));
    auto all = repo.all();
    QVERIFY_OK(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->at(0).editorState, e.editorState);
    QCOMPARE(all->at(0).articleId, 0);
    QVERIFY_OK(repo.discard(e.id));
    QCOMPARE(repo.all().value().size(), 0);
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
