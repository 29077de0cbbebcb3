#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "imagerepository.h"
#include "settingsrepository.h"
#include "testsupport.h"

#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace byline;

// Round trips through every repository, with Kazakh and Russian text and very large bodies.
class TestRepositories : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void authorRoundTrip();
    void imageRoundTripAndDedup();
    void imagesByReference();
    void articleRoundTrip_data();
    void articleRoundTrip();
    void tenMegabyteBody();
    void updateBumpsVersionAndKeepsRevisions();
    void staleUpdateIsRefused();
    void pageSortsAndFilters();
    void keysetPagesStartWhereTheLastEnded();
    void listIndexCoversTheList();
    void duplicateSlugIsRefused();
    void authorInUseCannotBeDeleted();
    void settingsRoundTrip();
    void savingKeepsCategories();

private:
    Author makeAuthor(const QString &slug, const QString &name);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestRepositories::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("r%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestRepositories::cleanup()
{
    m_db.reset();
}

Author TestRepositories::makeAuthor(const QString &slug, const QString &name)
{
    Author a;
    a.slug = slug;
    a.displayName = name;
    a.roleLine = QStringLiteral("Regional Editor and Contributor");
    a.bio = QStringLiteral("Жазушы және редактор.\n\nПишет об Алматы.");
    a.email = slug + QStringLiteral("@example.org");
    a.links = {{QStringLiteral("Website"), QStringLiteral("https://example.org/") + slug},
               {QStringLiteral("Фото"), QStringLiteral("https://example.org/photo")}};
    return a;
}

void TestRepositories::authorRoundTrip()
{
    AuthorRepository repo(*m_db);
    Author a = makeAuthor(QStringLiteral("aigerim"), QStringLiteral("Әйгерім Сәрсенбаева"));
    QVERIFY_OK(repo.insert(a));
    QVERIFY(a.id > 0);
    auto back = repo.get(a.id);
    QVERIFY_OK(back);
    QCOMPARE(back->displayName, a.displayName);
    QCOMPARE(back->bio, a.bio);
    QCOMPARE(back->roleLine, a.roleLine);
    QCOMPARE(back->links, a.links);

    Author changed = *back;
    changed.roleLine = QStringLiteral("Шеф-редактор");
    changed.links.removeFirst();
    QVERIFY_OK(repo.update(changed));
    auto again = repo.findBySlug(QStringLiteral("aigerim"));
    QVERIFY_OK(again);
    QCOMPARE(again->roleLine, changed.roleLine);
    QCOMPARE(again->links.size(), 1);
    QVERIFY(!repo.findBySlug(QStringLiteral("nobody")).ok());
}

void TestRepositories::imageRoundTripAndDedup()
{
    ImageRepository repo(*m_db);
    const QByteArray bytes = QByteArray("\xff\xd8\xff\xe0 pretend jpeg ") + QByteArray(5000, 'x');
    Image meta;
    meta.mimeType = QStringLiteral("image/jpeg");
    meta.width = 960;
    meta.height = 640;
    meta.originalFileName = QStringLiteral("ұлттық-парк.jpg");
    meta.wpAttachmentId = 35968;
    meta.title = QStringLiteral("Национальный парк");
    meta.caption = QStringLiteral("Вид на горы");
    meta.description = QStringLiteral("Long description");
    meta.creditLine = QStringLiteral("Steppe Ledger");
    meta.creator = QStringLiteral("Данияр Ахметов");
    meta.copyrightNotice = QStringLiteral("© 2025 Steppe Ledger");
    meta.altText = QStringLiteral("Снежные вершины над долиной");
    auto stored = repo.store(bytes, meta);
    QVERIFY_OK(stored);
    QVERIFY(!stored->duplicate);

    auto back = repo.get(stored->id);
    QVERIFY_OK(back);
    QCOMPARE(back->sha256, ImageRepository::digest(bytes));
    QCOMPARE(back->byteSize, qint64(bytes.size()));
    QCOMPARE(back->creator, meta.creator);
    QCOMPARE(back->creditLine, meta.creditLine);
    QCOMPARE(back->copyrightNotice, meta.copyrightNotice);
    QCOMPARE(back->altText, meta.altText);
    QCOMPARE(back->originalFileName, meta.originalFileName);
    QCOMPARE(repo.bytes(stored->id).value(), bytes);
    QCOMPARE(repo.findByAttachmentId(35968).value().id, stored->id);

    // The same bytes again: no second copy, the first image comes back.
    Image second;
    second.creditLine = QStringLiteral("someone else");
    auto dup = repo.store(bytes, second);
    QVERIFY_OK(dup);
    QVERIFY(dup->duplicate);
    QCOMPARE(dup->id, stored->id);
    QCOMPARE(second.creditLine, meta.creditLine);
    QCOMPARE(repo.blobCount().value(), 1);

    Image other;
    QVERIFY_OK(repo.store(bytes + "!", other));
    QCOMPARE(repo.blobCount().value(), 2);
    QCOMPARE(repo.all().value().size(), 2);

    Image edit = *back;
    edit.creditLine = QStringLiteral("Image: TCA");
    QVERIFY_OK(repo.update(edit));
    QCOMPARE(repo.get(edit.id).value().creditLine, edit.creditLine);
}

void TestRepositories::imagesByReference()
{
    ImageRepository repo(*m_db);
    // A library far bigger than one IN list, so the lookup has to go in parts.
    QList<qint64> ids;
    for (int i = 0; i < 1000; ++i) {
        Image meta;
        meta.mimeType = QStringLiteral("image/jpeg");
        meta.originalFileName = QStringLiteral("Photo-%1.JPG").arg(i);
        meta.wpAttachmentId = i % 3 == 0 ? 0 : 50000 + i;
        auto stored = repo.store(QByteArray("img") + QByteArray::number(i), meta);
        QVERIFY_OK(stored);
        ids << stored->id;
    }
    QList<qint64> attachments;
    for (int i = 1; i < 1000; i += 3)
        attachments << 50000 + i; // 333 of them
    attachments << 50001 << 99999999 << 0 << -4; // a repeat, an unknown, nothing, nonsense
    QStringList names{QStringLiteral("photo-3.jpg"), QStringLiteral("PHOTO-6.jpg"), QStringLiteral("photo-1.jpg"),
                      QStringLiteral("nowhere.jpg"), QString()};
    for (int i = 9; i < 900; i += 3)
        names << QStringLiteral("photo-%1.jpg").arg(i);
    auto found = repo.referenced({ids.at(2), ids.at(1), 424242}, attachments, names);
    QVERIFY_OK(found);
    QSet<qint64> got;
    for (const Image &image : found.value()) {
        QVERIFY2(!got.contains(image.id), "each image once");
        got.insert(image.id);
    }
    QSet<qint64> expected{ids.at(2), ids.at(1)};
    for (int i = 1; i < 1000; i += 3)
        expected.insert(ids.at(i));
    expected.insert(ids.at(3));
    expected.insert(ids.at(6));
    for (int i = 9; i < 900; i += 3)
        expected.insert(ids.at(i));
    QCOMPARE(got, expected);
    // Nothing asked, nothing read.
    QVERIFY_OK(repo.referenced({}, {}));
    QVERIFY(repo.referenced({}, {})->isEmpty());
}

void TestRepositories::articleRoundTrip_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    QTest::newRow("english") << QStringLiteral("Tselinny opens")
                             << QStringLiteral("[caption id=\"attachment_1\" align=\"aligncenter\" width=\"960\"] Image: TCA[/caption]\n\nText.");
    QTest::newRow("kazakh") << QStringLiteral("Қазақстан өңірлері: ұлттық бағдарлама")
                            << QStringLiteral("Әрбір өңірде жаңа мектептер ашылды.\r\n\r\nҮкімет.");
    QTest::newRow("russian") << QStringLiteral("Щедрая осень в Алматы")
                             << QStringLiteral("Ёлки, «кавычки» и — тире.\tТаб.");
    QTest::newRow("emoji and nul-free controls") << QStringLiteral("Mixed 🙂 title")
                                                 << QStringLiteral("a\u200bb\u00a0c 🙂");
}

