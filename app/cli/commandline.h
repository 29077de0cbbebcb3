#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace byline::cli {

// Exit codes fit for scripts.
enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// True when the arguments ask for something that needs no window: a subcommand
// (`byline check …`), --help or --version. Decided before any QApplication exists.
bool isHeadless(const QStringList &arguments);

// Runs a headless request; messages go to stdout, errors to stderr.
int runHeadless(const QStringList &arguments);

// What the window is asked to open.
struct GuiRequest
{
    QString databasePath; // empty: the last newsroom, or the default one
    bool createDemo = false;
    bool exitAfterPaint = false;
};

// Parses the window's options; on a usage error prints it and returns nullopt.
std::optional<GuiRequest> parseGuiArguments(const QStringList &arguments);

// Where Byline keeps a newsroom when none is named.
QString defaultNewsroomPath();

} // namespace byline::cli
