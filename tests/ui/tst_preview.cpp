#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "imagerepository.h"
#include "previewdocument.h"
#include "previewimageloader.h"
#include "previewpane.h"
#include "testsupport.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDir>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextStream>
#include <QTextFrame>
#include <QTextTable>
#include <QTimeZone>

using namespace byline;

// The article/author preview on the demo newsroom, as real widgets on the offscreen platform:
// caption forms, widths, incremental updates, safety and the pages' screenshots.
class TestPreview : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void captionForms();
    void captionWidthsNeverUpscale();
    void missingAndNoImageCaptions();
    void plainImagesResolveAgainstLibrary();
    void imagesDecodeToTheirBoxes();
    void incrementalUpdateMatchesFullRender();
    void incrementalEditSeriesMatchesFullRender();
    void imagesComeFromMemoryThenDisk();
    void diskCacheEntries();
    void libraryReadByReference();
    void backgroundBuildMatchesBuildAtOnce();
    void updatesCoalesce();
    void noNetworkAndInertMarkup();
    void malformedBodiesRender();
    void captionClickEmitsIndex();
    void scrollsToSourceOffset();
    void authorPage();
    void phoneWidth();
    void screenshots();

private:
    Article article(const QString &slug);
    QList<QTextTable *> captionTables(const QTextDocument *doc);
    QStringList imageNames(const QTextDocument *doc);
    static QString structureOf(const QTextDocument *doc);
    void compareWithFullRender(PreviewPane &pane, Article a, const QString &body, const char *step);

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestPreview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_preview"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
    const QString path = m_dir.filePath(QStringLiteral("demo.byline"));
    QVERIFY_OK(DemoNewsroom::create(path));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    m_db = std::move(db.value());
}

void TestPreview::cleanupTestCase()
{
    m_db.reset();
}

Article TestPreview::article(const QString &slug)
{
    ArticleRepository repo(*m_db);
    const auto page = repo.page(ArticleQuery(), 0, 500);
    if (!page.ok())
        return {};
    for (const ArticleSummary &s : page.value()) {
        if (s.slug == slug)
            return repo.get(s.id).valueOr(Article());
    }
    return {};
}

QList<QTextTable *> TestPreview::captionTables(const QTextDocument *doc)
{
    QList<QTextTable *> out;
    std::function<void(QTextFrame *)> walk = [&](QTextFrame *f) {
        for (QTextFrame *child : f->childFrames()) {
            if (auto *t = qobject_cast<QTextTable *>(child))
                out.append(t);
            walk(child);
        }
    };
    walk(doc->rootFrame());
    return out;
}

QStringList TestPreview::imageNames(const QTextDocument *doc)
{
    QStringList names;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isImageFormat())
                names << f.toImageFormat().name();
        }
    }
    // Blocks inside tables are reached through the frames' own iteration.
    return names;
}

void TestPreview::captionForms()
{
    PreviewPane pane(*m_db);
    pane.setNow(m_now);
    pane.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")));
    const QString html = pane.pageHtml();

    // alignright, linked image: floats right, keeps its link, credit beneath in its own row.
    QVERIFY2(html.contains(QLatin1String("<table class=\"wp-caption alignright\" style=\"float: right\" width=\"300\"")),
             qPrintable(html.left(3000)));
    QVERIFY(html.contains(QLatin1String("<a href=\"https://steppeledger.example/wp-content/uploads/2025/10/walnut-market.jpg\"><img src=\"byline-image:")));
    QVERIFY(html.contains(QLatin1String("<td class=\"wp-caption-credit\">Photo: Asel Omurova</td>")));
    QVERIFY(html.contains(QLatin1String("Walnuts on sale in Jalal-Abad.</a></td>")));
    // aligncenter, © credit.
    QVERIFY(html.contains(QLatin1String("<table class=\"wp-caption aligncenter\" align=\"center\" width=\"760\"")));
    QVERIFY(html.contains(QStringLiteral("<td class=\"wp-caption-credit\">© Farrukh Nazarov</td>")));

    // In the document: the tables float and centre as asked.
    QList<Qt::Alignment> aligns;
    QList<QTextFrameFormat::Position> positions;
    for (QTextTable *t : captionTables(pane.document())) {
        aligns << t->format().alignment();
        positions << t->format().position();
    }
    QVERIFY(positions.contains(QTextFrameFormat::FloatRight));
    QVERIFY(aligns.contains(Qt::AlignHCenter));

    // The bare "@domain" credit and alignnone of article 02.
    pane.showArticle(article(QStringLiteral("bread-prices-northern-harvest")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("<table class=\"wp-caption alignnone\" width=\"300\"")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("<td class=\"wp-caption-credit\">@statbureau.example.org</td>")));
    // "Image: X" credit in article 01.
    pane.showArticle(article(QStringLiteral("night-walks-almaty-modernist-facades")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("<td class=\"wp-caption-credit\">Image: Steppe Ledger</td>")));
}

