#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "exporter.h"
#include "htmlexporter.h"
#include "imagemetadata.h"
#include "imagerepository.h"
#include "settingsrepository.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The static HTML bundle: pages that open from disk with every link resolving inside the
// bundle, renditions of the promised widths with credits inside, escaped text, contained file
// names, and an export that is all or nothing.
class TestHtmlExporter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void registryKnowsHtml();
    void structureAndLinks();
    void renditionsCarryCredits();
    void hostileTextIsEscaped();
    void slugsCannotEscape();
    void failedExportKeepsPrevious();
    void commandLineExportsHtmlAndNinjs();

private:
    void seed();
    Result<ExportReport> exportTo(const QString &dir, ExportRequest request = {});
    static QString readText(const QString &path);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
    qint64 m_articleId = 0;
};

void TestHtmlExporter::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("h%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestHtmlExporter::cleanup()
{
    m_db.reset();
}

QString TestHtmlExporter::readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

Result<ExportReport> TestHtmlExporter::exportTo(const QString &dir, ExportRequest request)
{
    auto exporter = ExporterRegistry::create(QStringLiteral("html"));
    if (!exporter)
        return Result<ExportReport>::failure(QStringLiteral("html is not registered"));
    request.outputDir = dir;
    return exporter->run(*m_db, request);
}

// An author, a 2000 px JPEG used both as featured image and in a caption shortcode, and an
// article whose title and slug try to break out.
void TestHtmlExporter::seed()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kNewsroomName, QStringLiteral("The Steppe <Ledger>")));
    Author author;
    author.slug = QStringLiteral("dana");
    author.displayName = QStringLiteral("Дана Әлиева");
    author.roleLine = QStringLiteral("Regional Editor & Contributor");
    author.bio = QStringLiteral("Пишет о воде.\n\nAnd <rivers>.");
    author.links = {{QStringLiteral("Website"), QStringLiteral("https://dana.example/")},
                    {QStringLiteral("Bad"), QStringLiteral("javascript:alert(1)")}};
    QVERIFY_OK(AuthorRepository(*m_db).insert(author));

    QImage img(2000, 1000, QImage::Format_RGB32);
    img.fill(Qt::darkCyan);
    QByteArray jpeg;
    QBuffer buf(&jpeg);
    buf.open(QIODevice::WriteOnly);
    QVERIFY(img.save(&buf, "JPG"));
    Image meta;
    meta.mimeType = QStringLiteral("image/jpeg");
    meta.originalFileName = QStringLiteral("../reeds.jpg");
    meta.wpAttachmentId = 501;
    meta.caption = QStringLiteral("Reeds on the Ili");
    meta.creditLine = QStringLiteral("Dana Alieva / Steppe Ledger");
    meta.creator = QStringLiteral("Dana Alieva");
    meta.copyrightNotice = QStringLiteral("© 2025 The Steppe Ledger");
    meta.altText = QStringLiteral("Reeds bent under frost");
    auto stored = ImageRepository(*m_db).store(jpeg, meta);
    QVERIFY_OK(stored);

    Article a;
    a.title = QStringLiteral("Water <script>alert('t')</script> & \"reeds\"");
    a.slug = QStringLiteral("../../outside");
    a.body = QStringLiteral("First paragraph.\n\n[caption id=\"attachment_501\" align=\"alignnone\" width=\"1280\"]"
                            "<img class=\"size-full wp-image-501\" src=\"https://steppe.example/reeds.jpg\" alt=\"Reeds\" "
                            "width=\"1280\" height=\"640\" /> Reeds at dawn[/caption]\n\nLast paragraph.");
    a.status = ArticleStatus::Published;
    a.publishedAt = QDateTime(QDate(2024, 3, 2), QTime(7, 0), Qt::UTC);
    a.authorIds = {author.id};
    a.featuredImageId = stored->id;
    QVERIFY_OK(ArticleRepository(*m_db).insert(a));
    m_articleId = a.id;

    Article b;
    b.title = QStringLiteral("Второй материал");
    b.slug = QStringLiteral("index");
    b.body = QStringLiteral("Короткий текст.");
    b.status = ArticleStatus::Published;
    b.publishedAt = QDateTime(QDate(2024, 3, 3), QTime(7, 0), Qt::UTC);
    b.authorIds = {author.id};
    QVERIFY_OK(ArticleRepository(*m_db).insert(b));
}

void TestHtmlExporter::registryKnowsHtml()
{
    QVERIFY(ExporterRegistry::formats().contains(QStringLiteral("html")));
    auto e = ExporterRegistry::create(QStringLiteral("html"));
    QVERIFY(e);
    QCOMPARE(e->formatId(), QStringLiteral("html"));
}

