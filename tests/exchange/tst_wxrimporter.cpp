#include "database.h"
#include "searchrepository.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "wxrimporter.h"
#include "sqldialect.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// WordPress exports come in whole, match WordPress's own reading of them, and a bad or
// cancelled file leaves the newsroom as it was.
class TestWxrImporter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void themeUnitTestData();
    void bodiesAreByteIdentical();
    void reimportIsIdempotent();
    void wordpressImporterFixtures_data();
    void wordpressImporterFixtures();
    void refusedFilesWriteNothing_data();
    void refusedFilesWriteNothing();
    void cancelRollsBack();
    void namespacesMatchByUri();
    void cdataEdge();
    void statusesDatesAndMedia();
    void searchIndexInStepAfterImport();
    void searchTriggersSurviveARefusedFile();

private:
    QString fixture(const QString &name);
    qint64 count(const QString &sql);
    QVariant scalar(const QString &sql);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestWxrImporter::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("w%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestWxrImporter::cleanup()
{
    m_db.reset();
}

QString TestWxrImporter::fixture(const QString &name)
{
    const QString path = testsupport::sharedFixture(QStringLiteral("wxr/") + name);
    return QFile::exists(path) ? path : QString();
}

QVariant TestWxrImporter::scalar(const QString &sql)
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

qint64 TestWxrImporter::count(const QString &sql)
{
    return scalar(sql).toLongLong();
}

void TestWxrImporter::themeUnitTestData()
{
    const QString path = fixture(QStringLiteral("themeunittestdata.wordpress.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/themeunittestdata.wordpress.xml is absent");
    WxrImporter importer(*m_db);
    auto report = importer.importFile(path);
    QVERIFY_OK(report);
    QCOMPARE(report->wxrVersion, QStringLiteral("1.2"));
    QCOMPARE(report->authors, 2);
    QCOMPARE(report->posts, 58);
    QCOMPARE(report->pages, 21);
    QCOMPARE(report->attachments, 37);
    QCOMPARE(report->skippedPostTypes.value(QStringLiteral("nav_menu_item")), 70);
    QCOMPARE(report->categories, 68);
    QCOMPARE(report->tags, 110);
    QCOMPARE(report->terms, 7);
    QCOMPARE(report->otherTerms, 6); // nav_menu terms; the seventh is a category declared twice
    QCOMPARE(report->undeclaredTerms, 4); // columns, content, sample, test-tag: used, never declared
    QCOMPARE(report->attachmentsWithoutFile, 37);

    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM authors")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM authors WHERE slug IN ('themedemos', 'themereviewteam')")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE post_type = 'post'")), 58);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE post_type = 'page'")), 21);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM images")), 37);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM images WHERE wp_attachment_id IS NULL")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tags WHERE taxonomy = 'category'")), 68);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tags WHERE taxonomy = 'post_tag'")), 114);
    // Attachments without their files are kept as metadata on the empty placeholder blob.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM image_blobs WHERE byte_size = 0")), 1);
    // This export has no _wp_attached_file; the URL is what a media folder is matched by.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM wp_attachments WHERE source_url LIKE 'http%'")), 37);
    // Slugs stay unique and every article has a byline.
    QCOMPARE(count(QStringLiteral("SELECT count(DISTINCT slug) FROM articles")), 79);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM article_authors x WHERE x.article_id = a.id)")),
             0);
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM articles WHERE featured_image_id IS NOT NULL")) > 0);
}

// The text an element holds: CDATA sections verbatim, the five predefined entities decoded
// elsewhere (what the fixtures use), whitespace kept.
static QString xmlText(const QString &inner)
{
    QString out;
    int pos = 0;
    const auto plain = [](QString t) {
        return t.replace(QLatin1String("&lt;"), QLatin1String("<"))
            .replace(QLatin1String("&gt;"), QLatin1String(">"))
            .replace(QLatin1String("&quot;"), QLatin1String("\""))
            .replace(QLatin1String("&apos;"), QLatin1String("'"))
            .replace(QLatin1String("&#039;"), QLatin1String("'"))
            .replace(QLatin1String("&amp;"), QLatin1String("&"));
    };
    while (pos < inner.size()) {
        const int open = inner.indexOf(QLatin1String("<![CDATA["), pos);
        if (open < 0) {
            out += plain(inner.mid(pos));
            break;
        }
        out += plain(inner.mid(pos, open - pos));
        const int close = inner.indexOf(QLatin1String("]]>"), open + 9);
        out += inner.mid(open + 9, close - open - 9);
        pos = close + 3;
    }
    return out;
}