void TestRepositories::articleRoundTrip()
{
    QFETCH(QString, title);
    QFETCH(QString, body);
    AuthorRepository authors(*m_db);
    Author a1 = makeAuthor(QStringLiteral("first"), QStringLiteral("Первый Автор"));
    Author a2 = makeAuthor(QStringLiteral("second"), QStringLiteral("Second Author"));
    QVERIFY_OK(authors.insert(a1));
    QVERIFY_OK(authors.insert(a2));

    ArticleRepository repo(*m_db);
    Article a;
    a.title = title;
    a.excerpt = QStringLiteral("Қысқаша: ") + title;
    a.body = body;
    a.status = ArticleStatus::Scheduled;
    a.authorIds = {a2.id, a1.id};
    a.tags = {QStringLiteral("Алматы"), QStringLiteral("Culture")};
    a.scheduledAt = QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);
    a.embargoAt = QDateTime(QDate(2026, 2, 28), QTime(23, 0), Qt::UTC);
    a.wpPostId = 4242;
    a.wpGuid = QStringLiteral("https://example.org/?p=4242");
    QVERIFY_OK(repo.insert(a, QStringLiteral("tester")));
    QVERIFY(!a.slug.isEmpty());
    QCOMPARE(a.rowVersion, 1);

    auto back = repo.get(a.id);
    QVERIFY_OK(back);
    QCOMPARE(back->title, a.title);
    QCOMPARE(back->slug, a.slug);
    QCOMPARE(back->excerpt, a.excerpt);
    QCOMPARE(back->body, a.body);
    QCOMPARE(back->status, ArticleStatus::Scheduled);
    QCOMPARE(back->authorIds, (QList<qint64>{a2.id, a1.id}));
    QCOMPARE(back->tags, a.tags);
    QCOMPARE(back->scheduledAt, a.scheduledAt);
    QCOMPARE(back->embargoAt, a.embargoAt);
    QVERIFY(!back->publishedAt.isValid());
    QCOMPARE(back->wpPostId, 4242);
    QCOMPARE(back->wpGuid, a.wpGuid);
    QCOMPARE(repo.authorNames(a.id).value(), (QStringList{a2.displayName, a1.displayName}));
}

