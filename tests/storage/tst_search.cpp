#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "imagerepository.h"
#include "query.h"
#include "searchrepository.h"
#include "searchtext.h"
#include "testsupport.h"
#include "transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QSqlError>
#include <QDateTime>
#include <QTest>
#include <QScopeGuard>

#include <functional>
#include <optional>

#include <sqlite3.h>

using namespace byline;

// Full-text search: the query syntax, every filter, Cyrillic and Kazakh folding, ranking, and
// the index staying in step with the tables through writes, rollbacks and a cut-off write.
class TestSearch : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void parse_data();
    void parse();
    void parseErrors();
    void bodyTextDropsMarkupKeepsCaptions();
    void plainWordsAndSnippet();
    void phrases();
    void prefixes();
    void exclusions();
    void hostileTextCannotBreakTheSyntax_data();
    void hostileTextCannotBreakTheSyntax();
    void folding_data();
    void folding();
    void statusFilter();
    void authorFilter();
    void tagFilter();
    void creditFilter();
    void dateFilters();
    void filtersWithoutWords();
    void rankingOrder();
    void rankingWindowTakesTheNewestMatches();
    void rankFunctionKeepsBm25Order();
    void rankFunctionKeepsDocumentCountsWhileTheIndexStands();
    void rankFunctionLoadsIntoOtherPrograms();
    void boundedWindowsFindTheSameAsTheWholeIndex();
    void indexFollowsInsertUpdateDelete();
    void authorsAndImagesAreIndexed();
    void rolledBackWriteLeavesIndexConsistent();
    void cutOffWriteLeavesIndexConsistent();
    void migrationIndexesExistingNewsroom();
    void migrationAddsPrefixIndexes();
    void compactingFindsTheSame();

private:
    qint64 addArticle(const QString &title, const QString &body, ArticleStatus status = ArticleStatus::Draft,
                      const QList<qint64> &authors = {}, const QStringList &tags = {},
                      const QDateTime &published = {});
    QList<qint64> ids(const QString &line);
    // Copies the migrations that come before the first file whose name contains stopAt.
    void copyMigrationsBefore(const QTemporaryDir &into, const QString &stopAt);
    void verifyIndexSound();

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestSearch::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("s%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestSearch::cleanup()
{
    m_db.reset();
}

qint64 TestSearch::addArticle(const QString &title, const QString &body, ArticleStatus status,
                              const QList<qint64> &authors, const QStringList &tags, const QDateTime &published)
{
    Article a;
    a.title = title;
    a.slug = QStringLiteral("a-%1").arg(QRandomGenerator::global()->generate64());
    a.body = body;
    a.status = status;
    a.authorIds = authors;
    a.tags = tags;
    a.publishedAt = published;
    const Status s = ArticleRepository(*m_db).insert(a);
    if (!s.ok())
        qWarning() << s.error();
    return a.id;
}

QList<qint64> TestSearch::ids(const QString &line)
{
    const auto hits = SearchRepository(*m_db).articles(SearchQuery::parse(line), 0, 100);
    if (!hits.ok()) {
        qWarning() << line << hits.error();
        return {-1};
    }
    QList<qint64> out;
    for (const ArticleHit &h : *hits)
        out << h.id;
    return out;
}

void TestSearch::copyMigrationsBefore(const QTemporaryDir &into, const QString &stopAt)
{
    QVERIFY(testsupport::copyMigrationsBefore(m_db->dialect().migrationsPath(), into.path(), stopAt));
}

void TestSearch::verifyIndexSound()
{
    const auto problems = SearchRepository(*m_db).indexProblems();
    QVERIFY_OK(problems);
    QCOMPARE(*problems, QString());
}

using Kind = SearchQuery::Term::Kind;

void TestSearch::parse_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("described"); // kind:text, "-" prefix for excluded

    QTest::newRow("words") << "steppe  eagle" << QStringList{"w:steppe", "w:eagle"};
    QTest::newRow("phrase") << "\"golden eagle\" nest" << QStringList{"p:golden eagle", "w:nest"};
    QTest::newRow("prefix") << "eag* a*" << QStringList{"x:eag", "w:a"};
    QTest::newRow("excluded") << "eagle -hawk -\"red kite\"" << QStringList{"w:eagle", "-w:hawk", "-p:red kite"};
    QTest::newRow("unclosed quote") << "\"open phrase" << QStringList{"p:open phrase"};
    QTest::newRow("punctuation only dropped") << "eagle ... \"!!\"" << QStringList{"w:eagle"};
    QTest::newRow("unknown key is text") << "title:eagle" << QStringList{"w:title:eagle"};
    QTest::newRow("cyrillic") << "Әлем ёлка*" << QStringList{"w:Әлем", "x:ёлка"};
}

void TestSearch::parse()
{
    QFETCH(QString, line);
    QFETCH(QStringList, described);
    QStringList got;
    const SearchQuery q = SearchQuery::parse(line);
    for (const SearchQuery::Term &t : q.terms()) {
        const QString k = t.kind == Kind::Word ? QStringLiteral("w") : t.kind == Kind::Phrase ? QStringLiteral("p") : QStringLiteral("x");
        got << QString((t.excluded ? QStringLiteral("-") : QString()) + k + QLatin1Char(':') + t.text);
    }
    QCOMPARE(got, described);
}

void TestSearch::parseErrors()
{
    const SearchQuery q = SearchQuery::parse(QStringLiteral(
        "eagle author:\"Aigerim Sarsen\" status:published status:Draft tag:Economy credit:Reuters "
        "after:2024-03-01 before:2024-04-01"));
    QVERIFY(q.errors().isEmpty());
    QCOMPARE(q.authors(), QStringList{QStringLiteral("Aigerim Sarsen")});
    QCOMPARE(q.statuses(), (QList<ArticleStatus>{ArticleStatus::Published, ArticleStatus::Draft}));
    QCOMPARE(q.tags(), QStringList{QStringLiteral("Economy")});
    QCOMPARE(q.credits(), QStringList{QStringLiteral("Reuters")});
    QCOMPARE(q.after(), QDate(2024, 3, 1));
    QCOMPARE(q.before(), QDate(2024, 4, 1));

    const SearchQuery bad = SearchQuery::parse(QStringLiteral("status:lost before:2024-13-01 after:yesterday author:"));
    QCOMPARE(bad.errors().size(), 4);
    QVERIFY(bad.errors().at(0).contains(QLatin1String("lost")));
    QVERIFY(!SearchRepository(*m_db).articles(bad, 0, 10).ok());
}