void TestHtmlExporter::structureAndLinks()
{
    seed();
    QTemporaryDir out;
    const QString site = out.filePath(QStringLiteral("site"));
    auto report = exportTo(site);
    QVERIFY_OK(report);
    QCOMPARE(report->articles, 2);
    QCOMPARE(report->images, 1);
    QVERIFY(QFile::exists(site + QStringLiteral("/index.html")));
    QVERIFY(QFile::exists(site + QStringLiteral("/style.css")));
    QCOMPARE(QDir(site + QStringLiteral("/articles")).entryList(QDir::Files).size(), 2);
    QCOMPARE(QDir(site + QStringLiteral("/authors")).entryList(QDir::Files).size(), 1);

    static const QRegularExpression link(QStringLiteral("\\s(href|src|srcset)=\"([^\"]*)\""));
    int pages = 0;
    int checked = 0;
    QDirIterator it(site, {QStringLiteral("*.html")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        ++pages;
        const QString html = readText(path);
        QVERIFY2(html.startsWith(QLatin1String("<!DOCTYPE html>\n<html lang=\"")), qPrintable(path));
        QVERIFY(html.contains(QLatin1String("<meta charset=\"utf-8\">")));
        QVERIFY(html.trimmed().endsWith(QLatin1String("</html>")));
        auto m = link.globalMatch(html);
        while (m.hasNext()) {
            const QRegularExpressionMatch one = m.next();
            QStringList targets;
            if (one.captured(1) == QLatin1String("srcset")) {
                for (const QString &part : one.captured(2).split(QStringLiteral(", ")))
                    targets << part.section(QLatin1Char(' '), 0, 0);
            } else {
                targets << one.captured(2);
            }
            for (const QString &t : std::as_const(targets)) {
                if (t.startsWith(QLatin1String("https://")))
                    continue; // the author's own web site
                QVERIFY2(!t.contains(QLatin1Char(':')), qPrintable(t));
                const QString resolved = QDir::cleanPath(QFileInfo(path).absolutePath() + QLatin1Char('/') + t);
                QVERIFY2(resolved.startsWith(site + QLatin1Char('/')), qPrintable(t));
                QVERIFY2(QFile::exists(resolved), qPrintable(path + QStringLiteral(" → ") + t));
                ++checked;
            }
        }
    }
    QCOMPARE(pages, 4);
    QVERIFY(checked > 10);

    const QString index = readText(site + QStringLiteral("/index.html"));
    QVERIFY(index.contains(QLatin1String("The Steppe &lt;Ledger&gt;")));
    // Newest first.
    QVERIFY(index.indexOf(QStringLiteral("Второй материал")) < index.indexOf(QStringLiteral("Water")));

    const QString authorPage = readText(site + QStringLiteral("/authors/dana.html"));
    QVERIFY(authorPage.contains(QLatin1String("<p class=\"role\">Regional Editor &amp; Contributor</p>")));
    QVERIFY(authorPage.contains(QStringLiteral("<p>Пишет о воде.</p>")));
    QVERIFY(authorPage.contains(QLatin1String("And &lt;rivers&gt;.")));
    QVERIFY(authorPage.contains(QLatin1String("href=\"https://dana.example/\"")));
    QVERIFY(!authorPage.contains(QLatin1String("javascript:")));
    QCOMPARE(authorPage.count(QLatin1String("<li><a href=\"../articles/")), 2);
}

void TestHtmlExporter::renditionsCarryCredits()
{
    seed();
    QTemporaryDir out;
    const QString site = out.filePath(QStringLiteral("site"));
    QVERIFY_OK(exportTo(site));
    const QStringList pagesFound = QDir(site + QStringLiteral("/articles")).entryList({QStringLiteral("*.html")}, QDir::Files);
    QString page;
    for (const QString &p : pagesFound) {
        const QString html = readText(site + QStringLiteral("/articles/") + p);
        if (html.contains(QLatin1String("wp-image-501")))
            page = html;
    }
    QVERIFY(!page.isEmpty());
    // The caption shortcode became WordPress's HTML5 markup after wpautop.
    QVERIFY(page.contains(QLatin1String("<figure id=\"attachment_501\" aria-describedby=\"caption-attachment-501\"")));
    QVERIFY(page.contains(QLatin1String("<figcaption id=\"caption-attachment-501\" class=\"wp-caption-text\">Reeds at dawn</figcaption>")));
    QVERIFY(page.contains(QLatin1String("<p>First paragraph.</p>")));
    QVERIFY(!page.contains(QLatin1String("https://steppe.example/reeds.jpg")));

    static const QRegularExpression srcset(QStringLiteral("srcset=\"([^\"]*)\""));
    auto m = srcset.globalMatch(page);
    int sets = 0;
    while (m.hasNext()) {
        ++sets;
        QList<int> widths;
        for (const QString &part : m.next().captured(1).split(QStringLiteral(", "))) {
            const QString file = QDir::cleanPath(site + QStringLiteral("/articles/") + part.section(QLatin1Char(' '), 0, 0));
            QString descriptor = part.section(QLatin1Char(' '), 1, 1);
            QVERIFY(descriptor.endsWith(QLatin1Char('w')));
            descriptor.chop(1);
            const int width = descriptor.toInt();
            QImageReader reader(file);
            QCOMPARE(reader.format(), QByteArray("jpeg"));
            QCOMPARE(reader.size().width(), width);
            widths << width;
            auto meta = ImageMetadata::read(file);
            QVERIFY_OK(meta);
            QCOMPARE(meta->credit, QStringLiteral("Dana Alieva / Steppe Ledger"));
            QCOMPARE(meta->creator, QStringLiteral("Dana Alieva"));
            QCOMPARE(meta->copyright, QStringLiteral("© 2025 The Steppe Ledger"));
            QCOMPARE(meta->caption, QStringLiteral("Reeds on the Ili"));
            QCOMPARE(meta->altText, QStringLiteral("Reeds bent under frost"));
        }
        QCOMPARE(widths, (QList<int>{640, 1280}));
    }
    QCOMPARE(sets, 2); // the featured image and the one in the caption
}

void TestHtmlExporter::hostileTextIsEscaped()
{
    seed();
    QTemporaryDir out;
    const QString site = out.filePath(QStringLiteral("site"));
    QVERIFY_OK(exportTo(site));
    QDirIterator it(site, {QStringLiteral("*.html")}, QDir::Files, QDirIterator::Subdirectories);
    int withTitle = 0;
    while (it.hasNext()) {
        const QString html = readText(it.next());
        QVERIFY2(!html.contains(QLatin1String("<script")), qPrintable(it.filePath()));
        if (html.contains(QLatin1String("Water &lt;script&gt;alert('t')&lt;/script&gt; &amp; &quot;reeds&quot;")))
            ++withTitle;
    }
    QCOMPARE(withTitle, 3); // its page, the index and the author page
}

void TestHtmlExporter::slugsCannotEscape()
{
    seed();
    QTemporaryDir out;
    const QString site = out.filePath(QStringLiteral("site"));
    QVERIFY_OK(exportTo(site));
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("site")});
    QCOMPARE(QDir(site).entryList(QDir::Files), (QStringList{QStringLiteral("index.html"), QStringLiteral("style.css")}));
    const QStringList articles = QDir(site + QStringLiteral("/articles")).entryList(QDir::Files);
    for (const QString &name : articles)
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*\\.html$")).match(name).hasMatch(), qPrintable(name));
    // The article called "index" did not overwrite the front page.
    QVERIFY(readText(site + QStringLiteral("/index.html")).contains(QLatin1String("<h2>Authors</h2>")));
}

