#include "sqldialect.h"

#include "sqlerror.h"

#include <QSqlQuery>
#include <QVariant>

namespace byline {

namespace {
Result<QVariant> scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Result<QVariant>::failure(describeError(q, "read"));
    if (!q.next())
        return QVariant();
    return q.value(0);
}
} // namespace

Status SqliteDialect::configureConnection(QSqlDatabase &db) const
{
    // Pragmas are fixed text: nothing user-supplied reaches them.
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
                               "PRAGMA synchronous = NORMAL"}) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return Status::failure(describeError(q, "configure the connection"));
    }
    return {};
}

Result<int> SqliteDialect::schemaVersion(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA user_version"));
    if (!v)
        return Result<int>::failure(v.error());
    return v->toInt();
}

Status SqliteDialect::setSchemaVersion(QSqlDatabase &db, int version) const
{
    // PRAGMA takes no bound parameters; the value is an int we produced ourselves.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)))
        return Status::failure(describeError(q, "record the schema version"));
    QSqlQuery app(db);
    if (!app.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
        return Status::failure(describeError(app, "stamp the newsroom file"));
    return {};
}

Result<QString> SqliteDialect::integrityProblems(QSqlDatabase &db) const
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(5)")))
        return Result<QString>::failure(describeError(q, "check integrity"));
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    return problems.join(QLatin1String("; "));
}

Result<qint32> SqliteDialect::applicationId(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA application_id"));
    if (!v)
        return Result<qint32>::failure(v.error());
    return static_cast<qint32>(v->toLongLong());
}

Result<int> SqliteDialect::objectCount(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!v)
        return Result<int>::failure(v.error());
    return v->toInt();
}

Status SqliteDialect::enableWal(QSqlDatabase &db) const
{
    auto v = scalar(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!v)
        return Status::failure(v.error());
    if (v->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Status::failure(QStringLiteral("could not switch to write-ahead logging (journal mode %1)")
                                   .arg(v->toString()));
    return {};
}

} // namespace byline
