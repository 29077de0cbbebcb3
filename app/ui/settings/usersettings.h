#pragma once

#include "workflow/workflow.h"

#include <QString>

namespace byline {

// What belongs to the person at this desk, not to the newsroom: kept in QSettings.
struct UserSettings
{
    QString name;              // "who" in revisions and the status log
    DeskRole role = DeskRole::Editor;
    QString backupFolder;      // where the automatic daily copies go
    int backupsKept = 7;       // 0 turns automatic backups off

    static UserSettings load();
    void store() const;
    static QString defaultName();         // the login name, else "editor"
    static QString defaultBackupFolder(); // <app data>/backups
    static constexpr int kMaxBackupsKept = 365;
};

namespace userkeys {
inline const QString kName = QStringLiteral("user/name");
inline const QString kRole = QStringLiteral("user/role");
inline const QString kBackupFolder = QStringLiteral("backup/folder");
inline const QString kBackupsKept = QStringLiteral("backup/keep");
} // namespace userkeys

} // namespace byline