void TestHtmlExporter::failedExportKeepsPrevious()
{
    seed();
    QTemporaryDir out;
    const QString site = out.filePath(QStringLiteral("site"));
    QVERIFY_OK(exportTo(site));
    const QByteArray before = testsupport::fileHash(site + QStringLiteral("/index.html"));
    QVERIFY(!before.isEmpty());

    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE articles SET title = 'Changed'")));
    ExportRequest failing;
    failing.progress = [](qint64 done, qint64) { return done < 2; };
    auto failed = exportTo(site, failing);
    QVERIFY(!failed.ok());
    QCOMPARE(testsupport::fileHash(site + QStringLiteral("/index.html")), before);
    // No staging folder is left behind.
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("site")});

    QVERIFY_OK(exportTo(site));
    QVERIFY(readText(site + QStringLiteral("/index.html")).contains(QLatin1String("Changed")));
}

// `byline export --format html|ninjs` goes through the registry like the window does. The
// executable is found beside the test's build folder (tst_wxrcli makes sure it is built).
void TestHtmlExporter::commandLineExportsHtmlAndNinjs()
{
    const QString byline = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/byline"));
    if (!QFileInfo(byline).isExecutable())
        QSKIP("the byline executable is not built next to this test");
    seed();
    const QString dbFile = m_dir.filePath(QStringLiteral("h%1.byline").arg(m_counter));
    m_db.reset(); // the command opens the file itself
    QTemporaryDir out;
    const auto run = [&](const QStringList &args, QString *output) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(byline, args);
        if (!p.waitForFinished(60000))
            return -1;
        *output = QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QString output;
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), dbFile, QStringLiteral("--format"), QStringLiteral("html"),
                  QStringLiteral("-o"), out.filePath(QStringLiteral("site"))},
                 &output),
             0);
    QVERIFY2(output.contains(QLatin1String("exported 2 articles")), qPrintable(output));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("site/index.html"))));

    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--db"), dbFile, QStringLiteral("--format"), QStringLiteral("ninjs"),
                  QStringLiteral("--status"), QStringLiteral("published"), QStringLiteral("-o"), out.filePath(QStringLiteral("feed"))},
                 &output),
             0);
    QVERIFY2(output.contains(QLatin1String("exported 2 articles")), qPrintable(output));
    QCOMPARE(QDir(out.filePath(QStringLiteral("feed"))).entryList({QStringLiteral("*.json")}, QDir::Files).size(), 2);

    // Unknown formats are refused with the list of known ones.
    QVERIFY(run({QStringLiteral("export"), QStringLiteral("--db"), dbFile, QStringLiteral("--format"), QStringLiteral("pdf"),
                 QStringLiteral("-o"), out.filePath(QStringLiteral("x"))},
                &output)
            != 0);
    QVERIFY2(output.contains(QLatin1String("html")) && output.contains(QLatin1String("ninjs")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestHtmlExporter)
#include "tst_htmlexporter.moc"
