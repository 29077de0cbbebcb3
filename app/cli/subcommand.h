#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

namespace byline::cli {

// One headless `byline <name> …` command. Each area of Byline contributes its own list, so
// adding a command touches only that area's file.
struct Subcommand
{
    QString name;
    QString synopsis; // "check --db FILE"
    QString summary;  // one line for --help
    std::function<int(const QStringList &arguments)> run;
};

QList<Subcommand> newsroomSubcommands();
QList<Subcommand> scaleSubcommands(); // generate (scalecommands.cpp)
QList<Subcommand> exchangeSubcommands(); // import, export (exchangecommands.cpp)

// Shared by every subcommand: messages to stdout, errors to stderr as "byline: …".
QTextStream &out();
QTextStream &err();
int fail(const QString &message, int code = 1); // check, demo (commandline.cpp)
// Parses a subcommand's arguments with the options p has been given. Answers a usage error or
// --help itself and returns the exit code then; nothing when the command should go on.
std::optional<int> parseOrAnswer(QCommandLineParser &p, const QStringList &arguments);
// --db FILE, as every subcommand names the newsroom.
QCommandLineOption dbOption();

} // namespace byline::cli
