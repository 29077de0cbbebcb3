#include "backup.h"

#include "database.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace byline {

Status Backup::writeCopy(Database &db, const QString &target)
{
    const QFileInfo info(target);
    if (!QDir().mkpath(info.absolutePath()))
        return Status::failure(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    const QString partial = info.absoluteFilePath() + QStringLiteral(".partial");
    QFile::remove(partial);
    QSqlDatabase c = db.connection();
    if (Status s = db.dialect().copyTo(c, partial); !s) {
        QFile::remove(partial);
        return Status::failure(QStringLiteral("backup to %1 failed: %2").arg(target, s.error()));
    }
    // Check the copy before it replaces anything.
    const NewsroomCheck check = Database::check(partial);
    if (!check.ok) {
        QFile::remove(partial);
        return Status::failure(QStringLiteral("backup to %1 is not sound: %2").arg(target, check.problem));
    }
    if (QFile::exists(target) && !QFile::remove(target)) {
        QFile::remove(partial);
        return Status::failure(QStringLiteral("cannot replace %1").arg(target));
    }
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        return Status::failure(QStringLiteral("cannot move the backup into place at %1").arg(target));
    }
    return {};
}

QStringList Backup::copiesIn(const QString &dir, const QString &newsroomPath)
{
    const QString base = QFileInfo(newsroomPath).completeBaseName();
    const QStringList names = QDir(dir).entryList({base + QStringLiteral("-[0-9]*-[0-9]*.byline")}, QDir::Files,
                                                  QDir::Name | QDir::Reversed);
    QStringList out;
    for (const QString &n : names)
        out << QDir(dir).filePath(n);
    return out;
}

Result<QString> Backup::rotate(Database &db, const QString &dir, int keep)
{
    const QString base = QFileInfo(db.path()).completeBaseName();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString target = QDir(dir).filePath(QStringLiteral("%1-%2.byline").arg(base, stamp));
    if (Status s = writeCopy(db, target); !s)
        return Result<QString>::failure(s.error());
    const QStringList copies = copiesIn(dir, db.path());
    for (int i = std::max(keep, 1); i < copies.size(); ++i)
        QFile::remove(copies.at(i));
    return target;
}

} // namespace byline
