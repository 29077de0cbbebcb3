#include "database.h"
#include "generator.h"
#include "query.h"
#include "searchrepository.h"
#include "testsupport.h"

#include "shortcode/shortcodeparser.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The synthetic archive: deterministic by seed, realistic in shape, searchable.
class TestGenerator : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameNewsroom();
    void shapeOfTheArchive();
    void captionsPointAtGeneratedImages();
    void imagesAreDistinct();
    void wordPressIdsFormOneSequence();
    void imagesWithoutPixels();
    void archiveIsSearchable();

private:
    std::unique_ptr<Database> generate(const QString &name, quint64 seed, qint64 articles = 120, int batch = 50);
    QByteArray contentDigest(Database &db);
    QTemporaryDir m_dir;
};

static const QDateTime kReference(QDate(2025, 6, 1), QTime(0, 0), Qt::UTC);

std::unique_ptr<Database> TestGenerator::generate(const QString &name, quint64 seed, qint64 articles, int batch)
{
    auto db = Database::open(m_dir.filePath(name));
    if (!db)
        return {};
    NewsroomGenerator::Options o;
    o.articles = articles;
    o.images = 40;
    o.authors = 9;
    o.seed = seed;
    o.reference = kReference;
    o.batchSize = batch;
    QList<qint64> progress;
    const auto report = NewsroomGenerator::generate(**db, o, [&](qint64 n) { progress << n; });
    if (!report) {
        qWarning() << report.error();
        return {};
    }
    if (report->articles != articles || progress.isEmpty() || progress.last() != articles)
        return {};
    return std::move(db).value();
}

QByteArray TestGenerator::contentDigest(Database &db)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const char *sql : {"SELECT id, title, slug, excerpt, body, status, created_at, updated_at, scheduled_at, "
                            "published_at, featured_image_id FROM articles ORDER BY id",
                            "SELECT article_id, author_id, position FROM article_authors ORDER BY 1, 2",
                            "SELECT x.article_id, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id ORDER BY 1, 2",
                            "SELECT id, slug, display_name, role_line, bio FROM authors ORDER BY id",
                            "SELECT id, sha256, caption, credit_line, alt_text FROM images ORDER BY id"}) {
        QSqlQuery q(db.connection());
        if (!q.exec(QString::fromLatin1(sql)))
            return {};
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                h.addData(QByteArray(q.value(i).toString().toUtf8() + '\x1f'));
        }
    }
    return h.result().toHex();
}

void TestGenerator::sameSeedSameNewsroom()
{
    auto a = generate(QStringLiteral("a.byline"), 7);
    auto b = generate(QStringLiteral("b.byline"), 7, 120, 13); // batching must not change content
    auto c = generate(QStringLiteral("c.byline"), 8);
    QVERIFY(a && b && c);
    const QByteArray da = contentDigest(*a);
    QVERIFY(!da.isEmpty());
    QCOMPARE(contentDigest(*b), da);
    QVERIFY(contentDigest(*c) != da);
}

