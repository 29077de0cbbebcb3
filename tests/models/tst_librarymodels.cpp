#include "authorlistmodel.h"
#include "database.h"
#include "demonewsroom.h"
#include "imagelibrarymodel.h"
#include "imagerepository.h"
#include "itemroles.h"
#include "testsupport.h"
#include "thumbnailcache.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QImageWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The author and image library models, and the thumbnail cache behind their pictures.
class TestLibraryModels : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void authorModelPassesTester();
    void imageModelPassesTesterAndMarksLacking();
    void thumbnailsDecodeOffThreadAndPersist();
    void hugeImageCostsAThumbnailDecode();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

void TestLibraryModels::initTestCase()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.byline"));
    QVERIFY_OK(DemoNewsroom::create(path));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    m_db = std::move(db).value();
}

void TestLibraryModels::authorModelPassesTester()
{
    ThumbnailCache cache(*m_db, m_dir.filePath(QStringLiteral("thumbs-a")));
    AuthorListModel model(*m_db, cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() >= 3);
    QVERIFY(!model.index(0).data(SubtitleRole).toString().isEmpty());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.index(0).data(Qt::DecorationRole).isValid()); // decoding started
    QTRY_VERIFY(changed.count() >= 1);
    QVERIFY(model.index(0).data(Qt::DecorationRole).value<QImage>().width() <= 48);
    model.reload();
}

void TestLibraryModels::imageModelPassesTesterAndMarksLacking()
{
    ThumbnailCache cache(*m_db, m_dir.filePath(QStringLiteral("thumbs-b")));
    ImageLibraryModel model(*m_db, cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.rowCount() >= 10);
    int lacking = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const Image &m = model.imageAt(r);
        const bool expected = m.creditLine.isEmpty() || m.altText.isEmpty();
        QCOMPARE(model.index(r).data(NeedsAttentionRole).toBool(), expected);
        lacking += expected;
    }
    QCOMPARE(lacking, 2); // the demo's deliberate defects
    // Before its pixels arrive an image shows a box of its final proportions.
    const QImage box = model.index(0).data(Qt::DecorationRole).value<QImage>();
    QVERIFY(!box.isNull());
    QVERIFY(box.width() <= 160 && box.height() <= 120);
    model.reload();
    cache.waitForPending();
}

void TestLibraryModels::thumbnailsDecodeOffThreadAndPersist()
{
    const QString folder = m_dir.filePath(QStringLiteral("thumbs-c"));
    const Image first = ImageRepository(*m_db).all().value().first();
    {
        ThumbnailCache cache(*m_db, folder);
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        QVERIFY(cache.thumbnail(first.id, first.sha256, QSize(100, 100)).isNull());
        QTRY_COMPARE(ready.count(), 1);
        const QImage t = cache.thumbnail(first.id, first.sha256, QSize(100, 100));
        QVERIFY(!t.isNull());
        QVERIFY(t.width() <= 100 && t.height() <= 100);
        QVERIFY2(t.width() == std::min(100, first.width) || t.height() == std::min(100, first.height),
                 qPrintable(QStringLiteral("%1x%2 from %3x%4").arg(t.width()).arg(t.height()).arg(first.width).arg(first.height)));
    }
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1);
    // A new cache (a new start) finds it on disk.
    ThumbnailCache again(*m_db, folder);
    QSignalSpy ready(&again, &ThumbnailCache::ready);
    again.thumbnail(first.id, first.sha256, QSize(100, 100));
    QTRY_COMPARE(ready.count(), 1);
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1);
}

void TestLibraryModels::hugeImageCostsAThumbnailDecode()
{
    QImage big(7000, 5000, QImage::Format_RGB32);
    big.fill(QColor(20, 80, 140));
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(big.save(&buffer, "JPEG", 60));
    const QImage small = ThumbnailCache::decodeScaled(jpeg, QSize(160, 120));
    QCOMPARE(small.size(), QSize(160, 114));
    QCOMPARE(small.pixelColor(80, 50).blue() > 100, true);
    QVERIFY(ThumbnailCache::decodeScaled(QByteArray("not an image"), QSize(10, 10)).isNull());
}

QTEST_MAIN(TestLibraryModels)
#include "tst_librarymodels.moc"
