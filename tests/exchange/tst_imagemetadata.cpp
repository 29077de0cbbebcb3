#include "imagemetadata.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// Credits inside the pixels: read as WordPress reads them, written back in IIM and XMP
// without losing what else the file carries.
class TestImageMetadata : public QObject
{
    Q_OBJECT
private slots:
    void readsExiftoolIptc();
    void writesAndReadsBack();
};

void TestImageMetadata::readsExiftoolIptc()
{
    const QString path = testsupport::sharedFixture(QStringLiteral("jpeg/exiftool-IPTC.jpg"));
    if (!QFile::exists(path))
        QSKIP("shared fixture jpeg/exiftool-IPTC.jpg is absent");
    auto m = ImageMetadata::read(path);
    QVERIFY_OK(m);
    QCOMPARE(m->creator, QStringLiteral("Phil Harvey"));
    QCOMPARE(m->credit, QStringLiteral("My Credit"));
    QCOMPARE(m->copyright, QStringLiteral("Copyright 2004 Phil Harvey"));
    QCOMPARE(m->caption, QStringLiteral("A witty caption"));
    QCOMPARE(m->title, QStringLiteral("No headline"));
}

void TestImageMetadata::writesAndReadsBack()
{
    const QString source = testsupport::sharedFixture(QStringLiteral("jpeg/exiftool-XMP.jpg"));
    if (!QFile::exists(source))
        QSKIP("shared fixture jpeg/exiftool-XMP.jpg is absent");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("copy.jpg"));
    QVERIFY(QFile::copy(source, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QFile original(source);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();

    ImageMetadata m;
    m.credit = QStringLiteral("Дана Әлиева / Steppe Ledger Photo Desk"); // longer than 32 bytes in UTF-8
    m.creator = QStringLiteral("Дана Әлиева");
    m.copyright = QStringLiteral("© 2025 The Steppe Ledger");
    m.caption = QStringLiteral("Reeds on the Ili at dawn");
    m.altText = QStringLiteral("Reeds bent under frost");
    QVERIFY_OK(ImageMetadata::write(path, m));

    auto back = ImageMetadata::read(path);
    QVERIFY_OK(back);
    QCOMPARE(back->creator, m.creator);
    QCOMPARE(back->caption, m.caption);
    QCOMPARE(back->copyright, m.copyright);
    QCOMPARE(back->altText, m.altText);
    // IIM keeps 32 bytes of the credit, cut on a character boundary.
    QVERIFY(back->credit.toUtf8().size() <= 32);
    QVERIFY(m.credit.startsWith(back->credit));
    QVERIFY(!back->credit.isEmpty());

    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray after = written.readAll();
    // The ICC profile and Exif survive, and the full credit is in the XMP.
    QVERIFY(before.contains("ICC_PROFILE") && after.contains("ICC_PROFILE"));
    QVERIFY(after.contains("Exif"));
    QVERIFY(after.contains(m.credit.toUtf8()));
}

QTEST_GUILESS_MAIN(TestImageMetadata)
#include "tst_imagemetadata.moc"
