#include "settingsrepository.h"

#include "database.h"
#include "query.h"
#include "transaction.h"

namespace byline {

Result<QString> SettingsRepository::value(const QString &key, const QString &fallback) const
{
    BoundQuery q(m_db.connection(), QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!q.exec("read a setting"))
        return Result<QString>::failure(q.error());
    return q.next() ? q.value(0).toString() : fallback;
}

NewsroomTime SettingsRepository::newsroomTime() const
{
    const QString id = value(settingkeys::kTimeZone).valueOr(QString()).trimmed();
    if (!id.isEmpty()) {
        if (Result<NewsroomTime> t = NewsroomTime::fromIanaId(id))
            return *t;
    }
    return NewsroomTime::fromIanaId(systemTimeZoneId()).valueOr(NewsroomTime());
}

QString SettingsRepository::systemTimeZoneId()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return id.isEmpty() ? QStringLiteral("UTC") : QString::fromUtf8(id);
}

Status SettingsRepository::setValue(const QString &key, const QString &value)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(),
                 QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                 {key, value});
    if (!q.exec("save a setting"))
        return Status::failure(q.error());
    return tx.commit();
}

} // namespace byline

namespace byline {

Status SettingsRepository::setValues(const QList<QPair<QString, QString>> &values)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    for (const auto &[key, value] : values) {
        if (Status s = setValue(key, value); !s)
            return s;
    }
    return tx.commit();
}

} // namespace byline
