#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace byline {

class Database;

// Rolls back unless commit() succeeded. Nested guards become savepoints, so a repository
// method can be called alone or as part of a larger unit of work.
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)
public:
    // A bulk write (an import of thousands of rows) gets a page cache and statement
    // journals in memory fit for it, set before it begins and put back when it ends; only
    // for the outermost transaction.
    enum class Size { Everyday, Bulk };

    explicit Transaction(Database &db, Size size = Size::Everyday);
    ~Transaction();

    // False when the transaction could not even begin; error() says why.
    bool isActive() const { return m_active; }
    Status commit();
    const QString &error() const { return m_error; }
    QSqlDatabase connection() const { return m_connection; }

private:
    bool run(const QString &sql);
    void endBulk();

    Database &m_db;
    QSqlDatabase m_connection;
    int m_level = 0;
    bool m_active = false;
    bool m_bulk = false; // the connection's bulk-write settings are to be put back
    QString m_error;
};

} // namespace byline
