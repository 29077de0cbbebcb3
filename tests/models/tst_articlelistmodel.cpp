#include "articlelistmodel.h"
#include "archivewriter.h"
#include "articlerepository.h"
#include "database.h"
#include "itemroles.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableView>
#include <QTest>

using namespace byline;

// The article list model: lazy paging, database-side sorting and filtering, and Qt's model
// checks throughout.
class TestArticleListModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void passesModelTester();
    void fetchesLazily();
    void sortsInTheDatabase();
    void sameQueryReadsOnce();
    void filtersByStatus();
    void reloadKeepsFetchedRows();
    void showsWordsCreditsAndReadiness();
    void pagesFollowTheLastRowInEveryOrder();
    void keepsOnlyABoundedCacheOfRows();
    void aHundredThousandRowsFetchOnlyWhatIsShown();
    void readAheadReadsOnItsOwnThread();
    void readAheadKeepsTheOrder();
    void newQueryDropsThePageOnItsWay();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    static constexpr int kArticles = 1000;
};

void TestArticleListModel::initTestCase()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("list.byline")));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    ArticleRepository repo(*m_db);
    for (int i = 0; i < kArticles; ++i) {
        Article a;
        a.title = QStringLiteral("Статья %1").arg(i, 4, 10, QLatin1Char('0'));
        a.slug = QStringLiteral("a-%1").arg(i);
        a.status = allStatuses().at(i % 6);
        a.updatedAt = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
        QVERIFY_OK(repo.insert(a));
    }
}

void TestArticleListModel::passesModelTester()
{
    ArticleListModel model(*m_db);
    model.setPageSize(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQuery(ArticleQuery());
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), kArticles);
    model.sort(ArticleListModel::TitleColumn, Qt::AscendingOrder);
    model.reload();
    QVERIFY(model.data(model.index(0, ArticleListModel::TitleColumn)).toString().startsWith(QStringLiteral("Статья")));
}

void TestArticleListModel::fetchesLazily()
{
    ArticleListModel model(*m_db);
    model.setPageSize(50);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setQuery(ArticleQuery());
    QCOMPARE(model.rowCount(), 50);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(inserted.count(), 1); // the first page came with the reset
    // Newest first by default.
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Статья 0999"));
    QCOMPARE(model.data(model.index(0, 0), IdRole).toLongLong(), model.articleId(0));
}

void TestArticleListModel::sortsInTheDatabase()
{
    ArticleListModel model(*m_db);
    model.setPageSize(10);
    model.setQuery(ArticleQuery());
    model.sort(ArticleListModel::UpdatedColumn, Qt::AscendingOrder);
    QCOMPARE(model.rowCount(), 10); // a fresh first page, not a sort of what was loaded
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Статья 0000"));
    model.sort(ArticleListModel::TitleColumn, Qt::DescendingOrder);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Статья 0999"));
}

void TestArticleListModel::sameQueryReadsOnce()
{
    // A window sets the sort order, the header repeats it and the filters follow: the first
    // page is read once, not once per call. reload() and a real change read again.
    ArticleListModel model(*m_db);
    model.setPageSize(20);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(ArticleListModel::UpdatedColumn, Qt::DescendingOrder);
    QCOMPARE(resets.count(), 1);
    model.sort(ArticleListModel::UpdatedColumn, Qt::DescendingOrder);
    model.setQuery(model.query());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 20);
    model.reload();
    QCOMPARE(resets.count(), 2);
    ArticleQuery spiked = model.query();
    spiked.status = ArticleStatus::Spiked;
    model.setQuery(spiked);
    QCOMPARE(resets.count(), 3);
    QCOMPARE(model.data(model.index(0, 0), StatusKeyRole).toString(), QStringLiteral("spiked"));
    model.sort(ArticleListModel::UpdatedColumn, Qt::AscendingOrder);
    QCOMPARE(resets.count(), 4);
}

void TestArticleListModel::filtersByStatus()
{
    ArticleListModel model(*m_db);
    ArticleQuery q;
    q.status = ArticleStatus::Spiked;
    model.setPageSize(1000);
    model.setQuery(q);
    QCOMPARE(model.rowCount(), kArticles / 6 + (kArticles % 6 > 5 ? 1 : 0));
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.data(model.index(r, 0), StatusKeyRole).toString(), QStringLiteral("spiked"));
    QVERIFY(!model.canFetchMore({}));
}

