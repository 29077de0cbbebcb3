#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The `byline` executable's headless commands, run as a script would run them.
class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void versionAndHelpNeedNoDisplay();
    void demoThenCheck();
    void checkRefusesWithReason();
    void unknownCommandIsUsageError();
    void compactMergesTheSearchIndex();
    void generateImagesWithoutPixels();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &args);
    QTemporaryDir m_dir;
};

TestCli::Run TestCli::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // headless commands must not need one
    env.insert(QStringLiteral("HOME"), m_dir.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BYLINE_EXECUTABLE), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void TestCli::versionAndHelpNeedNoDisplay()
{
    const Run v = run({QStringLiteral("--version")});
    QCOMPARE(v.code, 0);
    QVERIFY(v.out.contains(QLatin1String(BYLINE_VERSION)));
    const Run h = run({QStringLiteral("--help")});
    QCOMPARE(h.code, 0);
    QVERIFY(h.out.contains(QLatin1String("byline check --db FILE")));
}

void TestCli::demoThenCheck()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.byline"));
    const Run demo = run({QStringLiteral("demo"), QStringLiteral("--db"), path});
    QVERIFY2(demo.code == 0, qPrintable(demo.err));
    QVERIFY(demo.out.contains(QLatin1String("articles")));
    const Run check = run({QStringLiteral("check"), QStringLiteral("--db"), path});
    QVERIFY2(check.code == 0, qPrintable(check.err));
    QVERIFY(check.out.contains(QStringLiteral("schema version %1").arg(EXPECTED_SCHEMA_VERSION)));
    // A second demo into the same file is refused and changes nothing.
    const QByteArray before = testsupport::fileHash(path);
    const Run again = run({QStringLiteral("demo"), QStringLiteral("--db"), path});
    QCOMPARE(again.code, 1);
    QVERIFY(again.err.contains(QLatin1String("already exists")));
    QCOMPARE(testsupport::fileHash(path), before);
}

void TestCli::checkRefusesWithReason()
{
    const QString path = m_dir.filePath(QStringLiteral("text.byline"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a newsroom at all");
    f.close();
    const Run r = run({QStringLiteral("check"), QStringLiteral("--db"), path});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("not an SQLite database")), qPrintable(r.err));
    QVERIFY(r.err.contains(path));
    const Run missing = run({QStringLiteral("check"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("nope.byline"))});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains(QLatin1String("does not exist")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nope.byline"))));
    const Run noDb = run({QStringLiteral("check")});
    QCOMPARE(noDb.code, 2);
}

void TestCli::unknownCommandIsUsageError()
{
    const Run r = run({QStringLiteral("frobnicate")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QLatin1String("unknown command")));
}

void TestCli::compactMergesTheSearchIndex()
{
    const QString path = m_dir.filePath(QStringLiteral("compact.byline"));
    const Run g = run({QStringLiteral("generate"), QStringLiteral("--db"), path, QStringLiteral("--articles"),
                       QStringLiteral("40"), QStringLiteral("--images"), QStringLiteral("4")});
    QCOMPARE(g.code, 0);
    const Run c = run({QStringLiteral("compact"), QStringLiteral("--db"), path});
    QVERIFY2(c.code == 0, qPrintable(c.err));
    QVERIFY2(c.out.contains(QLatin1String("search indexes compacted")), qPrintable(c.out));
    QCOMPARE(run({QStringLiteral("check"), QStringLiteral("--db"), path}).code, 0);
    // A missing file is not made; no file named is a usage error.
    const QString nope = m_dir.filePath(QStringLiteral("nope.byline"));
    QCOMPARE(run({QStringLiteral("compact"), QStringLiteral("--db"), nope}).code, 2);
    QVERIFY(!QFile::exists(nope));
    QCOMPARE(run({QStringLiteral("compact")}).code, 2);
}

void TestCli::generateImagesWithoutPixels()
{
    const QString path = m_dir.filePath(QStringLiteral("metadata.byline"));
    const Run g = run({QStringLiteral("generate"), QStringLiteral("--db"), path, QStringLiteral("--articles"),
                       QStringLiteral("6"), QStringLiteral("--images"), QStringLiteral("3"), QStringLiteral("--metadata-only")});
    QVERIFY2(g.code == 0, qPrintable(g.err));
    const QString out = m_dir.filePath(QStringLiteral("metadata-wxr"));
    const Run e = run({QStringLiteral("export"), QStringLiteral("--db"), path, QStringLiteral("--format"), QStringLiteral("wxr"),
                       QStringLiteral("-o"), out});
    QVERIFY2(e.code == 0, qPrintable(e.err));
    // Three attachments go out with their captions, and not one file: there are no pixels.
    QFile xml(out + QStringLiteral("/export.xml"));
    QVERIFY(xml.open(QIODevice::ReadOnly));
    QCOMPARE(xml.readAll().count("<wp:post_type><![CDATA[attachment]]></wp:post_type>"), 3);
    QVERIFY(QDir(out + QStringLiteral("/media")).isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