void TestPreview::captionWidthsNeverUpscale()
{
    PreviewPane pane(*m_db);
    pane.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")));
    // 300 px caption on a 760 px column stays 300; 1280 px shrinks to the column, keeping the ratio.
    QVERIFY(pane.pageHtml().contains(QLatin1String("width=\"300\" height=\"200\"")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("width=\"760\" height=\"506\"")));
    for (const QString &name : imageNames(pane.document()))
        QVERIFY(!name.startsWith(QLatin1String("http")));
}

void TestPreview::missingAndNoImageCaptions()
{
    PreviewPane pane(*m_db);
    // Attachment 49999 is not in the library: a placeholder naming it.
    pane.showArticle(article(QStringLiteral("caspian-ferry-third-weekly-sailing")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("Image missing from the library: attachment 49999")));
    QVERIFY(pane.pageHtml().contains(QLatin1String("byline-placeholder:missing")));
    QVERIFY(pane.document()->toPlainText().contains(QLatin1String("ferry")));
    // A caption without <img> shows the library image of its attachment id (41003).
    pane.showArticle(article(QStringLiteral("night-walks-almaty-modernist-facades")));
    const auto image = ImageRepository(*m_db).findByAttachmentId(41003);
    QVERIFY_OK(image);
    QVERIFY(pane.pageHtml().contains(QStringLiteral("byline-image:%1/").arg(image->id)));
    // The [embed] is a labelled box, never loaded.
    QVERIFY(pane.pageHtml().contains(QLatin1String("Embedded embed not loaded in the preview")));
}

void TestPreview::plainImagesResolveAgainstLibrary()
{
    Article a;
    a.title = QStringLiteral("Plain images");
    a.body = QStringLiteral(
        "Before.\n\n<img class=\"alignright size-full wp-image-41006\" src=\"https://x.example/a.jpg\" width=\"300\" height=\"200\" alt=\"\" />\n\n"
        "By name: <img src=\"https://elsewhere.example/uploads/solar-park.jpg\" width=\"1400\" height=\"900\" />\n\n"
        "Unknown: <img src=\"https://cdn.example/unknown.jpg\" width=\"640\" height=\"480\" />");
    PreviewPane pane(*m_db);
    pane.showArticle(a);
    const QString html = pane.pageHtml();
    const auto byClass = ImageRepository(*m_db).findByAttachmentId(41006);
    QVERIFY_OK(byClass);
    QVERIFY(html.contains(QStringLiteral("<img style=\"float: right\" src=\"byline-image:%1/300x200\"").arg(byClass->id)));
    QVERIFY(html.contains(QLatin1String("Remote image not loaded: cdn.example")));
    int libraryImages = 0;
    for (const QString &n : imageNames(pane.document()))
        libraryImages += n.startsWith(QLatin1String("byline-image:")) ? 1 : 0;
    QCOMPARE(libraryImages, 2); // by class and by file name
}

void TestPreview::imagesDecodeToTheirBoxes()
{
    PreviewPane pane(*m_db);
    QSignalSpy settled(&pane, &PreviewPane::imagesSettled);
    pane.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")));
    QVERIFY(settled.wait(10000) || pane.pendingImages() == 0);
    QCOMPARE(pane.pendingImages(), 0);
    int checked = 0;
    for (const QString &name : imageNames(pane.document())) {
        if (!name.startsWith(QLatin1String("byline-image:")))
            continue;
        const QImage img = pane.document()->resource(QTextDocument::ImageResource, QUrl(name)).value<QImage>();
        const QString size = name.section(QLatin1Char('/'), 1);
        QCOMPARE(QStringLiteral("%1x%2").arg(img.width()).arg(img.height()), size);
        ++checked;
    }
    QVERIFY(checked >= 2);
    // The disk cache now holds them: a new pane gets them without decoding originals.
    // (written after the pixels are shown, so give the writer a moment)
    const QDir cache(pane.imageLoader()->cacheDirectory());
    QTRY_VERIFY_WITH_TIMEOUT(!cache.entryList(QDir::Files).isEmpty(), 10000);
}

