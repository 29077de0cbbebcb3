#include "authorlistmodel.h"
#include "database.h"
#include "demonewsroom.h"
#include "imagelibrarymodel.h"
#include "imagerepository.h"
#include "itemroles.h"
#include "testsupport.h"
#include "thumbnailcache.h"
#include "transaction.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
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
    void imageModelReadsNothingUntilAsked();
    void thumbnailsDecodeOffThreadAndPersist();
    void hugeImageCostsAThumbnailDecode();
    void imageModelFetchesPagesAsTheViewScrolls();
    void imageModelWalksEveryOrderByKeyset();
    void imageFiltersAreAnsweredByTheDatabase();
    void imagePagesAreServedByIndexes();
    void authorModelPagesAndSearches();
    void upgradeFromVersion6AddsTheIndexes();

private:
    void makeBigLibrary();
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Database> m_big; // 5 000 images, 1 000 authors
};

namespace {

constexpr int kImages = 5000;
constexpr int kAuthors = 1000;
constexpr qint64 kEpoch = 1700000000;

// The big library's images are numbered 1…5000 in the order they were added (ids too); two
// neighbours share a creation second, so the id has to break ties. Titles are a shuffle of
// the numbers, so the title order differs from the id order.
QString titleOf(int i)
{
    return QStringLiteral("Frame %1").arg((qint64(i) * 7919) % kImages, 4, 10, QLatin1Char('0'));
}
bool lacking(int i)
{
    return i == 13 || i == 77 || i == 2500 || i == 4999; // 77 lacks alt text, the others a credit
}
bool harvest(int i)
{
    return i % 1000 == 0;
}
bool cyrillicCredit(int i)
{
    return i == 42 || i == 4242;
}

QList<qint64> idsOf(const ImageLibraryModel &model)
{
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.index(r).data(IdRole).toLongLong();
    return ids;
}

QList<qint64> fetchAll(ImageLibraryModel &model)
{
    while (model.canFetchMore({}))
        model.fetchMore({});
    return idsOf(model);
}

} // namespace

void TestLibraryModels::makeBigLibrary()
{
    if (m_big)
        return;
    auto db = Database::open(m_dir.filePath(QStringLiteral("big.byline")));
    QVERIFY_OK(db);
    m_big = std::move(db).value();
    Transaction tx(*m_big);
    QVERIFY(tx.isActive());
    QSqlQuery q(tx.connection());
    // One stored picture serves every row: the list reads metadata, not pixels.
    QImage pixel(4, 3, QImage::Format_RGB32);
    pixel.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(pixel.save(&buffer, "PNG"));
    const QString sha = QString::fromLatin1(ImageRepository::digest(png));
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO image_blobs (sha256, byte_size, data) VALUES (?, ?, ?)")));
    q.addBindValue(sha);
    q.addBindValue(png.size());
    q.addBindValue(png);
    QVERIFY(q.exec());
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO images (id, sha256, mime_type, width, height, original_filename, "
                                     "title, caption, credit_line, alt_text, created_at, updated_at) "
                                     "VALUES (?, ?, 'image/png', 4, 3, ?, ?, ?, ?, ?, ?, ?)")));
    for (int i = 1; i <= kImages; ++i) {
        q.addBindValue(i);
        q.addBindValue(sha);
        q.addBindValue(QStringLiteral("img_%1.png").arg(i, 5, 10, QLatin1Char('0')));
        q.addBindValue(titleOf(i));
        q.addBindValue(harvest(i) ? QStringLiteral("Wheat harvest near Kostanay") : QStringLiteral("Street scene"));
        q.addBindValue(lacking(i) && i != 77 ? QString(QLatin1String(""))
                       : cyrillicCredit(i)    ? QStringLiteral("Сарыарқа Фото")
                                              : QStringLiteral("Steppe Ledger"));
        q.addBindValue(i == 77 ? QString(QLatin1String("")) : QStringLiteral("A street"));
        q.addBindValue(kEpoch + i / 2);
        q.addBindValue(kEpoch + i / 2);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QVERIFY(q.prepare(QStringLiteral("INSERT INTO authors (id, slug, display_name, role_line, avatar_image_id, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")));
    for (int i = 1; i <= kAuthors; ++i) {
        // Names in an order unlike the ids; every hundredth is a photographer.
        const QString name = QStringLiteral("Writer %1").arg((i * 389) % kAuthors, 3, 10, QLatin1Char('0'));
        q.addBindValue(i);
        q.addBindValue(QStringLiteral("writer-%1").arg(i));
        q.addBindValue(name);
        q.addBindValue(i % 100 == 0 ? QStringLiteral("Staff Photographer") : QStringLiteral("Correspondent"));
        q.addBindValue(i % 100 == 0 ? QVariant(i) : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(kEpoch);
        q.addBindValue(kEpoch);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QVERIFY_OK(tx.commit());
}

void TestLibraryModels::imageModelFetchesPagesAsTheViewScrolls()
{
    makeBigLibrary();
    ThumbnailCache cache(*m_big, m_dir.filePath(QStringLiteral("thumbs-big")));
    ImageLibraryModel model(*m_big, cache);
    // Opening reads one page, not the library. (No model tester yet: it asks for more rows.)
    QCOMPARE(model.rowCount(), model.pageSize());
    QVERIFY(model.pageSize() < kImages / 10);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.index(0).data(IdRole).toLongLong(), qint64(kImages));

    // A grid showing it: painting the first screen asks for no more than it shows.
    QListView view;
    view.setViewMode(QListView::IconMode);
    view.setIconSize(QSize(160, 120));
    view.setGridSize(QSize(180, 160));
    view.setResizeMode(QListView::Adjust);
    view.setUniformItemSizes(true);
    view.resize(760, 520);
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), model.pageSize());

    // Scrolling to the end of what is there fetches the next page, and only that.
    view.scrollToBottom();
    QTRY_COMPARE(model.rowCount(), 2 * model.pageSize());
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 2 * model.pageSize());
    QVERIFY(model.rowCount() < kImages);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.scrollToBottom();
    QTRY_VERIFY(model.rowCount() > 2 * model.pageSize());
    cache.waitForPending();
}

