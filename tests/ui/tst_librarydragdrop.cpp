#include "authorrepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "imagelibrarymodel.h"
#include "imagerepository.h"
#include "itemroles.h"
#include "library/authorspage.h"
#include "library/imagespage.h"
#include "mainwindow.h"
#include "testsupport.h"

#include <QDragEnterEvent>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWindow>

using namespace byline;

// Files dragged from a file manager onto the real main window, offscreen: the events go to the
// window itself, which finds the widget under the pointer as it does for a drag from outside.
class TestLibraryDragDrop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void dropOnImageGridImportsReportsDuplicatesAndRefusals();
    void droppedWebpShowsItsThumbnail();
    void dropOnAvatarSetsIt();

private:
    struct DropOutcome
    {
        bool enterAccepted = false;
        bool moveAccepted = false;
        bool dropAccepted = false;
    };
    // Enter, move and drop at a point of target, sent to the top-level window.
    DropOutcome dragAndDrop(QWidget *target, const QPoint &at, const QStringList &files);
    QString writeImage(const QString &name, const QColor &color, const char *format, const QSize &size = {640, 480});
    QString writeBroken(const QString &name);
    int imageCount();
    int blobCount();

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
    int m_n = 0;
};

void TestLibraryDragDrop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_librarydragdrop"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0); // no automatic backups in tests
}

void TestLibraryDragDrop::init()
{
    m_path = m_dir.filePath(QStringLiteral("drop%1.byline").arg(++m_n));
    QVERIFY_OK(DemoNewsroom::create(m_path));
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openNewsroom(m_path));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLibraryDragDrop::cleanup()
{
    m_window.reset();
}

TestLibraryDragDrop::DropOutcome TestLibraryDragDrop::dragAndDrop(QWidget *target, const QPoint &at,
                                                                  const QStringList &files)
{
    QWidget *top = target->window();
    QWindow *window = top->windowHandle();
    const QPointF pos = target->mapTo(top, at);
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &f : files)
        urls << QUrl::fromLocalFile(f);
    mime.setUrls(urls);
    const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction | Qt::LinkAction;
    DropOutcome out;
    QDragEnterEvent enter(pos.toPoint(), actions, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    out.enterAccepted = enter.isAccepted();
    QDragMoveEvent move(pos.toPoint() + QPoint(1, 1), actions, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &move);
    out.moveAccepted = move.isAccepted();
    QDropEvent drop(pos + QPointF(1, 1), actions, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
    out.dropAccepted = drop.isAccepted();
    return out;
}

QString TestLibraryDragDrop::writeImage(const QString &name, const QColor &color, const char *format, const QSize &size)
{
    QImage img(size, QImage::Format_RGB32);
    img.fill(color);
    // A mark in one corner, so two pictures of one colour still differ in their bytes.
    img.setPixelColor(0, 0, QColor(m_n * 10 % 255, 0, 0));
    const QString path = m_dir.filePath(name);
    QImageWriter writer(path, format);
    writer.setQuality(100); // WebP: lossless
    if (!writer.write(img))
        qWarning("could not write %s: %s", qPrintable(path), qPrintable(writer.errorString()));
    return path;
}

QString TestLibraryDragDrop::writeBroken(const QString &name)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write("\xff\xd8\xff\xe0 this is no picture at all");
    return path;
}

int TestLibraryDragDrop::imageCount()
{
    const auto all = ImageRepository(*m_window->database()).all();
    return all ? int(all->size()) : -1;
}

int TestLibraryDragDrop::blobCount()
{
    return ImageRepository(*m_window->database()).blobCount().valueOr(-1);
}