void TestWxrImporter::bodiesAreByteIdentical()
{
    const QString path = fixture(QStringLiteral("themeunittestdata.wordpress.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/themeunittestdata.wordpress.xml is absent");
    QVERIFY_OK(WxrImporter(*m_db).importFile(path));

    // An independent reading of the raw text: each item's post id and its CDATA body.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString raw = QString::fromUtf8(f.readAll());
    const QRegularExpression itemRe(QStringLiteral("<item>(.*?)</item>"), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpression idRe(QStringLiteral("<wp:post_id>(\\d+)</wp:post_id>"));
    const QRegularExpression typeRe(QStringLiteral("<wp:post_type>(?:<!\\[CDATA\\[)?(\\w+)"));
    const QRegularExpression bodyRe(QStringLiteral("<content:encoded>(.*?)</content:encoded>"),
                                    QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpression titleRe(QStringLiteral("<title>(.*?)</title>"), QRegularExpression::DotMatchesEverythingOption);
    int compared = 0;
    auto it = itemRe.globalMatch(raw);
    while (it.hasNext()) {
        const QString item = it.next().captured(1);
        const QString type = typeRe.match(item).captured(1);
        if (type != QLatin1String("post") && type != QLatin1String("page"))
            continue;
        const QString id = idRe.match(item).captured(1);
        const QString body = xmlText(bodyRe.match(item).captured(1));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.prepare(QStringLiteral("SELECT body, title FROM articles WHERE wp_post_id = ?")));
        q.addBindValue(id.toLongLong());
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toString().toUtf8(), body.toUtf8());
        QCOMPARE(q.value(1).toString(), xmlText(titleRe.match(item).captured(1)));
        ++compared;
    }
    QCOMPARE(compared, 79);
}

void TestWxrImporter::reimportIsIdempotent()
{
    const QString path = fixture(QStringLiteral("themeunittestdata.wordpress.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/themeunittestdata.wordpress.xml is absent");
    WxrImporter importer(*m_db);
    auto first = importer.importFile(path);
    QVERIFY_OK(first);
    QCOMPARE(first->articlesChanged, 79);
    const QString snapshot = QStringLiteral(
        "SELECT (SELECT count(*) FROM articles) || '/' || (SELECT count(*) FROM authors) || '/' || "
        "(SELECT count(*) FROM tags) || '/' || (SELECT count(*) FROM images) || '/' || "
        "(SELECT count(*) FROM article_revisions) || '/' || (SELECT count(*) FROM article_tags) || '/' || "
        "(SELECT group_concat(slug) FROM (SELECT slug FROM articles ORDER BY id))");
    const QString before = scalar(snapshot).toString();
    auto second = importer.importFile(path);
    QVERIFY_OK(second);
    QCOMPARE(second->articlesChanged, 0);
    QCOMPARE(scalar(snapshot).toString(), before);

    // A changed article in the newsroom is brought back to the file's version, not duplicated.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE articles SET body = 'edited' WHERE id = (SELECT min(id) FROM articles)")));
    auto third = importer.importFile(path);
    QVERIFY_OK(third);
    QCOMPARE(third->articlesChanged, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles")), 79);
}

void TestWxrImporter::wordpressImporterFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("posts");
    QTest::addColumn<int>("authors");
    QTest::newRow("1.1") << "valid-wxr-1.1.xml" << 2 << 1;
    QTest::newRow("1.0, authors from dc:creator") << "valid-wxr-1.0.xml" << 6 << 1;
    QTest::newRow("300 authors") << "large-authors.xml" << -1 << 300;
}

void TestWxrImporter::wordpressImporterFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, posts);
    QFETCH(int, authors);
    const QString path = fixture(file);
    if (path.isEmpty())
        QSKIP("shared WXR fixtures are absent");
    auto report = WxrImporter(*m_db).importFile(path);
    QVERIFY_OK(report);
    if (posts >= 0) {
        // WordPress's importer counts posts of every type (here posts and pages).
        QCOMPARE(report->posts + report->pages, posts);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles")), posts);
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM authors")), authors);
}

void TestWxrImporter::refusedFilesWriteNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("malformed") << "malformed.xml" << "line";
    QTest::newRow("missing version") << "missing-version-tag.xml" << "does not appear to be a WXR file";
    QTest::newRow("invalid version") << "invalid-version-tag.xml" << "does not appear to be a WXR file";
}