void TestPreview::incrementalUpdateMatchesFullRender()
{
    Article a = article(QStringLiteral("night-walks-almaty-modernist-facades"));
    PreviewPane pane(*m_db);
    pane.setNow(m_now);
    pane.showArticle(a);
    const int blocks = pane.blockCount();
    QVERIFY(blocks > 8);

    // Typing inside one paragraph re-renders that paragraph only.
    QString body = a.body;
    const int at = int(body.indexOf(QLatin1String("The project began")));
    QVERIFY(at > 0);
    body.insert(at, QLatin1String("Indeed, "));
    pane.setBody(body);
    pane.flush();
    QCOMPARE(pane.lastPatchedBlocks(), 1);
    QCOMPARE(pane.blockCount(), blocks);

    // A new paragraph break adds a block; deleting it again restores the count.
    body.insert(at, QLatin1String("A new short paragraph.\n\n"));
    pane.setBody(body);
    pane.flush();
    QCOMPARE(pane.blockCount(), blocks + 1);

    // Adding a caption before others renumbers the captions after it.
    body.insert(0, QLatin1String("[caption id=\"attachment_41002\" align=\"alignnone\" width=\"400\"] New. Image: X[/caption]\n\n"));
    pane.setBody(body);
    pane.flush();

    PreviewPane fresh(*m_db);
    fresh.setNow(m_now);
    a.body = body;
    fresh.showArticle(a);
    QCOMPARE(pane.document()->toPlainText(), fresh.document()->toPlainText());
    QCOMPARE(pane.blockCount(), fresh.blockCount());
    for (int i = 0; i < pane.blockCount(); ++i)
        QCOMPARE(pane.blockHtml(i), fresh.blockHtml(i));
    QCOMPARE(captionTables(pane.document()).size(), captionTables(fresh.document()).size());
    QCOMPARE(pane.document()->documentLayout()->documentSize(), fresh.document()->documentLayout()->documentSize());
}

// Every frame, table and block of a document with the formats that decide how it looks.
QString TestPreview::structureOf(const QTextDocument *doc)
{
    QString out;
    QTextStream s(&out);
    std::function<void(QTextFrame *, int)> walk = [&](QTextFrame *frame, int depth) {
        const QString indent(depth * 2, QLatin1Char(' '));
        for (auto it = frame->begin(); !it.atEnd(); ++it) {
            if (QTextFrame *child = it.currentFrame()) {
                const QTextFrameFormat f = child->frameFormat();
                s << indent << (qobject_cast<QTextTable *>(child) ? "table" : "frame") << " float="
                  << int(f.position()) << " width=" << f.width().rawValue() << " margins=" << f.topMargin() << '/'
                  << f.bottomMargin() << '\n';
                walk(child, depth + 1);
                continue;
            }
            const QTextBlock b = it.currentBlock();
            const QTextBlockFormat bf = b.blockFormat();
            s << indent << "block heading=" << bf.headingLevel() << " align=" << int(bf.alignment())
              << " margins=" << bf.topMargin() << '/' << bf.bottomMargin() << " line=" << bf.lineHeight() << " \""
              << b.text() << '"';
            for (auto fi = b.begin(); !fi.atEnd(); ++fi) {
                const QTextCharFormat cf = fi.fragment().charFormat();
                s << " [" << cf.fontFamilies().toStringList().join(QLatin1Char(',')) << ' ' << cf.fontPointSize()
                  << ' ' << cf.fontWeight() << ' ' << cf.fontItalic() << ' ' << cf.anchorHref();
                if (cf.isImageFormat()) {
                    const QTextImageFormat img = cf.toImageFormat();
                    s << " img=" << img.name() << ' ' << img.width() << 'x' << img.height();
                }
                s << ']';
            }
            s << '\n';
        }
    };
    walk(doc->rootFrame(), 0);
    return out;
}

void TestPreview::compareWithFullRender(PreviewPane &pane, Article a, const QString &body, const char *step)
{
    pane.setBody(body);
    pane.flush();
    PreviewPane fresh(*m_db);
    fresh.setNow(m_now);
    a.body = body;
    fresh.showArticle(a);
    QVERIFY2(pane.document()->toPlainText() == fresh.document()->toPlainText(), step);
    QVERIFY2(pane.blockCount() == fresh.blockCount(), step);
    for (int i = 0; i < pane.blockCount(); ++i)
        QVERIFY2(pane.blockHtml(i) == fresh.blockHtml(i), step);
    const QString incremental = structureOf(pane.document());
    const QString full = structureOf(fresh.document());
    if (incremental != full) {
        const QStringList x = incremental.split(QLatin1Char('\n'));
        const QStringList y = full.split(QLatin1Char('\n'));
        for (int i = 0; i < std::min(x.size(), y.size()); ++i) {
            if (x.at(i) != y.at(i)) {
                qWarning("%s: line %d differs:\n  incremental: %s\n  full:        %s", step, i, qPrintable(x.at(i)),
                         qPrintable(y.at(i)));
                break;
            }
        }
    }
    QVERIFY2(incremental == full, step);
    QVERIFY2(pane.document()->documentLayout()->documentSize() == fresh.document()->documentLayout()->documentSize(),
             step);
}

