#pragma once

#include "domain/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace byline {

class Database;

// One numbered schema step read from a `NNNN_name.sql` file.
struct Migration
{
    int version = 0;
    QString name;
    QString sql;
};

// Reads numbered migration files and applies the pending ones.
class Migrator
{
public:
    // Files named NNNN_*.sql in dir, ordered; fails on gaps or duplicates.
    static Result<QList<Migration>> load(const QString &dir);
    // Splits a script into statements at top-level semicolons (quotes, comments and
    // BEGIN…END trigger bodies respected).
    static QStringList splitStatements(const QString &sql);
    // Applies every migration above the current version inside one transaction, each in its
    // own savepoint; on failure nothing is written and the error names the file.
    static Result<int> migrate(Database &db, const QList<Migration> &migrations);
};

} // namespace byline
