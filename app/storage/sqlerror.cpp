#include "sqlerror.h"

#include <QSqlError>
#include <QSqlQuery>

namespace byline {

QString describeError(const QSqlQuery &query, const char *what)
{
    const QSqlError e = query.lastError();
    QString text = e.databaseText();
    if (text.isEmpty())
        text = e.driverText();
    return QStringLiteral("could not %1: %2").arg(QString::fromLatin1(what), text);
}

} // namespace byline
