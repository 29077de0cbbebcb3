#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// `byline import … wxr` and `byline export --format wxr` as scripts use them: exit codes,
// results on stdout, reasons and progress on stderr.
class TestWxrCli : public QObject
{
    Q_OBJECT
private slots:
    void importThenExport();
    void refusalsAndUsage();

private:
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run byline(const QStringList &args);
    QTemporaryDir m_dir;
};

TestWxrCli::Run TestWxrCli::byline(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(BYLINE_EXECUTABLE), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestWxrCli::importThenExport()
{
    const QString db = m_dir.filePath(QStringLiteral("cli.byline"));
    QCOMPARE(byline({QStringLiteral("demo"), QStringLiteral("--db"), db}).code, 0);
    const QString media = m_dir.filePath(QStringLiteral("media"));
    QVERIFY(QDir().mkpath(media));
    Run imp = byline({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("wxr"),
                      testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")), QStringLiteral("--media"), media});
    QVERIFY2(imp.code == 0, qPrintable(imp.err));
    QVERIFY2(imp.out.contains(QLatin1String("5 posts, 1 pages, 3 attachments (3 without file)")), qPrintable(imp.out));
    QVERIFY(imp.out.contains(QLatin1String("skipped 1 items of type nav_menu_item")));
    QVERIFY2(imp.err.contains(QLatin1String("importing 100%")), qPrintable(imp.err));

    const QString out = m_dir.filePath(QStringLiteral("web"));
    Run exp = byline({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("wxr"),
                      QStringLiteral("--status"), QStringLiteral("scheduled"), QStringLiteral("-o"), out});
    QVERIFY2(exp.code == 0, qPrintable(exp.err));
    QVERIFY2(exp.out.startsWith(QLatin1String("exported ")), qPrintable(exp.out));
    QFile xml(out + QStringLiteral("/export.xml"));
    QVERIFY(xml.open(QIODevice::ReadOnly));
    const QByteArray text = xml.readAll();
    QVERIFY(text.contains("<wp:status><![CDATA[future]]></wp:status>"));
    QVERIFY(!text.contains("<wp:status><![CDATA[publish]]></wp:status>"));

    Run again = byline({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("wxr"),
                        QStringLiteral("--since"), QStringLiteral("last"), QStringLiteral("-o"), out});
    QCOMPARE(again.code, 0);
}

void TestWxrCli::refusalsAndUsage()
{
    const QString db = m_dir.filePath(QStringLiteral("refuse.byline"));
    QCOMPARE(byline({QStringLiteral("demo"), QStringLiteral("--db"), db}).code, 0);
    const QString bad = testsupport::sharedFixture(QStringLiteral("wxr/missing-version-tag.xml"));
    if (QFile::exists(bad)) {
        Run r = byline({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("wxr"), bad});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("does not appear to be a WXR file")), qPrintable(r.err));
    }
    QCOMPARE(byline({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("csv"), QStringLiteral("x")}).code, 2);
    QCOMPARE(byline({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("pdf"),
                     QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x"))})
                 .code,
             2);
    QCOMPARE(byline({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("wxr"),
                     QStringLiteral("--since"), QStringLiteral("yesterday"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x"))})
                 .code,
             2);
    Run missing = byline({QStringLiteral("export"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("none.byline")),
                          QStringLiteral("--format"), QStringLiteral("wxr"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("y"))});
    QCOMPARE(missing.code, 1);
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.byline"))));
}

QTEST_GUILESS_MAIN(TestWxrCli)
#include "tst_wxrcli.moc"
