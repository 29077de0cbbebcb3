#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "exchangerepository.h"
#include "exporter.h"
#include "imagerepository.h"
#include "settingsrepository.h"
#include "testsupport.h"
#include "wxrexporter.h"
#include "wxrimporter.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace byline;

// The WXR export: WordPress-readable XML with exact prefixes, a round trip that keeps bodies
// byte for byte, media that cannot escape its folder, and exports that are all or nothing.
class TestWxrExporter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void registryKnowsWxr();
    void roundTripKeepsBodies();
    void wellFormedWithExactPrefixes();
    void mediaStaysInsideAndCarriesCredit();
    void selectionAndIncremental();
    void cancelledExportKeepsPrevious();
    void failedMediaFileKeepsPrevious();
    void imagesNamedInBodiesTravel();
    void textXmlCannotCarryFails();

private:
    std::unique_ptr<Database> openDb(const QString &name);
    Result<ExportReport> exportTo(Database &db, const QString &dir, ExportRequest request = {});
    QVariant scalar(Database &db, const QString &sql);
    QByteArray readAll(const QString &path);
    void seed();
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

std::unique_ptr<Database> TestWxrExporter::openDb(const QString &name)
{
    auto db = Database::open(m_dir.filePath(name));
    if (!db)
        return nullptr;
    return std::move(db).value();
}

void TestWxrExporter::init()
{
    m_db = openDb(QStringLiteral("e%1.byline").arg(++m_counter));
    QVERIFY(m_db);
}

void TestWxrExporter::cleanup()
{
    m_db.reset();
}

QVariant TestWxrExporter::scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

QByteArray TestWxrExporter::readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Result<ExportReport> TestWxrExporter::exportTo(Database &db, const QString &dir, ExportRequest request)
{
    auto exporter = ExporterRegistry::create(QStringLiteral("wxr"));
    request.outputDir = dir;
    return exporter->run(db, request);
}

// A newsroom with a body holding "]]>", an image whose name tries to climb out of the media
// folder, an author with a bio, and a scheduled article.
void TestWxrExporter::seed()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kBaseUrl, QStringLiteral("https://steppe.example/")));
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    Author author;
    author.slug = QStringLiteral("dana");
    author.displayName = QStringLiteral("Дана Әлиева");
    author.roleLine = QStringLiteral("Regional Editor");
    author.bio = QStringLiteral("Пишет о воде.\n\nAnd rivers.");
    QVERIFY_OK(AuthorRepository(*m_db).insert(author));

    QImage img(5, 4, QImage::Format_RGB32);
    img.fill(Qt::red);
    QByteArray png;
    QBuffer buf(&png);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    Image meta;
    meta.mimeType = QStringLiteral("image/png");
    meta.originalFileName = QStringLiteral("../../escape.png");
    meta.title = QStringLiteral("Escape");
    meta.caption = QStringLiteral("Reeds on the Ili");
    meta.creditLine = QStringLiteral("Dana Alieva");
    meta.altText = QStringLiteral("Reeds");
    auto stored = ImageRepository(*m_db).store(png, meta);
    QVERIFY_OK(stored);

    Article a;
    a.title = QStringLiteral("Water & <reeds>");
    a.body = QStringLiteral("<p>Before ]]> after</p>\r\n[caption]x[/caption] ]]]]> end");
    a.excerpt = QStringLiteral("Short ]]> excerpt");
    a.status = ArticleStatus::Published;
    a.publishedAt = QDateTime(QDate(2024, 3, 2), QTime(7, 0), Qt::UTC);
    a.authorIds = {author.id};
    a.tags = {QStringLiteral("Water"), QStringLiteral("Ili")};
    a.featuredImageId = stored->id;
    QVERIFY_OK(ArticleRepository(*m_db).insert(a));

    Article s;
    s.title = QStringLiteral("Later");
    s.body = QStringLiteral("Soon.");
    s.status = ArticleStatus::Scheduled;
    s.postType = PostType::Page;
    s.scheduledAt = QDateTime(QDate(2030, 1, 1), QTime(3, 0), Qt::UTC);
    s.authorIds = {author.id};
    QVERIFY_OK(ArticleRepository(*m_db).insert(s));

    Article d;
    d.title = QStringLiteral("Draft");
    d.slug = QStringLiteral("byline-draft-in-edit");
    d.status = ArticleStatus::InEdit;
    d.authorIds = {author.id};
    QVERIFY_OK(ArticleRepository(*m_db).insert(d));
}