void TestPreview::incrementalEditSeriesMatchesFullRender()
{
    // An article with captions; every edit is patched into the same pane and then compared with
    // a full render of the same text in a new one.
    Article a = article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers"));
    QVERIFY(a.body.count(QLatin1String("[caption")) >= 2);
    PreviewPane pane(*m_db);
    pane.setNow(m_now);
    pane.showArticle(a);
    QString body = a.body;

    // Keystrokes, one at a time, in the middle of a paragraph.
    const int firstBreak = int(body.indexOf(QLatin1String("\n\n"), body.size() / 3));
    QVERIFY(firstBreak > 0);
    int caret = firstBreak - 5;
    for (const QChar c : QStringLiteral("and more besides, ")) {
        body.insert(caret++, c);
        pane.setBody(body);
        pane.flush();
        QCOMPARE(pane.lastPatchedBlocks(), 1);
    }
    compareWithFullRender(pane, a, body, "typing");

    // Enter twice in the middle of that paragraph splits it in two.
    body.insert(caret, QLatin1String("\n\n"));
    compareWithFullRender(pane, a, body, "split");
    // A single newline is a line break within the paragraph.
    body.insert(caret + 2, QLatin1String("A line\n"));
    compareWithFullRender(pane, a, body, "line break");
    // Deleting the blank line joins the two again.
    body.remove(caret, 2);
    compareWithFullRender(pane, a, body, "merge");
    // Joining two paragraphs that were apart from the start.
    const int later = int(body.indexOf(QLatin1String("\n\n"), caret + 20));
    QVERIFY(later > 0);
    body.remove(later, 2);
    body.insert(later, QLatin1Char(' '));
    compareWithFullRender(pane, a, body, "merge two");

    // Caption text and credit edited, then its alignment changed to a float and to centred.
    const int captionEnd = int(body.indexOf(QLatin1String("[/caption]")));
    QVERIFY(captionEnd > 0);
    body.insert(captionEnd, QLatin1String(" Seen from the road."));
    compareWithFullRender(pane, a, body, "caption text");
    const int captionStart = int(body.lastIndexOf(QLatin1String("[caption"), captionEnd));
    const int alignAt = int(body.indexOf(QLatin1String("align=\""), captionStart));
    QVERIFY(alignAt > captionStart && alignAt < captionEnd);
    const int alignEnd = int(body.indexOf(QLatin1Char('"'), alignAt + 7));
    body.replace(alignAt, alignEnd - alignAt + 1, QLatin1String("align=\"alignleft\""));
    compareWithFullRender(pane, a, body, "caption floats left");
    const int alignAt2 = int(body.indexOf(QLatin1String("align=\"alignleft\""), captionStart));
    body.replace(alignAt2, 17, QLatin1String("align=\"aligncenter\""));
    compareWithFullRender(pane, a, body, "caption centred");

    // A caption removed whole renumbers the ones after it.
    const int removeFrom = int(body.indexOf(QLatin1String("[caption")));
    const int removeTo = int(body.indexOf(QLatin1String("[/caption]"), removeFrom)) + 10;
    body.remove(removeFrom, removeTo - removeFrom);
    compareWithFullRender(pane, a, body, "caption removed");

    // Markup left open while typing, then closed; a heading added at the top; the end cut off.
    body.insert(caret, QLatin1String("<em>half"));
    compareWithFullRender(pane, a, body, "open tag");
    body.insert(caret + 8, QLatin1String("</em>"));
    compareWithFullRender(pane, a, body, "closed tag");
    body.prepend(QLatin1String("<h2>First things</h2>\n\nAn opening line.\n\n"));
    compareWithFullRender(pane, a, body, "new start");
    body.chop(body.size() / 4);
    compareWithFullRender(pane, a, body, "end cut");
}

