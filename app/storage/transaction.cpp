#include "transaction.h"

#include "database.h"
#include "sqldialect.h"
#include "sqlerror.h"

#include <QSqlQuery>

namespace byline {

Transaction::Transaction(Database &db, Size size) : m_db(db), m_connection(db.connection())
{
    if (const QString why = m_db.readOnlyReason(); !why.isEmpty()) {
        // A damaged newsroom takes no more writes: the connection is made read-only too, so a
        // caller that writes without checking isActive() fails instead of autocommitting.
        m_error = why;
        m_active = false;
        run(QStringLiteral("PRAGMA query_only = 1"));
        m_error = why;
        return;
    }
    int &depth = m_db.transactionDepth();
    m_level = depth;
    if (m_level == 0 && size == Size::Bulk) {
        // Outside any transaction: the engine refuses to move temporary storage inside one.
        if (Status s = m_db.dialect().setBulkWriteCache(m_connection, true); !s) {
            m_error = s.error();
            m_db.dialect().setBulkWriteCache(m_connection, false);
            return;
        }
        m_bulk = true;
    }
    m_active = m_level == 0 ? run(QStringLiteral("BEGIN"))
                            : run(QStringLiteral("SAVEPOINT byline_%1").arg(m_level));
    if (m_active)
        ++depth;
    else
        endBulk();
}

void Transaction::endBulk()
{
    if (m_bulk) {
        m_bulk = false;
        m_db.dialect().setBulkWriteCache(m_connection, false);
    }
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    if (m_level == 0) {
        run(QStringLiteral("ROLLBACK"));
    } else {
        run(QStringLiteral("ROLLBACK TO byline_%1").arg(m_level));
        run(QStringLiteral("RELEASE byline_%1").arg(m_level));
    }
    --m_db.transactionDepth();
    endBulk();
}

Status Transaction::commit()
{
    if (!m_active)
        return Status::failure(m_error.isEmpty() ? QStringLiteral("no transaction") : m_error);
    const bool done = m_level == 0 ? run(QStringLiteral("COMMIT"))
                                   : run(QStringLiteral("RELEASE byline_%1").arg(m_level));
    if (!done)
        return Status::failure(m_error); // the destructor rolls back
    m_active = false;
    --m_db.transactionDepth();
    endBulk();
    return {};
}

bool Transaction::run(const QString &sql)
{
    QSqlQuery q(m_connection);
    if (q.exec(sql))
        return true;
    m_error = describeError(q, "manage the transaction");
    return false;
}

} // namespace byline