void TestRepositories::tenMegabyteBody()
{
    ArticleRepository repo(*m_db);
    QString body;
    const QString para = QStringLiteral("Қазақ тілі мен орыс тілі — «Щедрая осень». [caption id=\"attachment_7\" width=\"300\"] @example.org[/caption]\n\n");
    while (body.toUtf8().size() < 10 * 1024 * 1024)
        body += para.repeated(1000);
    Article a;
    a.title = QStringLiteral("Big");
    a.body = body;
    QVERIFY_OK(repo.insert(a));
    auto back = repo.get(a.id);
    QVERIFY_OK(back);
    QCOMPARE(back->body.size(), body.size());
    QVERIFY(back->body == body);
}

void TestRepositories::updateBumpsVersionAndKeepsRevisions()
{
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("One");
    a.body = QStringLiteral("first");
    QVERIFY_OK(repo.insert(a, QStringLiteral("ed")));
    a.body = QStringLiteral("second");
    a.status = ArticleStatus::InEdit;
    QVERIFY_OK(repo.update(a, QStringLiteral("sub")));
    QCOMPARE(a.rowVersion, 2);
    QCOMPARE(repo.get(a.id).value().body, QStringLiteral("second"));
    const auto revs = repo.revisions(a.id);
    QVERIFY_OK(revs);
    QCOMPARE(revs->size(), 2);
    QCOMPARE(revs->at(0).body, QStringLiteral("first"));
    QCOMPARE(revs->at(0).savedBy, QStringLiteral("ed"));
    QCOMPARE(revs->at(1).body, QStringLiteral("second"));
    QCOMPARE(revs->at(1).status, ArticleStatus::InEdit);
    QCOMPARE(revs->at(1).rowVersion, 2);
}