void TestSearch::bodyTextDropsMarkupKeepsCaptions()
{
    const QString body = QStringLiteral(
        "<p>Herders <strong>moved</strong> the flock &amp; dogs.</p>"
        "[caption id=\"attachment_12\" align=\"alignleft\" width=\"300\"]<img src=\"x.jpg\" alt=\"alt words\" "
        "class=\"wp-image-12\" /> Sheep near <em>Turkistan</em>. Photo: Aigerim Sarsen[/caption]"
        "<!-- hidden note -->[gallery ids=\"1,2\"]<p>Wo<b>rd</b> end</p>");
    const QString text = SearchText::bodyText(body);
    QCOMPARE(text, QStringLiteral("Herders moved the flock & dogs. Sheep near Turkistan. Photo: Aigerim Sarsen Word end"));
    QCOMPARE(SearchText::captionCredits(body), QStringLiteral("Aigerim Sarsen"));
}

void TestSearch::plainWordsAndSnippet()
{
    const qint64 a = addArticle(QStringLiteral("Harvest report"),
                                QStringLiteral("<p>The <strong>wheat</strong> harvest in Kostanay was early.</p>"));
    addArticle(QStringLiteral("Rail news"), QStringLiteral("<p>Trains to Aktobe run late.</p>"));
    QCOMPARE(ids(QStringLiteral("wheat kostanay")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("wheat aktobe")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("strong")), QList<qint64>{}); // a tag name is not text

    const auto hits = SearchRepository(*m_db).articles(SearchQuery::parse(QStringLiteral("wheat")), 0, 10);
    QVERIFY_OK(hits);
    QCOMPARE(hits->size(), 1);
    const QString snippet = hits->first().snippet;
    QVERIFY2(snippet.contains(QString(kHighlightBegin + QStringLiteral("wheat") + kHighlightEnd)), qPrintable(snippet));
    QVERIFY(!snippet.contains(QLatin1Char('<')));
}

void TestSearch::phrases()
{
    const qint64 a = addArticle(QStringLiteral("Birds"), QStringLiteral("A golden eagle nests here."));
    const qint64 b = addArticle(QStringLiteral("Metals"), QStringLiteral("The eagle is not golden, the coin is."));
    QCOMPARE(ids(QStringLiteral("\"golden eagle\"")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("golden eagle")).size(), 2);
    QVERIFY(ids(QStringLiteral("golden eagle")).contains(b));
}

void TestSearch::prefixes()
{
    const qint64 a = addArticle(QStringLiteral("Economy"), QStringLiteral("Economic growth slowed."));
    const qint64 b = addArticle(QStringLiteral("Экономика"), QStringLiteral("Экономический рост замедлился."));
    QCOMPARE(ids(QStringLiteral("econom*")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("ЭКОНОМ*")), QList<qint64>{b});
    QCOMPARE(ids(QStringLiteral("econom")), QList<qint64>{});
}

void TestSearch::exclusions()
{
    const qint64 a = addArticle(QStringLiteral("One"), QStringLiteral("river and bridge"));
    addArticle(QStringLiteral("Two"), QStringLiteral("river and dam"));
    QCOMPARE(ids(QStringLiteral("river -dam")), QList<qint64>{a});
    QVERIFY(!SearchRepository(*m_db).articles(SearchQuery::parse(QStringLiteral("-dam")), 0, 10).ok());
}

void TestSearch::hostileTextCannotBreakTheSyntax_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("found");
    QTest::newRow("operators") << "price AND OR NOT NEAR" << false;
    QTest::newRow("column syntax") << "bread : price" << true;
    QTest::newRow("column name is a word") << "title : price" << false;
    QTest::newRow("brackets") << "(price) {bread}: price^" << true;
    QTest::newRow("quotes") << "\"price\"\" \"\"" << true;
    QTest::newRow("star alone") << "* price" << true;
    QTest::newRow("sql") << "price'); DROP TABLE articles; --" << false;
    QTest::newRow("plus and minus") << "+price -" << true;
}

void TestSearch::hostileTextCannotBreakTheSyntax()
{
    QFETCH(QString, line);
    QFETCH(bool, found);
    const qint64 a = addArticle(QStringLiteral("Prices"), QStringLiteral("The price of bread rose."));
    const auto hits = SearchRepository(*m_db).articles(SearchQuery::parse(line), 0, 10);
    QVERIFY_OK(hits);
    QCOMPARE(!hits->isEmpty(), found);
    if (found)
        QCOMPARE(hits->first().id, a);
    QVERIFY_OK(ArticleRepository(*m_db).get(a)); // the table is still there
}

void TestSearch::folding_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("found");
    // Facts of unicode61 with remove_diacritics 2, checked against SQLite 3.40.
    QTest::newRow("kazakh upper finds lower") << "Бүкіл әлем көрді" << "ӘЛЕМ" << true;
    QTest::newRow("kazakh lower finds upper") << "ҚАЗАҚСТАН ЖАҢАЛЫҚТАРЫ" << "қазақстан" << true;
    QTest::newRow("kazakh letters are not plain ones") << "Қазақстан" << "казакстан" << false;
    QTest::newRow("russian case") << "Новая ёлка в Москве" << "ЁЛКА" << true;
    QTest::newRow("ё is not е") << "Новая ёлка в Москве" << "елка" << false;
    QTest::newRow("е is not ё") << "Новая елка в Москве" << "ёлка" << false;
    QTest::newRow("й is not и") << "йод" << "иод" << false;
    QTest::newRow("latin accents dropped") << "Le café du coin" << "CAFE" << true;
    QTest::newRow("latin accents typed") << "Le cafe du coin" << "café" << true;
    QTest::newRow("turkish dotless i folds") << "Almaty Iş" << "iş" << true;
}

void TestSearch::folding()
{
    QFETCH(QString, stored);
    QFETCH(QString, typed);
    QFETCH(bool, found);
    const qint64 a = addArticle(QStringLiteral("t"), QString(QStringLiteral("<p>") + stored + QStringLiteral("</p>")));
    QCOMPARE(ids(typed) == QList<qint64>{a}, found);
}

