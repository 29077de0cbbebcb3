#include "query.h"

#include "sqlerror.h"

namespace byline {

BoundQuery::BoundQuery(const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values)
    : m_query(db), m_values(values), m_sql(sql)
{
}

BoundQuery::BoundQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
    : m_query(db), m_values(values), m_sql(sql)
{
}

bool BoundQuery::exec(const char *what)
{
    m_query.setForwardOnly(true);
    if (!m_query.prepare(m_sql)) {
        m_error = describeError(m_query, what);
        return false;
    }
    for (int i = 0; i < m_values.size(); ++i) {
        QVariant v = m_values.at(i);
        // A null QString would be stored as NULL; text columns mean "empty" by it. Real NULLs
        // are passed as a null QVariant.
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            v = QStringLiteral("");
        m_query.bindValue(i, v);
    }
    if (!m_query.exec()) {
        m_error = describeError(m_query, what);
        return false;
    }
    return true;
}

} // namespace byline
