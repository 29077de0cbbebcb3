// Exchange benchmarks on a generated newsroom of N = BYLINE_BENCH_ARTICLES articles (default
// 10000) with 2N images. As the issue sets them, those images are metadata (caption, credit,
// creator, alt text, attachment id) without pixels, the state a newsroom imported from a
// WordPress export without its media folder is in. Baselines are measured in the same run over
// the same data, by tools that do the least work one could call the same job:
//   export.wxr        ExporterRegistry "wxr" (XML, authors.json) vs
//                     `sqlite3 FILE .dump > /dev/null`: reading every row of the newsroom;
//                     the newsroom's first export, which also gives every article and image
//                     its WordPress id (a write of every row)
//   export.wxr.again  the same export once more (ids in place), replacing the first
//   export.html/.ninjs  the static site and the ninjs feed, against the same dump
//   import.wxr        WxrImporter on that export.xml into a fresh newsroom (the XML only, no
//                     media folder) vs `xmllint --stream FILE`: parsing the same bytes
//   import.wxr.fts_floor  the part of an import no importer can skip while the search index is
//                     kept in the import's transaction: the `sqlite3` shell indexing the
//                     imported articles' search text once more, into an FTS5 table made as the
//                     newsroom's own (same tokenizer, same prefix indexes), rolled back; vs
//                     the same `xmllint` run
//   export.wxr.media  the same export of a second newsroom whose images each carry a tiny PNG,
//                     so the media folder holds 2N files; against that newsroom's dump
//   *.rate            articles per second; the baseline is N divided by the baseline's
//                     seconds and the ratio is baseline / value, so for every line a ratio
//                     above 1 means "slower than the baseline" by that factor.
#include "database.h"
#include "exporter.h"
#include "generator.h"
#include "wxrimporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace byline;

namespace {

qint64 benchSize()
{
    const qint64 n = qEnvironmentVariableIntValue("BYLINE_BENCH_ARTICLES");
    return n > 0 ? n : 10000;
}

void bench(const char *name, double value, const char *unit, double baseline, double ratio)
{
    std::printf("BENCH %s %.3f %s baseline=%.3f ratio=%.2f\n", name, value, unit, baseline, ratio);
    std::fflush(stdout);
}

// Seconds one run of a command takes with its output thrown away; negative when it failed.
double timeCommand(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return -1;
    return t.nsecsElapsed() / 1e9;
}

Status generateNewsroom(Database &db, qint64 n, bool pixels)
{
    NewsroomGenerator::Options options;
    options.articles = n;
    options.images = int(2 * n);
    options.authors = 24;
    options.imagePixels = pixels;
    options.reference = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    auto generated = NewsroomGenerator::generate(db, options);
    return generated ? Status() : Status::failure(generated.error());
}

// Seconds the WXR export of db into folder takes; negative (and a warning) when it failed.
double timeWxrExport(Database &db, const QString &folder, qint64 n, ExportReport *out = nullptr)
{
    auto exporter = ExporterRegistry::create(QStringLiteral("wxr"));
    ExportRequest request;
    request.outputDir = folder;
    QElapsedTimer t;
    t.start();
    auto report = exporter->run(db, request);
    const double seconds = t.nsecsElapsed() / 1e9;
    if (!report || qint64(report->articles) != n) {
        qWarning("the WXR export failed: %s", qPrintable(report ? QStringLiteral("wrong article count") : report.error()));
        return -1;
    }
    if (out)
        *out = *report;
    return seconds;
}

} // namespace

class BenchExchange : public QObject
{
    Q_OBJECT
private slots:
    void exportAndImportWxr();
};