void TestWxrExporter::registryKnowsWxr()
{
    QVERIFY(ExporterRegistry::formats().contains(QStringLiteral("wxr")));
    QVERIFY(!ExporterRegistry::create(QStringLiteral("nope")));
    auto e = ExporterRegistry::create(QStringLiteral("wxr"));
    QVERIFY(e);
    QCOMPARE(e->formatId(), QStringLiteral("wxr"));
}

void TestWxrExporter::roundTripKeepsBodies()
{
    const QString theme = testsupport::sharedFixture(QStringLiteral("wxr/themeunittestdata.wordpress.xml"));
    if (!QFile::exists(theme))
        QSKIP("shared fixture wxr/themeunittestdata.wordpress.xml is absent");
    QVERIFY_OK(WxrImporter(*m_db).importFile(theme));
    seed();
    QTemporaryDir out;
    auto report = exportTo(*m_db, out.filePath(QStringLiteral("web")));
    QVERIFY_OK(report);
    QCOMPARE(report->articles, 82);

    auto copy = openDb(QStringLiteral("copy%1.byline").arg(m_counter));
    QVERIFY(copy);
    WxrImportOptions options;
    options.mediaDir = out.filePath(QStringLiteral("web/media"));
    auto back = WxrImporter(*copy).importFile(report->mainFile, options);
    QVERIFY_OK(back);
    QCOMPARE(back->posts + back->pages, 82);

    const QString rows = QStringLiteral("SELECT group_concat(wp_post_id || '|' || post_type || '|' || status || '|' || slug || '|' "
                                        "|| title || '|' || excerpt || '|' || body || '|' || "
                                        "coalesce(published_at, '') || '|' || coalesce(scheduled_at, ''), '#') "
                                        "FROM (SELECT * FROM articles ORDER BY wp_post_id)");
    QString original = scalar(*m_db, rows).toString();
    // In-edit has no WordPress status of its own: it travels as draft.
    original.replace(QStringLiteral("|edit|"), QStringLiteral("|draft|"));
    const QStringList want = original.split(QLatin1Char('#'));
    const QStringList got = scalar(*copy, rows).toString().split(QLatin1Char('#'));
    QCOMPARE(got.size(), want.size());
    for (int i = 0; i < want.size(); ++i)
        QCOMPARE(got.at(i), want.at(i));
    QCOMPARE(scalar(*copy, QStringLiteral("SELECT body FROM articles WHERE title = 'Water & <reeds>'")).toString(),
             QStringLiteral("<p>Before ]]> after</p>\r\n[caption]x[/caption] ]]]]> end"));
    const QString terms = QStringLiteral("SELECT group_concat(taxonomy || ':' || slug || ':' || name) FROM (SELECT * FROM tags ORDER BY taxonomy, slug)");
    QCOMPARE(scalar(*copy, terms).toString(), scalar(*m_db, terms).toString());
    QCOMPARE(scalar(*copy, QStringLiteral("SELECT count(*) FROM authors")), scalar(*m_db, QStringLiteral("SELECT count(*) FROM authors")));
    // Featured image and its bytes came back through the media folder.
    const QString featured = QStringLiteral("SELECT i.wp_attachment_id || ' ' || b.byte_size FROM articles a JOIN images i ON "
                                            "i.id = a.featured_image_id JOIN image_blobs b ON b.sha256 = i.sha256 "
                                            "WHERE a.title = 'Water & <reeds>'");
    QCOMPARE(scalar(*copy, featured).toString(), scalar(*m_db, featured).toString());
    // Attachment ids are kept, and new ones were given above all WordPress ids in use.
    QVERIFY(scalar(*m_db, QStringLiteral("SELECT min(wp_attachment_id) FROM images WHERE title = 'Escape'")).toLongLong()
            > scalar(*m_db, QStringLiteral("SELECT max(wp_post_id) FROM articles WHERE wp_guid IS NOT NULL")).toLongLong());
    QCOMPARE(scalar(*copy, QStringLiteral("SELECT group_concat(wp_attachment_id) FROM (SELECT wp_attachment_id FROM images ORDER BY 1)")),
             scalar(*m_db, QStringLiteral("SELECT group_concat(wp_attachment_id) FROM (SELECT wp_attachment_id FROM images ORDER BY 1)")));
}

