#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

namespace byline {

class Database;

// Consistent copies of a newsroom taken while editing goes on.
class Backup
{
public:
    // Writes a complete, consistent copy of the open newsroom to target. The copy is made
    // beside the target and renamed into place only when complete.
    static Status writeCopy(Database &db, const QString &target);

    // Writes dir/<name>-YYYYMMDD-HHMMSS.byline and keeps only the newest `keep` such copies.
    // Returns the new copy's path.
    static Result<QString> rotate(Database &db, const QString &dir, int keep);

    // The rotating copies in dir for this newsroom, newest first.
    static QStringList copiesIn(const QString &dir, const QString &newsroomPath);
};

} // namespace byline
