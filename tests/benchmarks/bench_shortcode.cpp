// Parses and re-serialises a corpus of generated article bodies and compares the speed with a
// bare indexOf('[') scan over the same text, the floor any shortcode reader has to pay.
#include "shortcode/shortcodeparser.h"

#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <cstdio>
#include <ctime>

using namespace byline;

namespace {

const char *const kWords[] = {
    "the", "ministry", "said", "on", "Tuesday", "that", "grain", "exports", "through", "Aktau",
    "rose", "by", "a", "third", "while", "rail", "tariffs", "stayed", "flat", "for", "herders",
    "in", "the", "north", "spring", "came", "late", "and", "water", "levels", "of", "the",
    "Irtysh", "river", "were", "below", "average", "according", "to", "officials", "budget",
    "regional", "akimat", "council", "deputies", "approved", "new", "school", "buildings"};

QString sentence(QRandomGenerator &rng)
{
    QString s;
    const int n = 8 + int(rng.bounded(14));
    for (int i = 0; i < n; ++i) {
        QString w = QString::fromLatin1(kWords[rng.bounded(int(std::size(kWords)))]);
        if (i == 0)
            w[0] = w.at(0).toUpper();
        if (i)
            s += QLatin1Char(' ');
        if (rng.bounded(30) == 0)
            s += QLatin1String("<a href=\"https://example.org/news/") + w + QLatin1String("\">") + w
                + QLatin1String("</a>");
        else if (rng.bounded(40) == 0)
            s += QLatin1String("<strong>") + w + QLatin1String("</strong>");
        else
            s += w;
    }
    return s + QLatin1String(". ");
}

QString article(QRandomGenerator &rng, int n)
{
    static const char *const kCredits[] = {" Image: TCA", " Photo: Reuters", " \xc2\xa9 AFP",
                                           " @worldbank.org", " Photos: AP, AFP"};
    QString body;
    const int paragraphs = 9 + int(rng.bounded(6));
    for (int p = 0; p < paragraphs; ++p) {
        body += QLatin1String("<p>");
        const int sentences = 2 + int(rng.bounded(4));
        for (int s = 0; s < sentences; ++s)
            body += sentence(rng);
        body += QLatin1String("</p>\n\n");
        if (p == 1 || p == 6) {
            const int id = 30000 + n * 3 + p;
            const int width = 640 + 20 * int(rng.bounded(16));
            body += QLatin1String("[caption id=\"attachment_") + QString::number(id)
                + QLatin1String("\" align=\"aligncenter\" width=\"") + QString::number(width)
                + QLatin1String("\"]<img class=\"size-full wp-image-") + QString::number(id)
                + QLatin1String("\" src=\"https://example.org/wp-content/uploads/2024/05/photo-")
                + QString::number(id) + QLatin1String(".jpg\" alt=\"") + sentence(rng).left(40)
                + QLatin1String("\" width=\"") + QString::number(width)
                + QLatin1String("\" height=\"480\" /> ") + sentence(rng).trimmed()
                + QString::fromUtf8(kCredits[rng.bounded(int(std::size(kCredits)))])
                + QLatin1String("[/caption]\n\n");
        }
        if (p == 4 && rng.bounded(4) == 0)
            body += QLatin1String("[gallery ids=\"101,102,103\" columns=\"3\"]\n\n");
    }
    return body;
}

} // namespace

int main()
{
    bool ok = false;
    int articles = qEnvironmentVariableIntValue("BYLINE_BENCH_ARTICLES", &ok);
    if (!ok || articles <= 0)
        articles = 10000;

    QRandomGenerator rng(20240501);
    QList<QString> bodies;
    bodies.reserve(articles);
    qint64 utf8Bytes = 0;
    for (int i = 0; i < articles; ++i) {
        bodies.append(article(rng, i));
        utf8Bytes += bodies.last().toUtf8().size();
    }
    const double mb = double(utf8Bytes) / 1e6;

    auto scan = [&] {
        qint64 brackets = 0;
        for (const QString &b : std::as_const(bodies)) {
            for (qsizetype p = b.indexOf(QLatin1Char('[')); p >= 0;
                 p = b.indexOf(QLatin1Char('['), p + 1))
                ++brackets;
        }
        return brackets;
    };
    const ShortcodeParser parser;
    auto ours = [&] {
        qint64 captions = 0;
        for (const QString &b : std::as_const(bodies)) {
            const ShortcodeDocument doc = parser.parse(b);
            captions += doc.captions().size();
            if (doc.serialize().size() != b.size())
                std::abort();
        }
        return captions;
    };

    // Best of five for each, so neither side is judged by a cold cache. Time is this thread's
    // CPU time, so other work on the machine does not count against either side.
    auto cpuSeconds = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    };
    double scanSeconds = 1e30;
    double oursSeconds = 1e30;
    qint64 sink = 0;
    for (int round = 0; round < 5; ++round) {
        double t = cpuSeconds();
        sink += scan();
        scanSeconds = std::min(scanSeconds, cpuSeconds() - t);
        t = cpuSeconds();
        sink += ours();
        oursSeconds = std::min(oursSeconds, cpuSeconds() - t);
    }
    const double scanRate = mb / std::max(scanSeconds, 1e-9);
    const double oursRate = mb / std::max(oursSeconds, 1e-9);
    std::fprintf(stderr, "%d articles, %.1f MB, checksum %lld\n", articles, mb,
                 static_cast<long long>(sink));
    std::printf("BENCH shortcode.throughput %.1f MB/s baseline=%.1f ratio=%.2f\n", oursRate,
                scanRate, scanRate / oursRate);
    return 0;
}
