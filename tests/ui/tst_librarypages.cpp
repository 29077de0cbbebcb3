#include "articlerepository.h"
#include "authorlistmodel.h"
#include "authorrepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "imagelibrarymodel.h"
#include "imagerepository.h"
#include "itemroles.h"
#include "editor/insertimagedialog.h"
#include "library/authorspage.h"
#include "library/imagespage.h"
#include "testsupport.h"
#include "thumbnailcache.h"
#include "transaction.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The photo desk's and the profile editor's pages, driven as a person would.
class TestLibraryPages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void importDetectsDuplicatesAndRefusesBrokenFiles();
    void filtersLackingAndSearch();
    void editOneImage();
    void bulkCreditOnSelection();
    void whereUsedListsArticles();
    void authorProfileRoundTrip();
    void importReadsEmbeddedCredits();
    void orderAndSearchBoxesAskTheDatabase();
    void insertDialogFindsImagesNotFetchedYet();

private:
    QString writeJpeg(const QString &name, const QColor &color);
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ThumbnailCache> m_cache;
    int m_n = 0;
};

void TestLibraryPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_librarypages"));
    QSettings().clear();
}

void TestLibraryPages::init()
{
    const QString path = m_dir.filePath(QStringLiteral("p%1.byline").arg(++m_n));
    QVERIFY_OK(DemoNewsroom::create(path));
    auto db = Database::open(path);
    QVERIFY_OK(db);
    m_db = std::move(db).value();
    m_cache = std::make_unique<ThumbnailCache>(*m_db, m_dir.filePath(QStringLiteral("thumbs%1").arg(m_n)));
}

void TestLibraryPages::cleanup()
{
    m_cache.reset();
    m_db.reset();
}

QString TestLibraryPages::writeJpeg(const QString &name, const QColor &color)
{
    QImage img(640, 480, QImage::Format_RGB32);
    img.fill(color);
    const QString path = m_dir.filePath(name);
    img.save(path, "JPEG");
    return path;
}

