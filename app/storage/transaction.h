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
    explicit Transaction(Database &db);
    ~Transaction();

    // False when the transaction could not even begin; error() says why.
    bool isActive() const { return m_active; }
    Status commit();
    const QString &error() const { return m_error; }
    QSqlDatabase connection() const { return m_connection; }

private:
    bool run(const QString &sql);

    Database &m_db;
    QSqlDatabase m_connection;
    int m_level = 0;
    bool m_active = false;
    QString m_error;
};

} // namespace byline
