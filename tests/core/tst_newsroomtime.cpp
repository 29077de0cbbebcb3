#include "testsupport.h"
#include "workflow/newsroomtime.h"

#include <QTest>

using namespace byline;
using Kind = LocalTimeResolution::Kind;

Q_DECLARE_METATYPE(byline::LocalTimeResolution::Kind)

namespace {
QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}
} // namespace

// Newsroom wall-clock time against UTC storage, checked against what this machine's tzdata
// says (Debian tzdata 2025b): Kazakhstan moved from UTC+6 to UTC+5 at 2024-03-01 00:00 local,
// so 23:00–23:59 of 29 February 2024 happened twice in Almaty.
class TestNewsroomTime : public QObject
{
    Q_OBJECT
private slots:
    void resolve_data();
    void resolve();
    void roundTripAcrossChanges_data();
    void roundTripAcrossChanges();
    void formatsSideBySide();
    void sideBySideNamesTheOffset();
    void parsesInput();
    void unknownZoneIsRefused();
    void startOfDay();
};

void TestNewsroomTime::resolve_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("input");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QDateTime>("expected");    // the instant taken (invalid for a gap)
    QTest::addColumn<QDateTime>("alternative"); // the other instant, or where the gap lands

    const QString almaty = QStringLiteral("Asia/Almaty");
    const QString london = QStringLiteral("Europe/London");
    const QString newYork = QStringLiteral("America/New_York");
    QTest::newRow("almaty before the change")
        << almaty << QStringLiteral("2024-02-15 09:00") << Kind::Exact << utc(2024, 2, 15, 3, 0)
        << QDateTime();
    QTest::newRow("almaty after the change")
        << almaty << QStringLiteral("2024-03-15 09:00") << Kind::Exact << utc(2024, 3, 15, 4, 0)
        << QDateTime();
    QTest::newRow("almaty repeated hour")
        << almaty << QStringLiteral("2024-02-29 23:30") << Kind::Ambiguous
        << utc(2024, 2, 29, 17, 30) << utc(2024, 2, 29, 18, 30);
    QTest::newRow("almaty midnight after") << almaty << QStringLiteral("2024-03-01 00:00")
                                           << Kind::Exact << utc(2024, 2, 29, 19, 0) << QDateTime();
    QTest::newRow("london spring gap")
        << london << QStringLiteral("2025-03-30 01:30") << Kind::Nonexistent << QDateTime()
        << utc(2025, 3, 30, 1, 30);
    QTest::newRow("london fall overlap")
        << london << QStringLiteral("2025-10-26 01:30") << Kind::Ambiguous
        << utc(2025, 10, 26, 0, 30) << utc(2025, 10, 26, 1, 30);
    QTest::newRow("london summer") << london << QStringLiteral("2025-07-01 09:30") << Kind::Exact
                                   << utc(2025, 7, 1, 8, 30) << QDateTime();
    QTest::newRow("new york spring gap")
        << newYork << QStringLiteral("2025-03-09 02:30") << Kind::Nonexistent << QDateTime()
        << utc(2025, 3, 9, 7, 30);
    QTest::newRow("new york fall overlap")
        << newYork << QStringLiteral("2025-11-02 01:30") << Kind::Ambiguous
        << utc(2025, 11, 2, 5, 30) << utc(2025, 11, 2, 6, 30);
    QTest::newRow("new york winter") << newYork << QStringLiteral("2025-12-01 09:30") << Kind::Exact
                                     << utc(2025, 12, 1, 14, 30) << QDateTime();
}

void TestNewsroomTime::resolve()
{
    QFETCH(QString, zone);
    QFETCH(QString, input);
    QFETCH(Kind, kind);
    QFETCH(QDateTime, expected);
    QFETCH(QDateTime, alternative);
    auto time = NewsroomTime::fromIanaId(zone);
    QVERIFY_OK(time);
    auto r = time->parse(input);
    QVERIFY_OK(r);
    QCOMPARE(r->kind, kind);
    QCOMPARE(r->utc, expected);
    QCOMPARE(r->alternative, alternative);
    QCOMPARE(r->note.isEmpty(), kind == Kind::Exact);
    if (kind == Kind::Exact)
        QCOMPARE(time->toLocal(r->utc).toString(QStringLiteral("yyyy-MM-dd HH:mm")), input);
}

void TestNewsroomTime::roundTripAcrossChanges_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDateTime>("first");
    QTest::addColumn<int>("hours");
    QTest::newRow("almaty") << QStringLiteral("Asia/Almaty") << utc(2024, 2, 25, 0, 0) << 24 * 10;
    QTest::newRow("london spring")
        << QStringLiteral("Europe/London") << utc(2025, 3, 28, 0, 0) << 24 * 4;
    QTest::newRow("london fall") << QStringLiteral("Europe/London") << utc(2025, 10, 24, 0, 0)
                                 << 24 * 4;
    QTest::newRow("new york spring")
        << QStringLiteral("America/New_York") << utc(2025, 3, 7, 0, 0) << 24 * 4;
    QTest::newRow("new york fall")
        << QStringLiteral("America/New_York") << utc(2025, 10, 31, 0, 0) << 24 * 4;
}

