// The `byline` executable: headless subcommands, or the workstation window.

#include "commandline.h"
#include "demonewsroom.h"
#include "mainwindow.h"

#include <QTableView>
#include <QApplication>
#include <QPointer>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Byline"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("bylinedesk.org"));
    QCoreApplication::setApplicationName(QStringLiteral("Byline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BYLINE_VERSION));
}

// Quits once the article list has been painted, so start-up can be timed from outside.
class ExitAfterPaint : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The quit is queued behind the paint, which reaches the screen first. Whatever was
        // queued after it (opening the first article, say) is dropped: the time is the list's.
        if (event->type() == QEvent::Paint)
            QTimer::singleShot(0, qApp, [] {
                QCoreApplication::removePostedEvents(nullptr);
                QCoreApplication::exit(0);
            });
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (byline::cli::isHeadless(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return byline::cli::runHeadless(app.arguments());
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setDesktopFileName(QStringLiteral("org.bylinedesk.Byline"));
    const auto request = byline::cli::parseGuiArguments(app.arguments());
    if (!request)
        return byline::cli::Usage;

    QString path = request->databasePath;
    if (path.isEmpty())
        path = QSettings().value(QStringLiteral("newsroom/last"), byline::cli::defaultNewsroomPath()).toString();

    byline::MainWindow window;
    bool opened = false;
    if (request->createDemo) {
        const auto counts = byline::DemoNewsroom::create(path);
        if (!counts) {
            std::fprintf(stderr, "byline: %s\n", qPrintable(counts.error()));
            window.showProblem(counts.error());
        } else {
            opened = window.openNewsroom(path, byline::MainWindow::FirstArticle::AfterListPainted);
        }
    } else {
        opened = window.openNewsroom(path, byline::MainWindow::FirstArticle::AfterListPainted);
    }
    if (!opened && !request->createDemo)
        std::fprintf(stderr, "byline: %s\n", qPrintable(window.problemMessage()));

    if (request->exitAfterPaint)
        window.articleView()->viewport()->installEventFilter(new ExitAfterPaint(&window));
    window.show();
    return app.exec();
}
