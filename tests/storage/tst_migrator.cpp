#include "database.h"
#include "migrator.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The migration runner: file loading, statement splitting, applying from empty and step by
// step, and a failing step that must leave the newsroom exactly as it was.
class TestMigrator : public QObject
{
    Q_OBJECT
private slots:
    void splitStatements_data();
    void splitStatements();
    void loadRejectsGaps();
    void realSchemaFromEmpty();
    void stepByStep();
    void failingStepWritesNothing();
    void failingFirstStepLeavesNoFile();

private:
    // A folder holding the first n test migrations of `steps`.
    QString stepsUpTo(QTemporaryDir &dir, int n);
    static QStringList tables(Database &db);
};

void TestMigrator::splitStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("count");
    QTest::newRow("two") << QStringLiteral("CREATE TABLE a (x);\nCREATE TABLE b (y);") << 2;
    QTest::newRow("trailing text") << QStringLiteral("SELECT 1; SELECT 2") << 2;
    QTest::newRow("quoted semicolon") << QStringLiteral("INSERT INTO a VALUES ('x;y'); SELECT 1;") << 2;
    QTest::newRow("doubled quote") << QStringLiteral("INSERT INTO a VALUES ('it''s;'); SELECT 1;") << 2;
    QTest::newRow("line comment") << QStringLiteral("-- one; two\nSELECT 1;") << 1;
    QTest::newRow("block comment") << QStringLiteral("/* a; b */ SELECT 1; /* c */") << 1;
    QTest::newRow("trigger") << QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; "
                                               "SELECT CASE WHEN 1 THEN 2 END; END; SELECT 1;")
                             << 2;
    QTest::newRow("empty") << QStringLiteral(" ;; \n") << 0;
}

void TestMigrator::splitStatements()
{
    QFETCH(QString, sql);
    QFETCH(int, count);
    QCOMPARE(Migrator::splitStatements(sql).size(), count);
}

void TestMigrator::loadRejectsGaps()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(testsupport::testData(QStringLiteral("migrations/steps/0001_first.sql")),
                        dir.filePath(QStringLiteral("0001_first.sql"))));
    QVERIFY(QFile::copy(testsupport::testData(QStringLiteral("migrations/steps/0003_third.sql")),
                        dir.filePath(QStringLiteral("0003_third.sql"))));
    const auto r = Migrator::load(dir.path());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QLatin1String("0003_third.sql")), qPrintable(r.error()));
}

QStringList TestMigrator::tables(Database &db)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

void TestMigrator::realSchemaFromEmpty()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fresh.byline"));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    const QStringList t = tables(**db);
    for (const char *name : {"articles", "authors", "author_links", "article_authors", "tags", "article_tags",
                             "images", "image_blobs", "article_revisions", "settings"})
        QVERIFY2(t.contains(QString::fromLatin1(name)), name);
    QSqlQuery q((*db)->connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
    QCOMPARE(q.value(0).toInt(), SqliteDialect::kApplicationId);
    db = Result<std::unique_ptr<Database>>::failure({}); // close

    // Opening again migrates nothing and keeps the version.
    auto again = Database::open(path);
    QVERIFY_OK(again);
    QCOMPARE((*again)->schemaVersion(), Database::latestSchemaVersion());
}

QString TestMigrator::stepsUpTo(QTemporaryDir &dir, int n)
{
    const QString target = dir.filePath(QStringLiteral("m%1").arg(n));
    QDir().mkpath(target);
    const QDir source(testsupport::testData(QStringLiteral("migrations/steps")));
    const QStringList files = source.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (int i = 0; i < n; ++i)
        QFile::copy(source.filePath(files[i]), target + QLatin1Char('/') + files[i]);
    return target;
}

void TestMigrator::stepByStep()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("steps.byline"));
    for (int n = 1; n <= 3; ++n) {
        Database::Options o;
        o.migrationsPath = stepsUpTo(dir, n);
        auto db = Database::open(path, o);
        QVERIFY_OK(db);
        QCOMPARE((*db)->schemaVersion(), n);
        QSqlQuery q((*db)->connection());
        if (n >= 2) {
            QVERIFY(q.exec(QStringLiteral("SELECT text, title FROM notes")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("it's; fine"));
        }
        if (n == 3) {
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'notes_title'")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            // The trigger from step one, with semicolons in its body, works.
            QVERIFY(q.exec(QStringLiteral("UPDATE notes SET text = 'x'")));
            QVERIFY(q.exec(QStringLiteral("SELECT what FROM log")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("edited; twice?"));
        }
    }
}

void TestMigrator::failingStepWritesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fails.byline"));
    {
        Database::Options o;
        o.migrationsPath = stepsUpTo(dir, 1);
        auto db = Database::open(path, o);
        QVERIFY_OK(db);
    }
    const QByteArray before = testsupport::fileHash(path);
    Database::Options o;
    o.migrationsPath = testsupport::testData(QStringLiteral("migrations/failing"));
    auto db = Database::open(path, o);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().contains(QLatin1String("0002_broken.sql")), qPrintable(db.error()));
    QVERIFY2(db.error().contains(QLatin1String("no_such_table")), qPrintable(db.error()));
    QCOMPARE(testsupport::fileHash(path), before);

    Database::Options back;
    back.migrationsPath = stepsUpTo(dir, 1);
    auto reopened = Database::open(path, back);
    QVERIFY_OK(reopened);
    QCOMPARE((*reopened)->schemaVersion(), 1);
    QVERIFY(!tables(**reopened).contains(QStringLiteral("half_done")));
}

void TestMigrator::failingFirstStepLeavesNoFile()
{
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("bad")));
    QFile f(dir.filePath(QStringLiteral("bad/0001_bad.sql")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("CREATE TABLE ok (x);\nTHIS IS NOT SQL;\n");
    f.close();
    const QString path = dir.filePath(QStringLiteral("never.byline"));
    Database::Options o;
    o.migrationsPath = dir.filePath(QStringLiteral("bad"));
    auto db = Database::open(path, o);
    QVERIFY(!db.ok());
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
