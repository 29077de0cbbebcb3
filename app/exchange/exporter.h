#pragma once

#include "domain/result.h"
#include "exchangerepository.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace byline {

class Database;

// Called with work done so far and the total; returning false cancels.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// What to export and where; the same for every format.
struct ExportRequest
{
    QString outputDir;             // the folder the export becomes; replaced only when complete
    ExportSelection selection;     // status / date range
    bool onlyChangedSinceLastExport = false; // uses the export log of this format
    ProgressCallback progress;     // may be empty
};

struct ExportReport
{
    QString format;
    QString outputDir;
    QString mainFile; // e.g. <outputDir>/export.xml
    int articles = 0;
    int images = 0;
    int authors = 0;
};

// One export format. The window's export dialog and `byline export` both go through this
// interface, so a new format is one subclass and one line in the registry.
class Exporter
{
public:
    virtual ~Exporter() = default;
    virtual QString formatId() const = 0;    // "wxr"
    virtual QString displayName() const = 0; // "WordPress (WXR 1.2)"
    virtual Result<ExportReport> run(Database &db, const ExportRequest &request) = 0;
};

// The formats Byline can write.
class ExporterRegistry
{
public:
    static QStringList formats();
    static std::unique_ptr<Exporter> create(const QString &formatId); // null when unknown
};

// Replaces `target` with the finished folder `staging` so that a failure at any point leaves
// the previous export intact. Both must be on the same file system (siblings).
Status replaceFolder(const QString &staging, const QString &target);

// A file name that stays inside its folder whatever the input (no separators, no leading dot,
// only [A-Za-z0-9._-]); fallback when nothing usable remains.
QString safeFileName(const QString &name, const QString &fallback);

} // namespace byline