void TestWxrImporter::refusedFilesWriteNothing()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    const QString path = fixture(file);
    if (path.isEmpty())
        QSKIP("shared WXR fixtures are absent");
    auto report = WxrImporter(*m_db).importFile(path);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(reason), qPrintable(report.error()));
    QVERIFY2(report.error().contains(QLatin1String(file.toLatin1())), qPrintable(report.error()));
    QCOMPARE(count(QStringLiteral("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM authors) + "
                                  "(SELECT count(*) FROM tags) + (SELECT count(*) FROM images) + "
                                  "(SELECT count(*) FROM image_blobs)")),
             0);
}

void TestWxrImporter::cancelRollsBack()
{
    const QString path = fixture(QStringLiteral("themeunittestdata.wordpress.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/themeunittestdata.wordpress.xml is absent");
    int calls = 0;
    qint64 lastDone = 0, lastTotal = 0;
    WxrImportOptions options;
    options.progress = [&](qint64 done, qint64 total) {
        lastDone = done;
        lastTotal = total;
        return ++calls < 50;
    };
    auto report = WxrImporter(*m_db).importFile(path, options);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(QLatin1String("cancelled")), qPrintable(report.error()));
    QCOMPARE(calls, 50);
    QCOMPARE(lastTotal, QFileInfo(path).size());
    QVERIFY(lastDone > 0 && lastDone < lastTotal);
    QCOMPARE(count(QStringLiteral("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM authors) + "
                                  "(SELECT count(*) FROM tags) + (SELECT count(*) FROM images)")),
             0);
}

