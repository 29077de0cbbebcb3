// Opens a newsroom in the real main window and saves one PNG per section (articles, authors,
// images, schedule, readiness checks) for the README: screenshot_tool NEWSROOM OUTDIR.

#include "library/imagespage.h"
#include "mainwindow.h"
#include "thumbnailcache.h"

#include <QApplication>
#include <QDir>
#include <QListView>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("screenshot_tool"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0);
    if (argc < 3)
        return 2;
    byline::MainWindow w;
    w.setAsker([](const QString &) { return byline::MainWindow::Answer::Cancel; });
    if (!w.openNewsroom(QString::fromLocal8Bit(argv[1])))
        return 3;
    w.resize(1600, 940);
    w.show();
    const QDir out(QString::fromLocal8Bit(argv[2]));
    auto shoot = [&](byline::MainWindow::Section s, const char *name) {
        w.showSection(s);
        QTest::qWait(1500); // thumbnails and preview images arrive off the UI thread
        w.grab().save(out.filePath(QString::fromLatin1(name)));
    };
    w.articleView()->selectRow(4);
    shoot(byline::MainWindow::ArticlesSection, "articles.png");
    shoot(byline::MainWindow::AuthorsSection, "authors.png");
    w.imagesPage()->grid()->setCurrentIndex(w.imagesPage()->grid()->model()->index(2, 0));
    shoot(byline::MainWindow::ImagesSection, "images.png");
    shoot(byline::MainWindow::ScheduleSection, "schedule.png");
    w.articleView()->selectRow(0);
    if (auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("sideTabs")))
        tabs->setCurrentIndex(1);
    shoot(byline::MainWindow::ArticlesSection, "checks.png");
    if (auto *line = w.findChild<QLineEdit *>(QStringLiteral("searchLine"))) {
        line->setText(QStringLiteral("metro OR train"));
        shoot(byline::MainWindow::ArticlesSection, "search.png");
    }
    return 0;
}