void TestSearch::statusFilter()
{
    const qint64 a = addArticle(QStringLiteral("Flood"), QStringLiteral("flood"), ArticleStatus::Published);
    const qint64 b = addArticle(QStringLiteral("Flood"), QStringLiteral("flood"), ArticleStatus::Draft);
    const qint64 c = addArticle(QStringLiteral("Flood"), QStringLiteral("flood"), ArticleStatus::InEdit);
    QCOMPARE(ids(QStringLiteral("flood status:published")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("flood status:\"In edit\"")), QList<qint64>{c});
    auto either = ids(QStringLiteral("flood status:draft status:edit"));
    std::sort(either.begin(), either.end());
    QCOMPARE(either, (QList<qint64>{b, c}));
}

void TestSearch::authorFilter()
{
    AuthorRepository authors(*m_db);
    Author x;
    x.slug = QStringLiteral("aigerim-sarsen");
    x.displayName = QStringLiteral("Әйгерім Сәрсен");
    QVERIFY_OK(authors.insert(x));
    Author y;
    y.slug = QStringLiteral("john-doe");
    y.displayName = QStringLiteral("John Doe");
    QVERIFY_OK(authors.insert(y));
    const qint64 a = addArticle(QStringLiteral("Steppe"), QStringLiteral("steppe fire"), ArticleStatus::Draft, {x.id});
    const qint64 b = addArticle(QStringLiteral("Steppe"), QStringLiteral("steppe fire"), ArticleStatus::Draft, {y.id});
    QCOMPARE(ids(QStringLiteral("fire author:aigerim-sarsen")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("fire author:\"ӘЙГЕРІМ СӘРСЕН\"")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("fire author:doe")), QList<qint64>{b});
    QCOMPARE(ids(QStringLiteral("fire author:nobody")), QList<qint64>{});
}

void TestSearch::tagFilter()
{
    const qint64 a = addArticle(QStringLiteral("Budget"), QStringLiteral("budget debate"), ArticleStatus::Draft, {},
                                {QStringLiteral("Экономика"), QStringLiteral("Parliament")});
    addArticle(QStringLiteral("Budget"), QStringLiteral("budget debate"), ArticleStatus::Draft, {},
               {QStringLiteral("Parliament")});
    QCOMPARE(ids(QStringLiteral("budget tag:экономика")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("budget tag:ЭКОНОМИКА tag:parliament")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("budget tag:sport")), QList<qint64>{});
}

void TestSearch::creditFilter()
{
    const QString captioned = QStringLiteral(
        "<p>Storm.</p>[caption id=\"attachment_3\" align=\"alignnone\" width=\"640\"]<img src=\"s.jpg\" /> "
        "Clouds over Astana. Photo: Reuters[/caption]");
    const qint64 a = addArticle(QStringLiteral("Storm"), captioned);
    addArticle(QStringLiteral("Storm"), QStringLiteral("<p>Storm. Reuters reported it.</p>"));
    QCOMPARE(ids(QStringLiteral("storm credit:reuters")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("credit:REUTERS")), QList<qint64>{a});
    QCOMPARE(ids(QStringLiteral("clouds")), QList<qint64>{a}); // caption text is searchable

    Image img;
    img.caption = QStringLiteral("Clouds");
    img.creditLine = QStringLiteral("Reuters");
    QVERIFY_OK(ImageRepository(*m_db).store(QByteArray("img-a"), img));
    Image other;
    other.caption = QStringLiteral("Clouds");
    other.creditLine = QStringLiteral("AFP");
    QVERIFY_OK(ImageRepository(*m_db).store(QByteArray("img-b"), other));
    const auto images = SearchRepository(*m_db).images(SearchQuery::parse(QStringLiteral("clouds credit:reuters")), 0, 10);
    QVERIFY_OK(images);
    QCOMPARE(images->size(), 1);
    QCOMPARE(images->first().id, img.id);
}

void TestSearch::dateFilters()
{
    const auto day = [](int y, int m, int d, int h) { return QDateTime(QDate(y, m, d), QTime(h, 0), Qt::UTC); };
    const qint64 feb = addArticle(QStringLiteral("Vote"), QStringLiteral("vote"), ArticleStatus::Published, {}, {}, day(2024, 2, 29, 23));
    const qint64 mar1 = addArticle(QStringLiteral("Vote"), QStringLiteral("vote"), ArticleStatus::Published, {}, {}, day(2024, 3, 1, 0));
    const qint64 mar31 = addArticle(QStringLiteral("Vote"), QStringLiteral("vote"), ArticleStatus::Published, {}, {}, day(2024, 3, 31, 23));
    const qint64 apr = addArticle(QStringLiteral("Vote"), QStringLiteral("vote"), ArticleStatus::Published, {}, {}, day(2024, 4, 1, 0));
    auto sorted = [](QList<qint64> l) { std::sort(l.begin(), l.end()); return l; };
    QCOMPARE(sorted(ids(QStringLiteral("vote after:2024-03-01 before:2024-04-01"))), (QList<qint64>{mar1, mar31}));
    QCOMPARE(sorted(ids(QStringLiteral("vote before:2024-03-01"))), QList<qint64>{feb});
    QCOMPARE(sorted(ids(QStringLiteral("vote after:2024-04-01"))), QList<qint64>{apr});
}

void TestSearch::filtersWithoutWords()
{
    const auto t = [](int d) { return QDateTime(QDate(2024, 5, d), QTime(9, 0), Qt::UTC); };
    const qint64 a = addArticle(QStringLiteral("A"), QStringLiteral("x"), ArticleStatus::Published, {}, {}, t(1));
    const qint64 b = addArticle(QStringLiteral("B"), QStringLiteral("y"), ArticleStatus::Published, {}, {}, t(3));
    addArticle(QStringLiteral("C"), QStringLiteral("z"), ArticleStatus::Draft);
    QCOMPARE(ids(QStringLiteral("status:published")), (QList<qint64>{b, a})); // newest first
}

