// Scale benchmarks on a generated newsroom of BYLINE_BENCH_ARTICLES articles (cached by size
// in the build directory, its search index compacted once as `byline compact` does). Each
// figure has a baseline measured in the same run:
//   search.p50/p95      SearchRepository vs the sqlite3 CLI running the same FTS5 statements
//                       (for each query, those that find its ranking window and then the
//                       search) in one process (.timer on, Byline's ranking function loaded
//                       into it as an extension), both as CPU time (ours: the thread's; the
//                       shell's: user + sys per statement), so builds running beside the
//                       benchmark do not count; the wall-clock figures are printed as a comment
//   startup.list_painted  byline --exit-after-paint on this newsroom vs on an empty one
//   scroll.max_stall/peak_rss  ArticleListModel in a QTableView scrolled to the end, page by page
//                       (baseline: the first page's load / RSS before scrolling)
//   open_article        the window opening an article with 30 captioned images until editor
//                       and preview show it, vs the same window opening a short one without
//                       images (open_article.read: reading it and its image rows vs a bare SELECT)
#include "articlelistmodel.h"
#include "articlerepository.h"
#include "database.h"
#include "generator.h"
#include "imagerepository.h"
#include "mainwindow.h"
#include "editor/articleeditor.h"
#include "preview/previewpane.h"
#include "searchrepository.h"
#include "shortcode/shortcodeparser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <sys/resource.h>

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

// Starts the peak RSS over from what the process holds now (Linux: "5" to clear_refs), so
// that a peak reached before (the search index compacted with a bulk page cache, a search
// run) is not counted to what follows; false where the kernel does not offer it.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

// What the calling thread has spent so far: CPU time, page faults, and the times it was
// taken off the CPU (waiting, or preempted). Compared around one scrolling step, it tells
// work the step did from time it spent waiting for the disk or for a core.
struct ThreadUsage
{
    double cpuMs = 0;
    long minorFaults = 0;
    long majorFaults = 0;
    long voluntarySwitches = 0;
    long involuntarySwitches = 0;

    static ThreadUsage now()
    {
        ThreadUsage u;
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        u.cpuMs = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
        rusage r{};
        if (getrusage(RUSAGE_THREAD, &r) == 0) {
            u.minorFaults = r.ru_minflt;
            u.majorFaults = r.ru_majflt;
            u.voluntarySwitches = r.ru_nvcsw;
            u.involuntarySwitches = r.ru_nivcsw;
        }
        return u;
    }
};

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

// The statement with each placeholder replaced by its value as an SQL literal.
QString withLiterals(const QString &sql, const QVariantList &values)
{
    QString out;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (c != QLatin1Char('?') || next >= values.size()) {
            out += c;
            continue;
        }
        const QVariant &v = values.at(next++);
        if (v.typeId() == QMetaType::QString) {
            QString text = v.toString();
            text.replace(QLatin1Char('\''), QLatin1String("''"));
            out += QLatin1Char('\'') + text + QLatin1Char('\'');
        } else {
            out += v.toString();
        }
    }
    return out;
}

// CPU time of the calling thread: the work a query costs, whatever else runs on the machine.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
    QStandardPaths::setTestModeEnabled(true); // the window's settings stay out of the user's
    const qint64 n = benchSize();
    m_path = QStringLiteral(BYLINE_BENCH_CACHE "/scale-%1.byline").arg(n);
    // A cached newsroom is used when it opens and holds every article (the generator numbers
    // them from 1; an interrupted run holds fewer). Not a full integrity check: at a million
    // articles that reads some 25 GB before anything is measured.
    bool complete = false;
    if (QFileInfo::exists(m_path)) {
        auto cached = Database::open(m_path);
        if (cached) {
            QSqlQuery q((*cached)->connection());
            complete = q.exec(QStringLiteral("SELECT max(id) FROM articles")) && q.next() && q.value(0).toLongLong() >= n;
        }
    }
    if (!complete) {
        QFile::remove(m_path);
        QFile::remove(m_path + QStringLiteral("-wal"));
        QFile::remove(m_path + QStringLiteral("-shm"));
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
    }
    auto db = Database::open(m_path);
    QVERIFY2(db.ok(), qPrintable(db.error()));
    // The archive is measured as a maintained one: its search index merged into one part
    // (byline compact), once.
    {
        QSqlQuery parts((*db)->connection());
        QVERIFY(parts.exec(QStringLiteral("SELECT count(DISTINCT segid) FROM articles_fts_idx")) && parts.next());
        const int before = parts.value(0).toInt();
        parts.finish();
        if (before > 1) {
            QElapsedTimer t;
            t.start();
            const Status compacted = SearchRepository(**db).compactIndex();
            QVERIFY2(compacted.ok(), qPrintable(compacted.error()));
            std::printf("# compacted the search index (%d parts) in %.1f s\n", before, t.elapsed() / 1000.0);
        }
    }
    m_db = std::move(db).value();
}

