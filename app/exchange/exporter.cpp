#include "exporter.h"

#include "htmlexporter.h"
#include "ninjsexporter.h"
#include "wxrexporter.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

namespace byline {

namespace {

struct Entry
{
    QString id;
    std::function<std::unique_ptr<Exporter>()> make;
};

QList<Entry> entries()
{
    return {
        {QStringLiteral("wxr"), [] { return std::unique_ptr<Exporter>(new WxrExporter); }},
        {QStringLiteral("html"), [] { return std::unique_ptr<Exporter>(new HtmlExporter); }},
        {QStringLiteral("ninjs"), [] { return std::unique_ptr<Exporter>(new NinjsExporter(NinjsExporter::Version::V2_2)); }},
        {QStringLiteral("ninjs3"), [] { return std::unique_ptr<Exporter>(new NinjsExporter(NinjsExporter::Version::V3_1)); }},
    };
}

} // namespace

QStringList ExporterRegistry::formats()
{
    QStringList out;
    for (const Entry &e : entries())
        out << e.id;
    return out;
}

std::unique_ptr<Exporter> ExporterRegistry::create(const QString &formatId)
{
    for (const Entry &e : entries()) {
        if (e.id == formatId)
            return e.make();
    }
    return nullptr;
}

Status replaceFolder(const QString &staging, const QString &target)
{
    const QFileInfo info(target);
    QString old;
    if (info.exists()) {
        old = info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".old-")
            + QUuid::createUuid().toString(QUuid::Id128).left(8);
        if (!QDir().rename(target, old))
            return Status::failure(QStringLiteral("could not move the previous export %1 aside").arg(target));
    }
    if (!QDir().rename(staging, target)) {
        if (!old.isEmpty())
            QDir().rename(old, target); // put the previous export back
        return Status::failure(QStringLiteral("could not move the finished export into %1").arg(target));
    }
    if (!old.isEmpty())
        QDir(old).removeRecursively();
    return {};
}

QString safeFileName(const QString &name, const QString &fallback)
{
    // Only the last path component counts, and only characters no file system treats specially.
    QString base = name;
    base.replace(QLatin1Char('\\'), QLatin1Char('/'));
    base = base.section(QLatin1Char('/'), -1);
    QString out;
    out.reserve(base.size());
    for (const QChar c : std::as_const(base)) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.'
                        || u == '-' || u == '_';
        out += ok ? c : QLatin1Char('-');
    }
    while (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('-')))
        out.remove(0, 1);
    if (out.size() > 100)
        out = out.right(100);
    return out.isEmpty() ? fallback : out;
}

} // namespace byline