void TestArticleListModel::reloadKeepsFetchedRows()
{
    ArticleListModel model(*m_db);
    model.setPageSize(30);
    model.setQuery(ArticleQuery());
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 60);
    model.reload();
    QCOMPARE(model.rowCount(), 60);
    QVERIFY(model.canFetchMore({}));
}

void TestArticleListModel::showsWordsCreditsAndReadiness()
{
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("marks.byline")));
    QVERIFY_OK(opened);
    Database &db = **opened;
    ArticleRepository repo(db);

    // Five words a reader reads; the caption's words do not count, and it has no credit.
    Article bare;
    bare.title = QStringLiteral("Bare caption");
    bare.slug = QStringLiteral("bare");
    bare.body = QStringLiteral("<p>Grain prices rose in <em>Aktau</em>.</p>\n\n"
                               "[caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]"
                               "<img src=\"a.jpg\" alt=\"\" width=\"300\" height=\"200\" /> Harbour at dawn[/caption]");
    QVERIFY_OK(repo.insert(bare));

    Article credited = bare;
    credited.id = 0;
    credited.title = QStringLiteral("Credited caption");
    credited.slug = QStringLiteral("credited");
    credited.body.replace(QStringLiteral("Harbour at dawn"), QStringLiteral("Harbour at dawn Image: Ledger"));
    QVERIFY_OK(repo.insert(credited));

    ArticleListModel model(db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ArticleQuery q;
    q.sortKey = ArticleQuery::SortKey::Title;
    q.descending = false;
    model.setQuery(q);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex bareRow = model.index(0, ArticleListModel::TitleColumn);
    const QModelIndex creditedRow = model.index(1, ArticleListModel::TitleColumn);
    QCOMPARE(bareRow.data().toString(), QStringLiteral("Bare caption"));

    QCOMPARE(bareRow.data(WordCountRole).toInt(), 5);
    QCOMPARE(model.index(0, ArticleListModel::WordsColumn).data().toString(), QStringLiteral("5"));
    QCOMPARE(model.headerData(ArticleListModel::WordsColumn, Qt::Horizontal).toString(), QStringLiteral("Words"));

    QCOMPARE(bareRow.data(MissingCreditsRole).toInt(), 1);
    QVERIFY(!bareRow.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(bareRow.data(Qt::ToolTipRole).toString().contains(QLatin1String("without a credit")));
    QCOMPARE(creditedRow.data(MissingCreditsRole).toInt(), 0);
    QVERIFY(!creditedRow.data(Qt::DecorationRole).isValid());

    // Saved in Byline, so checked: no excerpt, no author and no library image are errors.
    QCOMPARE(bareRow.data(ReadinessRole).toString(), QStringLiteral("errors"));
    QVERIFY(!model.index(0, ArticleListModel::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());

    // A body edit keeps the figures in step (the trigger runs in the save's transaction).
    auto stored = repo.get(credited.id);
    QVERIFY_OK(stored);
    Article edited = *stored;
    edited.body.replace(QStringLiteral(" Image: Ledger"), QString());
    edited.body.prepend(QStringLiteral("<p>One two three.</p>\n\n"));
    QVERIFY_OK(repo.update(edited));
    model.reload();
    QCOMPARE(model.index(1, 0).data(WordCountRole).toInt(), 8);
    QCOMPARE(model.index(1, 0).data(MissingCreditsRole).toInt(), 1);
}

void TestArticleListModel::pagesFollowTheLastRowInEveryOrder()
{
    // Ties everywhere: five update times, repeated titles, a third never scheduled. Paging by
    // the last row's key must give exactly the order one unpaged read gives.
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("keyset.byline")));
    QVERIFY_OK(opened);
    Database &db = **opened;
    ArchiveWriter writer(db);
    QVERIFY_OK(writer.begin());
    for (int i = 0; i < 157; ++i) {
        Article a;
        a.title = QStringLiteral("Story %1").arg(i % 11);
        a.slug = QStringLiteral("s-%1").arg(i);
        a.status = allStatuses().at(i % 6);
        a.createdAt = QDateTime::fromSecsSinceEpoch(1700000000 + (i % 7) * 60, Qt::UTC);
        a.updatedAt = QDateTime::fromSecsSinceEpoch(1700000000 + (i % 5) * 60, Qt::UTC);
        if (i % 3)
            a.scheduledAt = QDateTime::fromSecsSinceEpoch(1710000000 + (i % 4) * 3600, Qt::UTC);
        QVERIFY_OK(writer.addArticle(a));
    }
    QVERIFY_OK(writer.commit());

    ArticleRepository repo(db);
    using Key = ArticleQuery::SortKey;
    for (Key key : {Key::Updated, Key::Title, Key::Status, Key::Scheduled, Key::Created}) {
        for (bool descending : {false, true}) {
            ArticleQuery q;
            q.sortKey = key;
            q.descending = descending;
            QList<qint64> expected;
            for (const ArticleSummary &s : repo.page(q, 0, 1000).value())
                expected << s.id;
            QCOMPARE(expected.size(), 157);

            ArticleListModel model(db);
            model.setPageSize(7);
            model.setQuery(q);
            while (model.canFetchMore({}))
                model.fetchMore({});
            QList<qint64> paged;
            for (int r = 0; r < model.rowCount(); ++r)
                paged << model.articleId(r);
            QVERIFY2(paged == expected, qPrintable(QStringLiteral("order %1, descending %2")
                                                       .arg(int(key))
                                                       .arg(descending)));
        }
    }
    // Filters still apply on later pages.
    ArticleQuery spiked;
    spiked.status = ArticleStatus::Spiked;
    ArticleListModel model(db);
    model.setPageSize(5);
    model.setQuery(spiked);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 26);
}

