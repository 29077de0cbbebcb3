// Benchmark of the article preview: first render, per-keystroke updates and image loading on a
// long article with many large photographs, against a bare QTextDocument in the same run.
//
// Size: BYLINE_BENCH_ARTICLES=10 (the default) is the full case, 5,000 words and 30 captioned
// 4000×3000 JPEGs; smaller values scale words and images down (1 → 500 words, 3 images of
// 800×600) for the smoke run. BYLINE_BENCH_WORDS sets the word count alone.

#include "database.h"
#include "imagerepository.h"
#include "previewdocument.h"
#include "previewimageloader.h"
#include "previewpane.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace byline;

namespace {

void report(const char *name, double value, const char *unit, double baseline)
{
    std::printf("BENCH %s %.3f %s baseline=%.3f ratio=%.3f\n", name, value, unit, baseline,
                baseline > 0 ? value / baseline : 0.0);
    std::fflush(stdout);
}

// A photograph-like JPEG: gradients and shapes drawn once, kept beside the build.
QByteArray photo(int index, QSize size, const QString &dir)
{
    const QString path = QStringLiteral("%1/photo-%2-%3x%4.jpg").arg(dir).arg(index).arg(size.width()).arg(size.height());
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        return f.readAll();
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, QColor::fromHsv((index * 37) % 360, 90, 230));
    sky.setColorAt(1, QColor::fromHsv((index * 37 + 60) % 360, 160, 120));
    p.fillRect(image.rect(), sky);
    QRandomGenerator rng(quint32(index + 1));
    for (int i = 0; i < 60; ++i) {
        p.setBrush(QColor::fromHsv(rng.bounded(360), 120 + rng.bounded(100), 80 + rng.bounded(170)));
        p.setPen(Qt::NoPen);
        const int w = size.width() / 20 + rng.bounded(size.width() / 6);
        p.drawEllipse(rng.bounded(size.width()), rng.bounded(size.height()), w, w * 2 / 3);
    }
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    QDir().mkpath(dir);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return bytes;
}

QString words(QRandomGenerator &rng, int count)
{
    static const QStringList vocabulary = QStringLiteral(
        "the harvest council river steppe market officials said would new year region growers prices "
        "bread train ferry city mountain water energy report analysts according to more than percent "
        "last week residents project builders minister village families school road solar wind")
                                              .split(QLatin1Char(' '));
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << vocabulary.at(rng.bounded(int(vocabulary.size())));
    out.first()[0] = out.first()[0].toUpper();
    return QString(out.join(QLatin1Char(' ')) + QLatin1Char('.'));
}

double median(QList<double> v, double q)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return 0;
    const qsizetype i = std::min<qsizetype>(v.size() - 1, qsizetype(q * double(v.size() - 1) + 0.5));
    return v.at(i);
}

double forceLayout(QTextDocument *doc)
{
    return doc->documentLayout()->documentSize().height();
}