void TestPreview::imagesComeFromMemoryThenDisk()
{
    const Article a = article(QStringLiteral("caspian-ferry-third-weekly-sailing"));
    {
        PreviewPane pane(*m_db);
        pane.showArticle(a);
        QTRY_COMPARE_WITH_TIMEOUT(pane.pendingImages(), 0, 10000);
    }
    // Decoded pixels are kept for the whole process: a second pane shows every image at once.
    {
        PreviewPane pane(*m_db);
        pane.showArticle(a);
        QCOMPARE(pane.pendingImages(), 0);
    }
    // With the memory emptied they come back from the disk cache, which gains no files.
    const QDir cache(PreviewImageLoader(nullptr).cacheDirectory());
    const QStringList files = cache.entryList(QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    PreviewImageLoader::clearMemory();
    PreviewPane pane(*m_db);
    pane.showArticle(a);
    QVERIFY(pane.pendingImages() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(pane.pendingImages(), 0, 10000);
    QCOMPARE(cache.entryList(QDir::Files, QDir::Name), files);
    for (const QString &name : imageNames(pane.document())) {
        if (name.startsWith(QLatin1String("byline-image:")))
            QVERIFY(!pane.document()->resource(QTextDocument::ImageResource, QUrl(name)).value<QImage>().isNull());
    }
}

void TestPreview::diskCacheEntries()
{
    QTemporaryDir dir;
    QImage photo(64, 48, QImage::Format_RGB32);
    photo.fill(QColor(0x20, 0x80, 0xc0));
    const QString base = dir.filePath(QStringLiteral("entry"));
    const QString file = base + QLatin1String(PreviewImageLoader::kCacheSuffix);
    QVERIFY(PreviewImageLoader::writeCache(photo, base));
    QCOMPARE(PreviewImageLoader::readCache(file, QSize(64, 48)), photo);
    // An image with transparency keeps it.
    QImage clear(10, 10, QImage::Format_ARGB32);
    clear.fill(Qt::transparent);
    QVERIFY(PreviewImageLoader::writeCache(clear, dir.filePath(QStringLiteral("clear"))));
    const QImage back = PreviewImageLoader::readCache(dir.filePath(QStringLiteral("clear")) + QLatin1String(PreviewImageLoader::kCacheSuffix), QSize(10, 10));
    QVERIFY(back.hasAlphaChannel());
    QCOMPARE(back.pixelColor(3, 3).alpha(), 0);
    // Another size, a cut-off file or foreign bytes are misses, never garbage pixels.
    QVERIFY(PreviewImageLoader::readCache(file, QSize(32, 24)).isNull());
    QVERIFY(PreviewImageLoader::readCache(dir.filePath(QStringLiteral("absent.bpx")), QSize(64, 48)).isNull());
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 100));
    }
    QVERIFY(PreviewImageLoader::readCache(file, QSize(64, 48)).isNull());
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(64 * 48 * 4 + 24, 'x'));
    }
    QVERIFY(PreviewImageLoader::readCache(file, QSize(64, 48)).isNull());

    // Over budget, the oldest entries go first; files of an older format go at once.
    for (int i = 0; i < 4; ++i) {
        QVERIFY(PreviewImageLoader::writeCache(photo, dir.filePath(QStringLiteral("n%1").arg(i))));
        QFile f(dir.filePath(QStringLiteral("n%1.bpx").arg(i)));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(i - 10), QFileDevice::FileModificationTime));
    }
    QFile old(dir.filePath(QStringLiteral("x.jpg")));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("jpeg");
    old.close();
    QFile::remove(file);
    QFile::remove(dir.filePath(QStringLiteral("clear.bpx")));
    const qint64 entry = QFileInfo(dir.filePath(QStringLiteral("n0.bpx"))).size();
    PreviewImageLoader::pruneCache(dir.path(), 2 * entry + 10);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name), (QStringList{QStringLiteral("n2.bpx"), QStringLiteral("n3.bpx")}));
}

void TestPreview::libraryReadByReference()
{
    const auto all = ImageRepository(*m_db).all();
    QVERIFY_OK(all);
    PreviewPane pane(*m_db);
    pane.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")));
    // Only the images the page shows were read, not the whole library.
    const auto shownIds = [&] {
        QSet<qint64> ids;
        for (const QString &name : imageNames(pane.document())) {
            if (name.startsWith(QLatin1String("byline-image:")))
                ids.insert(name.mid(13).section(QLatin1Char('/'), 0, 0).toLongLong());
        }
        return ids;
    };
    QSet<qint64> read;
    for (auto it = pane.renderer().library().byId.cbegin(); it != pane.renderer().library().byId.cend(); ++it)
        read.insert(it.key());
    QVERIFY(!read.isEmpty());
    QCOMPARE(read, shownIds());
    QVERIFY(read.size() < all->size());

    // An image typed into the body is looked up as it appears, by attachment id and by name.
    const Image *byId = nullptr;
    const Image *byName = nullptr;
    for (const Image &image : all.value()) {
        if (read.contains(image.id))
            continue;
        if (!byId && image.wpAttachmentId > 0)
            byId = &image;
        else if (!byName && !image.originalFileName.isEmpty())
            byName = &image;
    }
    QVERIFY(byId && byName);
    QString body = pane.renderer().library().byId.isEmpty() ? QString() : article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")).body;
    body += QStringLiteral("\n\n[caption id=\"attachment_%1\" width=\"300\"]<img class=\"size-full wp-image-%1\" src=\"x.jpg\" "
                           "width=\"300\" height=\"200\" /> Typed. Photo: Desk[/caption]\n\n"
                           "<img src=\"https://old.example/uploads/%2\" width=\"200\" height=\"100\" />")
                .arg(byId->wpAttachmentId)
                .arg(byName->originalFileName.toUpper());
    pane.setBody(body);
    pane.flush();
    QVERIFY(pane.renderer().library().id(byId->id));
    QVERIFY(pane.renderer().library().id(byName->id));
    QVERIFY(shownIds().contains(byId->id));
    QVERIFY(shownIds().contains(byName->id));
}