void TestWxrImporter::namespacesMatchByUri()
{
    const QString path = fixture(QStringLiteral("namespace-edge-cases.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/namespace-edge-cases.xml is absent");
    auto report = WxrImporter(*m_db).importFile(path);
    QVERIFY_OK(report);
    // Authors in foreign namespaces are not WordPress authors, whatever their prefix.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM authors WHERE slug IN ('real_user', 'version_conflict')")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM authors WHERE slug IN ('fake_ns_user', 'custom_user')")), 0);
    // The first wp:post_id counts; a hijacked wp prefix gives no id, so that item is skipped.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE wp_post_id = 1")), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE wp_post_id IN (5, 999)")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE wp_post_id = 2")), 1);
    QCOMPARE(report->itemsWithoutId, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tags WHERE slug IN ('old-version', 'new-version')")), 2);
}

void TestWxrImporter::cdataEdge()
{
    const QString path = fixture(QStringLiteral("cdata-edge.xml"));
    if (path.isEmpty())
        QSKIP("shared fixture wxr/cdata-edge.xml is absent");
    QVERIFY_OK(WxrImporter(*m_db).importFile(path));
    QCOMPARE(scalar(QStringLiteral("SELECT body FROM articles")).toString(), QStringLiteral("ends with sequence ]] >"));
}

void TestWxrImporter::statusesDatesAndMedia()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    QTemporaryDir outer;
    const QString media = outer.filePath(QStringLiteral("media"));
    QVERIFY(QDir().mkpath(media + QStringLiteral("/2024/01")));
    QImage img(4, 3, QImage::Format_RGB32);
    img.fill(Qt::blue);
    QVERIFY(img.save(media + QStringLiteral("/2024/01/river.png")));
    QVERIFY(img.save(outer.filePath(QStringLiteral("secret.png")))); // outside the media folder

    WxrImportOptions options;
    options.mediaDir = media;
    auto report = WxrImporter(*m_db).importFile(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")), options);
    QVERIFY_OK(report);
    QCOMPARE(report->posts, 5);
    QCOMPARE(report->pages, 1);
    QCOMPARE(report->attachments, 3);
    QCOMPARE(report->attachmentsWithoutFile, 2);
    QCOMPARE(report->skippedPostTypes.value(QStringLiteral("nav_menu_item")), 1);

    const auto statusOf = [&](int wpId) {
        return scalar(QStringLiteral("SELECT status FROM articles WHERE wp_post_id = %1").arg(wpId)).toString();
    };
    QCOMPARE(statusOf(100), QStringLiteral("published"));
    QCOMPARE(statusOf(101), QStringLiteral("scheduled"));
    QCOMPARE(statusOf(102), QStringLiteral("draft"));
    QCOMPARE(statusOf(103), QStringLiteral("ready"));
    QCOMPARE(statusOf(104), QStringLiteral("draft"));
    QCOMPARE(statusOf(105), QStringLiteral("spiked"));
    QCOMPARE(scalar(QStringLiteral("SELECT post_type FROM articles WHERE wp_post_id = 105")).toString(), QStringLiteral("page"));

    // GMT date wins; without it the local date is read in the newsroom's zone (Almaty, UTC+5).
    QCOMPARE(scalar(QStringLiteral("SELECT published_at FROM articles WHERE wp_post_id = 100")).toLongLong(),
             QDateTime(QDate(2024, 1, 15), QTime(6, 0), Qt::UTC).toSecsSinceEpoch());
    QCOMPARE(scalar(QStringLiteral("SELECT scheduled_at FROM articles WHERE wp_post_id = 101")).toLongLong(),
             QDateTime(QDate(2030, 6, 1), QTime(4, 30), Qt::UTC).toSecsSinceEpoch());
    // The same post_name twice: the second gets a unique slug.
    QCOMPARE(scalar(QStringLiteral("SELECT slug FROM articles WHERE wp_post_id = 101")).toString(), QStringLiteral("almaty-water-2"));
    QCOMPARE(scalar(QStringLiteral("SELECT title FROM articles WHERE wp_post_id = 100")).toString(),
             QStringLiteral("Almaty water & the river"));
    QVERIFY(scalar(QStringLiteral("SELECT body FROM articles WHERE wp_post_id = 100")).toString().contains(QLatin1String("A river ]]> split")));

    // Author with names, terms and the featured image.
    QCOMPARE(scalar(QStringLiteral("SELECT display_name FROM authors WHERE slug = 'aigerim'")).toString(),
             QStringLiteral("Әйгерім Сәрсенбаева"));
    QCOMPARE(scalar(QStringLiteral("SELECT last_name FROM wp_author_names")).toString(), QStringLiteral("Сәрсенбаева"));
    QCOMPARE(scalar(QStringLiteral("SELECT group_concat(t.taxonomy || ':' || t.slug) FROM article_tags x JOIN tags t "
                                   "ON t.id = x.tag_id JOIN articles a ON a.id = x.article_id WHERE a.wp_post_id = 100"))
                 .toString(),
             QStringLiteral("category:regions,post_tag:water"));
    QCOMPARE(scalar(QStringLiteral("SELECT i.wp_attachment_id FROM articles a JOIN images i ON i.id = a.featured_image_id "
                                   "WHERE a.wp_post_id = 100"))
                 .toLongLong(),
             10);

    // The found file is stored with its real size; the others are metadata only.
    QCOMPARE(scalar(QStringLiteral("SELECT i.width || 'x' || i.height || ' ' || i.mime_type || ' ' || i.alt_text || "
                                   "' / ' || i.caption FROM images i WHERE wp_attachment_id = 10"))
                 .toString(),
             QStringLiteral("4x3 image/png A river under snow / The Ili at dawn"));
    QVERIFY(count(QStringLiteral("SELECT b.byte_size FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 "
                                 "WHERE wp_attachment_id = 10"))
            > 0);
    QCOMPARE(count(QStringLiteral("SELECT b.byte_size FROM images i JOIN image_blobs b ON b.sha256 = i.sha256 "
                                  "WHERE wp_attachment_id = 12")),
             0);
    QCOMPARE(scalar(QStringLiteral("SELECT attached_file FROM wp_attachments w JOIN images i ON i.id = w.image_id "
                                   "WHERE i.wp_attachment_id = 11"))
                 .toString(),
             QStringLiteral("2024/01/gone.jpg"));

    // Re-importing with the missing file now present fills its bytes in, without a new record.
    QVERIFY(img.save(media + QStringLiteral("/2024/01/gone.jpg"), "JPEG"));
    auto again = WxrImporter(*m_db).importFile(testsupport::testData(QStringLiteral("wxr/newsroom-sample.xml")), options);
    QVERIFY_OK(again);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM images")), 3);
    QCOMPARE(scalar(QStringLiteral("SELECT mime_type FROM images WHERE wp_attachment_id = 11")).toString(),
             QStringLiteral("image/jpeg"));
}

namespace {

// A small export: two posts and an attachment, with the words given.
QByteArray smallExport(const QString &firstBody, const QString &secondBody, const QString &imageTitle)
{
    const QString xml = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version>"
        "<item><title>First story</title><dc:creator>editor</dc:creator>"
        "<content:encoded><![CDATA[%1]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
        "<wp:post_id>11</wp:post_id><wp:post_date_gmt>2024-01-02 10:00:00</wp:post_date_gmt>"
        "<wp:post_name>first-story</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>31</wp:meta_value></wp:postmeta></item>"
        "<item><title>Second story</title><dc:creator>editor</dc:creator>"
        "<content:encoded><![CDATA[%2]]></content:encoded>"
        "<wp:post_id>12</wp:post_id><wp:post_name>second-story</wp:post_name><wp:status>draft</wp:status>"
        "<wp:post_type>post</wp:post_type></item>"
        "<item><title>%3</title><wp:post_id>31</wp:post_id><wp:post_type>attachment</wp:post_type>"
        "<wp:attachment_url>https://example.invalid/river.jpg</wp:attachment_url></item>"
        "</channel></rss>\n");
    return xml.arg(firstBody, secondBody, imageTitle).toUtf8();
}

QStringList titlesFound(SearchRepository &search, const QString &words)
{
    QStringList out;
    const auto hits = search.articles(SearchQuery::parse(words), 0, 20);
    if (!hits)
        return {hits.error()};
    for (const ArticleHit &h : *hits)
        out << h.title;
    return out;
}

QStringList imagesFound(SearchRepository &search, const QString &words)
{
    QStringList out;
    const auto hits = search.images(SearchQuery::parse(words), 0, 20);
    if (!hits)
        return {hits.error()};
    for (const ImageHit &h : *hits)
        out << h.title;
    return out;
}

} // namespace

void TestWxrImporter::searchIndexInStepAfterImport()
{
    // The import indexes what it wrote once, at the end; the index must agree with the rows
    // when it commits, on a first import and on a re-import that changes the text.
    const QString path = m_dir.filePath(QStringLiteral("search.xml"));
    auto write = [&](const QByteArray &bytes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
    };
    // The second body has a caption without a credit and one with.
    const QString second = QStringLiteral("<p>Steppe weather turns.</p>[caption id=\"attachment_7\" width=\"300\"]"
                                          "<img src=\"x.jpg\" /> A heron, no credit[/caption]"
                                          "[caption width=\"300\"]<img src=\"y.jpg\" /> Dusk. Image: Field Desk[/caption]");
    write(smallExport(QStringLiteral("<p>The <b>aurochs</b> grazed by the river.</p>"), second,
                      QStringLiteral("Kingfisher at dawn")));
    const qint64 triggers = count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"));
    QVERIFY(triggers > 0);
    // While it writes, the import keeps its pages and statement journals in memory; after
    // it, the connection is back to its everyday settings.
    const qint64 everydayCache = count(QStringLiteral("PRAGMA cache_size"));
    QCOMPARE(everydayCache, -qint64(SqliteDialect::kCacheKiB));
    QCOMPARE(count(QStringLiteral("PRAGMA temp_store")), 0);
    QList<qint64> cacheWhileWriting, tempStoreWhileWriting;
    WxrImportOptions watched;
    watched.progress = [&](qint64, qint64) {
        cacheWhileWriting << count(QStringLiteral("PRAGMA cache_size"));
        tempStoreWhileWriting << count(QStringLiteral("PRAGMA temp_store"));
        return true;
    };
    QVERIFY_OK(WxrImporter(*m_db).importFile(path, watched));
    QVERIFY(!cacheWhileWriting.isEmpty());
    QCOMPARE(cacheWhileWriting.constLast(), -qint64(SqliteDialect::kBulkWriteCacheKiB));
    QCOMPARE(tempStoreWhileWriting.constLast(), 2); // MEMORY
    QCOMPARE(count(QStringLiteral("PRAGMA cache_size")), everydayCache);
    QCOMPARE(count(QStringLiteral("PRAGMA temp_store")), 0);
    SearchRepository search(*m_db);
    QCOMPARE(search.indexProblems().valueOr(QStringLiteral("failed")), QString());
    QCOMPARE(titlesFound(search, QStringLiteral("aurochs")), QStringList{QStringLiteral("First story")});
    QCOMPARE(titlesFound(search, QStringLiteral("weather")), QStringList{QStringLiteral("Second story")});
    QCOMPARE(imagesFound(search, QStringLiteral("kingfisher")), QStringList{QStringLiteral("Kingfisher at dawn")});
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")), triggers);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles WHERE featured_image_id IS NOT NULL")), 1);
    // The figures the import wrote in place of the stats triggers are theirs, row for row.
    const QString figuresAsTriggersWouldWrite = QStringLiteral(
        "SELECT count(*) FROM articles a JOIN article_stats s ON s.article_id = a.id "
        "WHERE s.word_count = byline_word_count(a.body) AND s.missing_credits = byline_missing_credits(a.body)");
    QCOMPARE(count(figuresAsTriggersWouldWrite), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM article_stats")), 2);
    QVERIFY(count(QStringLiteral("SELECT min(word_count) FROM article_stats")) > 0);
    QCOMPARE(count(QStringLiteral("SELECT sum(missing_credits) FROM article_stats")), 1);
    QCOMPARE(titlesFound(search, QStringLiteral("credit:\"field desk\"")), QStringList{QStringLiteral("Second story")});

    // Re-import: the changed article loses its old word and gains the new one, the unchanged
    // one stays found, the renamed image too; nothing is duplicated.
    write(smallExport(QStringLiteral("<p>The <b>saiga</b> crossed the river.</p>"), second,
                      QStringLiteral("Heron at dusk")));
    auto again = WxrImporter(*m_db).importFile(path);
    QVERIFY_OK(again);
    QCOMPARE(again->articlesChanged, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM articles")), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM images")), 1);
    QCOMPARE(search.indexProblems().valueOr(QStringLiteral("failed")), QString());
    QCOMPARE(titlesFound(search, QStringLiteral("aurochs")), QStringList());
    QCOMPARE(titlesFound(search, QStringLiteral("saiga")), QStringList{QStringLiteral("First story")});
    QCOMPARE(titlesFound(search, QStringLiteral("weather")), QStringList{QStringLiteral("Second story")});
    QCOMPARE(imagesFound(search, QStringLiteral("kingfisher")), QStringList());
    QCOMPARE(imagesFound(search, QStringLiteral("heron")), QStringList{QStringLiteral("Heron at dusk")});
    QCOMPARE(count(figuresAsTriggersWouldWrite), 2);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM article_stats")), 2);

    // The row-by-row triggers are back for every other writer.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")), triggers);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE articles SET body = '<p>A tarpan appeared.</p>' WHERE wp_post_id = 12")));
    QCOMPARE(titlesFound(search, QStringLiteral("tarpan")), QStringList{QStringLiteral("Second story")});
    QCOMPARE(titlesFound(search, QStringLiteral("weather")), QStringList());
    QCOMPARE(search.indexProblems().valueOr(QStringLiteral("failed")), QString());
}