void TestLibraryPages::importDetectsDuplicatesAndRefusesBrokenFiles()
{
    ImagesPage page(*m_db, *m_cache);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int before = page.model()->rowCount();
    const QString a = writeJpeg(QStringLiteral("a.jpg"), Qt::red);
    const QString copy = m_dir.filePath(QStringLiteral("a-copy.jpg"));
    QFile::copy(a, copy);
    const QString broken = m_dir.filePath(QStringLiteral("broken.jpg"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("\xff\xd8\xff garbage");
    f.close();
    QStringList messages;
    connect(&page, &ImagesPage::status, this, [&](const QString &m) { messages << m; });
    page.importFiles({a, copy, broken});
    QCOMPARE(page.model()->rowCount(), before + 1);
    QVERIFY(messages.last().contains(QLatin1String("1 image(s) added")));
    QVERIFY(messages.last().contains(QLatin1String("1 already in the library")));
    QVERIFY(messages.last().contains(QLatin1String("broken.jpg")));
}

void TestLibraryPages::filtersLackingAndSearch()
{
    ImagesPage page(*m_db, *m_cache);
    // Nothing is read while the page is hidden; its first showing reads the first page.
    QVERIFY(!page.model()->isLoaded());
    QCOMPARE(page.model()->rowCount(), 0);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.model()->isLoaded());
    QVERIFY(page.model()->rowCount() > 0);
    const int all = page.model()->rowCount();
    page.lackingOnly()->setChecked(true);
    QCOMPARE(page.model()->rowCount(), 2);
    page.lackingOnly()->setChecked(false);
    QCOMPARE(page.model()->rowCount(), all);
    const Image some = page.model()->imageAt(0);
    QTest::keyClicks(page.searchBox(), some.creditLine.isEmpty() ? some.title : some.creditLine);
    QVERIFY(page.model()->rowCount() >= 1);
    QVERIFY(page.model()->rowCount() < all);
}

void TestLibraryPages::editOneImage()
{
    ImagesPage page(*m_db, *m_cache);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.lackingOnly()->setChecked(true);
    // Select the image without a credit line and give it one.
    QModelIndex target;
    for (int r = 0; r < page.model()->rowCount(); ++r) {
        const qint64 id = page.model()->index(r, 0).data(IdRole).toLongLong();
        if (ImageRepository(*m_db).get(id).value().creditLine.isEmpty())
            target = page.model()->index(r, 0);
    }
    QVERIFY(target.isValid());
    const qint64 id = target.data(IdRole).toLongLong();
    page.grid()->setCurrentIndex(target);
    page.creditEdit()->clear();
    QTest::keyClicks(page.creditEdit(), QStringLiteral("Steppe Ledger"));
    QVERIFY(page.saveImage());
    QCOMPARE(ImageRepository(*m_db).get(id).value().creditLine, QStringLiteral("Steppe Ledger"));
    QCOMPARE(page.model()->rowCount(), 1); // one defect left
}

void TestLibraryPages::bulkCreditOnSelection()
{
    ImagesPage page(*m_db, *m_cache);
    page.show();
    QList<qint64> chosen;
    for (int r = 0; r < 3; ++r) {
        page.grid()->selectionModel()->select(page.model()->index(r, 0), QItemSelectionModel::Select);
        chosen << page.model()->index(r, 0).data(IdRole).toLongLong();
    }
    QCOMPARE(page.selectedIds().size(), 3);
    const QString copyrightBefore = ImageRepository(*m_db).get(chosen.first()).value().copyrightNotice;
    QTest::keyClicks(page.bulkCreditEdit(), QStringLiteral("Image: Pool"));
    QCOMPARE(page.applyBulk(), 3);
    for (qint64 id : chosen) {
        const Image m = ImageRepository(*m_db).get(id).value();
        QCOMPARE(m.creditLine, QStringLiteral("Image: Pool"));
    }
    QCOMPARE(ImageRepository(*m_db).get(chosen.first()).value().copyrightNotice, copyrightBefore); // untouched
    // One missing image makes the whole bulk change refused.
    QVERIFY(!ImageRepository(*m_db).setCredits({chosen.first(), 999999}, QStringLiteral("X"), {}, {}).ok());
    QCOMPARE(ImageRepository(*m_db).get(chosen.first()).value().creditLine, QStringLiteral("Image: Pool"));
}

void TestLibraryPages::whereUsedListsArticles()
{
    ImagesPage page(*m_db, *m_cache);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // The demo's first body image is used somewhere; find an image whose attachment id appears.
    const QList<Image> images = ImageRepository(*m_db).all().value();
    int checked = 0;
    for (const Image &m : images) {
        const auto used = ArticleRepository(*m_db).usingImage(m.id, m.wpAttachmentId);
        QVERIFY_OK(used);
        for (const ArticleSummary &s : *used) {
            const Article a = ArticleRepository(*m_db).get(s.id).value();
            QVERIFY(a.featuredImageId == m.id
                    || a.body.contains(QStringLiteral("attachment_%1\"").arg(m.wpAttachmentId))
                    || a.body.contains(QStringLiteral("wp-image-%1").arg(m.wpAttachmentId)));
            ++checked;
        }
        if (!used->isEmpty()) {
            page.grid()->setCurrentIndex(page.model()->index(page.model()->rowOf(m.id)));
            QCOMPARE(page.whereUsed()->count(), int(used->size()));
        }
    }
    QVERIFY(checked > 5);
}

void TestLibraryPages::authorProfileRoundTrip()
{
    AuthorsPage page(*m_db, *m_cache);
    QCOMPARE(page.shownAuthorId(), 0); // nothing read while the page is hidden
    QCOMPARE(page.articleList()->count(), 0);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.shownAuthorId(), page.model()->authorAt(0).id);
    QVERIFY(page.articleList()->count() > 0); // the first author's articles
    const int before = page.model()->rowCount();
    page.newAuthor();
    QTest::keyClicks(page.nameEdit(), QStringLiteral("Dana Example"));
    QTest::keyClicks(page.roleEdit(), QStringLiteral("Data Reporter"));
    page.setAvatar(ImageRepository(*m_db).all().value().first().id);
    QVERIFY(page.saveProfile());
    QCOMPARE(page.model()->rowCount(), before + 1);
    const Author saved = AuthorRepository(*m_db).findBySlug(QStringLiteral("dana-example")).value();
    QCOMPARE(saved.roleLine, QStringLiteral("Data Reporter"));
    QVERIFY(saved.avatarImageId > 0);
    QCOMPARE(page.shownAuthorId(), saved.id);
    page.roleEdit()->setText(QStringLiteral("Data Editor"));
    QVERIFY(page.saveProfile());
    QCOMPARE(AuthorRepository(*m_db).get(saved.id).value().roleLine, QStringLiteral("Data Editor"));
    page.newAuthor();
    QVERIFY(!page.saveProfile()); // no name
    QVERIFY(page.lastError().contains(QLatin1String("name")));
}

void TestLibraryPages::importReadsEmbeddedCredits()
{
    const QString fixture = testsupport::sharedFixture(QStringLiteral("jpeg/exiftool-IPTC.jpg"));
    if (!QFile::exists(fixture))
        QSKIP("the shared JPEG fixtures are not present");
    ImagesPage page(*m_db, *m_cache);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.importFiles({fixture});
    const qint64 id = page.selectedIds().value(0);
    QVERIFY(id > 0);
    const Image m = ImageRepository(*m_db).get(id).value();
    QCOMPARE(m.creditLine, QStringLiteral("My Credit"));   // IIM 2:110
    QCOMPARE(m.creator, QStringLiteral("Phil Harvey"));    // IIM 2:80
    QCOMPARE(m.caption, QStringLiteral("A witty caption")); // IIM 2:120
    QCOMPARE(m.copyrightNotice, QStringLiteral("Copyright 2004 Phil Harvey"));
}