void TestArticleListModel::keepsOnlyABoundedCacheOfRows()
{
    // Scrolled to the end, the model holds every id but only two generations of full rows; a
    // row that fell out is read again, correct, when it is asked for.
    ArticleRepository repo(*m_db);
    QHash<qint64, QString> titles;
    for (const ArticleSummary &s : repo.page(ArticleQuery(), 0, kArticles).value())
        titles.insert(s.id, s.title);
    QCOMPARE(titles.size(), kArticles);

    ArticleListModel model(*m_db);
    model.setPageSize(64);
    model.setCacheRows(256);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQuery(ArticleQuery());
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), kArticles);
    QVERIFY2(model.cachedRows() <= 512, qPrintable(QString::number(model.cachedRows())));
    // From the end back to the start, then a jump: every title right, the cache still bounded.
    for (int r = model.rowCount() - 1; r >= 0; --r) {
        const qint64 id = model.articleId(r);
        QCOMPARE(model.data(model.index(r, ArticleListModel::TitleColumn)).toString(), titles.value(id));
        QVERIFY(model.cachedRows() <= 512);
    }
    QCOMPARE(model.data(model.index(kArticles - 1, ArticleListModel::TitleColumn)).toString(),
             titles.value(model.articleId(kArticles - 1)));
    QCOMPARE(model.rowOfArticle(model.articleId(777)), 777);

    // A row deleted behind the model's back reads as empty instead of crashing.
    Article gone;
    gone.title = QStringLiteral("to be removed");
    gone.slug = QStringLiteral("to-be-removed");
    QVERIFY_OK(repo.insert(gone));
    ArticleListModel withGone(*m_db);
    withGone.setPageSize(300);
    withGone.setCacheRows(256);
    withGone.setQuery(ArticleQuery());
    withGone.fetchMore({});
    withGone.fetchMore({});
    const int goneRow = withGone.rowOfArticle(gone.id);
    QVERIFY(goneRow >= 0);
    QVERIFY_OK(repo.remove(gone.id));
    // Push the removed row out of the cache, then ask for it again.
    for (int r = withGone.rowCount() - 1; r >= 0; --r)
        withGone.data(withGone.index(r, 0));
    withGone.data(withGone.index(goneRow, 0));
    QVERIFY(withGone.data(withGone.index(goneRow, ArticleListModel::TitleColumn)).toString().isEmpty());
}