void TestSearch::rankingOrder()
{
    // A fixed corpus: in texts of the same length, a title match beats three body matches
    // (FTS5's bm25 adds column weights into one term frequency, which saturates), more
    // occurrences beat fewer, and a short text beats a long one with the same count (bm25's length
    // normalisation).
    const QString filler = QStringLiteral("grain market report ").repeated(40);
    const qint64 inTitle = addArticle(QStringLiteral("Saiga census"), QStringLiteral("<p>counting herds by the lake</p>"));
    const qint64 thrice = addArticle(QStringLiteral("Wildlife"), QStringLiteral("<p>saiga saiga saiga grazing by the lake</p>"));
    const qint64 onceShort = addArticle(QStringLiteral("Note"), QStringLiteral("<p>one saiga grazing by the lake</p>"));
    const qint64 onceLong = addArticle(QStringLiteral("Digest"), QString(QStringLiteral("<p>One saiga seen. ") + filler + filler + QStringLiteral("</p>")));
    for (int i = 0; i < 12; ++i) // so that "saiga" is a rare word, as in a real archive
        addArticle(QStringLiteral("Other %1").arg(i), filler);
    QCOMPARE(ids(QStringLiteral("saiga")), (QList<qint64>{inTitle, thrice, onceShort, onceLong}));
}

namespace {

// A small archive of texts that differ in length, in where a word falls (title, excerpt,
// body, caption credit) and in how often.
void addRankingCorpus(const std::function<qint64(const QString &, const QString &)> &add)
{
    const QStringList words = {QStringLiteral("saiga"), QStringLiteral("steppe"), QStringLiteral("grain"),
                               QStringLiteral("herd"), QStringLiteral("lake"), QStringLiteral("road")};
    for (int i = 0; i < 60; ++i) {
        QString body = QStringLiteral("<p>");
        for (int w = 0; w < 5 + (i * 7) % 40; ++w)
            body += words.at((i + w * w) % words.size()) + QLatin1Char(' ');
        if (i % 4 == 0)
            body += QStringLiteral("steppe saiga herd ");
        if (i % 9 == 0)
            body += QStringLiteral("[caption id=\"attachment_%1\" width=\"640\"]<img src=\"a.jpg\" /> A herd. Image: Steppe Agency[/caption]").arg(i);
        body += QStringLiteral("</p>");
        add(i % 5 == 0 ? QStringLiteral("Saiga on the steppe %1").arg(i) : QStringLiteral("Report %1").arg(i), body);
    }
}

const QStringList kRankQueries = {
    // one phrase: the rank leaves out the phrase weight
    QStringLiteral("saiga"), QStringLiteral("sai*"), QStringLiteral("\"steppe saiga\""), QStringLiteral("lake"),
    // several: bm25 with its phrase weights
    QStringLiteral("saiga herd"), QStringLiteral("steppe NOT lake"), QStringLiteral("(grain AND road) NOT saiga"),
    QStringLiteral("herd AND (credits : \"steppe agency\")")};

QString rankedIds(QSqlDatabase db, const QString &rank, const QString &match)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY %1, rowid").arg(rank));
    q.addBindValue(match);
    if (!q.exec())
        return q.lastError().text();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out.join(QLatin1Char(' '));
}

} // namespace

void TestSearch::rankFunctionKeepsBm25Order()
{
    addRankingCorpus([this](const QString &t, const QString &b) { return addArticle(t, b); });
    QSqlDatabase db = m_db->connection();
    const QString ours = QStringLiteral("byline_rank(articles_fts, 10.0, 4.0, 1.0, 2.0)");
    for (const QString &match : kRankQueries) {
        const QString expected = rankedIds(db, QStringLiteral("rank"), match); // the table's bm25
        QVERIFY2(expected.count(QLatin1Char(' ')) >= 3, qPrintable(match + QLatin1String(": ") + expected));
        QCOMPARE(rankedIds(db, ours, match), expected);
    }
    // With more than one phrase the values are bm25's own; with one, bm25's divided by the
    // phrase's weight, the same for every row.
    QSqlQuery q(db);
    QVERIFY(q.prepare(QStringLiteral("SELECT %1, bm25(articles_fts, 10.0, 4.0, 1.0, 2.0) FROM articles_fts "
                                     "WHERE articles_fts MATCH ?").arg(ours)));
    q.bindValue(0, QStringLiteral("saiga herd"));
    QVERIFY(q.exec());
    int rows = 0;
    for (; q.next(); ++rows) {
        QVERIFY(q.value(0).toDouble() < 0.0);
        QVERIFY2(qAbs(q.value(0).toDouble() - q.value(1).toDouble()) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(q.value(0).toDouble()).arg(q.value(1).toDouble())));
    }
    QVERIFY(rows > 3);
    q.bindValue(0, QStringLiteral("saiga"));
    QVERIFY(q.exec());
    std::optional<double> ratio;
    for (rows = 0; q.next(); ++rows) {
        const double r = q.value(1).toDouble() / q.value(0).toDouble();
        QVERIFY(r > 0.0);
        if (ratio)
            QVERIFY2(qAbs(r - *ratio) < 1e-9 * *ratio, qPrintable(QStringLiteral("%1 vs %2").arg(r).arg(*ratio)));
        ratio = r;
    }
    QVERIFY(rows > 3);
}

void TestSearch::rankFunctionKeepsDocumentCountsWhileTheIndexStands()
{
    // Named by its query (a trailing argument), a ranking keeps each phrase's document count
    // on the connection; the values stay bm25's, and an index that changed is counted again.
    addRankingCorpus([this](const QString &t, const QString &b) { return addArticle(t, b); });
    QSqlDatabase db = m_db->connection();
    const auto differences = [&](const QString &match) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT byline_rank(articles_fts, 10.0, 4.0, 1.0, 2.0, ?), "
                                 "bm25(articles_fts, 10.0, 4.0, 1.0, 2.0) FROM articles_fts WHERE articles_fts MATCH ?"));
        q.addBindValue(match);
        q.addBindValue(match);
        QList<double> out;
        if (!q.exec())
            return QList<double>{-1.0};
        while (q.next())
            out << qAbs(q.value(0).toDouble() - q.value(1).toDouble());
        return out;
    };
    const auto allZero = [](const QList<double> &d) {
        return !d.isEmpty() && std::all_of(d.cbegin(), d.cend(), [](double v) { return v < 1e-9; });
    };
    QVERIFY(allZero(differences(QStringLiteral("saiga herd"))));
    QVERIFY(allZero(differences(QStringLiteral("saiga herd")))); // from the kept counts
    // Many more saiga articles: bm25's weight of "saiga" drops; kept counts would now be wrong.
    for (int i = 0; i < 40; ++i)
        QVERIFY(addArticle(QStringLiteral("Saiga note %1").arg(i), QStringLiteral("<p>A saiga was seen.</p>")) > 0);
    const QList<double> after = differences(QStringLiteral("saiga herd"));
    QVERIFY(allZero(after));
    QVERIFY(after.size() > 40);
}

