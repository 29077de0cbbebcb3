// Scale benchmarks on a generated newsroom of BYLINE_BENCH_ARTICLES articles (cached by size
// in the build directory). Each figure has a baseline measured in the same run:
//   search.p50/p95      SearchRepository vs the sqlite3 CLI running the same FTS5 statements
//                       in one process (.timer on; per-statement "real" time, so process start
//                       is not charged to SQLite)
//   startup.list_painted  byline --exit-after-paint on this newsroom vs on an empty one
//   scroll.max_stall/peak_rss  ArticleListModel in a QTableView scrolled to the end, page by page
//                       (baseline: the first page's load / RSS before scrolling)
//   open_article        an article with 30 captioned images and their image rows vs a bare SELECT
#include "articlelistmodel.h"
#include "articlerepository.h"
#include "database.h"
#include "generator.h"
#include "imagerepository.h"
#include "searchrepository.h"
#include "shortcode/shortcodeparser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace byline;

namespace {

qint64 benchSize()
{
    const qint64 n = qEnvironmentVariableIntValue("BYLINE_BENCH_ARTICLES");
    return n > 0 ? n : 10000;
}

void bench(const char *name, double value, const char *unit, double baseline)
{
    std::printf("BENCH %s %.3f %s baseline=%.3f ratio=%.2f\n", name, value, unit, baseline,
                baseline > 0 ? value / baseline : 0.0);
    std::fflush(stdout);
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * (v.size() - 1) + 0.5)));
}

double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QString text = QString::fromLatin1(f.readAll());
    const auto m = QRegularExpression(QStringLiteral("VmHWM:\\s+(\\d+) kB")).match(text);
    return m.hasMatch() ? m.captured(1).toDouble() / 1024.0 : 0;
}

// 200 searches: words of every frequency, phrases and prefixes in the three languages.
QStringList searchLines()
{
    const QStringList base = {
        QStringLiteral("harvest"), QStringLiteral("wheat prices"), QStringLiteral("\"city council\""),
        QStringLiteral("railway bridge"), QStringLiteral("teach*"), QStringLiteral("uranium"),
        QStringLiteral("drought farmers"), QStringLiteral("museum festival"), QStringLiteral("the"),
        QStringLiteral("пшеница"), QStringLiteral("\"железная дорога\""), QStringLiteral("выборы бюджет"),
        QStringLiteral("ремонт*"), QStringLiteral("ёлка"), QStringLiteral("ЗАВОД"), QStringLiteral("бидай"),
        QStringLiteral("әлем"), QStringLiteral("ҚАЗАҚСТАН"), QStringLiteral("көмір шахта"), QStringLiteral("мұнай*"),
        QStringLiteral("copper mine"), QStringLiteral("storm snow"), QStringLiteral("almaty*"), QStringLiteral("kol*"),
        QStringLiteral("football coach"),
    };
    QStringList out;
    for (int i = 0; out.size() < 200; ++i)
        out << base.at(i % base.size());
    return out;
}

} // namespace

// See the comment at the top of the file.
class BenchScale : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void search();
    void startup();
    void scroll();
    void openArticle();

private:
    QString m_path;
    std::unique_ptr<Database> m_db;
};

void BenchScale::initTestCase()
{
    const qint64 n = benchSize();
    m_path = QStringLiteral(BYLINE_BENCH_CACHE "/scale-%1.byline").arg(n);
    if (!QFileInfo::exists(m_path) || !Database::check(m_path).ok) {
        QFile::remove(m_path);
        auto db = Database::open(m_path);
        QVERIFY2(db.ok(), qPrintable(db.error()));
        NewsroomGenerator::Options o;
        o.articles = n;
        o.images = int(std::clamp<qint64>(n / 20, 40, 20000));
        o.seed = 1;
        auto report = NewsroomGenerator::generate(**db, o);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QFile size(m_path);
        std::printf("generated %lld articles (%lld words) in %.1f s, %.0f articles/s, file %.0f MB\n",
                    report->articles, report->words, report->milliseconds / 1000.0, report->articlesPerSecond,
                    QFileInfo(m_path).size() / 1048576.0);
        bench("generate.rate", report->articlesPerSecond, "articles/s", 0);
    }
    auto db = Database::open(m_path);
    QVERIFY2(db.ok(), qPrintable(db.error()));
    m_db = std::move(db).value();
}