void TestLibraryDragDrop::dropOnImageGridImportsReportsDuplicatesAndRefusals()
{
    m_window->showSection(MainWindow::ImagesSection);
    ImagesPage *page = m_window->imagesPage();
    QTRY_VERIFY(page->isVisible());
    QListView *grid = page->grid();
    QWidget *viewport = grid->viewport();
    const QPoint middle = viewport->rect().center();
    const int imagesBefore = imageCount();
    const int blobsBefore = blobCount();
    QVERIFY(imagesBefore > 0);

    // A new picture is imported and shown selected at the top of the grid (newest first).
    const QString fresh = writeImage(QStringLiteral("yurt.jpg"), QColor(180, 60, 40), "JPEG");
    DropOutcome out = dragAndDrop(viewport, middle, {fresh});
    QVERIFY(out.enterAccepted);
    QVERIFY(out.moveAccepted);
    QVERIFY(out.dropAccepted);
    QCOMPARE(imageCount(), imagesBefore + 1);
    QCOMPARE(blobCount(), blobsBefore + 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("1 image(s) added")),
             qPrintable(m_window->statusBar()->currentMessage()));
    const QList<qint64> selected = page->selectedIds();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(grid->currentIndex().row(), 0);
    const Image added = ImageRepository(*m_window->database()).get(selected.first()).value();
    QCOMPARE(added.originalFileName, QStringLiteral("yurt.jpg"));

    // The same bytes under another name are reported, not stored again.
    const QString copy = m_dir.filePath(QStringLiteral("yurt-copy.jpg"));
    QVERIFY(QFile::copy(fresh, copy));
    out = dragAndDrop(viewport, middle, {copy});
    QVERIFY(out.dropAccepted);
    QCOMPARE(imageCount(), imagesBefore + 1);
    QCOMPARE(blobCount(), blobsBefore + 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("1 already in the library")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(page->selectedIds(), selected); // the existing image is shown

    // A corrupt file is refused with its name and the reason, and nothing is written.
    const QString broken = writeBroken(QStringLiteral("broken-scan.jpg"));
    out = dragAndDrop(viewport, middle, {broken});
    QCOMPARE(imageCount(), imagesBefore + 1);
    QCOMPARE(blobCount(), blobsBefore + 1);
    const QString refusal = m_window->statusBar()->currentMessage();
    QVERIFY2(refusal.contains(QLatin1String("refused")) && refusal.contains(QLatin1String("broken-scan.jpg"))
                 && refusal.contains(QLatin1String("not an image")),
             qPrintable(refusal));

    // Several at once: each counted once, in one message.
    const QString second = writeImage(QStringLiteral("steppe.png"), QColor(60, 120, 200), "PNG");
    out = dragAndDrop(viewport, middle, {second, copy, broken});
    QCOMPARE(imageCount(), imagesBefore + 2);
    const QString mixed = m_window->statusBar()->currentMessage();
    QVERIFY2(mixed.contains(QLatin1String("1 image(s) added")) && mixed.contains(QLatin1String("1 already in the library"))
                 && mixed.contains(QLatin1String("broken-scan.jpg")),
             qPrintable(mixed));

    // Something that is not a file is not taken.
    QMimeData text;
    text.setText(QStringLiteral("just words"));
    QDragEnterEvent enter(grid->viewport()->mapTo(m_window.get(), middle), Qt::CopyAction, &text, Qt::LeftButton,
                          Qt::NoModifier);
    QCoreApplication::sendEvent(m_window->windowHandle(), &enter);
    QVERIFY(!enter.isAccepted());
    QDragLeaveEvent leave;
    QCoreApplication::sendEvent(m_window->windowHandle(), &leave);
}

void TestLibraryDragDrop::droppedWebpShowsItsThumbnail()
{
    if (!QImageWriter::supportedImageFormats().contains("webp"))
        QSKIP("Qt has no WebP image format plugin here (Debian: qt6-image-formats-plugins)");
    m_window->showSection(MainWindow::ImagesSection);
    ImagesPage *page = m_window->imagesPage();
    QTRY_VERIFY(page->isVisible());
    const QColor green(30, 140, 90);
    const QString webp = writeImage(QStringLiteral("meadow.webp"), green, "webp", QSize(320, 240));
    QFile check(webp);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.read(12).mid(8, 4), QByteArray("WEBP"));
    check.close();

    const DropOutcome out = dragAndDrop(page->grid()->viewport(), page->grid()->viewport()->rect().center(), {webp});
    QVERIFY(out.dropAccepted);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("1 image(s) added")),
             qPrintable(m_window->statusBar()->currentMessage()));
    const qint64 id = page->selectedIds().value(0);
    QVERIFY(id > 0);
    const Image stored = ImageRepository(*m_window->database()).get(id).value();
    QCOMPARE(stored.mimeType, QStringLiteral("image/webp"));
    QCOMPARE(QSize(stored.width, stored.height), QSize(320, 240));

    // The decoded thumbnail replaces the grey box in the model…
    const int row = page->model()->rowOf(id);
    QCOMPARE(row, 0);
    const QModelIndex index = page->model()->index(row);
    const auto isGreen = [&](const QColor &c) {
        return std::abs(c.red() - green.red()) < 12 && std::abs(c.green() - green.green()) < 12
               && std::abs(c.blue() - green.blue()) < 12;
    };
    const auto thumbnailIsGreen = [&] {
        const QImage thumb = index.data(Qt::DecorationRole).value<QImage>();
        return thumb.width() > 80 && thumb.height() > 60 && isGreen(thumb.pixelColor(80, 60));
    };
    QTRY_VERIFY(thumbnailIsGreen());
    QCOMPARE(index.data(Qt::DecorationRole).value<QImage>().size(), QSize(160, 120));

    // …and on screen: the grid paints it (unselected, so the highlight does not tint it).
    page->grid()->clearSelection();
    page->grid()->setCurrentIndex({});
    const QRect cell = page->grid()->visualRect(index);
    QVERIFY(cell.isValid());
    QTRY_VERIFY([&] {
        const QImage shot = page->grid()->viewport()->grab(cell).toImage();
        int greenPixels = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                greenPixels += isGreen(shot.pixelColor(x, y)) ? 1 : 0;
        return greenPixels > 160 * 120 / 2;
    }());
}

