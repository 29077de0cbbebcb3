#pragma once

#include <QDateTime>
#include <QVariant>

namespace byline {

// Times are stored as INTEGER seconds since the epoch, UTC; NULL for "not set".
inline QVariant toDb(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime timeFromDb(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// 0 ids are "none" and go to the database as NULL.
inline QVariant idToDb(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime nowUtc()
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

} // namespace byline
