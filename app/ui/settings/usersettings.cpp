#include "usersettings.h"

#include <QSettings>
#include <QStandardPaths>

namespace byline {

UserSettings UserSettings::load()
{
    QSettings settings;
    UserSettings u;
    u.name = settings.value(userkeys::kName, defaultName()).toString();
    u.role = roleFromKey(settings.value(userkeys::kRole).toString()).value_or(DeskRole::Editor);
    u.backupFolder = settings.value(userkeys::kBackupFolder, defaultBackupFolder()).toString();
    bool ok = false;
    const int kept = settings.value(userkeys::kBackupsKept, 7).toInt(&ok);
    u.backupsKept = ok ? qBound(0, kept, kMaxBackupsKept) : 7;
    return u;
}

void UserSettings::store() const
{
    QSettings settings;
    settings.setValue(userkeys::kName, name);
    settings.setValue(userkeys::kRole, roleKey(role));
    settings.setValue(userkeys::kBackupFolder, backupFolder);
    settings.setValue(userkeys::kBackupsKept, backupsKept);
    settings.sync();
}

QString UserSettings::defaultName()
{
    return qEnvironmentVariable("USER", QStringLiteral("editor"));
}

QString UserSettings::defaultBackupFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/backups");
}

} // namespace byline