void BenchExchange::exportAndImportWxr()
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (sqlite3.isEmpty())
        QSKIP("sqlite3 (the SQLite command-line shell) is not installed; it is the export baseline");
    if (xmllint.isEmpty())
        QSKIP("xmllint (libxml2-utils) is not installed; it is the import baseline");

    const qint64 n = benchSize();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("bench.byline"));
    {
        auto db = Database::open(file);
        QVERIFY2(db.ok(), qPrintable(db.error()));
        Status generated = generateNewsroom(**db, n, false);
        QVERIFY2(generated.ok(), qPrintable(generated.error()));

        ExportReport report;
        const double exportSeconds = timeWxrExport(**db, dir.filePath(QStringLiteral("wxr")), n, &report);
        QVERIFY(exportSeconds > 0);
        QCOMPARE(report.images, int(2 * n));

        const double dumpSeconds = timeCommand(sqlite3, {file, QStringLiteral(".dump")});
        QVERIFY2(dumpSeconds > 0, "sqlite3 .dump failed");
        bench("export.wxr", exportSeconds, "s", dumpSeconds, exportSeconds / dumpSeconds);
        bench("export.wxr.rate", n / exportSeconds, "articles/s", n / dumpSeconds, exportSeconds / dumpSeconds);
        std::printf("# export.xml %.1f MB, %d images\n", QFileInfo(report.mainFile).size() / 1048576.0, report.images);
        // The first export gives every article and image its WordPress id, rewriting each row;
        // every later one only reads. The same export again, replacing the first:
        const double againSeconds = timeWxrExport(**db, dir.filePath(QStringLiteral("wxr")), n);
        QVERIFY(againSeconds > 0);
        bench("export.wxr.again", againSeconds, "s", dumpSeconds, againSeconds / dumpSeconds);

        // The other formats against the same baseline: all read the whole newsroom once.
        for (const char *format : {"html", "ninjs"}) {
            auto other = ExporterRegistry::create(QString::fromLatin1(format));
            QVERIFY(other);
            ExportRequest r;
            r.outputDir = dir.filePath(QString::fromLatin1(format));
            QElapsedTimer ot;
            ot.start();
            auto done = other->run(**db, r);
            const double seconds = ot.nsecsElapsed() / 1e9;
            QVERIFY2(done.ok(), qPrintable(done.error()));
            QCOMPARE(qint64(done->articles), n);
            const QByteArray name = QByteArray("export.") + format;
            bench(name.constData(), seconds, "s", dumpSeconds, seconds / dumpSeconds);
        }
    }

    const QString xml = dir.filePath(QStringLiteral("wxr/export.xml"));
    auto fresh = Database::open(dir.filePath(QStringLiteral("fresh.byline")));
    QVERIFY2(fresh.ok(), qPrintable(fresh.error()));
    QElapsedTimer t;
    t.start();
    auto imported = WxrImporter(**fresh).importFile(xml);
    const double importSeconds = t.nsecsElapsed() / 1e9;
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    QCOMPARE(qint64(imported->posts + imported->pages), n);

    const double lintSeconds = timeCommand(xmllint, {QStringLiteral("--stream"), xml});
    QVERIFY2(lintSeconds > 0, "xmllint --stream failed");
    bench("import.wxr", importSeconds, "s", lintSeconds, importSeconds / lintSeconds);
    bench("import.wxr.rate", n / importSeconds, "articles/s", n / lintSeconds, importSeconds / lintSeconds);
    {
        // The index as the newsroom defines it, under another name, filled from the text the
        // import indexed, in a transaction that is rolled back.
        QSqlQuery q((*fresh)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")) && q.next());
        QString create = q.value(0).toString();
        q.finish();
        QVERIFY(create.contains(QLatin1String("articles_fts")));
        create.replace(QLatin1String("articles_fts"), QLatin1String("fts_floor"));
        const QString script = QStringLiteral("BEGIN; %1; INSERT INTO fts_floor (rowid, title, excerpt, body_text, credits) "
                                              "SELECT rowid, title, excerpt, body_text, credits FROM articles_fts; "
                                              "ROLLBACK;")
                                   .arg(create);
        const double floorSeconds = timeCommand(sqlite3, {dir.filePath(QStringLiteral("fresh.byline")), script});
        QVERIFY2(floorSeconds > 0, "sqlite3 could not index the imported text");
        bench("import.wxr.fts_floor", floorSeconds, "s", lintSeconds, floorSeconds / lintSeconds);
    }

    // The same export when every image has pixels to copy into the media folder.
    const QString mediaFile = dir.filePath(QStringLiteral("pixels.byline"));
    auto pixels = Database::open(mediaFile);
    QVERIFY2(pixels.ok(), qPrintable(pixels.error()));
    Status generated = generateNewsroom(**pixels, n, true);
    QVERIFY2(generated.ok(), qPrintable(generated.error()));
    const double mediaSeconds = timeWxrExport(**pixels, dir.filePath(QStringLiteral("wxr-media")), n);
    QVERIFY(mediaSeconds > 0);
    const QDir media(dir.filePath(QStringLiteral("wxr-media/media")));
    QCOMPARE(media.entryList(QDir::Files).size(), int(2 * n));
    const double mediaDump = timeCommand(sqlite3, {mediaFile, QStringLiteral(".dump")});
    QVERIFY2(mediaDump > 0, "sqlite3 .dump failed");
    bench("export.wxr.media", mediaSeconds, "s", mediaDump, mediaSeconds / mediaDump);
}

QTEST_GUILESS_MAIN(BenchExchange)
#include "bench_exchange.moc"
