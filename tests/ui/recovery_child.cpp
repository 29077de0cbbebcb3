// A Byline window that edits an article, waits until the edit has been autosaved, says so
// on stdout and keeps running until it is killed. tst_crashrecovery kills it with SIGKILL.

#include "editor/articleeditor.h"
#include "editor/bodyeditor.h"
#include "mainwindow.h"
#include "recoveryrepository.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTextCursor>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("recovery_child"));
    QSettings().setValue(QStringLiteral("backup/keep"), 0);
    if (argc < 3)
        return 2;
    byline::MainWindow window;
    window.setAsker([](const QString &) { return byline::MainWindow::Answer::Cancel; });
    if (!window.openNewsroom(QString::fromLocal8Bit(argv[1])))
        return 3;
    window.setAutosaveInterval(100);
    window.show();
    QTextCursor c(window.editor()->bodyEditor()->document());
    c.movePosition(QTextCursor::Start);
    window.editor()->bodyEditor()->setTextCursor(c);
    window.editor()->bodyEditor()->insertPlainText(QString::fromUtf8(argv[2]));
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        const auto kept = byline::RecoveryRepository(*window.database()).all();
        if (kept && !kept->isEmpty()) {
            std::printf("AUTOSAVED %lld\n", static_cast<long long>(window.editor()->articleId()));
            std::fflush(stdout);
            poll.stop();
        }
    });
    poll.start(50);
    return app.exec();
}
