#include "articlerepository.h"
#include "database.h"
#include "itemroles.h"
#include "searchresultmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// Search results as a lazy list model: pages, roles, errors, and a real view scrolling it.
class TestSearchResultModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pagesAndRoles();
    void errorsAndEmptyLine();
    void viewScrollsThroughAllResults();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
};

void TestSearchResultModel::init()
{
    auto db = Database::open(m_dir.filePath(QStringLiteral("m%1.byline").arg(++m_counter)));
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    ArticleRepository repo(*m_db);
    for (int i = 0; i < 130; ++i) {
        Article a;
        a.title = QStringLiteral("Story %1 about wheat").arg(i);
        a.slug = QStringLiteral("story-%1").arg(i);
        a.body = QStringLiteral("<p>Farmers & <em>wheat</em> prices %1.</p>").arg(QString(QStringLiteral("rain ")).repeated(i % 7));
        a.status = i % 2 ? ArticleStatus::Published : ArticleStatus::Draft;
        QVERIFY_OK(repo.insert(a));
    }
}

void TestSearchResultModel::cleanup()
{
    m_db.reset();
}

void TestSearchResultModel::pagesAndRoles()
{
    SearchResultModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(50);
    model.setSearchText(QStringLiteral("wheat status:published"));
    QCOMPARE(model.rowCount(), 50);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 65);
    QVERIFY(!model.canFetchMore({}));

    const QModelIndex first = model.index(0, 0);
    QVERIFY(first.data().toString().contains(QLatin1String("wheat")));
    QCOMPARE(first.data(StatusKeyRole).toString(), QStringLiteral("published"));
    QVERIFY(first.data(IdRole).toLongLong() > 0);
    QCOMPARE(model.articleId(0), first.data(IdRole).toLongLong());
    const QString snippet = first.data(SearchResultModel::SnippetRole).toString();
    QVERIFY(snippet.contains(kHighlightBegin));
    const QString html = first.data(SearchResultModel::SnippetHtmlRole).toString();
    QVERIFY2(html.contains(QLatin1String("<b>wheat</b>")), qPrintable(html));
    QCOMPARE(SearchResultModel::snippetHtml(QString(QStringLiteral("a & <i> ") + kHighlightBegin + QStringLiteral("x") + kHighlightEnd)),
             QStringLiteral("a &amp; &lt;i&gt; <b>x</b>"));
    QVERIFY(!first.data(Qt::ToolTipRole).toString().contains(kHighlightBegin));
}

void TestSearchResultModel::errorsAndEmptyLine()
{
    SearchResultModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &SearchResultModel::searchFailed);
    model.setSearchText(QStringLiteral("wheat status:nonsense"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(failed.size(), 1);
    QVERIFY(model.lastError().contains(QLatin1String("nonsense")));
    model.setSearchText(QStringLiteral("wheat"));
    QVERIFY(model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), 50);
    model.setSearchText(QString());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

void TestSearchResultModel::viewScrollsThroughAllResults()
{
    SearchResultModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(20);
    QListView view;
    view.resize(300, 200);
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.setSearchText(QStringLiteral("wheat"));
    for (int i = 0; i < 100 && model.canFetchMore({}); ++i) {
        view.scrollToBottom();
        QCoreApplication::processEvents();
    }
    QCOMPARE(model.rowCount(), 130);
    QSet<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.articleId(r));
    QCOMPARE(ids.size(), 130); // paging neither skipped nor repeated a row
}

QTEST_MAIN(TestSearchResultModel)
#include "tst_searchresultmodel.moc"