void TestWxrExporter::wellFormedWithExactPrefixes()
{
    seed();
    QTemporaryDir out;
    auto report = exportTo(*m_db, out.filePath(QStringLiteral("web")));
    QVERIFY_OK(report);
    const QByteArray raw = readAll(report->mainFile);
    QVERIFY(!raw.contains("<!DOCTYPE"));
    QVERIFY(raw.contains("xmlns:wp=\"http://wordpress.org/export/1.2/\""));
    QVERIFY(raw.contains("xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\""));
    QVERIFY(raw.contains("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""));
    QVERIFY(raw.contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\""));
    QVERIFY(raw.contains("<wp:wxr_version>1.2</wp:wxr_version>"));
    QVERIFY(raw.contains("<wp:base_site_url>https://steppe.example</wp:base_site_url>"));
    // "]]>" is split across two CDATA sections, never left to end one early.
    QVERIFY(raw.contains("<![CDATA[<p>Before ]]]]><![CDATA[> after"));
    QVERIFY(raw.contains("<wp:status><![CDATA[future]]></wp:status>"));
    QVERIFY(raw.contains("<wp:post_type><![CDATA[page]]></wp:post_type>"));
    QVERIFY(raw.contains("<category domain=\"post_tag\" nicename=\"water\"><![CDATA[Water]]></category>"));
    QVERIFY(raw.contains("<dc:creator><![CDATA[dana]]></dc:creator>"));
    // The scheduled page's local date is in the newsroom's zone (Almaty, UTC+5).
    QVERIFY(raw.contains("<wp:post_date><![CDATA[2030-01-01 08:00:00]]></wp:post_date>"));
    QVERIFY(raw.contains("<wp:post_date_gmt><![CDATA[2030-01-01 03:00:00]]></wp:post_date_gmt>"));

    const QSet<QString> allowed{QString(), QStringLiteral("wp"), QStringLiteral("content"), QStringLiteral("excerpt"),
                                QStringLiteral("dc")};
    QXmlStreamReader r(raw);
    int items = 0;
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement)
            continue;
        QVERIFY2(allowed.contains(r.prefix().toString()), qPrintable(r.qualifiedName().toString()));
        if (r.name() == QLatin1String("item"))
            ++items;
    }
    QVERIFY2(!r.hasError(), qPrintable(r.errorString()));
    QCOMPARE(items, 4); // three articles and one attachment

    const QJsonObject authors = QJsonDocument::fromJson(readAll(out.filePath(QStringLiteral("web/authors.json")))).object();
    const QJsonObject dana = authors.value(QStringLiteral("authors")).toArray().first().toObject();
    QCOMPARE(dana.value(QStringLiteral("login")).toString(), QStringLiteral("dana"));
    QCOMPARE(dana.value(QStringLiteral("bio")).toString(), QStringLiteral("Пишет о воде.\n\nAnd rivers."));
    QCOMPARE(dana.value(QStringLiteral("role")).toString(), QStringLiteral("Regional Editor"));
}