void TestRepositories::staleUpdateIsRefused()
{
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("Shared");
    QVERIFY_OK(repo.insert(a));
    Article mine = repo.get(a.id).value();
    Article theirs = repo.get(a.id).value();
    theirs.body = QStringLiteral("their words");
    QVERIFY_OK(repo.update(theirs));
    mine.body = QStringLiteral("my words");
    const Status s = repo.update(mine);
    QVERIFY(!s.ok());
    QVERIFY(s.error().startsWith(kConflictPrefix));
    QCOMPARE(mine.rowVersion, 1); // untouched on refusal
    QCOMPARE(repo.get(a.id).value().body, QStringLiteral("their words"));
    QCOMPARE(repo.revisions(a.id).value().size(), 2);
}

void TestRepositories::pageSortsAndFilters()
{
    AuthorRepository authors(*m_db);
    Author au = makeAuthor(QStringLiteral("only"), QStringLiteral("Only Author"));
    QVERIFY_OK(authors.insert(au));
    ArticleRepository repo(*m_db);
    for (int i = 0; i < 30; ++i) {
        Article a;
        a.title = QStringLiteral("Article %1").arg(i, 2, 10, QLatin1Char('0'));
        a.status = i % 3 == 0 ? ArticleStatus::Published : ArticleStatus::Draft;
        a.updatedAt = QDateTime::fromSecsSinceEpoch(1700000000 + i * 60, Qt::UTC);
        if (i % 5 == 0)
            a.authorIds = {au.id};
        QVERIFY_OK(repo.insert(a));
    }
    ArticleQuery q;
    auto first = repo.page(q, 0, 10);
    QVERIFY_OK(first);
    QCOMPARE(first->size(), 10);
    QCOMPARE(first->at(0).title, QStringLiteral("Article 29"));
    auto rest = repo.page(q, 25, 10);
    QCOMPARE(rest.value().size(), 5);
    QCOMPARE(rest->last().title, QStringLiteral("Article 00"));

    q.sortKey = ArticleQuery::SortKey::Title;
    q.descending = false;
    QCOMPARE(repo.page(q, 0, 1).value().at(0).title, QStringLiteral("Article 00"));

    q.status = ArticleStatus::Published;
    QCOMPARE(repo.page(q, 0, 100).value().size(), 10);
    q.status.reset();
    q.authorId = au.id;
    const auto byAuthor = repo.page(q, 0, 100);
    QCOMPARE(byAuthor.value().size(), 6);
    QCOMPARE(byAuthor->at(0).authorNames, QStringLiteral("Only Author"));
}