void BenchScale::search()
{
    const QStringList lines = searchLines();
    SearchRepository repo(*m_db);
    // The shell loads Byline's ranking function (the same source, built as an extension).
    QString script = QStringLiteral(".load '" BYLINE_RANK_MODULE "' sqlite3_bylinerank_init\n.timer on\n");
    // The same statements for the CLI (those that find the ranking window and a prefix's
    // words, then the search), their bound values written in as SQL literals.
    const auto addToScript = [&](const QString &line) {
        const auto statement = repo.articleStatement(SearchQuery::parse(line), 0, 20);
        if (!statement)
            return false;
        for (const auto &probe : statement->probes)
            script += withLiterals(probe.sql, probe.values) + QLatin1String(";\n");
        script += withLiterals(statement->sql, statement->values) + QLatin1String(";\n");
        return true;
    };
    // Warm up the same way on both sides, untimed: the page cache, and what each connection
    // keeps (the ranking's document counts) from the same first 25 searches.
    for (const QString &line : lines.mid(0, 25)) {
        QVERIFY(repo.articles(SearchQuery::parse(line), 0, 20).ok());
        QVERIFY(addToScript(line));
    }

    QList<double> ours, oursWall;
    for (const QString &line : lines) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        const auto hits = repo.articles(SearchQuery::parse(line), 0, 20);
        ours << threadCpuMs() - cpu0;
        oursWall << t.nsecsElapsed() / 1e6;
        QVERIFY2(hits.ok(), qPrintable(hits.error()));
        // A marker line before each query's group, whose run times are added up.
        script += QLatin1String(".print ----\n");
        QVERIFY(addToScript(line));
    }
    // BYLINE_BENCH_SCRIPT=FILE keeps the shell's script, to time single statements by hand.
    if (const QString keep = qEnvironmentVariable("BYLINE_BENCH_SCRIPT"); !keep.isEmpty()) {
        QFile f(keep);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(script.toUtf8());
    }
    QProcess cli;
    cli.start(QStringLiteral("sqlite3"), {QStringLiteral("-readonly"), m_path});
    if (!cli.waitForStarted())
        QSKIP("sqlite3 is not installed");
    cli.write(script.toUtf8());
    cli.closeWriteChannel();
    QVERIFY(cli.waitForFinished(600000));
    QList<double> theirs, theirsWall;
    static const QRegularExpression timer(QStringLiteral("^Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)"));
    for (const QString &l : QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        if (l == QLatin1String("----")) {
            theirsWall << 0.0;
            theirs << 0.0;
            continue;
        }
        const auto m = timer.match(l);
        if (m.hasMatch() && !theirs.isEmpty()) {
            theirsWall.last() += m.captured(1).toDouble() * 1000.0;
            theirs.last() += (m.captured(2).toDouble() + m.captured(3).toDouble()) * 1000.0;
        }
    }
    QCOMPARE(theirs.size(), lines.size());
    if (qEnvironmentVariableIsSet("BYLINE_BENCH_EACH"))
        for (int i = 0; i < lines.size(); ++i)
            std::printf("# each %-24s %.2f %.2f\n", qPrintable(lines.at(i)), ours.at(i), theirs.at(i));
    // The slowest kinds of query, to see where the time goes.
    QMap<QString, double> worst;
    for (int i = 0; i < lines.size(); ++i)
        worst[lines.at(i)] = std::max(worst.value(lines.at(i)), ours.at(i));
    QList<QPair<double, QString>> byTime;
    for (auto it = worst.cbegin(); it != worst.cend(); ++it)
        byTime << qMakePair(it.value(), it.key());
    std::sort(byTime.begin(), byTime.end(), std::greater<>());
    for (const auto &w : byTime.mid(0, 5))
        std::printf("# search %-24s max %.1f ms\n", qPrintable(w.second), w.first);
    std::printf("# search wall clock p50 %.1f / p95 %.1f ms, sqlite3 shell %.1f / %.1f ms (load counts here)\n",
                percentile(oursWall, 0.5), percentile(oursWall, 0.95), percentile(theirsWall, 0.5),
                percentile(theirsWall, 0.95));
    bench("search.p50", percentile(ours, 0.5), "ms", percentile(theirs, 0.5));
    bench("search.p95", percentile(ours, 0.95), "ms", percentile(theirs, 0.95));
}

void BenchScale::startup()
{
    const QString empty = QStringLiteral(BYLINE_BENCH_CACHE "/scale-empty.byline");
    if (!QFileInfo::exists(empty))
        QVERIFY(Database::open(empty).ok());
    // One start of each in turn, fifteen times: a burst of load on the machine falls on both.
    // (Starts vary by ±20% here; with seven of each the median ratio swung 1.1-1.25 on the
    // same build, while `perf stat -r 15` gave 1.09 with ±1%.)
    auto once = [](const QString &path) {
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
        return t.nsecsElapsed() / 1e6;
    };
    QList<double> emptyTimes, fullTimes;
    for (int i = 0; i < 15; ++i) {
        emptyTimes << once(empty);
        fullTimes << once(m_path);
        QVERIFY(emptyTimes.constLast() > 0 && fullTimes.constLast() > 0);
    }
    const double base = percentile(emptyTimes, 0.5);
    const double full = percentile(fullTimes, 0.5);
    bench("startup.list_painted", full, "ms", base);
}