void TestPreview::backgroundBuildMatchesBuildAtOnce()
{
    const Article a = article(QStringLiteral("night-walks-almaty-modernist-facades"));
    PreviewPane atOnce(*m_db);
    atOnce.setNow(m_now);
    atOnce.showArticle(a);
    QVERIFY(!atOnce.isBuilding());

    // A long article is built on a worker: showArticle() returns at once, the page follows.
    PreviewPane pane(*m_db);
    pane.setNow(m_now);
    pane.setBackgroundThreshold(1);
    QSignalSpy rendered(&pane, &PreviewPane::rendered);
    QSignalSpy settled(&pane, &PreviewPane::imagesSettled);
    pane.showArticle(a);
    QVERIFY(pane.isBuilding());
    QVERIFY(rendered.wait(10000));
    QVERIFY(!pane.isBuilding());
    QCOMPARE(structureOf(pane.document()), structureOf(atOnce.document()));
    QCOMPARE(pane.pageHtml(), atOnce.pageHtml());
    QCOMPARE(pane.blockCount(), atOnce.blockCount());
    for (int i = 0; i < pane.blockCount(); ++i)
        QCOMPARE(pane.blockHtml(i), atOnce.blockHtml(i));
    QVERIFY(settled.count() > 0 || settled.wait(10000));
    QCOMPARE(pane.pendingImages(), 0);
    for (const QString &name : imageNames(pane.document())) {
        if (name.startsWith(QLatin1String("byline-image:")))
            QVERIFY(!pane.document()->resource(QTextDocument::ImageResource, QUrl(name)).value<QImage>().isNull());
    }

    // Typing while the page is built reaches it once it is shown; flush() waits for it.
    pane.showArticle(a);
    QVERIFY(pane.isBuilding());
    const QString body = a.body + QStringLiteral("\n\nA last paragraph typed at once.");
    pane.setBody(body);
    pane.flush();
    QVERIFY(!pane.isBuilding());
    atOnce.setBody(body);
    atOnce.flush();
    QCOMPARE(structureOf(pane.document()), structureOf(atOnce.document()));

    // A page asked for while another is built replaces it; the older result is dropped.
    pane.showArticle(a);
    pane.showAuthor(a.authorIds.value(0));
    QCOMPARE(pane.page(), PreviewPane::Page::Author);
    const QString authorPage = pane.pageHtml();
    QVERIFY(!authorPage.isEmpty());
    QTest::qWait(300);
    QCOMPARE(pane.page(), PreviewPane::Page::Author);
    QCOMPARE(pane.pageHtml(), authorPage);
}

void TestPreview::updatesCoalesce()
{
    Article a = article(QStringLiteral("bread-prices-northern-harvest"));
    PreviewPane pane(*m_db);
    pane.showArticle(a);
    QSignalSpy rendered(&pane, &PreviewPane::rendered);
    for (int i = 0; i < 20; ++i)
        pane.setBody(QString(a.body + QString(i, QLatin1Char('x'))));
    QCOMPARE(rendered.count(), 0);
    QTRY_COMPARE(rendered.count(), 1);
    QVERIFY(pane.document()->toPlainText().trimmed().endsWith(QString(19, QLatin1Char('x'))));
}

void TestPreview::noNetworkAndInertMarkup()
{
    Article a;
    a.title = QStringLiteral("Hostile body");
    a.body = QStringLiteral(
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">\n"
        "<style>@import url(https://evil.example/y.css); p { color: red }</style>\n"
        "Text <img src=\"https://tracker.example/pixel.gif\" width=\"1\" height=\"1\"> and "
        "<a href=\"javascript:alert(1)\">bad link</a> and <a href=\"https://example.org/ok\">good link</a>.\n\n"
        "<p onclick=\"alert(2)\" style=\"background-image: url(https://evil.example/bg.png)\">Clicky</p>\n\n"
        "<script>alert(3)</script><iframe src=\"https://video.example/embed/1\"></iframe>\n\n"
        "<table background=\"https://evil.example/t.png\"><tr><td style=\"background: url(http://e.example/a)\">cell</td></tr></table>\n\n"
        "[caption width=\"500\"]<img src=\"https://remote.example/photo.jpg\" width=\"500\" height=\"300\" /> Remote. Photo: Z[/caption]");
    PreviewPane pane(*m_db);
    pane.setOpenLinksExternally(false);
    pane.resize(1300, 900);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.showArticle(a);
    pane.grab(); // paint everything once: every image is asked for
    pane.document()->documentLayout()->documentSize();

    const QString html = pane.pageHtml();
    QCOMPARE(pane.document()->remoteRequestCount(), 0);
    QVERIFY(!html.contains(QLatin1String("javascript:")));
    QVERIFY(!html.contains(QLatin1String("onclick")));
    QVERIFY(!html.contains(QLatin1String("<script")));
    QVERIFY(!html.contains(QLatin1String("<iframe")));
    QVERIFY(!html.contains(QLatin1String("url(")));
    QVERIFY(!html.contains(QLatin1String("evil.example")));
    QVERIFY(html.contains(QLatin1String("Remote image not loaded: tracker.example")));
    QVERIFY(html.contains(QLatin1String("Remote image not loaded: remote.example")));
    QVERIFY(html.contains(QLatin1String("Embedded iframe not loaded in the preview: video.example")));
    QVERIFY(html.contains(QLatin1String("<a href=\"https://example.org/ok\">good link</a>")));
    const QString text = pane.document()->toPlainText();
    QVERIFY(!text.contains(QLatin1String("alert(")));
    QVERIFY(text.contains(QLatin1String("Clicky")));

    // If anything did ask for a remote URL, the document refuses and counts it.
    const QVariant refused = pane.document()->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("https://x.example/a.png")));
    QVERIFY(refused.canConvert<QImage>());
    QCOMPARE(pane.document()->remoteRequestCount(), 1);
    const QVariant sheet = pane.document()->resource(QTextDocument::StyleSheetResource, QUrl(QStringLiteral("http://x.example/a.css")));
    QVERIFY(sheet.toByteArray().isEmpty());
    QCOMPARE(pane.document()->remoteRequestCount(), 2);

    // No network machinery exists anywhere in the pane.
    const auto objects = pane.findChildren<QObject *>();
    for (QObject *o : objects)
        QVERIFY(qstrcmp(o->metaObject()->className(), "QNetworkAccessManager") != 0);
    QVERIFY(!pane.browser()->openLinks());
    QVERIFY(!pane.browser()->openExternalLinks());

    // A clicked link is reported (and would open in the system browser), never followed here.
    QSignalSpy links(&pane, &PreviewPane::linkClicked);
    emit pane.browser()->anchorClicked(QUrl(QStringLiteral("https://example.org/ok")));
    QCOMPARE(links.count(), 1);
    QCOMPARE(pane.page(), PreviewPane::Page::Article);
}