void TestSearch::rankFunctionLoadsIntoOtherPrograms()
{
    // The same ranking built as a loadable extension gives another program on the newsroom
    // file (the sqlite3 shell, say) the order Byline gives.
    addRankingCorpus([this](const QString &t, const QString &b) { return addArticle(t, b); });
    sqlite3 *raw = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(m_db->path()).constData(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    const auto closeRaw = qScopeGuard([raw] { sqlite3_close(raw); });
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, nullptr);
    char *error = nullptr;
    const int loaded = sqlite3_load_extension(raw, BYLINE_RANK_MODULE, "sqlite3_bylinerank_init", &error);
    const QString message = QString::fromUtf8(error ? error : "");
    sqlite3_free(error);
    QVERIFY2(loaded == SQLITE_OK, qPrintable(message));
    for (const QString &match : kRankQueries) {
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(raw, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 "
                                         "ORDER BY byline_rank(articles_fts, 10.0, 4.0, 1.0, 2.0), rowid",
                                    -1, &stmt, nullptr),
                 SQLITE_OK);
        const QByteArray utf8 = match.toUtf8();
        sqlite3_bind_text(stmt, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        QStringList got;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            got << QString::number(sqlite3_column_int64(stmt, 0));
        QCOMPARE(sqlite3_finalize(stmt), SQLITE_OK);
        QCOMPARE(got.join(QLatin1Char(' ')), rankedIds(m_db->connection(), QStringLiteral("rank"), match));
    }
}

void TestSearch::rankingWindowTakesTheNewestMatches()
{
    // The best match is the oldest. Inside the window it comes first; with a window of the
    // three newest matches it is left out, and a filter that excludes the newer ones (here a
    // status) brings it back, as the search box's tooltip says.
    const qint64 best = addArticle(QStringLiteral("Steppe fire"), QStringLiteral("<p>steppe fire</p>"), ArticleStatus::Published);
    QList<qint64> newer;
    for (int i = 0; i < 4; ++i)
        newer << addArticle(QStringLiteral("Report %1").arg(i),
                            QStringLiteral("<p>A long report on weather, roads and one steppe fire in the hills.</p>"));
    for (int i = 0; i < 12; ++i)
        addArticle(QStringLiteral("Other %1").arg(i), QStringLiteral("<p>grain market report</p>"));

    SearchRepository repo(*m_db);
    QCOMPARE(repo.rankWindow(), SearchRepository::kDefaultRankWindow);
    auto all = repo.articles(SearchQuery::parse(QStringLiteral("steppe fire")), 0, 10);
    QVERIFY_OK(all);
    QCOMPARE(all->size(), 5);
    QCOMPARE(all->first().id, best);
    QVERIFY(all->first().snippet.contains(QChar(kHighlightBegin)));

    repo.setRankWindow(3);
    auto windowed = repo.articles(SearchQuery::parse(QStringLiteral("steppe fire")), 0, 10);
    QVERIFY_OK(windowed);
    QList<qint64> got;
    for (const ArticleHit &h : *windowed)
        got << h.id;
    QCOMPARE(got.size(), 3);
    QVERIFY(!got.contains(best));
    for (qint64 id : got)
        QVERIFY(newer.mid(1).contains(id)); // the three newest
    // Paging stays inside the window.
    auto second = repo.articles(SearchQuery::parse(QStringLiteral("steppe fire")), 2, 10);
    QVERIFY_OK(second);
    QCOMPARE(second->size(), 1);

    auto filtered = repo.articles(SearchQuery::parse(QStringLiteral("steppe fire status:published")), 0, 10);
    QVERIFY_OK(filtered);
    QCOMPARE(filtered->size(), 1);
    QCOMPARE(filtered->first().id, best);
}

