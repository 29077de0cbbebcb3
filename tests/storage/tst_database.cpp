#include "database.h"
#include "testsupport.h"
#include "sqldialect.h"
#include "transaction.h"

#include <QFile>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QSemaphore>
#include <QThread>

using namespace byline;

// Refusals (newer, foreign, damaged files are never written), connections per thread, and
// the transaction guard.
class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void refusesNewerSchema();
    void refusesNonSqliteFile();
    void refusesForeignSqliteDatabase();
    void refusesDamagedFile();
    void largeFileDefersIntegrityCheckAndThenRefusesWrites();
    void checkReportsHealthyNewsroom();
    void checkRefusesMissingAndEmpty();
    void oneConnectionPerThread();
    void workerClosesItsConnection();
    void endedThreadLeavesNoConnection();
    void nestedTransactionsRollBackInner();
    void uncommittedTransactionRollsBack();
    void bulkTransactionSettingsLastAsLongAsIt();

private:
    // Runs raw SQL on a file through a private connection, outside Byline's own classes.
    static void rawExec(const QString &path, const QStringList &statements);
    QTemporaryDir m_dir;
};

void TestDatabase::rawExec(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-") + path;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void TestDatabase::refusesNewerSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("newer.byline"));
    QVERIFY_OK(Database::open(path));
    rawExec(path, {QStringLiteral("PRAGMA user_version = 99")});
    const QByteArray before = testsupport::fileHash(path);

    const auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().contains(QLatin1String("newer Byline")), qPrintable(db.error()));
    QVERIFY2(db.error().contains(QLatin1String("99")), qPrintable(db.error()));
    QCOMPARE(testsupport::fileHash(path), before);

    const NewsroomCheck c = Database::check(path);
    QVERIFY(!c.ok);
    QCOMPARE(c.schemaVersion, 99);
    QCOMPARE(c.problem, db.error());
}

void TestDatabase::refusesNonSqliteFile()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.byline"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("These are an editor's notes, not a database.\n");
    f.close();
    const QByteArray before = testsupport::fileHash(path);
    const auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().contains(QLatin1String("not an SQLite database")), qPrintable(db.error()));
    QVERIFY(db.error().contains(path));
    QCOMPARE(testsupport::fileHash(path), before);
    QVERIFY(!Database::check(path).ok);
}

void TestDatabase::refusesForeignSqliteDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("other.sqlite"));
    rawExec(path, {QStringLiteral("CREATE TABLE recipes (name TEXT)")});
    const QByteArray before = testsupport::fileHash(path);
    const auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().contains(QLatin1String("not a Byline newsroom")), qPrintable(db.error()));
    QCOMPARE(testsupport::fileHash(path), before);
}

// A newsroom with rows in many pages, then scribbled over in the middle (header intact).
static void makeDamagedNewsroom(const QString &path)
{
    {
        auto db = Database::open(path);
        QVERIFY_OK(db);
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("BEGIN")));
        for (int i = 0; i < 3000; ++i) {
            q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
            q.addBindValue(QStringLiteral("key-%1").arg(i));
            q.addBindValue(QString(200, QChar(u'a' + i % 26)));
            QVERIFY(q.exec());
        }
        QVERIFY(q.exec(QStringLiteral("COMMIT")));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.size() > 40 * 4096);
    for (qint64 page = 10; page < 30; page += 3) {
        f.seek(page * 4096);
        f.write(QByteArray(600, '\x5a'));
    }
}

void TestDatabase::refusesDamagedFile()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.byline"));
    makeDamagedNewsroom(path);
    if (QTest::currentTestFailed())
        return;
    const QByteArray before = testsupport::fileHash(path);

    const auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().contains(QLatin1String("damaged")), qPrintable(db.error()));
    QCOMPARE(testsupport::fileHash(path), before);
    const NewsroomCheck c = Database::check(path);
    QVERIFY(!c.ok);
    QVERIFY(c.problem.contains(QLatin1String("damaged")));
}