void TestPreview::malformedBodiesRender()
{
    const QStringList bodies{
        QStringLiteral("[caption id=\"attachment_41002\" width=\"300\"]<img src=\"x.jpg\" never closed"),
        QStringLiteral("<<<>>> [caption]] [/caption] [[caption]] <b><i>unclosed"),
        QStringLiteral("<table><tr><td>cell\n\n\n<ul><li>x\n\n</blockquote></div>"),
        QStringLiteral("[caption width=\"-5\" align=\"alignleft\"][/caption][caption width=\"99999999999\"]x[/caption]"),
        QStringLiteral("<img src=\"\"><img><a href=\"\">\n\n<!-- unterminated comment"),
        QStringLiteral("[gallery ids=\"41011,99999,abc\" columns=\"0\"] [embed][/embed] [video src=\"javascript:x\"]"),
        QString(),
    };
    PreviewPane pane(*m_db);
    for (const QString &body : bodies) {
        Article a;
        a.title = QStringLiteral("Broken");
        a.body = body;
        pane.showArticle(a);
        pane.setBody(body + QStringLiteral("\n\nmore"));
        pane.flush();
        QVERIFY(pane.document()->toPlainText().contains(QLatin1String("more")));
    }
    pane.showArticle(article(QStringLiteral("medeu-ice-keeper-profile-notes"))); // caption never closed
    QVERIFY(pane.document()->toPlainText().size() > 500);
}

void TestPreview::captionClickEmitsIndex()
{
    PreviewPane pane(*m_db);
    pane.setOpenLinksExternally(false);
    pane.resize(1300, 1000);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.showArticle(article(QStringLiteral("bread-prices-northern-harvest")));
    QSignalSpy clicked(&pane, &PreviewPane::captionClicked);

    // Click like a reader: the first caption's text, then the second caption's picture
    // (that one has a credit and no text).
    auto click = [&](const QString &href, bool image) {
        for (QTextBlock b = pane.document()->begin(); b.isValid(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                if (!f.isAnchor() || f.anchorHref() != href || f.isImageFormat() != image)
                    continue;
                QTextCursor c(pane.document());
                c.setPosition(it.fragment().position() + (image ? 0 : 1));
                pane.browser()->setTextCursor(c);
                pane.browser()->ensureCursorVisible();
                QApplication::processEvents();
                const QRect r = pane.browser()->cursorRect(c);
                const QPoint p = image ? QPoint(r.left() + 20, r.center().y()) : r.center();
                QTest::mouseClick(pane.browser()->viewport(), Qt::LeftButton, {}, p);
                return true;
            }
        }
        return false;
    };
    QVERIFY(click(QStringLiteral("byline-caption:0"), false));
    QTRY_COMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).first().toInt(), 0);
    QVERIFY(click(QStringLiteral("byline-caption:1"), true));
    QTRY_COMPARE(clicked.count(), 2);
    QCOMPARE(clicked.at(1).first().toInt(), 1);
}