void TestSearch::boundedWindowsFindTheSameAsTheWholeIndex()
{
    // 400 articles; "grain" and "harvest*" words are everywhere, "aurochs" only among the
    // oldest, "saiga" once in the old part and once in the new, "bustard" in every thirtieth.
    // With a window of 5 the newest matches are looked for in a span of 80 articles first,
    // then in one as large as the matches found there say is needed.
    const QStringList forms = {QStringLiteral("harvest"), QStringLiteral("harvests"), QStringLiteral("harvesting"),
                               QStringLiteral("harvested"), QStringLiteral("harvester")};
    for (int i = 0; i < 400; ++i) {
        QString body = QStringLiteral("<p>The grain %1 of district %2 ").arg(forms.at(i % forms.size())).arg(i % 17);
        if (i < 30)
            body += QStringLiteral("and an aurochs herd ");
        if (i == 10 || i == 390)
            body += QStringLiteral("and one saiga ");
        if (i % 30 == 0)
            body += QStringLiteral("and a bustard ");
        body += QString(QStringLiteral("grain ")).repeated(i % 5) + QStringLiteral("</p>");
        addArticle(QStringLiteral("Report %1").arg(i), body,
                   i % 3 == 0 ? ArticleStatus::Published : ArticleStatus::Draft);
    }
    SearchRepository bounded(*m_db);
    SearchRepository whole(*m_db);
    bounded.setRankWindow(5);
    whole.setRankWindow(5);
    whole.setBoundedWindows(false);
    auto hits = [](const SearchRepository &repo, const QString &line, int offset) {
        QStringList out;
        const auto found = repo.articles(SearchQuery::parse(line), offset, 3);
        if (!found)
            return QStringList{found.error()};
        for (const ArticleHit &h : *found)
            out << QStringLiteral("%1 %2").arg(h.id).arg(h.snippet);
        return out;
    };
    for (const QString &line : {QStringLiteral("grain"), QStringLiteral("harvest*"), QStringLiteral("harv*"),
                                QStringLiteral("aurochs"), QStringLiteral("saiga"), QStringLiteral("\"grain harvests\""),
                                QStringLiteral("grain status:published"), QStringLiteral("harvest* -harvests"),
                                QStringLiteral("aurochs status:published"), QStringLiteral("nothingsuch*"),
                                QStringLiteral("aur*"), QStringLiteral("harvest* status:published"),
                                QStringLiteral("sai* grain"), QStringLiteral("bustard"), QStringLiteral("har*"),
                                QStringLiteral("har* status:published"),
                                QStringLiteral("bust* grain")}) {
        for (int offset : {0, 3}) {
            const QStringList expected = hits(whole, line, offset);
            QCOMPARE(hits(bounded, line, offset), expected);
        }
    }
    // Where the newest matches lie among the newest articles, the ranking query is bounded
    // there; where they do not, it reads the whole index.
    auto floorOf = [&](const QString &line) {
        const auto statement = bounded.articleStatement(SearchQuery::parse(line), 0, 3);
        // Placeholders: match, filter values, the floor, window, limit, offset, match.
        return statement ? statement->values.at(statement->values.size() - 5).toLongLong() : -1;
    };
    QVERIFY(floorOf(QStringLiteral("har*")) > 300);
    QVERIFY(floorOf(QStringLiteral("har* status:published")) > 300);
    // A prefix longer than the prefix indexes would be merged over the whole index whatever
    // the bound; it is searched as the five words it starts, which are read only as far as
    // the window needs.
    QVERIFY(floorOf(QStringLiteral("harvest*")) > 300);
    QVERIFY(floorOf(QStringLiteral("harvest* status:published")) > 300);
    const auto expanded = bounded.articleStatement(SearchQuery::parse(QStringLiteral("harvest*")), 0, 3);
    QVERIFY_OK(expanded);
    QCOMPARE(expanded->values.first().toString(),
             QStringLiteral("(\"harvest\" OR \"harvested\" OR \"harvester\" OR \"harvesting\" OR \"harvests\")"));
    QVERIFY(expanded->probes.at(0).sql.contains(QLatin1String("byline_fold")));
    QVERIFY(expanded->probes.at(1).sql.contains(QLatin1String("articles_vocab")));
    // Folded as the index folds: case and Latin accents do not matter.
    const auto folded = bounded.articleStatement(SearchQuery::parse(QStringLiteral("HÁRVESTE*")), 0, 3);
    QVERIFY_OK(folded);
    QCOMPARE(folded->values.first().toString(), QStringLiteral("(\"harvested\" OR \"harvester\")"));
    // The words find the rows the prefix itself finds.
    QSqlQuery raw(m_db->connection());
    QVERIFY(raw.exec(QStringLiteral("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harveste*'")) && raw.next());
    SearchRepository wide(*m_db);
    wide.setRankWindow(1000);
    const auto all = wide.articles(SearchQuery::parse(QStringLiteral("harveste*")), 0, 1000);
    QVERIFY_OK(all);
    QCOMPARE(all->size(), raw.value(0).toInt());
    QCOMPARE(all->size(), 160);
    // Left out, a prefix stays as typed.
    QVERIFY(bounded.articleStatement(SearchQuery::parse(QStringLiteral("grain -harvest*")), 0, 3)
                ->values.first().toString().contains(QLatin1String("\"harvest\" *")));
    QVERIFY(floorOf(QStringLiteral("grain status:published")) > 300);
    QCOMPARE(floorOf(QStringLiteral("aurochs*")), 0); // one word, among the oldest only
    QCOMPARE(floorOf(QStringLiteral("saiga")), 0);
    // "bustard": 3 matches among the newest 80 articles, so the next span is made for twice
    // the 5 wanted (266 articles, 9 matches); with spans eight times larger it would have
    // been the whole index.
    QVERIFY(floorOf(QStringLiteral("bustard")) > 150);
    QVERIFY(floorOf(QStringLiteral("bustard")) < 321);
    // The statements that found the window come with the statement, for timing tools: the
    // newest id, then one probe per span tried.
    const auto rare = bounded.articleStatement(SearchQuery::parse(QStringLiteral("saiga")), 0, 3);
    QVERIFY_OK(rare);
    QVERIFY(rare->probes.size() >= 2);
    QVERIFY(rare->probes.first().sql.contains(QLatin1String("max(id)")));
    const auto common = bounded.articleStatement(SearchQuery::parse(QStringLiteral("grain")), 0, 3);
    QVERIFY_OK(common);
    QCOMPARE(common->probes.size(), 2);
    const auto sparse = bounded.articleStatement(SearchQuery::parse(QStringLiteral("bustard")), 0, 3);
    QVERIFY_OK(sparse);
    QCOMPARE(sparse->probes.size(), 3);
    QCOMPARE(hits(bounded, QStringLiteral("saiga"), 0).size(), 2);

    // A prefix reads its snippets in one scan of the index; the rows and snippets are those
    // a lookup per row gives.
    auto rowsOf = [&](const QString &sql, const QVariantList &values) {
        QStringList out;
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            return QStringList{q.lastError().text()};
        while (q.next())
            out << QStringLiteral("%1 %2 %3").arg(q.value(0).toLongLong()).arg(q.value(1).toString(), q.value(6).toString());
        return out;
    };
    for (const QString &line : {QStringLiteral("har*"), QStringLiteral("har* district"),
                                QStringLiteral("har* status:published"), QStringLiteral("gra* -harvests")}) {
        const auto statement = bounded.articleStatement(SearchQuery::parse(line), 0, 3);
        QVERIFY_OK(statement);
        QVERIFY2(statement->sql.startsWith(QLatin1String("WITH top")), qPrintable(statement->sql));
        const QString filters = line.contains(QLatin1String("status:")) ? QStringLiteral(" AND a.status IN (?)") : QString();
        const QStringList perRow = rowsOf(m_db->dialect().articleSearchSql(filters, false), statement->values);
        QCOMPARE(perRow.size(), 3);
        QCOMPARE(rowsOf(statement->sql, statement->values), perRow);
    }

    // A prefix that starts more words than are worth listing is searched as typed, without a
    // window: 40 words begin with "quagga".
    for (int i = 0; i < 40; ++i)
        addArticle(QStringLiteral("Quagga %1").arg(i),
                   QStringLiteral("<p>grain quagga%1%2</p>").arg(QChar(u'a' + i / 26)).arg(QChar(u'a' + i % 26)),
                   ArticleStatus::Draft);
    QCOMPARE(floorOf(QStringLiteral("quagga*")), 0);
    QVERIFY(bounded.articleStatement(SearchQuery::parse(QStringLiteral("quagga*")), 0, 3)
                ->values.first().toString().contains(QLatin1String("\"quagga\" *")));
    QCOMPARE(hits(bounded, QStringLiteral("quagga*"), 0), hits(whole, QStringLiteral("quagga*"), 0));
}