void TestDatabase::largeFileDefersIntegrityCheckAndThenRefusesWrites()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged-large.byline"));
    makeDamagedNewsroom(path);
    if (QTest::currentTestFailed())
        return;
    const QByteArray before = testsupport::fileHash(path);

    // Treated as a large file: opens on the cheap checks alone, the full check pending.
    Database::Options options;
    options.inlineIntegrityLimit = 0;
    auto db = Database::open(path, options);
    QVERIFY_OK(db);
    QVERIFY((*db)->integrityCheckPending());
    QVERIFY((*db)->readOnlyReason().isEmpty());

    // The check runs on another thread, as the window runs it.
    Status verdict;
    QThread *worker = QThread::create([&] { verdict = (*db)->verifyIntegrity(); });
    worker->start();
    QVERIFY(worker->wait(30000));
    delete worker;
    QVERIFY(!verdict);
    QVERIFY2(verdict.error().contains(QLatin1String("damaged")), qPrintable(verdict.error()));
    QVERIFY(!(*db)->integrityCheckPending());
    QVERIFY((*db)->readOnlyReason().contains(QLatin1String("damaged")));

    // From now on nothing is written: a transaction refuses with the reason, and a write on
    // its connection without checking fails instead of autocommitting.
    {
        Transaction tx(**db);
        QVERIFY(!tx.isActive());
        QVERIFY2(tx.error().contains(QLatin1String("damaged")), qPrintable(tx.error()));
        QSqlQuery q(tx.connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('x', 'y')")));
        QVERIFY(!tx.commit());
    }
    db->reset();
    QCOMPARE(testsupport::fileHash(path), before);

    // A healthy large file passes and stays writable.
    const QString healthy = m_dir.filePath(QStringLiteral("healthy-large.byline"));
    QVERIFY_OK(Database::open(healthy));
    auto ok = Database::open(healthy, options);
    QVERIFY_OK(ok);
    QVERIFY((*ok)->integrityCheckPending());
    QVERIFY_OK((*ok)->verifyIntegrity());
    QVERIFY((*ok)->readOnlyReason().isEmpty());
    Transaction tx(**ok);
    QVERIFY(tx.isActive());
}

void TestDatabase::checkReportsHealthyNewsroom()
{
    const QString path = m_dir.filePath(QStringLiteral("healthy.byline"));
    QVERIFY_OK(Database::open(path));
    const NewsroomCheck c = Database::check(path);
    QVERIFY2(c.ok, qPrintable(c.problem));
    QCOMPARE(c.schemaVersion, Database::latestSchemaVersion());
}

void TestDatabase::checkRefusesMissingAndEmpty()
{
    QVERIFY(!Database::check(m_dir.filePath(QStringLiteral("absent.byline"))).ok);
    const QString empty = m_dir.filePath(QStringLiteral("empty.byline"));
    QFile f(empty);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const NewsroomCheck c = Database::check(empty);
    QVERIFY(!c.ok);
    QVERIFY(c.problem.contains(QLatin1String("empty")));
    QCOMPARE(QFileInfo(empty).size(), 0);
}

void TestDatabase::oneConnectionPerThread()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("threads.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    const QString mine = d.connection().connectionName();
    QCOMPARE(d.connection().connectionName(), mine);
    QString theirs;
    bool theirsWorks = false;
    QThread *t = QThread::create([&] {
        QSqlDatabase c = d.connection();
        theirs = c.connectionName();
        QSqlQuery q(c);
        theirsWorks = q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
    });
    t->start();
    QVERIFY(t->wait(10000));
    delete t;
    QVERIFY(theirsWorks);
    QVERIFY(!theirs.isEmpty());
    QVERIFY(theirs != mine);
    QVERIFY(!mine.isEmpty() && mine != QLatin1String(QSqlDatabase::defaultConnection));

    // Threads come and go (thread pools): each new one gets a working connection of its own,
    // even when the system gives it the id of a thread that has ended.
    for (int round = 0; round < 20; ++round) {
        bool works = false;
        QThread *next = QThread::create([&] {
            QSqlQuery q(d.connection());
            works = q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
        });
        next->start();
        QVERIFY(next->wait(10000));
        delete next;
        QVERIFY2(works, qPrintable(QStringLiteral("round %1").arg(round)));
    }
}

// A worker thread closes its connection before it ends; the next use opens a fresh one, and
// the other threads' connections are untouched.
void TestDatabase::workerClosesItsConnection()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("close.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    const QString mine = d.connection().connectionName();
    QString first, second;
    bool closed = false, reopened = false;
    QThread *t = QThread::create([&] {
        first = d.connection().connectionName();
        {
            QSqlQuery q(d.connection());
            reopened = q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
        }
        d.closeConnection();
        closed = !QSqlDatabase::contains(first);
        second = d.connection().connectionName();
        {
            QSqlQuery q(d.connection());
            reopened = reopened && q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
        }
        d.closeConnection();
    });
    t->start();
    QVERIFY(t->wait(10000));
    delete t;
    QVERIFY(closed);
    QVERIFY(reopened);
    QVERIFY(first != second);
    QVERIFY(!QSqlDatabase::contains(second));
    QCOMPARE(d.connection().connectionName(), mine);
    QSqlQuery q(d.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next());
}