void TestWxrExporter::mediaStaysInsideAndCarriesCredit()
{
    seed();
    QTemporaryDir out;
    auto report = exportTo(*m_db, out.filePath(QStringLiteral("web")));
    QVERIFY_OK(report);
    // Only the export folder exists beside it: nothing climbed out through "../../".
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("web")});
    const QStringList media = QDir(out.filePath(QStringLiteral("web/media"))).entryList(QDir::Files);
    QCOMPARE(media.size(), 1);
    QVERIFY2(media.first().endsWith(QLatin1String("-escape.png")), qPrintable(media.first()));
    const QByteArray raw = readAll(report->mainFile);
    QVERIFY(raw.contains("<excerpt:encoded><![CDATA[Reeds on the Ili Image: Dana Alieva]]></excerpt:encoded>"));
    QVERIFY(raw.contains(QByteArray("<wp:meta_value><![CDATA[" + media.first().toUtf8() + "]]></wp:meta_value>")));
    QVERIFY(raw.contains(QByteArray("<wp:attachment_url><![CDATA[https://steppe.example/wp-content/uploads/" + media.first().toUtf8())));
    QVERIFY(raw.contains("<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"));

    QCOMPARE(safeFileName(QStringLiteral("../../etc/passwd"), QStringLiteral("x")), QStringLiteral("passwd"));
    QCOMPARE(safeFileName(QStringLiteral(".."), QStringLiteral("x")), QStringLiteral("x"));
    QCOMPARE(safeFileName(QStringLiteral("..\\..\\win.ini"), QStringLiteral("x")), QStringLiteral("win.ini"));
}

void TestWxrExporter::selectionAndIncremental()
{
    seed();
    QTemporaryDir out;
    ExportRequest published;
    published.selection.status = ArticleStatus::Published;
    auto onlyPublished = exportTo(*m_db, out.filePath(QStringLiteral("p")), published);
    QVERIFY_OK(onlyPublished);
    QCOMPARE(onlyPublished->articles, 1);
    QCOMPARE(onlyPublished->images, 1); // the featured image travels with it

    // Everything looks older than the first full export, so the next incremental one is empty.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE articles SET updated_at = updated_at - 100")));
    QVERIFY_OK(exportTo(*m_db, out.filePath(QStringLiteral("full"))));
    ExportRequest changed;
    changed.onlyChangedSinceLastExport = true;
    auto none = exportTo(*m_db, out.filePath(QStringLiteral("inc1")), changed);
    QVERIFY_OK(none);
    QCOMPARE(none->articles, 0);
    QVERIFY(q.exec(QStringLiteral("UPDATE articles SET updated_at = updated_at + 1000 WHERE title = 'Later'")));
    auto one = exportTo(*m_db, out.filePath(QStringLiteral("inc2")), changed);
    QVERIFY_OK(one);
    QCOMPARE(one->articles, 1);
    QVERIFY(readAll(one->mainFile).contains("<title>Later</title>"));
}

void TestWxrExporter::cancelledExportKeepsPrevious()
{
    seed();
    QTemporaryDir out;
    const QString dir = out.filePath(QStringLiteral("web"));
    auto first = exportTo(*m_db, dir);
    QVERIFY_OK(first);
    const QByteArray before = readAll(first->mainFile);
    QVERIFY(!before.isEmpty());

    Article extra;
    extra.title = QStringLiteral("Extra");
    QVERIFY_OK(ArticleRepository(*m_db).insert(extra));
    ExportRequest request;
    int calls = 0;
    request.progress = [&](qint64, qint64) { return ++calls < 3; };
    auto cancelled = exportTo(*m_db, dir, request);
    QVERIFY(!cancelled.ok());
    QVERIFY2(cancelled.error().contains(QLatin1String("cancelled")), qPrintable(cancelled.error()));
    QCOMPARE(readAll(dir + QStringLiteral("/export.xml")), before);
    // No staging folder is left behind.
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("web")});
}

// Media files are written by a worker thread while the XML is written; when one of them
// cannot be written the export fails as a whole and the previous one stays.
void TestWxrExporter::failedMediaFileKeepsPrevious()
{
    seed();
    QTemporaryDir out;
    const QString dir = out.filePath(QStringLiteral("web"));
    auto first = exportTo(*m_db, dir);
    QVERIFY_OK(first);
    const QByteArray before = readAll(first->mainFile);
    const QStringList mediaBefore = QDir(dir + QStringLiteral("/media")).entryList(QDir::Files);
    QCOMPARE(mediaBefore.size(), 1);

    // A picture that says it is a JPEG but is not: the credits cannot be written into it.
    AttachmentRecord broken;
    broken.image.mimeType = QStringLiteral("image/jpeg");
    broken.image.originalFileName = QStringLiteral("broken.jpg");
    broken.image.title = QStringLiteral("Broken");
    broken.image.creditLine = QStringLiteral("Nobody");
    broken.image.wpAttachmentId = 9001;
    const QByteArray junk = QByteArray("\xFF\xD8\xFF") + QByteArray(64, 'x');
    QVERIFY_OK(ExchangeRepository(*m_db).saveAttachment(broken, &junk));

    auto failed = exportTo(*m_db, dir);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(QLatin1String("broken.jpg")), qPrintable(failed.error()));
    QCOMPARE(readAll(dir + QStringLiteral("/export.xml")), before);
    QCOMPARE(QDir(dir + QStringLiteral("/media")).entryList(QDir::Files), mediaBefore);
    // Neither a staging folder nor a half-written export is left behind.
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("web")});
}

