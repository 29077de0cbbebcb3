#include "commandline.h"
#include "subcommand.h"

#include "database.h"
#include "exporter.h"
#include "wxrimporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <optional>
#include <QElapsedTimer>
#include <QFileInfo>

namespace byline::cli {

namespace {

// A progress line on stderr that rewrites itself, at most a few times a second, so scripts
// that capture stdout see only the result.
ProgressCallback progressLine(const QString &label)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer, label](qint64 done, qint64 total) {
        if (done < total && timer->elapsed() < 200)
            return true;
        timer->restart();
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        err() << '\r' << label << ' ' << percent << '%' << (done >= total ? "\n" : "");
        err().flush();
        return true;
    };
}

Result<std::unique_ptr<Database>> openExisting(const QString &path)
{
    if (!QFileInfo::exists(path))
        return Result<std::unique_ptr<Database>>::failure(QStringLiteral("%1 does not exist").arg(path));
    Database::Options o;
    o.createIfMissing = false;
    return Database::open(path, o);
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("cli", "Imports a WordPress export (WXR) into a newsroom."));
    p.addHelpOption();
    p.addOption(dbOption());
    p.addOption({QStringLiteral("media"), QCoreApplication::translate("cli", "Folder holding the attachment files."),
                 QStringLiteral("DIR")});
    p.addPositionalArgument(QStringLiteral("import"), QString());
    p.addPositionalArgument(QStringLiteral("wxr"), QCoreApplication::translate("cli", "The format (wxr)."));
    p.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("cli", "The WXR file."));
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QStringList pos = p.positionalArguments(); // import wxr FILE
    const QString db = p.value(QStringLiteral("db"));
    if (db.isEmpty() || pos.size() != 3 || pos.at(1) != QLatin1String("wxr"))
        return fail(QCoreApplication::translate("cli", "usage: import --db FILE wxr FILE [--media DIR]"), Usage);
    const QString media = p.value(QStringLiteral("media"));
    if (!media.isEmpty() && !QFileInfo(media).isDir())
        return fail(QCoreApplication::translate("cli", "--media %1 is not a folder").arg(media), Usage);
    auto database = openExisting(db);
    if (!database)
        return fail(database.error());
    WxrImportOptions options;
    options.mediaDir = media;
    options.progress = progressLine(QCoreApplication::translate("cli", "importing"));
    auto report = WxrImporter(**database).importFile(pos.at(2), options);
    if (!report)
        return fail(report.error());
    out() << QCoreApplication::translate("cli", "imported WXR %1: %2 posts, %3 pages, %4 attachments (%5 without file), "
                                                "%6 authors, %7 categories, %8 tags; %9 articles changed")
                 .arg(report->wxrVersion)
                 .arg(report->posts)
                 .arg(report->pages)
                 .arg(report->attachments)
                 .arg(report->attachmentsWithoutFile)
                 .arg(report->authors)
                 .arg(report->categories)
                 .arg(report->tags)
                 .arg(report->articlesChanged)
          << Qt::endl;
    for (auto it = report->skippedPostTypes.cbegin(); it != report->skippedPostTypes.cend(); ++it)
        out() << QCoreApplication::translate("cli", "skipped %1 items of type %2").arg(it.value()).arg(it.key()) << Qt::endl;
    return Ok;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("cli", "Exports a newsroom for the web team."));
    p.addHelpOption();
    p.addOption(dbOption());
    p.addOption({QStringLiteral("format"),
                 QCoreApplication::translate("cli", "One of: %1.").arg(ExporterRegistry::formats().join(QLatin1String(", "))),
                 QStringLiteral("FORMAT")});
    p.addOption({QStringLiteral("status"), QCoreApplication::translate("cli", "Only articles in this status (draft, edit, …)."),
                 QStringLiteral("S")});
    p.addOption({QStringLiteral("since"),
                 QCoreApplication::translate("cli", "Only articles dated from DATE (YYYY-MM-DD), or \"last\" for those "
                                                    "changed since the last export."),
                 QStringLiteral("DATE")});
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                 QCoreApplication::translate("cli", "The folder to write (replaced only when complete)."),
                 QStringLiteral("DIR")});
    p.addPositionalArgument(QStringLiteral("export"), QString());
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QString db = p.value(QStringLiteral("db"));
    const QString dir = p.value(QStringLiteral("output"));
    const QString format = p.value(QStringLiteral("format"));
    if (db.isEmpty() || dir.isEmpty() || format.isEmpty())
        return fail(QCoreApplication::translate("cli", "usage: export --db FILE --format FORMAT [--status S] [--since DATE] -o DIR"),
                    Usage);
    auto exporter = ExporterRegistry::create(format);
    if (!exporter)
        return fail(QCoreApplication::translate("cli", "unknown format \"%1\"; known: %2")
                        .arg(format, ExporterRegistry::formats().join(QLatin1String(", "))),
                    Usage);
    ExportRequest request;
    request.outputDir = dir;
    if (p.isSet(QStringLiteral("status"))) {
        const auto status = statusFromKey(p.value(QStringLiteral("status")));
        if (!status)
            return fail(QCoreApplication::translate("cli", "unknown status \"%1\"").arg(p.value(QStringLiteral("status"))), Usage);
        request.selection.status = status;
    }
    if (p.isSet(QStringLiteral("since"))) {
        const QString since = p.value(QStringLiteral("since"));
        if (since == QLatin1String("last")) {
            request.onlyChangedSinceLastExport = true;
        } else {
            const QDate d = QDate::fromString(since, Qt::ISODate);
            if (!d.isValid())
                return fail(QCoreApplication::translate("cli", "--since takes a date like 2025-01-31 or \"last\""), Usage);
            request.selection.from = QDateTime(d, QTime(0, 0), Qt::UTC);
        }
    }
    auto database = openExisting(db);
    if (!database)
        return fail(database.error());
    request.progress = progressLine(QCoreApplication::translate("cli", "exporting"));
    auto report = exporter->run(**database, request);
    if (!report)
        return fail(report.error());
    out() << QCoreApplication::translate("cli", "exported %1 articles, %2 images, %3 authors to %4")
                 .arg(report->articles)
                 .arg(report->images)
                 .arg(report->authors)
                 .arg(report->mainFile)
          << Qt::endl;
    return Ok;
}

} // namespace

QList<Subcommand> exchangeSubcommands()
{
    return {
        {QStringLiteral("import"), QStringLiteral("import --db FILE wxr FILE [--media DIR]"),
         QCoreApplication::translate("cli", "import a WordPress export"), runImport},
        {QStringLiteral("export"), QStringLiteral("export --db FILE --format wxr -o DIR"),
         QCoreApplication::translate("cli", "export for the web team (--status, --since DATE|last)"), runExport},
    };
}

} // namespace byline::cli