void TestSearch::indexFollowsInsertUpdateDelete()
{
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("Draft on lakes");
    a.body = QStringLiteral("<p>Balkhash is shrinking.</p>");
    QVERIFY_OK(repo.insert(a));
    QCOMPARE(ids(QStringLiteral("balkhash")), QList<qint64>{a.id});
    verifyIndexSound();

    a.body = QStringLiteral("<p>Alakol is rising.</p>");
    QVERIFY_OK(repo.update(a));
    QCOMPARE(ids(QStringLiteral("balkhash")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("alakol")), QList<qint64>{a.id});
    verifyIndexSound();

    a.status = ArticleStatus::Ready; // text unchanged: the trigger's WHEN skips re-indexing
    QVERIFY_OK(repo.update(a));
    QCOMPARE(ids(QStringLiteral("alakol status:ready")), QList<qint64>{a.id});

    QVERIFY_OK(repo.remove(a.id));
    QCOMPARE(ids(QStringLiteral("alakol")), QList<qint64>{});
    verifyIndexSound();
}

void TestSearch::authorsAndImagesAreIndexed()
{
    AuthorRepository authors(*m_db);
    Author x;
    x.slug = QStringLiteral("dana");
    x.displayName = QStringLiteral("Дана Омарова");
    x.roleLine = QStringLiteral("Photo editor");
    x.bio = QStringLiteral("Снимает степь с 2004 года.");
    QVERIFY_OK(authors.insert(x));
    SearchRepository search(*m_db);
    auto hits = search.authors(SearchQuery::parse(QStringLiteral("степь")), 0, 10);
    QVERIFY_OK(hits);
    QCOMPARE(hits->size(), 1);
    x.bio = QStringLiteral("Пишет о городе.");
    QVERIFY_OK(authors.update(x));
    QVERIFY(search.authors(SearchQuery::parse(QStringLiteral("степь")), 0, 10)->isEmpty());
    QCOMPARE(search.authors(SearchQuery::parse(QStringLiteral("ОМАРОВА")), 0, 10)->size(), 1);

    ImageRepository images(*m_db);
    Image img;
    img.caption = QStringLiteral("Ледник Туюксу");
    img.creator = QStringLiteral("Дана Омарова");
    img.altText = QStringLiteral("ice field");
    QVERIFY_OK(images.store(QByteArray("glacier"), img));
    QCOMPARE(search.images(SearchQuery::parse(QStringLiteral("ледник")), 0, 10)->size(), 1);
    QCOMPARE(search.images(SearchQuery::parse(QStringLiteral("ice")), 0, 10)->size(), 1);
    img.altText = QStringLiteral("snow");
    QVERIFY_OK(images.update(img));
    QCOMPARE(search.images(SearchQuery::parse(QStringLiteral("ice")), 0, 10)->size(), 0);
    QCOMPARE(search.images(SearchQuery::parse(QStringLiteral("snow")), 0, 10)->size(), 1);
    verifyIndexSound();
}

void TestSearch::rolledBackWriteLeavesIndexConsistent()
{
    ArticleRepository repo(*m_db);
    Article kept;
    kept.title = QStringLiteral("Kept");
    kept.body = QStringLiteral("<p>apricot orchards</p>");
    QVERIFY_OK(repo.insert(kept));
    {
        Transaction outer(*m_db);
        QVERIFY(outer.isActive());
        Article lost;
        lost.title = QStringLiteral("Lost");
        lost.body = QStringLiteral("<p>melon fields</p>");
        QVERIFY_OK(repo.insert(lost)); // a savepoint inside the outer transaction
        Article changed = *repo.get(kept.id);
        changed.body = QStringLiteral("<p>walnut groves</p>");
        QVERIFY_OK(repo.update(changed));
        QCOMPARE(ids(QStringLiteral("melon")).size(), 1); // visible inside the transaction
        // leaves scope without commit: everything rolls back, index included
    }
    QCOMPARE(ids(QStringLiteral("melon")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("walnut")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("apricot")), QList<qint64>{kept.id});
    verifyIndexSound();
}

void TestSearch::cutOffWriteLeavesIndexConsistent()
{
    // A copy of the files taken while a large write is half done is what a power cut leaves.
    ArticleRepository repo(*m_db);
    Article kept;
    kept.title = QStringLiteral("Kept");
    kept.body = QStringLiteral("<p>apricot orchards</p>");
    QVERIFY_OK(repo.insert(kept));
    const QString copy = m_dir.filePath(QStringLiteral("cut%1.byline").arg(m_counter));
    {
        QSqlDatabase c = m_db->connection();
        QSqlQuery small(c);
        QVERIFY(small.exec(QStringLiteral("PRAGMA cache_size = 10"))); // spill pages to the WAL early
        Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        const QString big = QStringLiteral("<p>melon fields %1</p>");
        for (int i = 0; i < 300; ++i) {
            Article a;
            a.title = QStringLiteral("Melon %1").arg(i);
            a.body = big.arg(QString(QStringLiteral("lorem ipsum ")).repeated(200));
            QVERIFY_OK(repo.insert(a));
        }
        QVERIFY(QFileInfo(m_db->path() + QStringLiteral("-wal")).size() > 0);
        QVERIFY(QFile::copy(m_db->path(), copy));
        QVERIFY(QFile::copy(m_db->path() + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
    }
    auto reopened = Database::open(copy);
    QVERIFY_OK(reopened);
    m_db = std::move(reopened).value();
    QCOMPARE(ids(QStringLiteral("melon")), QList<qint64>{});
    QCOMPARE(ids(QStringLiteral("apricot")), QList<qint64>{kept.id});
    verifyIndexSound();
}

void TestSearch::migrationIndexesExistingNewsroom()
{
    // A newsroom from before search: apply every migration but the search one, write
    // articles, authors and images, then open it with this build.
    QTemporaryDir older;
    copyMigrationsBefore(older, QStringLiteral("_search"));
    const QString path = m_dir.filePath(QStringLiteral("old.byline"));
    {
        Database::Options o;
        o.migrationsPath = older.path();
        auto db = Database::open(path, o);
        QVERIFY_OK(db);
        // Written as that schema stood; today's repository also fills later tables.
        QSqlQuery q((*db)->connection());
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO articles (title, slug, excerpt, body, status, post_type, "
                                         "created_at, updated_at, row_version) "
                                         "VALUES (?, 'old-story', '', ?, 'draft', 'post', ?, ?, 1)")));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        q.addBindValue(QStringLiteral("Old story"));
        q.addBindValue(QStringLiteral("<p>The <em>caravan</em> reached Shymkent.</p>"));
        q.addBindValue(now);
        q.addBindValue(now);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        Author x;
        x.slug = QStringLiteral("old");
        x.displayName = QStringLiteral("Ержан Старый");
        QVERIFY_OK(AuthorRepository(**db).insert(x));
    }
    auto db = Database::open(path);
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    QCOMPARE(ids(QStringLiteral("caravan shymkent")).size(), 1);
    QCOMPARE(SearchRepository(*m_db).authors(SearchQuery::parse(QStringLiteral("ержан")), 0, 10)->size(), 1);
    verifyIndexSound();
}