// A selection takes the pictures its bodies name ("wp-image-N", "attachment_N"), in the order
// they are named, each parented to the first article naming it.
void TestWxrExporter::imagesNamedInBodiesTravel()
{
    QImage img(3, 3, QImage::Format_RGB32);
    img.fill(Qt::blue);
    QByteArray png;
    QBuffer buf(&png);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    QList<qint64> wpIds;
    for (int i = 0; i < 4; ++i) {
        Image meta;
        meta.mimeType = QStringLiteral("image/png");
        meta.originalFileName = QStringLiteral("pic%1.png").arg(i);
        meta.title = QStringLiteral("Picture %1").arg(i);
        meta.wpAttachmentId = 700 + i;
        img.setPixel(0, 0, qRgb(i, 0, 0)); // distinct bytes
        png.clear();
        buf.seek(0);
        img.save(&buf, "PNG");
        QVERIFY_OK(ImageRepository(*m_db).store(png, meta));
        wpIds << meta.wpAttachmentId;
    }
    Article a;
    a.title = QStringLiteral("Pictures");
    a.status = ArticleStatus::Published;
    a.publishedAt = QDateTime(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);
    a.body = QStringLiteral("<img class=\"wp-image-702\"> wp-image- wp-image-x [caption id=\"attachment_700\"]c[/caption] "
                            "wp-image-702 attachment_");
    QVERIFY_OK(ArticleRepository(*m_db).insert(a));
    Article other;
    other.title = QStringLiteral("Unpublished");
    other.body = QStringLiteral("wp-image-703");
    QVERIFY_OK(ArticleRepository(*m_db).insert(other));

    QTemporaryDir out;
    ExportRequest published;
    published.selection.status = ArticleStatus::Published;
    auto report = exportTo(*m_db, out.filePath(QStringLiteral("p")), published);
    QVERIFY_OK(report);
    QCOMPARE(report->images, 2);
    const QByteArray raw = readAll(report->mainFile);
    const qsizetype first = raw.indexOf("<wp:post_id>702</wp:post_id>");
    const qsizetype second = raw.indexOf("<wp:post_id>700</wp:post_id>");
    QVERIFY(first > 0 && second > first);
    QVERIFY(!raw.contains("<wp:post_id>701</wp:post_id>"));
    QVERIFY(!raw.contains("<wp:post_id>703</wp:post_id>"));
    const QByteArray parent = "<wp:post_parent>" + QByteArray::number(scalar(*m_db, QStringLiteral("SELECT wp_post_id FROM articles WHERE title = 'Pictures'")).toLongLong())
                              + "</wp:post_parent>";
    QCOMPARE(raw.count(parent), 2);
    QCOMPARE(QDir(out.filePath(QStringLiteral("p/media"))).entryList(QDir::Files).size(), 2);
}

// A title with a control character cannot be written as XML 1.0: the export fails and says
// why, and nothing is left behind.
void TestWxrExporter::textXmlCannotCarryFails()
{
    Article a;
    a.title = QStringLiteral("Bell \x07 title");
    a.body = QStringLiteral("Body");
    QVERIFY_OK(ArticleRepository(*m_db).insert(a));
    QTemporaryDir out;
    auto report = exportTo(*m_db, out.filePath(QStringLiteral("web")));
    QVERIFY(!report.ok());
    QVERIFY2(report.error().contains(QLatin1String("XML")), qPrintable(report.error()));
    QVERIFY(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

QTEST_MAIN(TestWxrExporter)
#include "tst_wxrexporter.moc"