void TestWxrImporter::searchTriggersSurviveARefusedFile()
{
    const qint64 triggers = count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"));
    // Well-formed up to the last item, then broken: the items before it were written and
    // must all go, and the triggers set aside for the import must come back.
    QByteArray bytes = smallExport(QStringLiteral("<p>Aurochs.</p>"), QStringLiteral("<p>Weather.</p>"),
                                   QStringLiteral("Kingfisher"));
    bytes.replace("</channel></rss>", "<item><title>broken</title></channel></rss>");
    const QString path = m_dir.filePath(QStringLiteral("broken.xml"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    auto report = WxrImporter(*m_db).importFile(path);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(QLatin1String("line")), qPrintable(report.error()));
    QCOMPARE(count(QStringLiteral("SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM images)")), 0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")), triggers);
    QCOMPARE(count(QStringLiteral("PRAGMA cache_size")), -qint64(SqliteDialect::kCacheKiB));
    QCOMPARE(count(QStringLiteral("PRAGMA temp_store")), 0);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO articles (title, slug, body, created_at, updated_at) "
                                  "VALUES ('Later', 'later', '<p>Tarpan.</p>', 0, 0)")));
    SearchRepository search(*m_db);
    QCOMPARE(titlesFound(search, QStringLiteral("tarpan")), QStringList{QStringLiteral("Later")});
    QCOMPARE(search.indexProblems().valueOr(QStringLiteral("failed")), QString());
}

QTEST_GUILESS_MAIN(TestWxrImporter)
#include "tst_wxrimporter.moc"