void TestGenerator::shapeOfTheArchive()
{
    auto db = generate(QStringLiteral("shape.byline"), 3, 400);
    QVERIFY(db);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, count(*) FROM articles GROUP BY status")));
    QHash<QString, int> byStatus;
    while (q.next())
        byStatus.insert(q.value(0).toString(), q.value(1).toInt());
    for (ArticleStatus s : allStatuses())
        QVERIFY2(byStatus.value(statusKey(s)) > 0, qPrintable(statusKey(s)));

    QSqlQuery future(db->connection());
    future.prepare(QStringLiteral("SELECT count(*), (SELECT count(*) FROM articles WHERE status = 'scheduled') "
                                  "FROM articles WHERE status = 'scheduled' AND scheduled_at > ?"));
    future.addBindValue(kReference.toSecsSinceEpoch());
    QVERIFY(future.exec() && future.next());
    QCOMPARE(future.value(0).toInt(), future.value(1).toInt());

    // Word counts between 300 and 3000 (a word is a run between spaces of the visible text).
    QSqlQuery bodies(db->connection());
    QVERIFY(bodies.exec(QStringLiteral("SELECT body_text FROM articles_fts")));
    int shortest = INT_MAX, longest = 0, cyrillic = 0, kazakh = 0, n = 0;
    while (bodies.next()) {
        const QString text = bodies.value(0).toString();
        const int words = int(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
        shortest = std::min(shortest, words);
        longest = std::max(longest, words);
        if (text.contains(QRegularExpression(QStringLiteral("[а-яё]"))))
            ++cyrillic;
        if (text.contains(QRegularExpression(QStringLiteral("[әғқңөұүһі]"))))
            ++kazakh;
        ++n;
    }
    QCOMPARE(n, 400);
    QVERIFY2(shortest >= 300, qPrintable(QString::number(shortest)));
    QVERIFY2(longest <= 3400, qPrintable(QString::number(longest))); // captions add a few words
    QVERIFY(longest > 1500);
    QVERIFY(cyrillic > 100 && kazakh > 60);

    QVERIFY(q.exec(QStringLiteral("SELECT count(DISTINCT author_id), count(*) FROM article_authors")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 5);
    QVERIFY(q.value(1).toInt() >= 400);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM article_revisions")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0); // documented: a generated archive has no revisions
}

void TestGenerator::captionsPointAtGeneratedImages()
{
    auto db = generate(QStringLiteral("captions.byline"), 5);
    QVERIFY(db);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT body FROM articles")));
    QSet<int> attachments;
    QSqlQuery known(db->connection());
    QVERIFY(known.exec(QStringLiteral("SELECT wp_attachment_id FROM images")));
    while (known.next())
        attachments.insert(known.value(0).toInt());
    const ShortcodeParser parser;
    int captions = 0;
    while (q.next()) {
        const ShortcodeDocument doc = parser.parse(q.value(0).toString());
        QVERIFY(!doc.hasErrors());
        for (const Caption &c : doc.captions()) {
            QVERIFY(attachments.contains(c.attachmentId));
            QVERIFY(!c.credit.credit.isEmpty());
            ++captions;
        }
    }
    QVERIFY(captions > 20);
}

void TestGenerator::imagesAreDistinct()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i) {
        const QByteArray png = NewsroomGenerator::imageBytes(1, i);
        QVERIFY(png.startsWith("\x89PNG"));
        seen.insert(png);
    }
    QCOMPARE(seen.size(), 200);
    QCOMPARE(NewsroomGenerator::imageBytes(4, 9), NewsroomGenerator::imageBytes(4, 9));
}

void TestGenerator::wordPressIdsFormOneSequence()
{
    // As in a site's export: every post and attachment has its own id from one sequence, so a
    // first export rewrites no row to give them one.
    auto db = generate(QStringLiteral("wpids.byline"), 6, 60);
    QVERIFY(db);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM "
                                  "(SELECT wp_post_id AS id FROM articles UNION ALL SELECT wp_attachment_id FROM images)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 60 + 40);
    QCOMPARE(q.value(1).toInt(), 60 + 40); // no NULL, no id twice
    QCOMPARE(q.value(3).toLongLong() - q.value(2).toLongLong(), 60 + 40 - 1);
    QVERIFY(q.exec(QStringLiteral("SELECT max(i.wp_attachment_id) < min(a.wp_post_id) FROM images i, articles a")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toBool()); // posts after the images
}

void TestGenerator::imagesWithoutPixels()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("metadata.byline")));
    QVERIFY(db);
    NewsroomGenerator::Options o;
    o.articles = 10;
    o.images = 12;
    o.reference = kReference;
    o.imagePixels = false;
    QVERIFY(NewsroomGenerator::generate(**db, o));
    QSqlQuery q((*db)->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(b.byte_size), sum(length(b.data)), count(i.credit_line) "
                                  "FROM images i JOIN image_blobs b ON b.sha256 = i.sha256")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 12);
    QCOMPARE(q.value(1).toInt(), 0);
    QCOMPARE(q.value(2).toInt(), 0);
    QCOMPARE(q.value(3).toInt(), 12); // the metadata is all there
}

void TestGenerator::archiveIsSearchable()
{
    auto db = generate(QStringLiteral("search.byline"), 11, 200);
    QVERIFY(db);
    SearchRepository search(*db);
    const auto problems = search.indexProblems();
    QVERIFY_OK(problems);
    QCOMPARE(*problems, QString());
    for (const char *word : {"harvest", "пшеница", "бидай", "ҚАЗАҚСТАН"}) {
        const auto hits = search.articles(SearchQuery::parse(QString::fromUtf8(word)), 0, 5);
        QVERIFY_OK(hits);
        QVERIFY2(!hits->isEmpty(), word);
    }
    const auto credited = search.articles(SearchQuery::parse(QStringLiteral("credit:reuters")), 0, 5);
    QVERIFY_OK(credited);
    QVERIFY(!credited->isEmpty());
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
