#pragma once

#include <QString>

class QSqlQuery;

namespace byline {

// "Could not <what>: <driver message>", for results and logs.
QString describeError(const QSqlQuery &query, const char *what);

} // namespace byline
