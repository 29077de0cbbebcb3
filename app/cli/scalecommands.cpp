#include "commandline.h"
#include "subcommand.h"

#include "database.h"
#include "generator.h"
#include "searchrepository.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QCoreApplication>

#include <optional>
#include <QFileInfo>

namespace byline::cli {

namespace {

int runGenerate(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "cli", "Creates a newsroom filled with a synthetic archive (deterministic by seed)."));
    p.addHelpOption();
    p.addOption({QStringLiteral("db"), QCoreApplication::translate("cli", "The new newsroom file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("articles"), QCoreApplication::translate("cli", "How many articles."), QStringLiteral("N"),
                 QStringLiteral("1000")});
    p.addOption({QStringLiteral("images"), QCoreApplication::translate("cli", "How many images."), QStringLiteral("M"),
                 QStringLiteral("100")});
    p.addOption({QStringLiteral("authors"), QCoreApplication::translate("cli", "How many authors."), QStringLiteral("K"),
                 QStringLiteral("24")});
    p.addOption({QStringLiteral("seed"), QCoreApplication::translate("cli", "Same seed, same newsroom."), QStringLiteral("S"),
                 QStringLiteral("1")});
    p.addOption({QStringLiteral("reference"),
                 QCoreApplication::translate("cli", "Day the archive is dated from (YYYY-MM-DD; default today)."),
                 QStringLiteral("DATE")});
    p.addOption({QStringLiteral("metadata-only"),
                 QCoreApplication::translate("cli", "Images without pixels, as a WordPress export imported without its media.")});
    p.addPositionalArgument(QStringLiteral("generate"), QString());
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QString path = p.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(QCoreApplication::translate("cli", "generate needs --db FILE"), Usage);
    if (QFileInfo::exists(path))
        return fail(QCoreApplication::translate("cli", "%1 exists; generate writes a new newsroom only").arg(path), Usage);

    NewsroomGenerator::Options o;
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    o.articles = p.value(QStringLiteral("articles")).toLongLong(&ok1);
    o.images = p.value(QStringLiteral("images")).toInt(&ok2);
    o.authors = p.value(QStringLiteral("authors")).toInt(&ok3);
    o.seed = p.value(QStringLiteral("seed")).toULongLong(&ok4);
    o.imagePixels = !p.isSet(QStringLiteral("metadata-only"));
    if (!ok1 || !ok2 || !ok3 || !ok4 || o.articles < 0 || o.images < 0 || o.authors < 0)
        return fail(QCoreApplication::translate("cli", "--articles, --images, --authors and --seed take whole numbers"), Usage);
    if (p.isSet(QStringLiteral("reference"))) {
        const QDate d = QDate::fromString(p.value(QStringLiteral("reference")), Qt::ISODate);
        if (!d.isValid())
            return fail(QCoreApplication::translate("cli", "--reference takes a date like 2025-01-31"), Usage);
        o.reference = QDateTime(d, QTime(0, 0), Qt::UTC);
    }

    auto db = Database::open(path);
    if (!db)
        return fail(db.error());
    auto report = NewsroomGenerator::generate(**db, o, [&](qint64 done) {
        err() << QCoreApplication::translate("cli", "%1 of %2 articles").arg(done).arg(o.articles) << Qt::endl;
    });
    if (!report)
        return fail(report.error());
    out() << QCoreApplication::translate("cli", "%1: %2 articles (%3 words), %4 images, %5 authors in %6 s, %7 articles/s")
                 .arg(path)
                 .arg(report->articles)
                 .arg(report->words)
                 .arg(report->images)
                 .arg(report->authors)
                 .arg(report->milliseconds / 1000.0, 0, 'f', 1)
                 .arg(report->articlesPerSecond, 0, 'f', 0)
          << Qt::endl;
    return Ok;
}

int runCompact(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "cli", "Merges a newsroom's search indexes into one part each, so searches in a large archive "
               "seek each word once. Safe to stop: it runs in one transaction."));
    p.addHelpOption();
    p.addOption(dbOption());
    p.addPositionalArgument(QStringLiteral("compact"), QString());
    if (const std::optional<int> answered = parseOrAnswer(p, arguments))
        return *answered;
    const QString path = p.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(QCoreApplication::translate("cli", "compact needs --db FILE"), Usage);
    if (!QFileInfo::exists(path))
        return fail(QCoreApplication::translate("cli", "%1 does not exist").arg(path), Usage);
    auto db = Database::open(path);
    if (!db)
        return fail(db.error());
    QElapsedTimer t;
    t.start();
    if (Status s = SearchRepository(**db).compactIndex(); !s)
        return fail(s.error());
    out() << QCoreApplication::translate("cli", "%1: search indexes compacted in %2 s")
                 .arg(path)
                 .arg(t.elapsed() / 1000.0, 0, 'f', 1)
          << Qt::endl;
    return Ok;
}

} // namespace

QList<Subcommand> scaleSubcommands()
{
    return {
        {QStringLiteral("generate"), QStringLiteral("generate --db FILE --articles N --images M [--seed S] [--metadata-only]"),
         QCoreApplication::translate("cli", "create a newsroom with a synthetic archive, for scale tests"), runGenerate},
        {QStringLiteral("compact"), QStringLiteral("compact --db FILE"),
         QCoreApplication::translate("cli", "merge the search indexes (faster searches in a large archive)"), runCompact},
    };
}

} // namespace byline::cli