void TestPreview::scrollsToSourceOffset()
{
    Article a = article(QStringLiteral("night-walks-almaty-modernist-facades"));
    PreviewPane pane(*m_db);
    pane.resize(1300, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.showArticle(a);
    QScrollBar *bar = pane.browser()->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    pane.scrollToSourceOffset(0);
    const int top = bar->value();
    const int mid = int(a.body.indexOf(QLatin1String("<h2>What the walkers see")));
    pane.scrollToSourceOffset(mid);
    const int middle = bar->value();
    pane.scrollToSourceOffset(int(a.body.size()) - 5);
    const int end = bar->value();
    QVERIFY2(top < middle && middle < end, qPrintable(QStringLiteral("%1 %2 %3").arg(top).arg(middle).arg(end)));
    // The heading is in view after scrolling to it.
    pane.scrollToSourceOffset(mid);
    const QTextCursor heading = pane.document()->find(QStringLiteral("What the walkers see"));
    QVERIFY(!heading.isNull());
    QVERIFY(pane.browser()->viewport()->rect().contains(pane.browser()->cursorRect(heading).center()));
}

void TestPreview::authorPage()
{
    const auto author = AuthorRepository(*m_db).findBySlug(QStringLiteral("aigerim-sadykova"));
    QVERIFY_OK(author);
    PreviewPane pane(*m_db);
    pane.setNow(m_now);
    pane.showAuthor(author->id);
    QCOMPARE(pane.page(), PreviewPane::Page::Author);
    const QString html = pane.pageHtml();
    QVERIFY(html.contains(author->displayName.toHtmlEscaped()));
    QVERIFY(html.contains(author->roleLine.toHtmlEscaped()));
    QVERIFY(html.contains(QLatin1String("<h2 class=\"section\">Articles</h2>")));
    QVERIFY(html.count(QLatin1String("<h3 class=\"entry-title\">")) >= 2);
    QVERIFY(html.contains(QLatin1String(" ago")));
    QVERIFY(html.contains(QStringLiteral("byline-image:%1/112x112").arg(author->avatarImageId)));
    // Clicking an author's name on an article page opens their page.
    Article a = article(QStringLiteral("night-walks-almaty-modernist-facades"));
    pane.showArticle(a);
    QSignalSpy authorSpy(&pane, &PreviewPane::authorClicked);
    emit pane.browser()->anchorClicked(PreviewRenderer::authorUrl(a.authorIds.first()));
    QCOMPARE(authorSpy.count(), 1);
    QCOMPARE(pane.page(), PreviewPane::Page::Author);
}

void TestPreview::phoneWidth()
{
    PreviewPane pane(*m_db);
    pane.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers")));
    pane.setDevice(PreviewPane::Device::Phone);
    QCOMPARE(pane.browser()->lineWrapColumnOrWidth(), PreviewPane::kPhoneWidth);
    const int column = pane.columnWidth();
    QCOMPARE(column, 358);
    QVERIFY(pane.pageHtml().contains(QStringLiteral("width=\"%1\" height=").arg(column)));
    QVERIFY(pane.pageHtml().contains(QLatin1String("width=\"300\" height=\"200\""))); // still not upscaled
    QVERIFY(!pane.pageHtml().contains(QLatin1String("width=\"760\"")));
    pane.setDevice(PreviewPane::Device::Desktop);
    QVERIFY(pane.pageHtml().contains(QLatin1String("width=\"760\"")));
}

void TestPreview::screenshots()
{
    const auto author = AuthorRepository(*m_db).findBySlug(QStringLiteral("farrukh-nazarov"));
    QVERIFY_OK(author);
    struct Shot
    {
        QString name;
        std::function<void(PreviewPane &)> show;
        PreviewPane::Theme theme;
    };
    const QList<Shot> shots{
        {QStringLiteral("preview-article.png"),
         [&](PreviewPane &p) { p.showArticle(article(QStringLiteral("dry-autumn-kyrgyz-walnut-growers"))); },
         PreviewPane::Theme::Light},
        {QStringLiteral("preview-author.png"), [&](PreviewPane &p) { p.showAuthor(author->id); }, PreviewPane::Theme::Light},
        {QStringLiteral("preview-article-dark.png"),
         [&](PreviewPane &p) { p.showArticle(article(QStringLiteral("caspian-ferry-third-weekly-sailing"))); },
         PreviewPane::Theme::Dark},
    };
    const QString outDir = qEnvironmentVariableIsSet("BYLINE_UPDATE_SCREENSHOTS")
        ? QStringLiteral(BYLINE_SOURCE_DIR "/resources/screenshots")
        : QDir::currentPath();
    for (const Shot &shot : shots) {
        PreviewPane pane(*m_db);
        pane.setTheme(shot.theme);
        pane.resize(1220, 1000);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QSignalSpy settled(&pane, &PreviewPane::imagesSettled);
        shot.show(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane.pendingImages(), 0, 10000);
        QApplication::processEvents();
        const QImage image = pane.grab().toImage();
        QVERIFY(image.save(QDir(outDir).filePath(shot.name)));
    }
}

QTEST_MAIN(TestPreview)
#include "tst_preview.moc"
