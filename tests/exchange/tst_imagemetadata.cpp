#include "database.h"
#include "exporter.h"
#include "imagemetadata.h"
#include "imagerepository.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QtEndian>
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
    void readsWithIptcFixture();
    void readsLatin1IimWithoutCharacterSet();
    void wxrMediaCarriesCredits();
};

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray smallJpeg()
{
    QImage img(16, 12, QImage::Format_RGB32);
    img.fill(Qt::darkGreen);
    QByteArray jpeg;
    QBuffer buf(&jpeg);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "JPG");
    return jpeg;
}

// A JPEG with an APP13 Photoshop segment holding one IIM dataset and no 1:90 character set,
// as older newsroom software writes it; built by hand so the bytes are exactly Latin-1.
QByteArray jpegWithIim(quint8 record, quint8 dataset, const QByteArray &value)
{
    QByteArray iim;
    iim.append(char(0x1c)).append(char(record)).append(char(dataset));
    char len[2];
    qToBigEndian<quint16>(quint16(value.size()), len);
    iim.append(len, 2).append(value);
    if (iim.size() % 2)
        iim.append('\0');
    QByteArray resource("8BIM\x04\x04\x00\x00", 8); // IPTC resource, empty padded name
    char size[4];
    qToBigEndian<quint32>(quint32(iim.size()), size);
    resource.append(size, 4).append(iim);
    QByteArray payload("Photoshop 3.0\0", 14);
    payload.append(resource);
    QByteArray segment("\xFF\xED", 2);
    char segLen[2];
    qToBigEndian<quint16>(quint16(payload.size() + 2), segLen);
    segment.append(segLen, 2).append(payload);
    QByteArray jpeg = smallJpeg();
    jpeg.insert(2, segment); // right after SOI
    return jpeg;
}

} // namespace

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

// Facts of the file, checked byte by byte: its IIM has 2:110 "Credits", 2:80 "Byline",
// 2:116 "Copyright", 2:120 "Caption", 2:105 "Headline", no 1:90 and no XMP.
void TestImageMetadata::readsWithIptcFixture()
{
    const QString path = testsupport::sharedFixture(QStringLiteral("jpeg/withIptc.jpg"));
    if (!QFile::exists(path))
        QSKIP("shared fixture jpeg/withIptc.jpg is absent");
    auto m = ImageMetadata::read(path);
    QVERIFY_OK(m);
    QCOMPARE(m->credit, QStringLiteral("Credits"));
    QCOMPARE(m->creator, QStringLiteral("Byline"));
    QCOMPARE(m->copyright, QStringLiteral("Copyright"));
    QCOMPARE(m->caption, QStringLiteral("Caption"));
    QCOMPARE(m->title, QStringLiteral("Headline"));
    QVERIFY(m->altText.isEmpty());
}

void TestImageMetadata::readsLatin1IimWithoutCharacterSet()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("latin1.jpg"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(jpegWithIim(2, 110, QByteArray("Agence Fran\xe7" "aise / J\xfcrgen M\xf8ller")));
    f.close();
    auto m = ImageMetadata::read(path);
    QVERIFY_OK(m);
    QCOMPARE(m->credit, QStringLiteral("Agence Française / Jürgen Møller"));
    // Without 2:80 nothing else is invented.
    QVERIFY(m->creator.isEmpty());
}

// The WXR media folder's JPEGs carry the library's credits, cut to IIM's limits, and keep the
// Exif and ICC profile they came with.
void TestImageMetadata::wxrMediaCarriesCredits()
{
    const QString source = testsupport::sharedFixture(QStringLiteral("jpeg/exiftool-XMP.jpg"));
    if (!QFile::exists(source))
        QSKIP("shared fixture jpeg/exiftool-XMP.jpg is absent");
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("n.byline")));
    QVERIFY_OK(db);
    Image meta;
    meta.mimeType = QStringLiteral("image/jpeg");
    meta.originalFileName = QStringLiteral("reeds.jpg");
    meta.title = QStringLiteral("Reeds");
    meta.caption = QStringLiteral("Reeds on the Ili at dawn");
    meta.creditLine = QStringLiteral("Дана Әлиева / The Steppe Ledger Photo Desk");
    meta.creator = QStringLiteral("Дана Әлиева");
    meta.copyrightNotice = QStringLiteral("© 2025 The Steppe Ledger");
    meta.altText = QStringLiteral("Reeds bent under frost");
    QVERIFY_OK(ImageRepository(**db).store(readFile(source), meta));

    auto exporter = ExporterRegistry::create(QStringLiteral("wxr"));
    ExportRequest request;
    request.outputDir = dir.filePath(QStringLiteral("out"));
    QVERIFY_OK(exporter->run(**db, request));
    const QStringList media = QDir(dir.filePath(QStringLiteral("out/media"))).entryList(QDir::Files);
    QCOMPARE(media.size(), 1);
    const QString path = dir.filePath(QStringLiteral("out/media/") + media.first());
    auto back = ImageMetadata::read(path);
    QVERIFY_OK(back);
    QCOMPARE(back->creator, meta.creator);
    QCOMPARE(back->caption, meta.caption);
    QCOMPARE(back->copyright, meta.copyrightNotice);
    QCOMPARE(back->altText, meta.altText);
    QVERIFY(back->credit.toUtf8().size() <= 32);
    QVERIFY(!back->credit.isEmpty() && meta.creditLine.startsWith(back->credit));
    const QByteArray after = readFile(path);
    QVERIFY(after.contains(meta.creditLine.toUtf8())); // the whole credit line in XMP
    QVERIFY(after.contains("ICC_PROFILE"));
    QVERIFY(after.contains("Exif"));
}

QTEST_GUILESS_MAIN(TestImageMetadata)
#include "tst_imagemetadata.moc"
