#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "exporter.h"
#include "imagemetadata.h"
#include "imagerepository.h"
#include "jsonschemacheck.h"
#include "settingsrepository.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// ninjs documents that IPTC's own schemas accept, checked by a validator that is itself shown
// to reject what the schemas forbid.
class TestNinjsExporter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void registryKnowsNinjs();
    void checkerKeywords();
    void checkerRejectsBrokenNinjs();
    void exportValidatesAgainstSchema_data();
    void exportValidatesAgainstSchema();
    void mapsArticleAndPictures();

private:
    void seed();
    static QJsonObject parse(const QString &inlineJson);
    static QString schemaPath(const QString &version);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestNinjsExporter::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("n%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestNinjsExporter::cleanup()
{
    m_db.reset();
}

QJsonObject TestNinjsExporter::parse(const QString &inlineJson)
{
    return QJsonDocument::fromJson(inlineJson.toUtf8()).object();
}

QString TestNinjsExporter::schemaPath(const QString &version)
{
    return testsupport::sharedFixture(QStringLiteral("ninjs/ninjs-schema_%1.json").arg(version));
}

void TestNinjsExporter::seed()
{
    QVERIFY_OK(SettingsRepository(*m_db).setValue(settingkeys::kBaseUrl, QStringLiteral("https://steppe.example/")));
    Author author;
    author.slug = QStringLiteral("dana");
    author.displayName = QStringLiteral("Дана Әлиева");
    author.roleLine = QStringLiteral("Regional Editor");
    QVERIFY_OK(AuthorRepository(*m_db).insert(author));
    Author second;
    second.slug = QStringLiteral("arman");
    second.displayName = QStringLiteral("Arman Sadykov");
    QVERIFY_OK(AuthorRepository(*m_db).insert(second));

    QImage img(40, 20, QImage::Format_RGB32);
    img.fill(Qt::darkYellow);
    QByteArray jpeg;
    QBuffer buf(&jpeg);
    buf.open(QIODevice::WriteOnly);
    QVERIFY(img.save(&buf, "JPG"));
    Image meta;
    meta.mimeType = QStringLiteral("image/jpeg");
    meta.width = 40;
    meta.height = 20;
    meta.originalFileName = QStringLiteral("../../steppe.jpg");
    meta.wpAttachmentId = 700;
    meta.title = QStringLiteral("Steppe");
    meta.caption = QStringLiteral("Feather grass near Shu");
    meta.creditLine = QStringLiteral("Steppe Ledger / Dana Alieva");
    meta.creator = QStringLiteral("Dana Alieva");
    meta.copyrightNotice = QStringLiteral("© 2025 The Steppe Ledger");
    meta.altText = QStringLiteral("Grass bent by wind");
    QVERIFY_OK(ImageRepository(*m_db).store(jpeg, meta));

    Article a;
    a.title = QStringLiteral("Қазақ даласы <b>");
    a.slug = QStringLiteral("../steppe");
    a.excerpt = QStringLiteral("Grass and wind.");
    a.body = QStringLiteral("Intro.\n\n[caption id=\"attachment_700\" align=\"alignnone\" width=\"40\"]<img class=\"wp-image-700\" "
                            "src=\"https://steppe.example/wp-content/uploads/steppe.jpg\" alt=\"\" width=\"40\" height=\"20\" /> "
                            "Feather grass[/caption]");
    a.status = ArticleStatus::Published;
    a.publishedAt = QDateTime(QDate(2024, 5, 1), QTime(6, 30), Qt::UTC);
    a.embargoAt = QDateTime(QDate(2024, 5, 1), QTime(6, 0), Qt::UTC);
    a.authorIds = {author.id, second.id};
    QVERIFY_OK(ArticleRepository(*m_db).insert(a));

    Article d;
    d.title = QStringLiteral("Draft");
    d.body = QStringLiteral("Not yet.");
    d.status = ArticleStatus::Draft;
    QVERIFY_OK(ArticleRepository(*m_db).insert(d));
}

void TestNinjsExporter::registryKnowsNinjs()
{
    for (const QString &id : {QStringLiteral("ninjs"), QStringLiteral("ninjs3")}) {
        QVERIFY(ExporterRegistry::formats().contains(id));
        auto e = ExporterRegistry::create(id);
        QVERIFY(e);
        QCOMPARE(e->formatId(), id);
    }
}

// Each keyword on a schema small enough to read at a glance.
void TestNinjsExporter::checkerKeywords()
{
    const JsonSchemaCheck check(parse(QString::fromUtf8(R"({)"
        R"("$defs": {"code": {"type": "string", "pattern": "^[A-Z]{2}$"}},)"
        R"("type": "object",)"
        R"("required": ["id"],)"
        R"("properties": {)"
        R"("id": {"type": "integer", "minimum": 1, "maximum": 9},)"
        R"("code": {"$ref": "#/$defs/code"},)"
        R"("when": {"type": "string", "format": "date-time"},)"
        R"("link": {"type": "string", "format": "uri"},)"
        R"("tags": {"type": "array", "items": {"enum": ["a", "b"]}},)"
        R"("box": {"type": "object", "additionalProperties": false, "properties": {"x": {"type": "number"}},)"
        R"("oneOf": [{"required": ["x"]}, {"required": ["y"]}]},)"
        R"("any": {"anyOf": [{"type": "string"}, {"type": "boolean"}]})"
        R"(},)"
        R"("additionalProperties": false)"
        R"(})")));
    const QJsonObject good = parse(QString::fromUtf8(R"({"id": 3, "code": "KZ", "when": "2024-05-01T06:30:00Z",)"
        R"("link": "https://x.example/a", "tags": ["a", "b"], "box": {"x": 1.5}, "any": true})"));
    QCOMPARE(check.validate(good), QStringList());

    const QStringList broken = {
        QString::fromUtf8(R"({})"),                                     // required
        QString::fromUtf8(R"({"id": 1.5})"),                            // integer
        QString::fromUtf8(R"({"id": 10})"),                             // maximum
        QString::fromUtf8(R"({"id": 0})"),                              // minimum
        QString::fromUtf8(R"({"id": "1"})"),                            // type
        QString::fromUtf8(R"({"id": 1, "code": "kz"})"),                // pattern through $ref
        QString::fromUtf8(R"({"id": 1, "when": "2024-05-01 06:30"})"),  // date-time
        QString::fromUtf8(R"({"id": 1, "when": "2024-13-01T06:30:00Z"})"),
        QString::fromUtf8(R"({"id": 1, "link": "no scheme here"})"),    // uri
        QString::fromUtf8(R"({"id": 1, "tags": ["c"]})"),               // enum in items
        QString::fromUtf8(R"({"id": 1, "box": {}})"),                   // oneOf: none
        QString::fromUtf8(R"({"id": 1, "box": {"x": 1, "y": 2}})"),     // additionalProperties
        QString::fromUtf8(R"({"id": 1, "any": 3})"),                    // anyOf
        QString::fromUtf8(R"({"id": 1, "extra": 1})"),                  // additionalProperties at the top
    };
    for (const QString &doc : broken)
        QVERIFY2(!check.validate(parse(doc)).isEmpty(), qPrintable(doc));
}

void TestNinjsExporter::checkerRejectsBrokenNinjs()
{
    if (!QFile::exists(schemaPath(QStringLiteral("2.2"))) || !QFile::exists(schemaPath(QStringLiteral("3.1"))))
        QSKIP("shared fixtures ninjs/ninjs-schema_2.2.json and _3.1.json are absent");
    auto two = JsonSchemaCheck::load(schemaPath(QStringLiteral("2.2")));
    QVERIFY_OK(two);
    auto three = JsonSchemaCheck::load(schemaPath(QStringLiteral("3.1")));
    QVERIFY_OK(three);

    const QJsonObject minimal = parse(QString::fromUtf8(R"({"uri": "https://x.example/1"})"));
    QCOMPARE(two->validate(minimal), QStringList());
    QCOMPARE(three->validate(minimal), QStringList());

    const QStringList brokenTwo = {
        QString::fromUtf8(R"({"type": "text"})"),                                          // uri is required
        QString::fromUtf8(R"({"uri": "https://x.example/1", "headline": "x"})"),          // not a 2.2 field
        QString::fromUtf8(R"({"uri": "https://x.example/1", "headlines": "x"})"),         // must be an array
        QString::fromUtf8(R"({"uri": "https://x.example/1", "headlines": [{"role": "main"}]})"), // value required
        QString::fromUtf8(R"({"uri": "https://x.example/1", "pubstatus": "live"})"),      // enum
        QString::fromUtf8(R"({"uri": "https://x.example/1", "versioncreated": "yesterday"})"),
        QString::fromUtf8(R"({"uri": "https://x.example/1", "people": [{"name": "A", "role": "author"}]})"),
        QString::fromUtf8(R"({"uri": "https://x.example/1", "associations": [{"uri": "https://x.example/p"}]})"), // name
        QString::fromUtf8(R"({"uri": "https://x.example/1", "associations": [{"name": "p", "uri": "https://x.example/p", "creditline": "x"}]})"),
        QString::fromUtf8(R"({"uri": "https://x.example/1", "renditions": [{"href": "https://x.example/p.jpg"}]})"),
        QString::fromUtf8(R"({"uri": "https://x.example/1", "subjects": [{"name": "x", "relevance": 101}]})"),
        QString::fromUtf8(R"({"uri": "https://x.example/1", "rightsinfo": {"langid": "https://x.example/"}})"), // oneOf
    };
    for (const QString &doc : brokenTwo)
        QVERIFY2(!two->validate(parse(doc)).isEmpty(), qPrintable(doc));
    // 2.2's lower-case names are not 3.1's.
    const QJsonObject twoStyle = parse(QString::fromUtf8(R"({"uri": "https://x.example/1", "versioncreated": "2024-05-01T06:30:00Z"})"));
    QCOMPARE(two->validate(twoStyle), QStringList());
    QVERIFY(!three->validate(twoStyle).isEmpty());
    const QJsonObject urgencyZero = parse(QString::fromUtf8(R"({"uri": "https://x.example/1", "urgency": 0})"));
    QVERIFY(!three->validate(urgencyZero).isEmpty());
    const QJsonObject fractionalWidth = parse(QString::fromUtf8(R"({"uri": "https://x.example/1", "renditions": [{"name": "a", "width": 1.5}]})"));
    QVERIFY(!three->validate(fractionalWidth).isEmpty());
}

void TestNinjsExporter::exportValidatesAgainstSchema_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("schema");
    QTest::newRow("2.2") << QStringLiteral("ninjs") << QStringLiteral("2.2");
    QTest::newRow("3.1") << QStringLiteral("ninjs3") << QStringLiteral("3.1");
}

void TestNinjsExporter::exportValidatesAgainstSchema()
{
    QFETCH(QString, format);
    QFETCH(QString, schema);
    if (!QFile::exists(schemaPath(schema)))
        QSKIP("the shared ninjs schema fixture is absent");
    auto check = JsonSchemaCheck::load(schemaPath(schema));
    QVERIFY_OK(check);
    seed();
    QTemporaryDir out;
    ExportRequest request;
    request.outputDir = out.filePath(QStringLiteral("feed"));
    auto report = ExporterRegistry::create(format)->run(*m_db, request);
    QVERIFY_OK(report);
    QCOMPARE(report->articles, 2);
    QCOMPARE(report->images, 1);
    const QStringList files = QDir(request.outputDir).entryList({QStringLiteral("*.json")}, QDir::Files);
    QCOMPARE(files.size(), 2);
    for (const QString &name : files) {
        QFile f(request.outputDir + QLatin1Char('/') + name);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
        const QStringList problems = check->validate(doc.object());
        QVERIFY2(problems.isEmpty(), qPrintable(name + QStringLiteral(": ") + problems.join(QStringLiteral("\n"))));
    }
    // The slug "../steppe" stayed inside: only the feed folder exists beside it.
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("feed")});
    QVERIFY(files.contains(QStringLiteral("steppe.json")));
}

void TestNinjsExporter::mapsArticleAndPictures()
{
    seed();
    QTemporaryDir out;
    ExportRequest request;
    request.outputDir = out.filePath(QStringLiteral("feed"));
    QVERIFY_OK(ExporterRegistry::create(QStringLiteral("ninjs"))->run(*m_db, request));
    QFile f(request.outputDir + QStringLiteral("/steppe.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc.value(QLatin1String("type")).toString(), QStringLiteral("text"));
    // The slug is percent-encoded whole, so even "../steppe" stays one path segment of the site.
    QCOMPARE(doc.value(QLatin1String("uri")).toString(), QStringLiteral("https://steppe.example/..%2Fsteppe/"));
    QCOMPARE(doc.value(QLatin1String("language")).toString(), QStringLiteral("kk"));
    QCOMPARE(doc.value(QLatin1String("pubstatus")).toString(), QStringLiteral("usable"));
    QCOMPARE(doc.value(QLatin1String("embargoed")).toString(), QStringLiteral("2024-05-01T06:00:00Z"));
    QCOMPARE(doc.value(QLatin1String("contentcreated")).toString(), QStringLiteral("2024-05-01T06:30:00Z"));
    QCOMPARE(doc.value(QLatin1String("by")).toString(), QStringLiteral("Дана Әлиева, Arman Sadykov"));
    QCOMPARE(doc.value(QLatin1String("headlines")).toArray().first().toObject().value(QLatin1String("value")).toString(),
             QStringLiteral("Қазақ даласы <b>"));
    const QJsonArray people = doc.value(QLatin1String("people")).toArray();
    QCOMPARE(people.size(), 2);
    QCOMPARE(people.at(0).toObject().value(QLatin1String("rel")).toString(), QStringLiteral("author"));
    const QString body = doc.value(QLatin1String("bodies")).toArray().first().toObject().value(QLatin1String("value")).toString();
    QVERIFY(body.contains(QLatin1String("<p>Intro.</p>")));
    QVERIFY(body.contains(QLatin1String("<figure id=\"attachment_700\"")));

    const QJsonArray assoc = doc.value(QLatin1String("associations")).toArray();
    QCOMPARE(assoc.size(), 1);
    const QJsonObject picture = assoc.first().toObject();
    QCOMPARE(picture.value(QLatin1String("type")).toString(), QStringLiteral("picture"));
    QCOMPARE(picture.value(QLatin1String("by")).toString(), QStringLiteral("Dana Alieva"));
    QCOMPARE(picture.value(QLatin1String("copyrightnotice")).toString(), QStringLiteral("© 2025 The Steppe Ledger"));
    QStringList roles;
    for (const QJsonValue &d : picture.value(QLatin1String("descriptions")).toArray())
        roles << d.toObject().value(QLatin1String("role")).toString() + QLatin1Char('=') + d.toObject().value(QLatin1String("value")).toString();
    QCOMPARE(roles, (QStringList{QStringLiteral("caption=Feather grass near Shu"), QStringLiteral("alt=Grass bent by wind"),
                                 QStringLiteral("creditline=Steppe Ledger / Dana Alieva")}));
    const QJsonObject rendition = picture.value(QLatin1String("renditions")).toArray().first().toObject();
    QCOMPARE(rendition.value(QLatin1String("width")).toInt(), 40);
    const QString href = rendition.value(QLatin1String("href")).toString();
    QVERIFY2(href.startsWith(QLatin1String("https://steppe.example/wp-content/uploads/700-")), qPrintable(href));

    // The file named by the rendition is in media/ and carries the credits.
    const QString file = request.outputDir + QStringLiteral("/media/") + href.section(QLatin1Char('/'), -1);
    QVERIFY2(QFile::exists(file), qPrintable(file));
    auto meta = ImageMetadata::read(file);
    QVERIFY_OK(meta);
    QCOMPARE(meta->credit, QStringLiteral("Steppe Ledger / Dana Alieva"));
    QCOMPARE(meta->creator, QStringLiteral("Dana Alieva"));
    QCOMPARE(meta->altText, QStringLiteral("Grass bent by wind"));
}

QTEST_GUILESS_MAIN(TestNinjsExporter)
#include "tst_ninjsexporter.moc"
