#include "integrityrecord.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace byline {

namespace {

const QString kCheckedAt = QStringLiteral("checkedAt");
const QString kSize = QStringLiteral("size");
const QString kModified = QStringLiteral("modified");

struct FileStamp
{
    qint64 size = -1;
    qint64 modifiedMs = -1;
};

FileStamp stampOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

} // namespace

IntegrityRecord::IntegrityRecord(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath())
{
    // Paths hold slashes, which QSettings reads as nested groups: a hash names the group.
    m_group = QStringLiteral("integrity/")
              + QString::fromLatin1(QCryptographicHash::hash(m_path.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QDateTime IntegrityRecord::lastCleanCheck() const
{
    QSettings s;
    s.beginGroup(m_group);
    return s.value(kCheckedAt).toDateTime();
}

bool IntegrityRecord::trusted(const QDateTime &now) const
{
    QSettings s;
    s.beginGroup(m_group);
    const QDateTime checked = s.value(kCheckedAt).toDateTime();
    if (!checked.isValid() || checked > now || checked.secsTo(now) >= qint64(kMaxAgeDays) * 86400)
        return false;
    if (!s.contains(kSize) || !s.contains(kModified))
        return false;
    const FileStamp stamp = stampOf(m_path);
    return stamp.size >= 0 && s.value(kSize).toLongLong() == stamp.size
           && s.value(kModified).toLongLong() == stamp.modifiedMs;
}

void IntegrityRecord::opened(bool trusted)
{
    if (!trusted) {
        forget();
        return;
    }
    QSettings s;
    s.beginGroup(m_group);
    s.remove(kSize);
    s.remove(kModified);
}

void IntegrityRecord::checkedClean(const QDateTime &when)
{
    QSettings s;
    s.beginGroup(m_group);
    s.setValue(kCheckedAt, when);
}

void IntegrityRecord::forget()
{
    QSettings().remove(m_group);
}

void IntegrityRecord::closed()
{
    QSettings s;
    s.beginGroup(m_group);
    if (!s.value(kCheckedAt).toDateTime().isValid())
        return;
    const FileStamp stamp = stampOf(m_path);
    if (stamp.size < 0) {
        s.remove(QString());
        return;
    }
    s.setValue(kSize, stamp.size);
    s.setValue(kModified, stamp.modifiedMs);
}

} // namespace byline