void BenchScale::search()
{
    const QStringList lines = searchLines();
    SearchRepository repo(*m_db);
    // Warm the page cache the same way for both sides.
    for (const QString &line : lines.mid(0, 25))
        QVERIFY(repo.articles(SearchQuery::parse(line), 0, 20).ok());

    QList<double> ours;
    QString script = QStringLiteral(".timer on\n");
    for (const QString &line : lines) {
        QElapsedTimer t;
        t.start();
        const auto hits = repo.articles(SearchQuery::parse(line), 0, 20);
        ours << t.nsecsElapsed() / 1e6;
        QVERIFY2(hits.ok(), qPrintable(hits.error()));
        // The same statement for the CLI, with the match expression quoted as an SQL literal.
        QString match = m_db->dialect().articleMatch(SearchQuery::parse(line));
        match.replace(QLatin1Char('\''), QLatin1String("''"));
        QString sql = m_db->dialect().articleSearchSql(QString());
        sql.replace(QLatin1String("MATCH ?"), QString(QLatin1String("MATCH '") + match + QLatin1Char('\'')));
        sql.replace(QLatin1String("LIMIT ? OFFSET ?"), QLatin1String("LIMIT 20 OFFSET 0"));
        script += sql + QLatin1String(";\n");
    }
    QProcess cli;
    cli.start(QStringLiteral("sqlite3"), {QStringLiteral("-readonly"), m_path});
    if (!cli.waitForStarted())
        QSKIP("sqlite3 is not installed");
    cli.write(script.toUtf8());
    cli.closeWriteChannel();
    QVERIFY(cli.waitForFinished(600000));
    QList<double> theirs;
    static const QRegularExpression timer(QStringLiteral("^Run Time: real ([0-9.]+)"));
    for (const QString &l : QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        const auto m = timer.match(l);
        if (m.hasMatch())
            theirs << m.captured(1).toDouble() * 1000.0;
    }
    QCOMPARE(theirs.size(), lines.size());
    bench("search.p50", percentile(ours, 0.5), "ms", percentile(theirs, 0.5));
    bench("search.p95", percentile(ours, 0.95), "ms", percentile(theirs, 0.95));
}

void BenchScale::startup()
{
    const QString empty = QStringLiteral(BYLINE_BENCH_CACHE "/scale-empty.byline");
    if (!QFileInfo::exists(empty))
        QVERIFY(Database::open(empty).ok());
    auto run = [](const QString &path) {
        QList<double> times;
        for (int i = 0; i < 3; ++i) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            p.setProcessEnvironment(env);
            QElapsedTimer t;
            t.start();
            p.start(QStringLiteral(BYLINE_EXECUTABLE), {QStringLiteral("--db"), path, QStringLiteral("--exit-after-paint")});
            if (!p.waitForFinished(120000) || p.exitCode() != 0) {
                qWarning() << "byline failed on" << path << p.readAllStandardError();
                return -1.0;
            }
            times << t.nsecsElapsed() / 1e6;
        }
        return percentile(times, 0.5);
    };
    const double base = run(empty);
    const double full = run(m_path);
    QVERIFY(base > 0 && full > 0);
    bench("startup.list_painted", full, "ms", base);
}

void BenchScale::scroll()
{
    const double rssBefore = peakRssMb();
    ArticleListModel model(*m_db);
    QTableView view;
    view.resize(1000, 700);
    QElapsedTimer first;
    first.start();
    view.setModel(&model);
    model.setQuery(ArticleQuery());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    const double firstPage = first.nsecsElapsed() / 1e6;
    double maxStall = 0;
    int steps = 0;
    while (model.canFetchMore({})) {
        QElapsedTimer t;
        t.start();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        maxStall = std::max(maxStall, t.nsecsElapsed() / 1e6);
        ++steps;
    }
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    QCoreApplication::processEvents();
    QVERIFY(qint64(model.rowCount()) >= benchSize()); // plus the open_article fixture once added
    std::printf("scrolled %d rows in %d steps\n", model.rowCount(), steps);
    bench("scroll.max_stall", maxStall, "ms", firstPage);
    bench("scroll.peak_rss", peakRssMb(), "MB", rssBefore);
}

void BenchScale::openArticle()
{
    // One article with 30 captioned images, added once to the cached newsroom.
    ArticleRepository articles(*m_db);
    ImageRepository images(*m_db);
    qint64 id = 0;
    {
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM articles WHERE slug = 'bench-thirty-images'")));
        if (q.next())
            id = q.value(0).toLongLong();
    }
    if (id == 0) {
        auto all = images.all();
        QVERIFY(all.ok() && all->size() >= 30);
        Article a;
        a.title = QStringLiteral("Thirty pictures");
        a.slug = QStringLiteral("bench-thirty-images");
        for (int i = 0; i < 30; ++i) {
            const Image &img = all->at(i);
            a.body += QStringLiteral("<p>Paragraph %1 of the picture story.</p>\n[caption id=\"attachment_%2\" "
                                     "align=\"alignnone\" width=\"800\"]<img class=\"wp-image-%2\" src=\"x.png\" /> "
                                     "%3 Photo: %4[/caption]\n")
                          .arg(i)
                          .arg(img.wpAttachmentId)
                          .arg(img.caption, img.creditLine);
        }
        QVERIFY(articles.insert(a).ok());
        id = a.id;
    }
    const ShortcodeParser parser;
    QList<double> ours, bare;
    for (int rep = 0; rep < 30; ++rep) {
        QElapsedTimer t;
        t.start();
        auto a = articles.get(id);
        QVERIFY(a.ok());
        const ShortcodeDocument doc = parser.parse(a->body);
        int found = 0;
        for (const Caption &c : doc.captions()) {
            auto img = images.findByAttachmentId(c.attachmentId);
            found += img.ok() ? 1 : 0;
        }
        QCOMPARE(found, 30);
        ours << t.nsecsElapsed() / 1e6;

        QElapsedTimer b;
        b.start();
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT * FROM articles WHERE id = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        bare << b.nsecsElapsed() / 1e6;
    }
    bench("open_article", percentile(ours, 0.5), "ms", percentile(bare, 0.5));
}

QTEST_MAIN(BenchScale)
#include "bench_scale.moc"
