#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>

namespace byline {

// A prepared statement with its values bound in order; the one way repositories run SQL.
class BoundQuery
{
public:
    BoundQuery(const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values = {});
    BoundQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values);

    // Runs it; on failure error() says what was attempted and why.
    bool exec(const char *what);
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }
    qint64 lastInsertId() const { return m_query.lastInsertId().toLongLong(); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    const QString &error() const { return m_error; }
    QSqlQuery &raw() { return m_query; }

private:
    QSqlQuery m_query;
    QVariantList m_values;
    QString m_sql;
    QString m_error;
};

} // namespace byline