// Paging after the last row listed, in every order: the pages join up to the whole list with
// no row twice, as reading by offset gives it, and (for the orders an index serves) a page far
// down costs the database about what the first page costs, counted in SQLite's own virtual
// machine steps on this connection.
void TestRepositories::keysetPagesStartWhereTheLastEnded()
{
    constexpr int kRows = 3000;
    constexpr int kPage = 50;
    {
        QSqlDatabase c = m_db->connection();
        QVERIFY(c.transaction());
        QSqlQuery insert(c);
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO articles (title, slug, status, created_at, updated_at, "
                                              "scheduled_at) VALUES (?, ?, ?, ?, ?, ?)")));
        const QStringList statuses{QStringLiteral("draft"), QStringLiteral("edit"), QStringLiteral("published")};
        for (int i = 0; i < kRows; ++i) {
            insert.addBindValue(QStringLiteral("Story %1").arg((i * 7919) % 1000)); // titles repeat
            insert.addBindValue(QStringLiteral("story-%1").arg(i));
            insert.addBindValue(statuses.at(i % 3));
            insert.addBindValue(qint64(1700000000000) + (i * 104729) % 5000 * 1000); // times repeat too
            insert.addBindValue(qint64(1700000000000) + (i * 7) % 2000 * 60000);
            insert.addBindValue(i % 4 == 0 ? QVariant(QMetaType::fromType<qint64>())
                                           : QVariant(qint64(1800000000000) + (i % 500) * 60000));
            QVERIFY(insert.exec());
        }
        QVERIFY(c.commit());
    }
    const QVariant handle = m_db->connection().driver()->handle();
    QVERIFY(handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0);
    sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.data());
    qint64 steps = 0;
    sqlite3_progress_handler(
        raw, 10,
        [](void *counter) {
            ++*static_cast<qint64 *>(counter);
            return 0;
        },
        &steps);

    ArticleRepository repo(*m_db);
    using Key = ArticleQuery::SortKey;
    for (Key key : {Key::Updated, Key::Title, Key::Status, Key::Scheduled, Key::Created}) {
        for (bool descending : {true, false}) {
            ArticleQuery q;
            q.sortKey = key;
            q.descending = descending;
            const QString what = QStringLiteral("order %1 %2").arg(int(key)).arg(descending ? "desc" : "asc");
            const auto all = repo.page(q, 0, kRows + 1);
            QVERIFY_OK(all);
            QCOMPARE(all->size(), kRows);
            QList<qint64> walked;
            qint64 firstCost = -1, lastCost = 0;
            const ArticleSummary *after = nullptr;
            QList<ArticleSummary> page;
            do {
                steps = 0;
                auto next = repo.page(q, after, kPage);
                QVERIFY2(next.ok(), qPrintable(what));
                if (firstCost < 0)
                    firstCost = steps;
                else if (next->size() == kPage)
                    lastCost = steps;
                page = *next;
                for (const ArticleSummary &s : page)
                    walked << s.id;
                after = page.isEmpty() ? nullptr : &page.constLast();
            } while (page.size() == kPage);
            QList<qint64> expected;
            for (const ArticleSummary &s : *all)
                expected << s.id;
            QVERIFY2(walked == expected, qPrintable(what));
            const bool indexed = !(key == Key::Scheduled && descending) && key != Key::Status;
            if (indexed)
                QVERIFY2(lastCost <= 3 * firstCost + 20,
                         qPrintable(QStringLiteral("%1: first page %2, a page near the end %3 steps")
                                        .arg(what)
                                        .arg(firstCost)
                                        .arg(lastCost)));
        }
    }
    sqlite3_progress_handler(raw, 0, nullptr, nullptr);
}