void TestNewsroomTime::roundTripAcrossChanges()
{
    QFETCH(QString, zone);
    QFETCH(QDateTime, first);
    QFETCH(int, hours);
    auto time = NewsroomTime::fromIanaId(zone);
    QVERIFY_OK(time);
    // Every quarter hour: shown locally and read back, it is the same instant, or (in a
    // repeated hour) its twin one hour away, reported as ambiguous.
    for (int quarter = 0; quarter < hours * 4; ++quarter) {
        const QDateTime instant = first.addSecs(quarter * 900);
        const QDateTime local = time->toLocal(instant);
        const LocalTimeResolution r = time->resolve(local.date(), local.time());
        QVERIFY2(r.kind != Kind::Nonexistent, qPrintable(time->format(instant)));
        if (r.kind == Kind::Exact)
            QCOMPARE(r.utc, instant);
        else
            QVERIFY(r.utc == instant || r.alternative == instant);
    }
}

void TestNewsroomTime::formatsSideBySide()
{
    auto almaty = NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    QVERIFY_OK(almaty);
    QCOMPARE(almaty->format(utc(2026, 3, 1, 4, 30)),
             QStringLiteral("2026-03-01 09:30 Asia/Almaty (04:30 UTC)"));
    QCOMPARE(almaty->format(utc(2024, 2, 15, 3, 0)),
             QStringLiteral("2024-02-15 09:00 Asia/Almaty (03:00 UTC)"));
    QCOMPARE(almaty->format(utc(2024, 3, 15, 4, 0)),
             QStringLiteral("2024-03-15 09:00 Asia/Almaty (04:00 UTC)"));
    // The UTC date is shown when it is another day.
    QCOMPARE(almaty->format(utc(2026, 2, 28, 20, 0)),
             QStringLiteral("2026-03-01 01:00 Asia/Almaty (2026-02-28 20:00 UTC)"));
    QCOMPARE(almaty->format(QDateTime()), QString());
}

void TestNewsroomTime::sideBySideNamesTheOffset()
{
    const NewsroomTime almaty = NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty")).value();
    QCOMPARE(almaty.sideBySide(utc(2024, 3, 15, 9, 0)),
             QStringLiteral("14:00 Asia/Almaty (UTC+5) = 09:00 UTC"));
    // Before 1 March 2024 Almaty was six hours ahead; both dates show when they differ.
    QCOMPARE(almaty.sideBySide(utc(2024, 2, 28, 19, 30)),
             QStringLiteral("2024-02-29 01:30 Asia/Almaty (UTC+6) = 2024-02-28 19:30 UTC"));
    const NewsroomTime newYork =
        NewsroomTime::fromIanaId(QStringLiteral("America/New_York")).value();
    QCOMPARE(newYork.sideBySide(utc(2024, 7, 1, 13, 0)),
             QStringLiteral("09:00 America/New_York (UTC-4) = 13:00 UTC"));
    QCOMPARE(newYork.sideBySide(utc(2024, 1, 10, 14, 0)),
             QStringLiteral("09:00 America/New_York (UTC-5) = 14:00 UTC"));
    QCOMPARE(NewsroomTime::offsetText(0), QStringLiteral("UTC"));
    QCOMPARE(NewsroomTime::offsetText(5 * 3600 + 30 * 60), QStringLiteral("UTC+5:30"));
    QCOMPARE(NewsroomTime::offsetText(-(9 * 3600 + 30 * 60)), QStringLiteral("UTC-9:30"));
    QCOMPARE(almaty.sideBySide(QDateTime()), QString());
}

void TestNewsroomTime::parsesInput()
{
    auto almaty = NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    QVERIFY_OK(almaty);
    for (const QString &in :
         {QStringLiteral("2026-03-01 09:30"), QStringLiteral(" 2026-03-01T09:30 "),
          QStringLiteral("2026-03-01 09:30:00"), QStringLiteral("01.03.2026 09:30")}) {
        auto r = almaty->parse(in);
        QVERIFY_OK(r);
        QCOMPARE(r->utc, utc(2026, 3, 1, 4, 30));
    }
    QVERIFY(!almaty->parse(QStringLiteral("tomorrow morning")).ok());
    QVERIFY(!almaty->parse(QStringLiteral("2026-02-30 09:30")).ok());
}

void TestNewsroomTime::unknownZoneIsRefused()
{
    QVERIFY(!NewsroomTime::fromIanaId(QStringLiteral("Mars/Olympus_Mons")).ok());
    NewsroomTime fallback{QTimeZone()};
    QVERIFY(fallback.zone().isValid());
}

void TestNewsroomTime::startOfDay()
{
    auto almaty = NewsroomTime::fromIanaId(QStringLiteral("Asia/Almaty"));
    QVERIFY_OK(almaty);
    QCOMPARE(almaty->startOfDay(QDate(2024, 2, 15)), utc(2024, 2, 14, 18, 0));
    QCOMPARE(almaty->startOfDay(QDate(2024, 3, 15)), utc(2024, 3, 14, 19, 0));
    QCOMPARE(almaty->localDate(utc(2024, 2, 29, 18, 30)), QDate(2024, 2, 29));
    QCOMPARE(almaty->localDate(utc(2024, 2, 29, 19, 0)), QDate(2024, 3, 1));
}

QTEST_GUILESS_MAIN(TestNewsroomTime)
#include "tst_newsroomtime.moc"
