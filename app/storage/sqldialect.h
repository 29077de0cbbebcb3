#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace byline {

// The one seam where SQLite-only behaviour lives (pragmas, version stamp, integrity check,
// full-text search). Repositories write portable SQL and ask the dialect for the rest, so a
// shared PostgreSQL server can be added as a second dialect.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    virtual QString driverName() const = 0;
    // Folder of numbered migration files for this dialect.
    virtual QString migrationsPath() const = 0;
    // Per-connection settings applied right after opening.
    virtual Status configureConnection(QSqlDatabase &db) const = 0;
    virtual Result<int> schemaVersion(QSqlDatabase &db) const = 0;
    // Called inside the migration transaction.
    virtual Status setSchemaVersion(QSqlDatabase &db, int version) const = 0;
    // Empty when the store is sound, else the first problems found.
    virtual Result<QString> integrityProblems(QSqlDatabase &db) const = 0;
};

// SQLite: WAL journal, foreign keys on, busy timeout, PRAGMA user_version and application_id.
class SqliteDialect final : public SqlDialect
{
public:
    // Written into the SQLite header so other tools can tell a newsroom file ("Byln").
    static constexpr qint32 kApplicationId = 0x42796c6e;

    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString migrationsPath() const override { return QStringLiteral(":/byline/schema/sqlite"); }
    Status configureConnection(QSqlDatabase &db) const override;
    Result<int> schemaVersion(QSqlDatabase &db) const override;
    Status setSchemaVersion(QSqlDatabase &db, int version) const override;
    Result<QString> integrityProblems(QSqlDatabase &db) const override;

    Result<qint32> applicationId(QSqlDatabase &db) const;
    Result<int> objectCount(QSqlDatabase &db) const;
    // Switches the file to write-ahead logging; done only once a file is known to be ours.
    Status enableWal(QSqlDatabase &db) const;
};

} // namespace byline