// Migration 12 on a newsroom of version 11: the list's own index replaces the plain one, the
// list in its usual order reads it alone (no table rows, no sorting), and pages come as before.
void TestRepositories::listIndexCoversTheList()
{
    QTemporaryDir older;
    QVERIFY(testsupport::copyMigrationsBefore(m_db->dialect().migrationsPath(), older.path(),
                                              QStringLiteral("_article_list_index")));
    const QString path = m_dir.filePath(QStringLiteral("v11.byline"));
    {
        Database::Options o;
        o.migrationsPath = older.path();
        auto db = Database::open(path, o);
        QVERIFY_OK(db);
        QCOMPARE((*db)->schemaVersion(), 11);
        ArticleRepository repo(**db);
        for (int i = 0; i < 5; ++i) {
            Article a;
            a.title = QStringLiteral("Story %1").arg(i);
            a.updatedAt = QDateTime::fromSecsSinceEpoch(1700000000 + (i % 2) * 60, Qt::UTC); // ties
            QVERIFY_OK(repo.insert(a));
        }
    }
    auto db = Database::open(path);
    QVERIFY_OK(db);
    QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    QSqlQuery q((*db)->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                                  "WHERE type = 'index' AND name LIKE 'articles_%updated' ORDER BY name)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("articles_list_updated articles_status_updated"));
    QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id, title, slug, status, updated_at, scheduled_at, "
                                  "published_at, created_at FROM articles ORDER BY updated_at DESC, id DESC LIMIT 10")));
    QStringList plan;
    while (q.next())
        plan << q.value(3).toString();
    QCOMPARE(plan, QStringList{QStringLiteral("SCAN articles USING COVERING INDEX articles_list_updated")});

    const auto rows = ArticleRepository(**db).page(ArticleQuery(), 0, 10);
    QVERIFY_OK(rows);
    QStringList titles;
    for (const ArticleSummary &r : *rows)
        titles << r.title;
    QCOMPARE(titles, (QStringList{QStringLiteral("Story 3"), QStringLiteral("Story 1"), QStringLiteral("Story 4"),
                                  QStringLiteral("Story 2"), QStringLiteral("Story 0")}));
}

void TestRepositories::duplicateSlugIsRefused()
{
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("Same title");
    QVERIFY_OK(repo.insert(a));
    QVERIFY(repo.slugTaken(a.slug).value());
    QVERIFY(!repo.slugTaken(a.slug, a.id).value());
    Article b;
    b.title = QStringLiteral("Same title");
    QVERIFY(!repo.insert(b).ok());
    QCOMPARE(repo.page(ArticleQuery(), 0, 10).value().size(), 1);
}

void TestRepositories::authorInUseCannotBeDeleted()
{
    AuthorRepository authors(*m_db);
    Author au = makeAuthor(QStringLiteral("busy"), QStringLiteral("Busy"));
    QVERIFY_OK(authors.insert(au));
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("By busy");
    a.authorIds = {au.id};
    QVERIFY_OK(repo.insert(a));
    QVERIFY(!authors.remove(au.id).ok());
    QVERIFY_OK(authors.get(au.id));
    QVERIFY_OK(repo.remove(a.id));
    QVERIFY_OK(authors.remove(au.id));
}

void TestRepositories::settingsRoundTrip()
{
    SettingsRepository s(*m_db);
    QCOMPARE(s.value(settingkeys::kTimeZone, QStringLiteral("UTC")).value(), QStringLiteral("UTC"));
    QVERIFY_OK(s.setValue(settingkeys::kTimeZone, QStringLiteral("Asia/Almaty")));
    QVERIFY_OK(s.setValue(settingkeys::kTimeZone, QStringLiteral("Europe/London")));
    QCOMPARE(s.value(settingkeys::kTimeZone).value(), QStringLiteral("Europe/London"));
}

void TestRepositories::savingKeepsCategories()
{
    ArticleRepository repo(*m_db);
    Article a;
    a.title = QStringLiteral("Filed under news");
    a.tags = {QStringLiteral("Almaty")};
    QVERIFY_OK(repo.insert(a));
    // A category as a WordPress import leaves it.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO tags (name, slug, taxonomy) VALUES ('News', 'news', 'category')")));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO article_tags (article_id, tag_id, position) "
                                     "SELECT ?, id, 5 FROM tags WHERE taxonomy = 'category'")));
    q.addBindValue(a.id);
    QVERIFY(q.exec());
    Article loaded = repo.get(a.id).value();
    QCOMPARE(loaded.tags, QStringList{QStringLiteral("Almaty")}); // categories are not tags
    loaded.tags = {QStringLiteral("Culture")};
    QVERIFY_OK(repo.update(loaded));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id "
                                  "WHERE t.taxonomy = 'category'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(repo.get(a.id).value().tags, QStringList{QStringLiteral("Culture")});
}

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