void TestArticleListModel::aHundredThousandRowsFetchOnlyWhatIsShown()
{
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("large.byline")));
    QVERIFY_OK(opened);
    Database &db = **opened;
    ArchiveWriter writer(db);
    QVERIFY_OK(writer.begin());
    constexpr int kRows = 100000;
    for (int i = 0; i < kRows; ++i) {
        Article a;
        a.title = QStringLiteral("Item %1").arg(i);
        a.slug = QStringLiteral("item-%1").arg(i);
        a.createdAt = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
        a.updatedAt = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
        QVERIFY_OK(writer.addArticle(a));
    }
    QVERIFY_OK(writer.commit());

    ArticleListModel model(db);
    QTableView view;
    view.resize(800, 600);
    view.setModel(&model);
    model.setQuery(ArticleQuery());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    // One page was read for the reset; the view asked for nothing more while it fit.
    QCOMPARE(model.rowCount(), model.pageSize());
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Item 99999"));
    // Scrolling to the bottom of what is there fetches one more page, not the rest.
    view.scrollToBottom();
    QCoreApplication::processEvents();
    QVERIFY(model.rowCount() <= 3 * model.pageSize());
    QVERIFY(model.rowCount() > model.pageSize());
    QVERIFY(model.cachedRows() <= model.rowCount());
}

// Every id of the list, in order, fetched the plain way.
static QList<qint64> idsInOrder(Database &db, const ArticleQuery &query, int pageSize)
{
    ArticleListModel model(db);
    model.setPageSize(pageSize);
    model.setQuery(query);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.articleId(r);
    return ids;
}

void TestArticleListModel::readAheadReadsOnItsOwnThread()
{
    const int before = m_db->connectionCount();
    {
        ArticleListModel model(*m_db);
        model.setPageSize(50);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReadAhead(true);
        model.setQuery(ArticleQuery());
        QCOMPARE(model.rowCount(), 50);
        // The next page is read by the model's reader, on a connection of its own.
        QTRY_COMPARE(m_db->connectionCount(), before + 1);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // Once read, a view asking for it gets it at once...
        QTRY_VERIFY(!model.pageOnTheWay());
        QTest::qWait(50);
        model.fetchMore({});
        if (model.pageOnTheWay()) // ...or, on a slow disk, as soon as the read ends
            QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(inserted.count(), 1);
        // Asking again while the following page is on its way inserts nothing twice.
        model.fetchMore({});
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 150);
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 150);
    }
    // The reader closed its connection as the model went.
    QCOMPARE(m_db->connectionCount(), before);
}

void TestArticleListModel::readAheadKeepsTheOrder()
{
    for (auto key : {ArticleQuery::SortKey::Updated, ArticleQuery::SortKey::Title, ArticleQuery::SortKey::Status}) {
        ArticleQuery query;
        query.sortKey = key;
        const QList<qint64> expected = idsInOrder(*m_db, query, 64);
        QCOMPARE(expected.size(), kArticles);

        ArticleListModel model(*m_db);
        model.setPageSize(64);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReadAhead(true);
        model.setQuery(query);
        while (model.canFetchMore({})) {
            const int rows = model.rowCount();
            model.fetchMore({});
            QTRY_VERIFY(model.rowCount() > rows || !model.canFetchMore({}));
        }
        QList<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids << model.articleId(r);
        QCOMPARE(ids, expected);
    }
}

void TestArticleListModel::newQueryDropsThePageOnItsWay()
{
    ArticleListModel model(*m_db);
    model.setPageSize(40);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReadAhead(true);
    model.sort(ArticleListModel::UpdatedColumn, Qt::DescendingOrder);
    model.fetchMore({}); // probably still on its way
    model.sort(ArticleListModel::UpdatedColumn, Qt::AscendingOrder);
    QTest::qWait(100); // the old read ends meanwhile and must be dropped
    QCOMPARE(model.rowCount(), 40);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Статья 0000"));
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 80);
    QCOMPARE(model.data(model.index(40, 0)).toString(), QStringLiteral("Статья 0040"));
    QCOMPARE(model.data(model.index(79, 0)).toString(), QStringLiteral("Статья 0079"));
    // A reload while a page is on its way: the list is read again, nothing stray follows.
    model.fetchMore({});
    model.reload();
    QTest::qWait(100);
    QCOMPARE(model.rowCount(), 80);
    QCOMPARE(model.data(model.index(79, 0)).toString(), QStringLiteral("Статья 0079"));
}

QTEST_MAIN(TestArticleListModel)
#include "tst_articlelistmodel.moc"
