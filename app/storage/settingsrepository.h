#pragma once

#include "domain/result.h"
#include "workflow/newsroomtime.h"

#include <QList>
#include <QPair>
#include <QString>

namespace byline {

class Database;

// Settings that belong to the newsroom (its name, time zone, site address), not to a desk.
class SettingsRepository
{
public:
    explicit SettingsRepository(Database &db) : m_db(db) {}

    Result<QString> value(const QString &key, const QString &fallback = {}) const;
    Status setValue(const QString &key, const QString &value);
    // Several settings at once: all are stored or, on an error, none.
    Status setValues(const QList<QPair<QString, QString>> &values);

    // The newsroom's clock: the IANA zone stored under kTimeZone, or the system's zone when
    // none is stored (or the stored one is unknown to this system's tzdata).
    NewsroomTime newsroomTime() const;
    // The system's IANA zone id ("UTC" when the system has none).
    static QString systemTimeZoneId();

private:
    Database &m_db;
};

namespace settingkeys {
inline const QString kNewsroomName = QStringLiteral("newsroom.name");
inline const QString kTimeZone = QStringLiteral("newsroom.time_zone");
inline const QString kBaseUrl = QStringLiteral("newsroom.base_url");
inline const QString kCreditStyle = QStringLiteral("newsroom.credit_style");
} // namespace settingkeys

} // namespace byline
