#pragma once

#include "domain/result.h"

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