void BenchScale::scroll()
{
    // The list set up as the desk's window sets it up (no row numbers, rows of one height, no
    // wrapping), without the window: opening the window also starts its background integrity
    // check, which reads the whole file and would be timed instead of the scrolling.
    if (!resetPeakRss())
        std::printf("# the peak RSS cannot be reset here: scroll.peak_rss includes what ran before\n");
    const double rssBefore = peakRssMb();
    ArticleListModel model(*m_db);
    model.setReadAhead(true);
    QTableView view;
    view.verticalHeader()->hide();
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.setWordWrap(false);
    view.setAlternatingRowColors(true);
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
    QList<double> stalls;
    QStringList slowSteps;
    // The view is kept at the end of the list. A step is one turn of the event loop; with the
    // next page read ahead, most turns show a page, the others wait for one to be read and
    // then take next to nothing. The stall percentiles are over the turns that showed rows.
    int turns = 0;
    while (model.canFetchMore({}) || model.pageOnTheWay()) {
        const int rowsBefore = model.rowCount();
        const ThreadUsage before = ThreadUsage::now();
        QElapsedTimer t;
        t.start();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        const double stall = t.nsecsElapsed() / 1e6;
        const ThreadUsage after = ThreadUsage::now();
        maxStall = std::max(maxStall, stall);
        ++turns;
        if (model.rowCount() == rowsBefore && stall < 1.0)
            continue;
        stalls << stall;
        if (stall > 16.0 && slowSteps.size() < 12)
            slowSteps << QStringLiteral("%1 (row %2: %3 ms on the CPU, %4 minor / %5 major faults, %6 waits, %7 preemptions)")
                             .arg(steps)
                             .arg(rowsBefore)
                             .arg(after.cpuMs - before.cpuMs, 0, 'f', 1)
                             .arg(after.minorFaults - before.minorFaults)
                             .arg(after.majorFaults - before.majorFaults)
                             .arg(after.voluntarySwitches - before.voluntarySwitches)
                             .arg(after.involuntarySwitches - before.involuntarySwitches);
        ++steps;
    }
    // Where the long stalls fall tells a cold disk read from work that grows with the list.
    std::printf("# scroll stalls p50 %.1f / p95 %.1f / p99 %.1f ms; %lld of %d steps over 16 ms (first at steps",
                percentile(stalls, 0.5), percentile(stalls, 0.95), percentile(stalls, 0.99),
                qint64(std::count_if(stalls.cbegin(), stalls.cend(), [](double v) { return v > 16.0; })), steps);
    std::printf("%s)\n", qPrintable(slowSteps.isEmpty() ? QString() : QLatin1Char(' ') + slowSteps.join(QStringLiteral("; "))));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    QCoreApplication::processEvents();
    QVERIFY(qint64(model.rowCount()) >= benchSize()); // plus the open_article fixture once added
    std::printf("scrolled %d rows in %d steps (%d turns of the event loop)\n", model.rowCount(), steps, turns);
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
        // As the editor's caption panel reads them: the captions' images in one query.
        QList<qint64> attachmentIds;
        for (const Caption &c : doc.captions())
            attachmentIds << c.attachmentId;
        const auto found = images.referenced({}, attachmentIds);
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 30);
        ours << t.nsecsElapsed() / 1e6;

        QElapsedTimer b;
        b.start();
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT * FROM articles WHERE id = ?"));
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        bare << b.nsecsElapsed() / 1e6;
    }
    bench("open_article.read", percentile(ours, 0.5), "ms", percentile(bare, 0.5));

    // The whole way: the desk's window opens the article into the editor and its preview shows
    // it. Between two timed opens another article is opened, so each one is a real switch. The
    // baseline is the same window opening that other article, a short one without images.
    qint64 other = 0;
    {
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM articles WHERE body NOT LIKE '%[caption%' "
                                      "ORDER BY length(body) LIMIT 1")));
        if (q.next())
            other = q.value(0).toLongLong();
    }
    QVERIFY(other > 0);
    MainWindow window;
    window.resize(1500, 950);
    QVERIFY2(window.openNewsroom(m_path), qPrintable(window.problemText()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QList<double> shown, plain;
    auto open = [&](qint64 articleId) {
        QSignalSpy rendered(window.preview(), &PreviewPane::rendered);
        QElapsedTimer t;
        t.start();
        window.openArticle(articleId);
        if (rendered.isEmpty() && !rendered.wait(5000))
            return -1.0;
        QCoreApplication::processEvents(); // the frame that shows it
        return t.nsecsElapsed() / 1e6;
    };
    for (int rep = 0; rep < 15; ++rep) {
        const double p = open(other);
        const double full = open(id);
        QVERIFY(p > 0 && full > 0);
        plain << p;
        shown << full;
        QCOMPARE(window.editor()->articleId(), id);
    }
    bench("open_article", percentile(shown, 0.5), "ms", percentile(plain, 0.5));
}

QTEST_MAIN(BenchScale)
#include "bench_scale.moc"