void TestSearch::migrationAddsPrefixIndexes()
{
    // A newsroom indexed before version 11 (no prefix indexes) with a body, a title match and
    // words that share a short prefix; opened with this build, the index is rebuilt with its
    // prefix indexes from the stored text, finds what it found before and keeps ranking.
    QTemporaryDir older;
    copyMigrationsBefore(older, QStringLiteral("_search_prefixes"));
    const QString path = m_dir.filePath(QStringLiteral("v10.byline"));
    qint64 inBody = 0;
    qint64 inTitle = 0;
    {
        Database::Options o;
        o.migrationsPath = older.path();
        auto db = Database::open(path, o);
        QVERIFY_OK(db);
        QCOMPARE((*db)->schemaVersion(), 10);
        ArticleRepository repo(**db);
        Article a;
        a.title = QStringLiteral("Spring on the steppe");
        a.slug = QStringLiteral("spring");
        a.body = QStringLiteral("<p>Kolkhoz fields near the <em>kolsay</em> lakes.</p>\n"
                                "[caption id=\"attachment_4\" width=\"300\"]<img src=\"a.jpg\" /> "
                                "Ice on Көлсай Image: Dana[/caption]");
        QVERIFY_OK(repo.insert(a));
        inBody = a.id;
        Article b;
        b.title = QStringLiteral("Kolkhoz records");
        b.slug = QStringLiteral("records");
        b.body = QStringLiteral("<p>An archive of farm ledgers.</p>");
        QVERIFY_OK(repo.insert(b));
        inTitle = b.id;
    }
    auto db = Database::open(path);
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    QCOMPARE(m_db->schemaVersion(), Database::latestSchemaVersion());

    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")));
    QVERIFY(q.next());
    QVERIFY2(q.value(0).toString().contains(QLatin1String("prefix = '2 3'")), qPrintable(q.value(0).toString()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts_v10%'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0); // the old index and its shadow tables are gone

    // Two- and three-letter prefixes, a longer one, a caption word in Kazakh, ranking by title.
    QCOMPARE(ids(QStringLiteral("ko*")), (QList<qint64>{inTitle, inBody}));
    QCOMPARE(ids(QStringLiteral("kol*")), (QList<qint64>{inTitle, inBody}));
    QCOMPARE(ids(QStringLiteral("kols*")), QList<qint64>{inBody});
    QCOMPARE(ids(QStringLiteral("көл*")), QList<qint64>{inBody});
    QCOMPARE(ids(QStringLiteral("ledgers")), QList<qint64>{inTitle});
    QCOMPARE(ids(QStringLiteral("credit:dana")), QList<qint64>{inBody});

    // The triggers are back: a new, an edited and a deleted article keep the index in step.
    ArticleRepository repo(*m_db);
    Article c;
    c.title = QStringLiteral("Kolbasa prices");
    c.slug = QStringLiteral("prices");
    QVERIFY_OK(repo.insert(c));
    QCOMPARE(ids(QStringLiteral("kolb*")), QList<qint64>{c.id});
    auto read = repo.get(inTitle);
    QVERIFY_OK(read);
    Article edited = *read;
    edited.title = QStringLiteral("Farm records");
    QVERIFY_OK(repo.update(edited));
    QCOMPARE(ids(QStringLiteral("kolk*")), QList<qint64>{inBody});
    QVERIFY_OK(repo.remove(inBody));
    QCOMPARE(ids(QStringLiteral("kol*")), QList<qint64>{c.id});
    verifyIndexSound();
}

void TestSearch::compactingFindsTheSame()
{
    // Each article in its own transaction: FTS5 adds a part to the index for each, and
    // merges only some of them as it goes.
    addRankingCorpus([this](const QString &t, const QString &b) { return addArticle(t, b); });
    auto parts = [this] {
        QSqlQuery q(m_db->connection());
        return q.exec(QStringLiteral("SELECT count(DISTINCT segid) FROM articles_fts_idx")) && q.next()
                   ? q.value(0).toInt() : -1;
    };
    QVERIFY2(parts() > 1, qPrintable(QString::number(parts())));
    SearchRepository repo(*m_db);
    auto found = [&repo](const QString &line) {
        QStringList out;
        const auto hits = repo.articles(SearchQuery::parse(line), 0, 50);
        if (!hits)
            return QStringList{hits.error()};
        for (const ArticleHit &h : *hits)
            out << QStringLiteral("%1 %2").arg(h.id).arg(h.snippet);
        return out;
    };
    const QStringList lines = {QStringLiteral("saiga"), QStringLiteral("sai*"), QStringLiteral("steppe herd"),
                               QStringLiteral("\"steppe saiga\""), QStringLiteral("credit:\"steppe agency\"")};
    QList<QStringList> before;
    for (const QString &line : lines) {
        before << found(line);
        QVERIFY2(!before.last().isEmpty(), qPrintable(line));
    }
    QVERIFY_OK(repo.compactIndex());
    QCOMPARE(parts(), 1);
    for (int i = 0; i < lines.size(); ++i)
        QCOMPARE(found(lines.at(i)), before.at(i));
    verifyIndexSound();
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
