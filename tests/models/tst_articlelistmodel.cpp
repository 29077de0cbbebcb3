#include "articlelistmodel.h"
#include "articlerepository.h"
#include "database.h"
#include "itemroles.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    void filtersByStatus();
    void reloadKeepsFetchedRows();

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

QTEST_GUILESS_MAIN(TestArticleListModel)
#include "tst_articlelistmodel.moc"