// Runs the event loop until every image is shown. It sleeps between events as the
// application's loop does, leaving the cores to the decoders.
bool waitSettled(PreviewPane &pane, int timeoutMs)
{
    if (pane.pendingImages() == 0)
        return true;
    QEventLoop loop;
    QObject::connect(&pane, &PreviewPane::imagesSettled, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return pane.pendingImages() == 0;
}

// Shows the article and runs the event loop until the page is in the pane (long articles are
// built on a worker and handed over).
bool showAndRender(PreviewPane &pane, const Article &article)
{
    bool done = false;
    QEventLoop loop;
    const auto c = QObject::connect(&pane, &PreviewPane::rendered, &loop, [&] {
        done = true;
        loop.quit();
    });
    pane.showArticle(article);
    if (!done) {
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QObject::disconnect(c);
    return done;
}

// The longest time the UI thread went without turning its event loop while a page was shown:
// a 1 ms timer notes each time it runs; the widest gap between two runs is the longest stall
// (input waits that long). Watched from just before showArticle() until every image is shown
// and the browser's step-by-step layout has stopped changing the page's size for 200 ms.
double longestStall(PreviewPane &pane, const Article &article)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 widest = 0;
    qint64 lastSizeChange = 0;
    bool rendered = false;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        widest = std::max(widest, now - last);
        last = now;
    });
    QMetaObject::Connection sizeWatch;
    const auto c = QObject::connect(&pane, &PreviewPane::rendered, [&] {
        rendered = true;
        lastSizeChange = clock.nsecsElapsed();
        QObject::disconnect(sizeWatch);
        sizeWatch = QObject::connect(pane.document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged,
                                     [&] { lastSizeChange = clock.nsecsElapsed(); });
    });
    tick.start();
    last = clock.nsecsElapsed();
    QTimer::singleShot(0, &pane, [&] { pane.showArticle(article); });
    while (clock.elapsed() < 20000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (rendered && pane.pendingImages() == 0 && clock.nsecsElapsed() - lastSizeChange > 200'000'000)
            break;
    }
    tick.stop();
    QObject::disconnect(c);
    QObject::disconnect(sizeWatch);
    return double(widest) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int size = std::max(1, qEnvironmentVariableIntValue("BYLINE_BENCH_ARTICLES") > 0
                                     ? qEnvironmentVariableIntValue("BYLINE_BENCH_ARTICLES")
                                     : 10);
    const bool full = size >= 10;
    const int imageCount = full ? 30 : std::min(30, 3 * size);
    // BYLINE_BENCH_WORDS makes the article longer (or shorter) with the same pictures: the
    // UI-stall goal holds for the largest articles too.
    const int wordsAsked = qEnvironmentVariableIntValue("BYLINE_BENCH_WORDS");
    const int wordCount = wordsAsked > 0 ? wordsAsked : (full ? 5000 : std::min(5000, 500 * size));
    const QSize photoSize = full ? QSize(4000, 3000) : QSize(800, 600);

    QTemporaryDir tmp;
    auto opened = Database::open(tmp.filePath(QStringLiteral("bench.byline")));
    if (!opened.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return 1;
    }
    std::unique_ptr<Database> db = std::move(opened.value());

    // Library: the photographs, generated once and kept in the build's temp folder.
    const QString photoDir = QDir::tempPath() + QStringLiteral("/byline-bench-preview");
    ImageRepository images(*db);
    QList<QByteArray> originals;
    for (int i = 0; i < imageCount; ++i) {
        const QByteArray bytes = photo(i, photoSize, photoDir);
        originals << bytes;
        Image meta;
        meta.mimeType = QStringLiteral("image/jpeg");
        meta.width = photoSize.width();
        meta.height = photoSize.height();
        meta.originalFileName = QStringLiteral("photo-%1.jpg").arg(i);
        meta.wpAttachmentId = 90000 + i;
        meta.creditLine = QStringLiteral("Bench Photo");
        meta.altText = QStringLiteral("Photograph %1").arg(i);
        if (!images.store(bytes, meta).ok())
            return 1;
    }

    // The article: paragraphs of 60–120 words, a caption after every few paragraphs.
    QRandomGenerator rng(42);
    QString body;
    int written = 0;
    int placed = 0;
    const char *aligns[] = {"aligncenter", "alignright", "alignnone", "alignleft"};
    int paragraph = 0;
    while (written < wordCount) {
        const int n = 60 + rng.bounded(60);
        body += words(rng, n) + QStringLiteral(" ") + words(rng, 10) + QStringLiteral("\n\n");
        written += n + 10;
        ++paragraph;
        if (paragraph % 3 == 0 && placed < imageCount) {
            const int width = placed % 2 ? 1024 : 4000;
            body += QStringLiteral("[caption id=\"attachment_%1\" align=\"%2\" width=\"%3\"]<img class=\"size-full wp-image-%1\" "
                                   "src=\"https://example.org/photo-%4.jpg\" alt=\"\" width=\"%3\" height=\"%5\" /> "
                                   "A caption for picture %4. Photo: Bench Photo[/caption]\n\n")
                        .arg(90000 + placed)
                        .arg(QLatin1String(aligns[placed % 4]))
                        .arg(width)
                        .arg(placed)
                        .arg(width * 3 / 4);
            ++placed;
        }
        if (paragraph % 7 == 0)
            body += QStringLiteral("<h2>%1</h2>\n\n").arg(words(rng, 5));
    }
    while (placed < imageCount) { // short articles still carry every picture
        body += QStringLiteral("[caption id=\"attachment_%1\" align=\"aligncenter\" width=\"800\"] Picture %2. Photo: Bench[/caption]\n\n")
                    .arg(90000 + placed)
                    .arg(placed);
        ++placed;
    }

    Article article;
    article.title = QStringLiteral("A long article with many photographs");
    article.excerpt = words(rng, 25);
    article.body = body;
    article.updatedAt = QDateTime::currentDateTimeUtc();

    const QString cacheDir = tmp.filePath(QStringLiteral("cache"));

    // Cold images: empty disk and memory caches.
    double firstRender = 0;
    double cold = 0;
    {
        PreviewPane pane(*db);
        pane.imageLoader()->setCacheDirectory(cacheDir);
        pane.resize(1300, 900);
        pane.show();
        if (!QTest::qWaitForWindowExposed(&pane))
            return 1;
        QElapsedTimer t;
        t.start();
        if (!showAndRender(pane, article))
            return 1;
        forceLayout(pane.document());
        firstRender = double(t.nsecsElapsed()) / 1e6;
        if (!waitSettled(pane, 600000))
            return 1;
        cold = double(t.nsecsElapsed()) / 1e6;
    }

    // Warm from disk only: the process-wide memory cache emptied, a new pane over the filled
    // disk cache (what a restart of Byline sees). The median of three, each in a new pane.
    QList<double> warmDiskRuns;
    for (int run = 0; run < 3; ++run) {
        PreviewImageLoader::clearMemory();
        PreviewPane pane(*db);
        pane.imageLoader()->setCacheDirectory(cacheDir);
        pane.resize(1300, 900);
        pane.show();
        if (!QTest::qWaitForWindowExposed(&pane))
            return 1;
        QElapsedTimer t;
        t.start();
        if (!showAndRender(pane, article))
            return 1;
        forceLayout(pane.document());
        if (!waitSettled(pane, 600000))
            return 1;
        warmDiskRuns << double(t.nsecsElapsed()) / 1e6;
        std::printf("# warm run %d: %.1f ms\n", run, warmDiskRuns.constLast());
    }
    const double warmDisk = median(warmDiskRuns, 0.5);

    // Warm images: a new pane over the filled memory and disk caches (the article opened again
    // in the same session); then keystrokes.
    PreviewPane pane(*db);
    pane.imageLoader()->setCacheDirectory(cacheDir);
    pane.resize(1300, 900);
    pane.show();
    if (!QTest::qWaitForWindowExposed(&pane))
        return 1;
    QElapsedTimer warmTimer;
    warmTimer.start();
    if (!showAndRender(pane, article))
        return 1;
    forceLayout(pane.document());
    if (!waitSettled(pane, 600000))
        return 1;
    const double warm = double(warmTimer.nsecsElapsed()) / 1e6;

    // 200 keystrokes typed into a paragraph in the middle of the body.
    int caret = int(body.indexOf(QLatin1String("\n\n"), body.size() / 2));
    QList<double> keystrokes;
    const QString typed = QStringLiteral("The council will meet again next spring, officials said. ");
    for (int i = 0; i < 200; ++i) {
        body.insert(caret, typed.at(i % typed.size()));
        ++caret;
        QElapsedTimer t;
        t.start();
        pane.setBody(body);
        pane.flush();
        forceLayout(pane.document());
        keystrokes << double(t.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
    }

    // How long a first render holds the UI thread when nothing forces the whole layout (the
    // browser lays out what is visible, the rest in later steps), as in the application.
    double uiBlock = 0;
    {
        PreviewPane fresh(*db);
        fresh.imageLoader()->setCacheDirectory(cacheDir);
        fresh.resize(1300, 900);
        fresh.show();
        if (!QTest::qWaitForWindowExposed(&fresh))
            return 1;
        QElapsedTimer t;
        t.start();
        fresh.showArticle(article);
        uiBlock = double(t.nsecsElapsed()) / 1e6;
    }

    // The longest stall of the UI thread while the article is shown in a new pane, as after a
    // restart (images from the disk cache): the worst of three.
    double stall = 0;
    for (int run = 0; run < 3; ++run) {
        PreviewImageLoader::clearMemory();
        PreviewPane fresh(*db);
        fresh.imageLoader()->setCacheDirectory(cacheDir);
        fresh.resize(1300, 900);
        fresh.show();
        if (!QTest::qWaitForWindowExposed(&fresh))
            return 1;
        stall = std::max(stall, longestStall(fresh, article));
    }

    // Baseline: a bare QTextDocument given the same final HTML, with every image decoded.
    article.body = body;
    QList<PreviewImageRef> refs;
    const QString finalHtml = QStringLiteral("<html><body>%1</body></html>")
                                  .arg(pane.renderer().articleHtml(article, {}, QDateTime::currentDateTimeUtc(), &refs));
    QTextDocument bare;
    bare.setDefaultStyleSheet(pane.document()->defaultStyleSheet());
    bare.setTextWidth(PreviewPane::kDesktopWidth);
    for (const PreviewImageRef &ref : std::as_const(refs)) {
        bare.addResource(QTextDocument::ImageResource, ref.url,
                         pane.document()->resource(QTextDocument::ImageResource, ref.url));
    }
    QList<double> baselines;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer t;
        t.start();
        bare.setHtml(finalHtml);
        forceLayout(&bare);
        baselines << double(t.nsecsElapsed()) / 1e6;
    }
    const double baseline = median(baselines, 0.5);

    // Baseline for images: what a naive preview does, decoding every original at full size and
    // scaling it, one after the other.
    QElapsedTimer naive;
    naive.start();
    for (const QByteArray &bytes : std::as_const(originals)) {
        const QImage full = QImage::fromData(bytes);
        const QImage scaled = full.scaledToWidth(std::min(full.width(), PreviewPane::kDesktopColumn), Qt::SmoothTransformation);
        Q_UNUSED(scaled);
    }
    const double naiveMs = double(naive.nsecsElapsed()) / 1e6;

    report("preview.first_render", firstRender, "ms", baseline);
    report("preview.first_render.ui_block", uiBlock, "ms", baseline);
    report("preview.ui_stall", stall, "ms", baseline);
    report("preview.keystroke.p50", median(keystrokes, 0.5), "ms", baseline);
    report("preview.keystroke.p95", median(keystrokes, 0.95), "ms", baseline);
    report("preview.keystroke.max", median(keystrokes, 1.0), "ms", baseline);
    report("preview.images_cold", cold, "ms", naiveMs);
    // Warm means a filled disk cache and nothing in memory: what opening the article again after
    // a restart of Byline costs. The same article a second time in one session is the
    // memory figure.
    report("preview.images_warm", warmDisk, "ms", naiveMs);
    report("preview.images_warm_memory", warm, "ms", naiveMs);
    std::printf("# %d words, %d images of %dx%d, %d blocks, %d remote requests\n", written, imageCount,
                photoSize.width(), photoSize.height(), pane.blockCount(), pane.document()->remoteRequestCount());
    return pane.document()->remoteRequestCount() == 0 ? 0 : 1;
}
