#pragma once

#include <QDateTime>
#include <QString>

namespace byline {

// What this user's Byline remembers of a large newsroom's last full integrity check, so the
// check (minutes of reading for a file of many gigabytes) is not repeated on every open.
//
// A clean check vouches for the file only while the file stays as Byline left it: the size
// and modification time are stamped when the newsroom is closed, and the stamp is taken off
// again when it is opened. A file changed by anything else (copied over, restored, scribbled
// on), one whose last session ended in a crash (no stamp), or a check older than maxAge is
// checked again. Kept in the user's settings (QSettings), one group per file path.
class IntegrityRecord
{
public:
    static constexpr int kMaxAgeDays = 7;

    explicit IntegrityRecord(const QString &path);

    // True when the file may open without a new full check (see above).
    bool trusted(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The newsroom is opened: a session that never reaches closed() leaves no stamp. An
    // untrusted file also loses its old check, so only this session's check can vouch for it.
    void opened(bool trusted);
    // The full check found nothing wrong.
    void checkedClean(const QDateTime &when = QDateTime::currentDateTimeUtc());
    // The full check found damage: nothing vouches for the file any more.
    void forget();
    // Every connection to the file is closed: stamps it when a clean check vouches for it.
    void closed();

    QDateTime lastCleanCheck() const;

private:
    QString m_path;
    QString m_group;
};

} // namespace byline
