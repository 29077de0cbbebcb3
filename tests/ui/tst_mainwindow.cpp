#include "articledetails.h"
#include "articlelistmodel.h"
#include "database.h"
#include "demonewsroom.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QApplication>
#include <QHeaderView>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The real main window, offscreen: it opens the demo newsroom and shows its articles, and
// shows the reason when a newsroom is refused.
class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsDemoArticles();
    void keyboardSelectionShowsArticle();
    void refusedNewsroomShowsReason();
    void keepsColumnWidths();

private:
    QTemporaryDir m_dir;
    QString m_demo;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    m_demo = m_dir.filePath(QStringLiteral("demo.byline"));
    QVERIFY_OK(DemoNewsroom::create(m_demo));
}

void TestMainWindow::showsDemoArticles()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView *view = w.articleView();
    QVERIFY(view->model());
    QVERIFY(view->model()->rowCount() >= 12);
    QVERIFY(w.problemText().isEmpty());
    QVERIFY(w.windowTitle().contains(QLatin1String("Byline")));
    // The first row is selected and its article is shown with its body.
    const QString firstTitle = view->model()->index(0, ArticleListModel::TitleColumn).data().toString();
    QCOMPARE(w.details()->shownTitle(), firstTitle);
    QVERIFY(!w.details()->shownBody().isEmpty());
    // Some article is by two authors and the list says so.
    bool twoAuthors = false;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        twoAuthors |= view->model()->index(r, ArticleListModel::AuthorsColumn).data().toString().contains(QLatin1Char(','));
    QVERIFY(twoAuthors);
    // The view really painted rows.
    const QRect firstRow = view->visualRect(view->model()->index(0, 0));
    QVERIFY(firstRow.isValid() && view->viewport()->rect().intersects(firstRow));
}

void TestMainWindow::keyboardSelectionShowsArticle()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView *view = w.articleView();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 2);
    QCOMPARE(w.details()->shownTitle(), view->model()->index(2, 0).data().toString());
}

void TestMainWindow::refusedNewsroomShowsReason()
{
    const QString path = m_dir.filePath(QStringLiteral("future.byline"));
    QVERIFY_OK(Database::open(path));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery(raw).exec(QStringLiteral("PRAGMA user_version = 7"));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const QByteArray before = testsupport::fileHash(path);

    MainWindow w;
    QVERIFY(!w.openNewsroom(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY2(w.problemText().contains(QLatin1String("newer Byline")), qPrintable(w.problemText()));
    QVERIFY(w.problemMessage().contains(path));
    QCOMPARE(w.problemMessage(), Database::check(path).problem);
    QVERIFY(!w.articleView()->isVisible());
    QCOMPARE(testsupport::fileHash(path), before);
}

void TestMainWindow::keepsColumnWidths()
{
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(m_demo));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.articleView()->setColumnWidth(ArticleListModel::TitleColumn, 222);
        w.close();
    }
    MainWindow again;
    QVERIFY(again.openNewsroom(m_demo));
    QCOMPARE(again.articleView()->columnWidth(ArticleListModel::TitleColumn), 222);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