void TestLibraryModels::imageModelWalksEveryOrderByKeyset()
{
    makeBigLibrary();
    ThumbnailCache cache(*m_big, m_dir.filePath(QStringLiteral("thumbs-big")));
    ImageLibraryModel model(*m_big, cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(700); // pages end inside pairs of images sharing a second

    QList<qint64> newest;
    for (int i = kImages; i >= 1; --i)
        newest << i;
    QCOMPARE(fetchAll(model), newest);

    model.setOrder(ImageQuery::Order::OldestFirst);
    QCOMPARE(model.rowCount(), 700);
    QList<qint64> oldest(newest.rbegin(), newest.rend());
    QCOMPARE(fetchAll(model), oldest);

    model.setOrder(ImageQuery::Order::Title);
    QList<qint64> byTitle = oldest;
    std::sort(byTitle.begin(), byTitle.end(), [](qint64 a, qint64 b) { return titleOf(int(a)) < titleOf(int(b)); });
    QCOMPARE(model.rowCount(), 700);
    QCOMPARE(fetchAll(model), byTitle);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Frame 0000"));

    // A reload keeps what was fetched, in order.
    model.setOrder(ImageQuery::Order::NewestFirst);
    model.fetchMore({});
    model.reload();
    QCOMPARE(model.rowCount(), 1400);
    QCOMPARE(idsOf(model), newest.mid(0, 1400));
}

void TestLibraryModels::imageFiltersAreAnsweredByTheDatabase()
{
    makeBigLibrary();
    ThumbnailCache cache(*m_big, m_dir.filePath(QStringLiteral("thumbs-big")));
    ImageLibraryModel model(*m_big, cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // (The tester itself asks for a few more pages.)
    const auto somePages = [&] {
        return model.rowCount() >= model.pageSize() && model.rowCount() % model.pageSize() == 0
               && model.rowCount() < kImages && model.canFetchMore({});
    };
    QVERIFY(somePages());

    // The lacking images lie far beyond the first page; they are all there at once.
    model.setLackingOnly(true);
    QCOMPARE(idsOf(model), (QList<qint64>{4999, 2500, 77, 13}));
    QVERIFY(!model.canFetchMore({}));
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(model.index(r).data(NeedsAttentionRole).toBool());
    model.setOrder(ImageQuery::Order::OldestFirst);
    QCOMPARE(idsOf(model), (QList<qint64>{13, 77, 2500, 4999}));
    model.setOrder(ImageQuery::Order::NewestFirst);
    model.setLackingOnly(false);
    QVERIFY(somePages());

    // Words as typed so far: prefixes, any case, Cyrillic included.
    model.setSearchText(QStringLiteral("harv"));
    QCOMPARE(idsOf(model), (QList<qint64>{5000, 4000, 3000, 2000, 1000}));
    model.setSearchText(QStringLiteral("HARVEST kostan"));
    QCOMPARE(idsOf(model), (QList<qint64>{5000, 4000, 3000, 2000, 1000}));
    model.setSearchText(QStringLiteral("сарыарқа"));
    QCOMPARE(idsOf(model), (QList<qint64>{4242, 42}));
    // A part of the original file name; _ is a letter here, not a LIKE wildcard.
    model.setSearchText(QStringLiteral("img_04999"));
    QCOMPARE(idsOf(model), (QList<qint64>{4999}));
    model.setSearchText(QStringLiteral("g_0499"));
    QCOMPARE(idsOf(model), (QList<qint64>{4999, 4998, 4997, 4996, 4995, 4994, 4993, 4992, 4991, 4990}));
    // Search and filter together.
    model.setLackingOnly(true);
    QCOMPARE(idsOf(model), (QList<qint64>{4999}));
    model.setLackingOnly(false);
    model.setSearchText(QStringLiteral("no such words"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setSearchText(QString());
    QVERIFY(somePages());
    QVERIFY(model.lastError().isEmpty());
}

void TestLibraryModels::imagePagesAreServedByIndexes()
{
    makeBigLibrary();
    ImageRepository images(*m_big);
    const auto plan = [&](ImageQuery q, bool after) {
        const auto p = images.pagePlan(q, after);
        return p ? *p : QStringLiteral("error: ") + p.error();
    };
    ImageQuery q;
    for (bool after : {false, true}) {
        q.order = ImageQuery::Order::NewestFirst;
        QString p = plan(q, after);
        QVERIFY2(p.contains(QLatin1String("images_created")) && !p.contains(QLatin1String("TEMP B-TREE")), qPrintable(p));
        q.order = ImageQuery::Order::OldestFirst;
        p = plan(q, after);
        QVERIFY2(p.contains(QLatin1String("images_created")) && !p.contains(QLatin1String("TEMP B-TREE")), qPrintable(p));
        q.order = ImageQuery::Order::Title;
        p = plan(q, after);
        QVERIFY2(p.contains(QLatin1String("images_title")) && !p.contains(QLatin1String("TEMP B-TREE")), qPrintable(p));
    }
    q.order = ImageQuery::Order::NewestFirst;
    q.lackingOnly = true;
    const QString lackingPlan = plan(q, false);
    QVERIFY2(lackingPlan.contains(QLatin1String("images_lacking")) && !lackingPlan.contains(QLatin1String("TEMP B-TREE")),
             qPrintable(lackingPlan));
    q.lackingOnly = false;
    q.text = QStringLiteral("harvest");
    const QString searchPlan = plan(q, false);
    QVERIFY2(searchPlan.contains(QLatin1String("images_fts")), qPrintable(searchPlan));
}

void TestLibraryModels::authorModelPagesAndSearches()
{
    makeBigLibrary();
    ThumbnailCache cache(*m_big, m_dir.filePath(QStringLiteral("thumbs-big")));
    AuthorListModel model(*m_big, cache);
    QCOMPARE(model.rowCount(), model.pageSize());
    QVERIFY(model.pageSize() < kAuthors);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Writer 000"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(300);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), kAuthors);
    for (int r = 0; r < kAuthors; ++r)
        QCOMPARE(model.index(r).data(Qt::DisplayRole).toString(), QStringLiteral("Writer %1").arg(r, 3, 10, QLatin1Char('0')));
    const int row = model.rowOf(100);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row).data(SubtitleRole).toString(), QStringLiteral("Staff Photographer"));

    model.setSearchText(QStringLiteral("photog"));
    QCOMPARE(model.rowCount(), kAuthors / 100);
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.index(r).data(SubtitleRole).toString(), QStringLiteral("Staff Photographer"));
        QVERIFY(model.authorAt(r).avatarImageId > 0);
        QVERIFY(!model.authorAt(r).avatarSha256.isEmpty());
    }
    QVERIFY(model.index(0).data(Qt::DisplayRole).toString() < model.index(1).data(Qt::DisplayRole).toString());
    model.setSearchText(QStringLiteral("W"));
    QVERIFY(model.rowCount() >= 300 && model.rowCount() % 300 == 0);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Writer 000"));
    model.setSearchText(QStringLiteral("x"));
    QCOMPARE(model.rowCount(), 0);
    model.setSearchText(QString());
    QVERIFY(model.rowCount() >= 300 && model.rowCount() % 300 == 0);
    cache.waitForPending();
}

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

