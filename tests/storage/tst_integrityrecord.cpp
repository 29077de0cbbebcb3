#include "integrityrecord.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// When a large newsroom's last clean integrity check still vouches for it, and when not.
class TestIntegrityRecord : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void unknownFileIsNotTrusted();
    void cleanCheckVouchesOnceClosed();
    void sessionWithoutCloseIsNotTrusted();
    void fileChangedElsewhereIsNotTrusted();
    void oldCheckIsNotTrusted();
    void damageForgetsTheCheck();
    void eachFileHasItsOwnRecord();

private:
    QString makeFile(const QString &name);
    void vouch(const QString &path);

    QTemporaryDir m_dir;
    int m_counter = 0;
};

void TestIntegrityRecord::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_integrityrecord"));
    QVERIFY(m_dir.isValid());
}

void TestIntegrityRecord::init()
{
    QSettings().clear();
}

QString TestIntegrityRecord::makeFile(const QString &name)
{
    const QString path = m_dir.filePath(QStringLiteral("%1-%2.byline").arg(name).arg(++m_counter));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QByteArray(8192, 'n'));
    return path;
}

// One session that checks the file and finds it sound.
void TestIntegrityRecord::vouch(const QString &path)
{
    IntegrityRecord record(path);
    record.opened(record.trusted());
    record.checkedClean();
    record.closed();
}

void TestIntegrityRecord::unknownFileIsNotTrusted()
{
    const QString path = makeFile(QStringLiteral("unknown"));
    QVERIFY(!IntegrityRecord(path).trusted());
    QVERIFY(!IntegrityRecord(path).lastCleanCheck().isValid());
    // Closing a file no check vouches for stamps nothing.
    IntegrityRecord(path).closed();
    QVERIFY(!IntegrityRecord(path).trusted());
    QVERIFY(!IntegrityRecord(m_dir.filePath(QStringLiteral("missing.byline"))).trusted());
}

void TestIntegrityRecord::cleanCheckVouchesOnceClosed()
{
    const QString path = makeFile(QStringLiteral("clean"));
    IntegrityRecord record(path);
    record.opened(false);
    record.checkedClean();
    QVERIFY2(!record.trusted(), "not before the session has closed the file");
    record.closed();
    QVERIFY(record.trusted());
    QVERIFY(record.lastCleanCheck().isValid());
    // A later session that opened on trust and closed normally keeps the trust.
    record.opened(true);
    record.closed();
    QVERIFY(IntegrityRecord(path).trusted());
}

void TestIntegrityRecord::sessionWithoutCloseIsNotTrusted()
{
    const QString path = makeFile(QStringLiteral("crash"));
    vouch(path);
    QVERIFY(IntegrityRecord(path).trusted());
    IntegrityRecord(path).opened(true); // and then the session never closes it
    QVERIFY(!IntegrityRecord(path).trusted());
}

void TestIntegrityRecord::fileChangedElsewhereIsNotTrusted()
{
    // Same size, new bytes and a later modification time: as a copy over it would leave it.
    const QString path = makeFile(QStringLiteral("changed"));
    vouch(path);
    QVERIFY(IntegrityRecord(path).trusted());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(4096);
    f.write(QByteArray(100, 'x'));
    QVERIFY(f.setFileTime(f.fileTime(QFileDevice::FileModificationTime).addSecs(90), QFileDevice::FileModificationTime));
    f.close();
    QVERIFY(!IntegrityRecord(path).trusted());

    // A longer file with an unchanged time is not the file that was checked either.
    const QString grown = makeFile(QStringLiteral("grown"));
    vouch(grown);
    QFile g(grown);
    QVERIFY(g.open(QIODevice::ReadWrite));
    const QDateTime before = g.fileTime(QFileDevice::FileModificationTime);
    g.seek(g.size());
    g.write(QByteArray(4096, 'y'));
    QVERIFY(g.setFileTime(before, QFileDevice::FileModificationTime));
    g.close();
    QVERIFY(!IntegrityRecord(grown).trusted());
}

void TestIntegrityRecord::oldCheckIsNotTrusted()
{
    const QString path = makeFile(QStringLiteral("old"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    IntegrityRecord record(path);
    record.opened(false);
    record.checkedClean(now.addDays(-IntegrityRecord::kMaxAgeDays).addSecs(-60));
    record.closed();
    QVERIFY(!record.trusted(now));
    record.checkedClean(now.addDays(-IntegrityRecord::kMaxAgeDays).addSecs(3600));
    record.closed();
    QVERIFY(record.trusted(now));
    // A check dated in the future (a clock set back since) vouches for nothing.
    record.checkedClean(now.addDays(2));
    record.closed();
    QVERIFY(!record.trusted(now));
}

void TestIntegrityRecord::damageForgetsTheCheck()
{
    const QString path = makeFile(QStringLiteral("damaged"));
    vouch(path);
    IntegrityRecord record(path);
    record.forget();
    QVERIFY(!record.lastCleanCheck().isValid());
    record.closed();
    QVERIFY(!record.trusted());
    // An untrusted opening drops the old check too: only a new check can vouch again.
    vouch(path);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(120), QFileDevice::FileModificationTime));
    }
    QVERIFY(!record.trusted());
    record.opened(false);
    QVERIFY(!record.lastCleanCheck().isValid());
    record.closed();
    QVERIFY(!record.trusted());
}

void TestIntegrityRecord::eachFileHasItsOwnRecord()
{
    const QString a = makeFile(QStringLiteral("a"));
    const QString b = makeFile(QStringLiteral("b"));
    vouch(a);
    QVERIFY(IntegrityRecord(a).trusted());
    QVERIFY(!IntegrityRecord(b).trusted());
    IntegrityRecord(b).opened(false);
    QVERIFY(IntegrityRecord(a).trusted());
}

QTEST_GUILESS_MAIN(TestIntegrityRecord)
#include "tst_integrityrecord.moc"
