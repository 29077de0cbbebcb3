#include "newsroomtime.h"

#include <QCoreApplication>
#include <QList>

#include <algorithm>
#include <cstdlib>

namespace byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NewsroomTime", text);
}

QString hhmm(const QDateTime &t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

} // namespace

NewsroomTime::NewsroomTime(QTimeZone zone)
    : m_zone(zone.isValid() ? std::move(zone) : QTimeZone::utc())
{}

Result<NewsroomTime> NewsroomTime::fromIanaId(const QString &ianaId)
{
    const QTimeZone zone(ianaId.trimmed().toUtf8());
    if (!zone.isValid())
        return Result<NewsroomTime>::failure(tr("unknown time zone: %1").arg(ianaId));
    return NewsroomTime(zone);
}

QString NewsroomTime::zoneId() const
{
    return QString::fromUtf8(m_zone.id());
}

QDateTime NewsroomTime::toLocal(const QDateTime &utc) const
{
    return utc.isValid() ? utc.toTimeZone(m_zone) : QDateTime();
}

QDate NewsroomTime::localDate(const QDateTime &utc) const
{
    return toLocal(utc).date();
}

QString NewsroomTime::format(const QDateTime &utc) const
{
    if (!utc.isValid())
        return {};
    const QDateTime local = toLocal(utc);
    const QDateTime u = utc.toUTC();
    const QString localText = local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const QString utcText =
        u.date() == local.date() ? hhmm(u) : u.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return QStringLiteral("%1 %2 (%3 UTC)").arg(localText, zoneId(), utcText);
}

QString NewsroomTime::sideBySide(const QDateTime &utc) const
{
    if (!utc.isValid())
        return {};
    const QDateTime local = toLocal(utc);
    const QDateTime u = utc.toUTC();
    const bool sameDay = local.date() == u.date();
    const QString format = sameDay ? QStringLiteral("HH:mm") : QStringLiteral("yyyy-MM-dd HH:mm");
    return QStringLiteral("%1 %2 (%3) = %4 UTC")
        .arg(local.toString(format), zoneId(), offsetText(m_zone.offsetFromUtc(u)),
             u.toString(format));
}

QString NewsroomTime::offsetText(int secondsEastOfUtc)
{
    if (secondsEastOfUtc == 0)
        return QStringLiteral("UTC");
    const int minutes = std::abs(secondsEastOfUtc) / 60;
    QString text = QStringLiteral("UTC") +
                   (secondsEastOfUtc < 0 ? QLatin1Char('-') : QLatin1Char('+')) +
                   QString::number(minutes / 60);
    if (minutes % 60)
        text += QStringLiteral(":%1").arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return text;
}

LocalTimeResolution NewsroomTime::resolve(const QDate &date, const QTime &time) const
{
    LocalTimeResolution r;
    if (!date.isValid() || !time.isValid()) {
        r.kind = LocalTimeResolution::Kind::Nonexistent;
        r.note = tr("not a valid date and time");
        return r;
    }
    // Seconds of the wall-clock reading as if it were UTC; an instant t shows it when
    // t + offset(t) equals this.
    const qint64 wall = QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
    const QDateTime wallAsUtc = QDateTime::fromSecsSinceEpoch(wall, Qt::UTC);
    // Every offset in force within two days around it (no zone moves by more than that).
    const int before = m_zone.offsetFromUtc(wallAsUtc.addDays(-2));
    const int after = m_zone.offsetFromUtc(wallAsUtc.addDays(2));
    QList<int> offsets{before, after};
    for (const QTimeZone::OffsetData &t :
         m_zone.transitions(wallAsUtc.addDays(-2), wallAsUtc.addDays(2)))
        offsets.append(t.offsetFromUtc);
    QList<qint64> instants;
    for (int offset : std::as_const(offsets)) {
        const qint64 candidate = wall - offset;
        const QDateTime t = QDateTime::fromSecsSinceEpoch(candidate, Qt::UTC);
        if (m_zone.offsetFromUtc(t) == offset && !instants.contains(candidate))
            instants.append(candidate);
    }
    std::sort(instants.begin(), instants.end());
    const QString shown =
        QDateTime(date, time, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (instants.isEmpty()) {
        r.kind = LocalTimeResolution::Kind::Nonexistent;
        // Read with the offset before the jump, it lands where the clock stands after it.
        r.alternative = QDateTime::fromSecsSinceEpoch(wall - before, Qt::UTC);
        r.note =
            tr("%1 does not exist in %2: the clocks jump forward over it (%3 is the same moment)")
                .arg(shown, zoneId(), toLocal(r.alternative).toString(QStringLiteral("HH:mm")));
        return r;
    }
    r.utc = QDateTime::fromSecsSinceEpoch(instants.first(), Qt::UTC);
    if (instants.size() > 1) {
        r.kind = LocalTimeResolution::Kind::Ambiguous;
        r.alternative = QDateTime::fromSecsSinceEpoch(instants.last(), Qt::UTC);
        r.note =
            tr("%1 happens twice in %2 (the clocks go back); the first one, %3 UTC, was taken, "
               "not %4 UTC")
                .arg(shown, zoneId(), hhmm(r.utc), hhmm(r.alternative));
    }
    return r;
}

Result<LocalTimeResolution> NewsroomTime::parse(const QString &input) const
{
    // Date and time are read apart so that no zone (not even the system's) adjusts a time that
    // falls into a gap before resolve() can report it.
    const QString text = input.simplified();
    qsizetype split = text.indexOf(QLatin1Char(' '));
    if (split < 0)
        split = text.indexOf(QLatin1Char('T'));
    if (split > 0) {
        const QString datePart = text.left(split);
        const QString timePart = text.mid(split + 1);
        QDate date = QDate::fromString(datePart, QStringLiteral("yyyy-MM-dd"));
        if (!date.isValid())
            date = QDate::fromString(datePart, QStringLiteral("dd.MM.yyyy"));
        QTime time = QTime::fromString(timePart, QStringLiteral("HH:mm"));
        if (!time.isValid())
            time = QTime::fromString(timePart, QStringLiteral("HH:mm:ss"));
        if (date.isValid() && time.isValid())
            return resolve(date, time);
    }
    return Result<LocalTimeResolution>::failure(
        tr("cannot read \"%1\" as a date and time (for example "
           "2026-03-01 09:30)")
            .arg(input));
}

QDateTime NewsroomTime::startOfDay(const QDate &localDate) const
{
    const LocalTimeResolution r = resolve(localDate, QTime(0, 0));
    return r.utc.isValid() ? r.utc : r.alternative;
}

} // namespace byline
