#pragma once

#include "domain/result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace byline {

// How a wall-clock time in the newsroom's zone maps to an instant.
struct LocalTimeResolution
{
    enum class Kind
    {
        Exact,      // exactly one instant shows this time
        Ambiguous,  // the clocks went back: two instants show it; the earlier one was taken
        Nonexistent // the clocks went forward over it: no instant shows it
    };
    Kind kind = Kind::Exact;
    QDateTime utc;         // the instant meant; invalid when Nonexistent
    QDateTime alternative; // Ambiguous: the later instant; Nonexistent: the instant the clock
                           // shows after the jump (the time read with the offset before it)
    QString note;          // for people; empty when Exact
};

// The newsroom's clock. Everything is stored in UTC; people read and type times in the
// newsroom's IANA zone, and a scheduled time must stay right across that zone's changes of
// offset (daylight saving, or Kazakhstan's move from UTC+6 to UTC+5 in 2024).
class NewsroomTime
{
public:
    explicit NewsroomTime(QTimeZone zone = QTimeZone::utc());
    // The zone with this IANA id; fails for an id the system's tzdata does not know.
    static Result<NewsroomTime> fromIanaId(const QString &ianaId);

    const QTimeZone &zone() const { return m_zone; }
    QString zoneId() const;

    // The instant in the newsroom's zone.
    QDateTime toLocal(const QDateTime &utc) const;
    QDate localDate(const QDateTime &utc) const;
    // "2026-03-01 09:30 Asia/Almaty (03:30 UTC)"; the UTC date is added when it differs.
    QString format(const QDateTime &utc) const;

    // The newsroom time and UTC side by side, so nobody misreads which is which:
    // "14:00 Asia/Almaty (UTC+5) = 09:00 UTC"; both dates are written when they differ:
    // "2024-03-01 01:30 Asia/Almaty (UTC+6) = 2024-02-29 19:30 UTC".
    QString sideBySide(const QDateTime &utc) const;
    // "UTC+5", "UTC+5:30", "UTC-4", "UTC" for no offset.
    static QString offsetText(int secondsEastOfUtc);

    // Which instant shows this wall-clock time in the newsroom.
    LocalTimeResolution resolve(const QDate &date, const QTime &time) const;
    LocalTimeResolution resolve(const QDateTime &wallClock) const
    {
        return resolve(wallClock.date(), wallClock.time());
    }
    // Reads "yyyy-MM-dd HH:mm" (also with seconds, a "T", or "dd.MM.yyyy HH:mm") as newsroom
    // time. Fails only for unreadable input; check the kind for gaps and overlaps.
    Result<LocalTimeResolution> parse(const QString &input) const;

    // The first instant of a newsroom day (the first existing time when midnight is skipped).
    QDateTime startOfDay(const QDate &localDate) const;

private:
    QTimeZone m_zone;
};

} // namespace byline