void TestLibraryDragDrop::dropOnAvatarSetsIt()
{
    m_window->showSection(MainWindow::AuthorsSection);
    AuthorsPage *page = m_window->authorsPage();
    QTRY_VERIFY(page->isVisible());
    QTRY_VERIFY(page->shownAuthorId() > 0);
    const qint64 authorId = page->shownAuthorId();
    QLabel *avatar = page->avatarLabel();
    QTRY_VERIFY(avatar->isVisible());
    const int imagesBefore = imageCount();

    // Dropping on the author list is not an avatar drop.
    const QString portrait = writeImage(QStringLiteral("portrait.png"), QColor(200, 170, 60), "PNG", QSize(300, 300));
    DropOutcome out = dragAndDrop(page->list()->viewport(), page->list()->viewport()->rect().center(), {portrait});
    QVERIFY(!out.dropAccepted);
    QCOMPARE(imageCount(), imagesBefore);

    // A corrupt file on the avatar: a message, no image, the avatar as it was.
    const qint64 avatarBefore = AuthorRepository(*m_window->database()).get(authorId).value().avatarImageId;
    const QString broken = writeBroken(QStringLiteral("selfie.jpg"));
    out = dragAndDrop(avatar, avatar->rect().center(), {broken});
    QVERIFY(out.enterAccepted);
    QCOMPARE(imageCount(), imagesBefore);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("No avatar set"))
                 && m_window->statusBar()->currentMessage().contains(QLatin1String("selfie.jpg")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(page->saveProfile());
    QCOMPARE(AuthorRepository(*m_window->database()).get(authorId).value().avatarImageId,
             avatarBefore);

    // A picture on the avatar: imported, shown, and kept when the profile is saved.
    out = dragAndDrop(avatar, avatar->rect().center(), {portrait});
    QVERIFY(out.enterAccepted);
    QVERIFY(out.dropAccepted);
    QCOMPARE(imageCount(), imagesBefore + 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("used as the avatar")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_VERIFY(!avatar->pixmap().isNull());
    QCOMPARE(avatar->pixmap().toImage().pixelColor(avatar->pixmap().width() / 2, avatar->pixmap().height() / 2),
             QColor(200, 170, 60));
    QVERIFY(page->saveProfile());
    const Author saved = AuthorRepository(*m_window->database()).get(authorId).value();
    QVERIFY(saved.avatarImageId > 0);
    QVERIFY(saved.avatarImageId != avatarBefore);
    QCOMPARE(ImageRepository(*m_window->database()).get(saved.avatarImageId).value().originalFileName,
             QStringLiteral("portrait.png"));

    // The same picture again is recognised, not stored twice.
    const QString again = m_dir.filePath(QStringLiteral("portrait-again.png"));
    QVERIFY(QFile::copy(portrait, again));
    out = dragAndDrop(avatar, avatar->rect().center(), {again});
    QVERIFY(out.dropAccepted);
    QCOMPARE(imageCount(), imagesBefore + 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("already in the library")),
             qPrintable(m_window->statusBar()->currentMessage()));
}

QTEST_MAIN(TestLibraryDragDrop)
#include "tst_librarydragdrop.moc"
