#include "commandline.h"
#include "subcommand.h"

#include "database.h"
#include "demonewsroom.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>
#include <optional>

namespace byline::cli {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message, int code)
{
    err() << "byline: " << message << Qt::endl;
    return code;
}

std::optional<int> parseOrAnswer(QCommandLineParser &p, const QStringList &arguments)
{
    if (!p.parse(arguments))
        return fail(p.errorText(), Usage);
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText();
        return int(Ok);
    }
    return std::nullopt;
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringList{QStringLiteral("db")},
                              QCoreApplication::translate("cli", "The newsroom file."),
                              QStringLiteral("FILE"));
}

namespace {

QList<Subcommand> allSubcommands()
{
    return newsroomSubcommands() + scaleSubcommands() + exchangeSubcommands();
}

QString overview()
{
    QString text = QCoreApplication::translate("cli", "Byline, an editorial workstation for newsrooms.\n\n");
    text += QStringLiteral("  %1  %2\n")
                .arg(QStringLiteral("byline [--db FILE] [--demo]").leftJustified(44),
                     QCoreApplication::translate("cli", "open the window on a newsroom"));
    for (const Subcommand &c : allSubcommands())
        text += QStringLiteral("  %1  %2\n").arg(QString(QStringLiteral("byline ") + c.synopsis).leftJustified(44), c.summary);
    return text;
}

int runCheck(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("cli", "Verifies a newsroom file without changing it."));
    p.addHelpOption();
    p.addOption(dbOption());
    p.addPositionalArgument(QStringLiteral("check"), QString());
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QString path = p.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(QCoreApplication::translate("cli", "check needs --db FILE"), Usage);
    const NewsroomCheck c = Database::check(path);
    if (!c.ok)
        return fail(c.problem);
    out() << QCoreApplication::translate("cli", "%1: Byline newsroom, schema version %2, integrity ok")
                 .arg(path)
                 .arg(c.schemaVersion)
          << Qt::endl;
    return Ok;
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("cli", "Creates the demo newsroom in a new file."));
    p.addHelpOption();
    p.addOption(dbOption());
    p.addPositionalArgument(QStringLiteral("demo"), QString());
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QString path = p.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(QCoreApplication::translate("cli", "demo needs --db FILE"), Usage);
    const auto counts = DemoNewsroom::create(path);
    if (!counts)
        return fail(counts.error());
    out() << QCoreApplication::translate("cli", "%1: demo newsroom with %2 authors, %3 articles, %4 images")
                 .arg(path)
                 .arg(counts->authors)
                 .arg(counts->articles)
                 .arg(counts->images)
          << Qt::endl;
    return Ok;
}

} // namespace

QList<Subcommand> newsroomSubcommands()
{
    return {
        {QStringLiteral("check"), QStringLiteral("check --db FILE"),
         QCoreApplication::translate("cli", "verify a newsroom without a window"), runCheck},
        {QStringLiteral("demo"), QStringLiteral("demo --db FILE"),
         QCoreApplication::translate("cli", "create the demo newsroom without a window"), runDemo},
    };
}

bool isHeadless(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h") || a == QLatin1String("--version")
            || a == QLatin1String("-v"))
            return true;
    }
    return arguments.size() > 1 && !arguments.at(1).startsWith(QLatin1Char('-'));
}

int runHeadless(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (!first.startsWith(QLatin1Char('-'))) {
        QStringList known;
        for (const Subcommand &c : allSubcommands()) {
            if (c.name == first)
                return c.run(arguments);
            known << c.name;
        }
        return fail(QCoreApplication::translate("cli", "unknown command \"%1\"; known: %2")
                        .arg(first, known.join(QLatin1String(", "))),
                    Usage);
    }
    // --help / --version for the window's options.
    QCommandLineParser p;
    p.setApplicationDescription(overview());
    p.addHelpOption();
    p.addVersionOption();
    p.addOption(dbOption());
    p.addOption(QCommandLineOption(QStringLiteral("demo"), QStringLiteral("Create the demo newsroom at FILE first.")));
    p.addOption(QCommandLineOption(QStringLiteral("exit-after-paint"),
                                   QStringLiteral("Quit as soon as the article list is painted (for timing).")));
    if (!p.parse(arguments))
        return fail(p.errorText(), Usage);
    if (p.isSet(QStringLiteral("version"))) {
        out() << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    out() << p.helpText();
    return Ok;
}

std::optional<GuiRequest> parseGuiArguments(const QStringList &arguments)
{
    QCommandLineParser p;
    p.addOption(dbOption());
    p.addOption(QCommandLineOption(QStringLiteral("demo")));
    p.addOption(QCommandLineOption(QStringLiteral("exit-after-paint")));
    if (!p.parse(arguments)) {
        fail(p.errorText(), Usage);
        return std::nullopt;
    }
    GuiRequest r;
    r.databasePath = p.value(QStringLiteral("db"));
    r.createDemo = p.isSet(QStringLiteral("demo"));
    r.exitAfterPaint = p.isSet(QStringLiteral("exit-after-paint"));
    if (r.createDemo && r.databasePath.isEmpty()) {
        fail(QCoreApplication::translate("cli", "--demo needs --db FILE"), Usage);
        return std::nullopt;
    }
    return r;
}

QString defaultNewsroomPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/newsroom.byline");
}

} // namespace byline::cli