void TestDatabase::nestedTransactionsRollBackInner()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("nested.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    {
        Transaction outer(d);
        QVERIFY(outer.isActive());
        QSqlQuery(d.connection()).exec(QStringLiteral("INSERT INTO settings VALUES ('kept', '1')"));
        {
            Transaction inner(d);
            QVERIFY(inner.isActive());
            QSqlQuery(d.connection()).exec(QStringLiteral("INSERT INTO settings VALUES ('dropped', '1')"));
        } // not committed: rolled back to its savepoint
        QVERIFY_OK(outer.commit());
    }
    QSqlQuery q(d.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(key) FROM settings")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("kept"));
    QCOMPARE(d.transactionDepth(), 0);
}

void TestDatabase::uncommittedTransactionRollsBack()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("rollback.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    {
        Transaction tx(d);
        QSqlQuery(d.connection()).exec(QStringLiteral("INSERT INTO settings VALUES ('gone', '1')"));
    }
    QSqlQuery q(d.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM settings")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestDatabase::bulkTransactionSettingsLastAsLongAsIt()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("bulk.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    auto pragma = [&](const char *name) {
        QSqlQuery q(d.connection());
        return q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) && q.next() ? q.value(0).toLongLong() : -1;
    };
    const qint64 everyday = -qint64(SqliteDialect::kCacheKiB);
    const qint64 bulk = -qint64(SqliteDialect::kBulkWriteCacheKiB);
    QCOMPARE(pragma("cache_size"), everyday);
    QCOMPARE(pragma("temp_store"), 0);
    {
        Transaction tx(d, Transaction::Size::Bulk);
        QVERIFY(tx.isActive());
        QCOMPARE(pragma("cache_size"), bulk);
        QCOMPARE(pragma("temp_store"), 2); // memory: statement journals never reach a file
        {
            // Nested units of work inside it change nothing of it.
            Transaction inner(d, Transaction::Size::Bulk);
            QVERIFY(inner.isActive());
            QSqlQuery(d.connection()).exec(QStringLiteral("INSERT INTO settings VALUES ('kept', '1')"));
            QVERIFY_OK(inner.commit());
        }
        QCOMPARE(pragma("cache_size"), bulk);
        QVERIFY_OK(tx.commit());
    }
    QCOMPARE(pragma("cache_size"), everyday);
    QCOMPARE(pragma("temp_store"), 0);
    {
        Transaction tx(d, Transaction::Size::Bulk);
        QSqlQuery(d.connection()).exec(QStringLiteral("INSERT INTO settings VALUES ('gone', '1')"));
        // Temporary storage in use inside the transaction: it still ends where it began.
        QSqlQuery(d.connection()).exec(QStringLiteral("CREATE TEMP TABLE scratch (x)"));
    }
    QCOMPARE(pragma("cache_size"), everyday);
    QCOMPARE(pragma("temp_store"), 0);
    QSqlQuery q(d.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(key) FROM settings")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("kept"));
    // An everyday transaction leaves the everyday settings alone.
    {
        Transaction tx(d);
        QCOMPARE(pragma("cache_size"), everyday);
        QCOMPARE(pragma("temp_store"), 0);
    }
}

void TestDatabase::endedThreadLeavesNoConnection()
{
    // A worker that reads and ends without closing its connection (a pool thread that ends
    // when idle does exactly that) takes the connection with it.
    auto db = Database::open(m_dir.filePath(QStringLiteral("ended.byline")));
    QVERIFY_OK(db);
    Database &d = **db;
    QCOMPARE(d.connectionCount(), 1);
    bool read = false;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        QSqlQuery q(d.connection());
        read = q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QVERIFY(read);
    QTRY_COMPARE(d.connectionCount(), 1);
    // A thread that ends after its newsroom was closed touches nothing of it.
    auto other = Database::open(m_dir.filePath(QStringLiteral("ended-late.byline")));
    QVERIFY_OK(other);
    std::unique_ptr<Database> late = std::move(other).value();
    QSemaphore opened, closed;
    std::unique_ptr<QThread> lingering(QThread::create([&] {
        { QSqlQuery q(late->connection()); q.exec(QStringLiteral("SELECT 1")); }
        opened.release();
        closed.acquire();
    }));
    lingering->start();
    opened.acquire();
    QCOMPARE(late->connectionCount(), 2);
    late.reset();
    closed.release();
    QVERIFY(lingering->wait(10000));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