void TestLibraryPages::orderAndSearchBoxesAskTheDatabase()
{
    ImagesPage images(*m_db, *m_cache);
    images.show();
    QVERIFY(QTest::qWaitForWindowExposed(&images));
    const auto idsShown = [&] {
        QList<qint64> ids;
        for (int r = 0; r < images.grid()->model()->rowCount(); ++r)
            ids << images.grid()->model()->index(r, 0).data(IdRole).toLongLong();
        return ids;
    };
    const QList<qint64> newest = idsShown();
    QVERIFY(newest.size() >= 10);
    images.orderBox()->setCurrentIndex(images.orderBox()->findText(QStringLiteral("Oldest first")));
    QList<qint64> oldest = idsShown();
    std::reverse(oldest.begin(), oldest.end());
    QCOMPARE(oldest, newest);
    images.orderBox()->setCurrentIndex(images.orderBox()->findText(QStringLiteral("By title")));
    QStringList titles;
    for (qint64 id : idsShown())
        titles << ImageRepository(*m_db).get(id).value().title;
    QStringList sorted = titles;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(titles, sorted);
    // A search matching nothing empties the grid; clearing it brings the first page back.
    QTest::keyClicks(images.searchBox(), QStringLiteral("zzzz-nothing"));
    QCOMPARE(images.grid()->model()->rowCount(), 0);
    images.searchBox()->clear();
    QCOMPARE(images.grid()->model()->rowCount(), newest.size());
    // The order chosen is the one the page opens with next time.
    {
        ImagesPage again(*m_db, *m_cache);
        QCOMPARE(again.orderBox()->currentText(), QStringLiteral("By title"));
        QCOMPARE(again.model()->query().order, ImageQuery::Order::Title);
        again.orderBox()->setCurrentIndex(0);
    }
    QCOMPARE(ImagesPage(*m_db, *m_cache).model()->query().order, ImageQuery::Order::NewestFirst);

    AuthorsPage authors(*m_db, *m_cache);
    const int all = authors.list()->model()->rowCount();
    QVERIFY(all >= 3);
    const QString name = authors.list()->model()->index(1, 0).data().toString();
    const QString firstWord = name.section(QLatin1Char(' '), 0, 0);
    QTest::keyClicks(authors.searchBox(), firstWord.left(3));
    QVERIFY(authors.list()->model()->rowCount() >= 1);
    QVERIFY(authors.list()->model()->rowCount() < all);
    bool found = false;
    for (int r = 0; r < authors.list()->model()->rowCount(); ++r)
        found |= authors.list()->model()->index(r, 0).data().toString() == name;
    QVERIFY(found);
    authors.searchBox()->clear();
    QCOMPARE(authors.list()->model()->rowCount(), all);
}

void TestLibraryPages::insertDialogFindsImagesNotFetchedYet()
{
    // More images than one page of the picker; the wanted one is the oldest.
    const QList<Image> demo = ImageRepository(*m_db).all().value();
    const Image oldest = demo.last();
    {
        Transaction tx(*m_db);
        QVERIFY(tx.isActive());
        for (int i = 0; i < 130; ++i) {
            QImage img(8, 8, QImage::Format_RGB32);
            img.fill(QColor(i, 255 - i, 90));
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(img.save(&buffer, "PNG"));
            Image meta;
            meta.originalFileName = QStringLiteral("filler-%1.png").arg(i);
            meta.title = QStringLiteral("Filler %1").arg(i);
            meta.creditLine = QStringLiteral("Steppe Ledger");
            QVERIFY_OK(ImageRepository(*m_db).store(png, meta));
        }
        QVERIFY_OK(tx.commit());
    }
    InsertImageDialog dialog(*m_db, *m_cache);
    const int firstPage = dialog.list()->model()->rowCount();
    QVERIFY(firstPage < int(demo.size()) + 130);
    bool shown = false;
    for (int r = 0; r < firstPage; ++r)
        shown |= dialog.list()->model()->index(r, 0).data(IdRole).toLongLong() == oldest.id;
    QVERIFY(!shown);
    QTest::keyClicks(dialog.searchBox(), oldest.originalFileName);
    QCOMPARE(dialog.list()->model()->rowCount(), 1);
    QCOMPARE(dialog.list()->model()->index(0, 0).data(IdRole).toLongLong(), oldest.id);
    dialog.list()->setCurrentIndex(dialog.list()->model()->index(0, 0));
    QVERIFY(dialog.shortcode().contains(QStringLiteral("attachment_%1").arg(oldest.wpAttachmentId)));
}

QTEST_MAIN(TestLibraryPages)
#include "tst_librarypages.moc"