void TestLibraryModels::imageModelReadsNothingUntilAsked()
{
    ThumbnailCache cache(*m_db, m_dir.filePath(QStringLiteral("thumbs-lazy")));
    ImageLibraryModel model(*m_db, cache, nullptr, ImageLibraryModel::Loading::WhenAsked);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.isLoaded());
    QCOMPARE(model.rowCount(), 0);
    model.reload(); // an edit elsewhere before the first showing reads nothing either
    QCOMPARE(model.rowCount(), 0);
    model.load();
    QVERIFY(model.isLoaded());
    const int rows = model.rowCount();
    QVERIFY(rows >= 10);
    model.load(); // once only
    QCOMPARE(model.rowCount(), rows);
    ImageLibraryModel now(*m_db, cache);
    QCOMPARE(now.rowCount(), rows);
    cache.waitForPending();
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

void TestLibraryModels::upgradeFromVersion6AddsTheIndexes()
{
    // A newsroom written before version 7: the real migrations up to 0006 only.
    QTemporaryDir dir;
    const QString steps = dir.filePath(QStringLiteral("up-to-6"));
    QVERIFY(QDir().mkpath(steps));
    const QDir real(QStringLiteral(":/byline/schema/sqlite"));
    const QStringList files = real.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 7);
    for (int i = 0; i < 6; ++i)
        QVERIFY(QFile::copy(real.filePath(files[i]), steps + QLatin1Char('/') + files[i]));
    const QString path = dir.filePath(QStringLiteral("old.byline"));
    const auto indexes = [](Database &db) {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"));
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        return names;
    };
    {
        Database::Options old;
        old.migrationsPath = steps;
        auto db = Database::open(path, old);
        QVERIFY_OK(db);
        QCOMPARE((*db)->schemaVersion(), 6);
        QVERIFY(!indexes(**db).contains(QStringLiteral("images_created")));
        QImage img(8, 6, QImage::Format_RGB32);
        for (int i = 0; i < 3; ++i) {
            img.fill(QColor(40 * i, 90, 160));
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(img.save(&buffer, "PNG"));
            Image meta;
            meta.originalFileName = QStringLiteral("old-%1.png").arg(i);
            meta.title = QStringLiteral("Old %1").arg(i);
            meta.creditLine = i == 1 ? QString() : QStringLiteral("Archive");
            meta.altText = QStringLiteral("An old picture");
            QVERIFY_OK(ImageRepository(**db).store(png, meta));
        }
    }
    auto db = Database::open(path);
    QVERIFY_OK(db);
    QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    const QStringList names = indexes(**db);
    for (const char *name : {"images_created", "images_title", "images_lacking", "authors_display_name"})
        QVERIFY2(names.contains(QString::fromLatin1(name)), name);
    // The existing library reads through the new indexes.
    ThumbnailCache cache(**db, dir.filePath(QStringLiteral("thumbs")));
    ImageLibraryModel model(**db, cache);
    QCOMPARE(model.rowCount(), 3);
    model.setOrder(ImageQuery::Order::Title);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Old 0"));
    model.setLackingOnly(true);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("Old 1"));
    cache.waitForPending();
}

QTEST_MAIN(TestLibraryModels)
#include "tst_librarymodels.moc"
