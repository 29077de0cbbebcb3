#include "articlelistmodel.h"
#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "editor/articleeditor.h"
#include "editor/bodyeditor.h"
#include "editor/captionpanel.h"
#include "editor/insertimagedialog.h"
#include "imagerepository.h"
#include "thumbnailcache.h"
#include "mainwindow.h"
#include "integrityrecord.h"
#include "searchresultmodel.h"
#include "workflow/readinesspanel.h"
#include "workflow/scheduleview.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QListView>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace byline;

// The real main window, offscreen: it opens the demo newsroom, lists and edits its articles,
// saves without overwriting others' work, keeps unsaved edits, and explains refusals.
class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsDemoArticles();
    void keyboardSelectionShowsArticle();
    void firstArticleFollowsThePaintedList();
    void refusedNewsroomShowsReason();
    void keepsColumnWidths();
    void createTypeSaveReopen();
    void undoWalksBackAcrossFields();
    void switchingAsksAboutUnsavedChanges();
    void conflictIsNeverOverwrittenSilently();
    void autosavedEditsAreOffered();
    void filtersByStatusAndTitle();
    void insertImageEditCreditUndoSaveReopen();
    void findAndReplace();
    void errorsBlockReadyAndScheduleShows();
    void damagedLargeNewsroomTurnsReadOnly();
    void cleanCheckIsRememberedUntilTheFileChanges();
    void searchBoxFindsAndOpensArticles();

private:
    QString freshDemo(const QString &name);
    QTemporaryDir m_dir;
    QString m_demo;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BylineTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("backup/keep"), 0); // no automatic backups in tests
    QSettings().setValue(QStringLiteral("user/name"), QStringLiteral("Desk Tester"));
    m_demo = freshDemo(QStringLiteral("demo.byline"));
}

// QTest::keyClicks takes Latin-1 only; this types any text key by key.
static void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        if (c == QLatin1Char('\n'))
            QTest::keyClick(w, Qt::Key_Return);
        else
            QTest::sendKeyEvent(QTest::Click, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

QString TestMainWindow::freshDemo(const QString &name)
{
    const QString path = m_dir.filePath(name);
    const auto counts = DemoNewsroom::create(path);
    if (!counts)
        qFatal("demo newsroom: %s", qPrintable(counts.error()));
    return path;
}

void TestMainWindow::showsDemoArticles()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView *view = w.articleView();
    QVERIFY(view->model()->rowCount() >= 12);
    QVERIFY(w.problemText().isEmpty());
    QVERIFY(w.windowTitle().contains(QLatin1String("Byline")));
    const QString firstTitle = view->model()->index(0, ArticleListModel::TitleColumn).data().toString();
    QCOMPARE(w.editor()->titleEdit()->text(), firstTitle);
    QVERIFY(!w.editor()->bodyEditor()->toPlainText().isEmpty());
    QVERIFY(w.editor()->stats().words > 100);
    bool twoAuthors = false;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        twoAuthors |= view->model()->index(r, ArticleListModel::AuthorsColumn).data().toString().contains(QLatin1Char(','));
    QVERIFY(twoAuthors);
    const QRect firstRow = view->visualRect(view->model()->index(0, 0));
    QVERIFY(firstRow.isValid() && view->viewport()->rect().intersects(firstRow));
}

void TestMainWindow::keyboardSelectionShowsArticle()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView *view = w.articleView();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 2);
    QCOMPARE(w.editor()->titleEdit()->text(), view->model()->index(2, 0).data().toString());
    QVERIFY(!w.editor()->isModified());
}

void TestMainWindow::firstArticleFollowsThePaintedList()
{
    // As the application starts: the list is painted first, the first article comes after.
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo, MainWindow::FirstArticle::AfterListPainted));
    QTableView *view = w.articleView();
    QVERIFY(view->model()->rowCount() > 3);
    QVERIFY(!w.editor()->hasArticle()); // nothing read before the list is on screen
    QVERIFY(!view->currentIndex().isValid());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString firstTitle = view->model()->index(0, ArticleListModel::TitleColumn).data().toString();
    QTRY_VERIFY(w.editor()->hasArticle());
    QCOMPARE(w.editor()->titleEdit()->text(), firstTitle);
    QCOMPARE(view->currentIndex().row(), 0);

    // An article picked before the list was painted is not replaced by the first one.
    MainWindow picked;
    QVERIFY(picked.openNewsroom(m_demo, MainWindow::FirstArticle::AfterListPainted));
    QTableView *pickedView = picked.articleView();
    pickedView->selectRow(2);
    const QString thirdTitle = pickedView->model()->index(2, ArticleListModel::TitleColumn).data().toString();
    QCOMPARE(picked.editor()->titleEdit()->text(), thirdTitle);
    picked.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picked));
    QTest::qWait(200); // the paint and the turn of the event loop after it
    QCOMPARE(pickedView->currentIndex().row(), 2);
    QCOMPARE(picked.editor()->titleEdit()->text(), thirdTitle);
}

void TestMainWindow::refusedNewsroomShowsReason()
{
    const QString path = m_dir.filePath(QStringLiteral("future.byline"));
    QVERIFY_OK(Database::open(path));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery(raw).exec(QStringLiteral("PRAGMA user_version = 70"));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const QByteArray before = testsupport::fileHash(path);

    MainWindow w;
    QVERIFY(!w.openNewsroom(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY2(w.problemText().contains(QLatin1String("newer Byline")), qPrintable(w.problemText()));
    QCOMPARE(w.problemMessage(), Database::check(path).problem);
    QVERIFY(!w.articleView()->isVisible());
    QCOMPARE(testsupport::fileHash(path), before);
}

void TestMainWindow::keepsColumnWidths()
{
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(m_demo));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.articleView()->setColumnWidth(ArticleListModel::TitleColumn, 222);
        w.close();
    }
    MainWindow again;
    QVERIFY(again.openNewsroom(m_demo));
    QCOMPARE(again.articleView()->columnWidth(ArticleListModel::TitleColumn), 222);
}

void TestMainWindow::createTypeSaveReopen()
{
    const QString path = freshDemo(QStringLiteral("create.byline"));
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier); // File > New Article
        ArticleEditor *e = w.editor();
        QVERIFY(e->titleEdit()->hasFocus());
        typeText(e->titleEdit(), QStringLiteral("Жаңа мақала: Steppe Rail"));
        QCOMPARE(e->slugEdit()->text(), QStringLiteral("zhana-maqala-steppe-rail"));
        typeText(e->bodyEditor(), QStringLiteral("First paragraph of the new piece.\n\nSecond one."));
        e->bodyEditor()->reparseNow();
        QCOMPARE(e->stats().words, 8);
        QVERIFY(e->isModified());
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("• ")));
        QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!e->isModified());
        QVERIFY(e->articleId() > 0);
        QVERIFY(!w.windowTitle().startsWith(QStringLiteral("• ")));
        w.close();
    }
    MainWindow again;
    QVERIFY(again.openNewsroom(path));
    const auto rows = ArticleRepository(*again.database()).page(ArticleQuery(), 0, 1);
    QVERIFY_OK(rows);
    QCOMPARE(rows->at(0).title, QStringLiteral("Жаңа мақала: Steppe Rail"));
    const Article saved = ArticleRepository(*again.database()).get(rows->at(0).id).value();
    QCOMPARE(saved.body, QStringLiteral("First paragraph of the new piece.\n\nSecond one."));
    QCOMPARE(saved.slug, QStringLiteral("zhana-maqala-steppe-rail"));
    QCOMPARE(ArticleRepository(*again.database()).revisions(saved.id).value().last().savedBy,
             QStringLiteral("Desk Tester"));
}

void TestMainWindow::undoWalksBackAcrossFields()
{
    const QString path = freshDemo(QStringLiteral("undo.byline"));
    MainWindow w;
    QVERIFY(w.openNewsroom(path));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ArticleEditor *e = w.editor();
    const QString title = e->titleEdit()->text();
    const QString body = e->bodyEditor()->toPlainText();
    QTest::keyClick(e->titleEdit(), Qt::Key_End); // the headline opens showing its start
    QTest::keyClicks(e->titleEdit(), QStringLiteral(" (updated)"));
    e->bodyEditor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(e->bodyEditor(), QStringLiteral("Late line."));
    QVERIFY(e->isModified());
    // Ctrl+Z in the body walks back the shared history: body first, then title.
    e->bodyEditor()->setFocus();
    while (e->bodyEditor()->toPlainText() != body && e->undoStack()->canUndo())
        QTest::keyClick(e->bodyEditor(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(e->bodyEditor()->toPlainText(), body);
    QCOMPARE(e->titleEdit()->text(), QString(title + QStringLiteral(" (updated)")));
    e->undoStack()->undo();
    QCOMPARE(e->titleEdit()->text(), title);
    QVERIFY(!e->isModified());
    e->undoStack()->redo();
    QCOMPARE(e->titleEdit()->text(), QString(title + QStringLiteral(" (updated)")));
}

void TestMainWindow::switchingAsksAboutUnsavedChanges()
{
    const QString path = freshDemo(QStringLiteral("switch.byline"));
    MainWindow w;
    QVERIFY(w.openNewsroom(path));
    QStringList asked;
    MainWindow::Answer answer = MainWindow::Answer::Cancel;
    w.setAsker([&](const QString &q) {
        asked << q;
        return answer;
    });
    ArticleEditor *e = w.editor();
    const qint64 first = e->articleId();
    QTest::keyClick(e->titleEdit(), Qt::Key_End);
    typeText(e->titleEdit(), QStringLiteral(" — edited"));
    w.articleView()->selectRow(1);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(e->articleId(), first); // cancelled: still on the edited article
    QVERIFY(e->isModified());
    answer = MainWindow::Answer::Save;
    w.articleView()->selectRow(1);
    QCOMPARE(asked.size(), 2);
    QVERIFY(e->articleId() != first);
    QVERIFY(ArticleRepository(*w.database()).get(first).value().title.endsWith(QStringLiteral(" — edited")));
}

void TestMainWindow::conflictIsNeverOverwrittenSilently()
{
    const QString path = freshDemo(QStringLiteral("conflict.byline"));
    MainWindow w;
    QVERIFY(w.openNewsroom(path));
    ArticleEditor *e = w.editor();
    const qint64 id = e->articleId();
    // Someone else saves the same article meanwhile.
    Article theirs = ArticleRepository(*w.database()).get(id).value();
    theirs.body = QStringLiteral("Their version of the body.");
    QVERIFY_OK(ArticleRepository(*w.database()).update(theirs, QStringLiteral("other desk")));

    int offered = 0;
    int choice = 0;
    w.setConflictChooser([&](const Article &mine, const Article &stored) {
        ++offered;
        [&] {
            QCOMPARE(stored.body, QStringLiteral("Their version of the body."));
            QVERIFY(mine.body.endsWith(QStringLiteral("Mine.")));
        }();
        return choice;
    });
    e->bodyEditor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(e->bodyEditor(), QStringLiteral("Mine."));
    QVERIFY(!w.saveArticle());
    QCOMPARE(offered, 1);
    QCOMPARE(ArticleRepository(*w.database()).get(id).value().body, QStringLiteral("Their version of the body."));
    QVERIFY(e->isModified());

    choice = 1; // overwrite, knowingly
    QVERIFY(!w.saveArticle()); // the save reports the conflict; the chooser overwrote
    QCOMPARE(offered, 2);
    QVERIFY(ArticleRepository(*w.database()).get(id).value().body.endsWith(QStringLiteral("Mine.")));
    QVERIFY(!e->isModified());
}

void TestMainWindow::autosavedEditsAreOffered()
{
    const QString path = freshDemo(QStringLiteral("recover.byline"));
    qint64 id = 0;
    {
        auto *w = new MainWindow;
        QVERIFY(w->openNewsroom(path));
        id = w->editor()->articleId();
        w->editor()->bodyEditor()->moveCursor(QTextCursor::Start);
        QTest::keyClicks(w->editor()->bodyEditor(), QStringLiteral("UNSAVED LEAD. "));
        w->autosaveNow();
        // Gone without closing: what a crash leaves behind.
        w->setAsker([](const QString &) { return MainWindow::Answer::Cancel; });
        delete w;
    }
    MainWindow again;
    QStringList asked;
    again.setAsker([&](const QString &q) {
        asked << q;
        return MainWindow::Answer::Save;
    });
    QVERIFY(again.openNewsroom(path));
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.first().contains(QLatin1String("Recover")));
    QCOMPARE(again.editor()->articleId(), id);
    QVERIFY(again.editor()->bodyEditor()->toPlainText().startsWith(QStringLiteral("UNSAVED LEAD. ")));
    QVERIFY(again.editor()->isModified());
    QVERIFY(again.saveArticle());
    QVERIFY(ArticleRepository(*again.database()).get(id).value().body.startsWith(QStringLiteral("UNSAVED LEAD. ")));
    // Saved: nothing is offered any more.
    MainWindow third;
    int offeredAgain = 0;
    third.setAsker([&](const QString &) {
        ++offeredAgain;
        return MainWindow::Answer::Cancel;
    });
    QVERIFY(third.openNewsroom(path));
    QCOMPARE(offeredAgain, 0);
}

void TestMainWindow::filtersByStatusAndTitle()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    QComboBox *status = nullptr;
    for (QComboBox *c : w.findChildren<QComboBox *>())
        if (c->accessibleName() == QLatin1String("Filter by status"))
            status = c;
    QVERIFY(status);
    status->setCurrentIndex(status->findData(QStringLiteral("published")));
    const int published = w.articleModel()->rowCount();
    QVERIFY(published > 0);
    for (int r = 0; r < published; ++r)
        QCOMPARE(w.articleModel()->index(r, ArticleListModel::StatusColumn).data().toString(), statusLabel(ArticleStatus::Published));
    status->setCurrentIndex(0);
    int expected = 0;
    for (int r = 0; r < w.articleModel()->rowCount(); ++r)
        expected += w.articleModel()->index(r, 0).data().toString().contains(QLatin1String("almaty"), Qt::CaseInsensitive);
    QVERIFY(expected > 0 && expected < w.articleModel()->rowCount());
    QLineEdit *filter = nullptr;
    for (QLineEdit *le : w.findChildren<QLineEdit *>())
        if (le->accessibleName() == QLatin1String("Filter by title"))
            filter = le;
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("almaty"));
    QTRY_COMPARE(w.articleModel()->rowCount(), expected);
    for (int r = 0; r < w.articleModel()->rowCount(); ++r)
        QVERIFY(w.articleModel()->index(r, 0).data().toString().contains(QLatin1String("Almaty"), Qt::CaseInsensitive));
    filter->clear();

    // By author and by tag, asked of the database.
    QComboBox *author = nullptr;
    QLineEdit *tag = nullptr;
    for (QComboBox *c : w.findChildren<QComboBox *>())
        if (c->accessibleName() == QLatin1String("Filter by author"))
            author = c;
    for (QLineEdit *le : w.findChildren<QLineEdit *>())
        if (le->accessibleName() == QLatin1String("Filter by tag"))
            tag = le;
    QVERIFY(author && tag);
    QVERIFY(author->count() >= 4);
    author->setCurrentIndex(1);
    const QString name = author->currentText();
    QVERIFY(w.articleModel()->rowCount() > 0); // the author filter applies at once
    for (int r = 0; r < w.articleModel()->rowCount(); ++r)
        QVERIFY(w.articleModel()->index(r, ArticleListModel::AuthorsColumn).data().toString().contains(name));
    author->setCurrentIndex(0);
    ArticleQuery culture;
    culture.tag = QStringLiteral("Culture");
    const int tagged = int(ArticleRepository(*w.database()).page(culture, 0, 1000).value().size());
    QVERIFY(tagged > 0);
    tag->setText(QStringLiteral("Culture"));
    QTRY_COMPARE(w.articleModel()->rowCount(), tagged);
    for (int r = 0; r < w.articleModel()->rowCount(); ++r) {
        const qint64 id = w.articleModel()->articleId(r);
        QVERIFY(ArticleRepository(*w.database()).get(id).value().tags.contains(QStringLiteral("Culture")));
    }
}

void TestMainWindow::insertImageEditCreditUndoSaveReopen()
{
    const QString path = freshDemo(QStringLiteral("insert.byline"));
    QString expectedBody;
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.newArticle();
        ArticleEditor *e = w.editor();
        typeText(e->titleEdit(), QStringLiteral("Pictures from the steppe"));
        typeText(e->bodyEditor(), QStringLiteral("Opening line.\n\n"));

        // Pick a library image by its credit, centred, 600 px wide.
        const Image wanted = ImageRepository(*w.database()).all().value().last();
        ThumbnailCache cache(*w.database(), QDir::temp().filePath(QStringLiteral("byline-insert-thumbs")));
        InsertImageDialog dialog(*w.database(), cache, &w);
        QTest::keyClicks(dialog.searchBox(), wanted.originalFileName);
        QCOMPARE(dialog.list()->model()->rowCount(), 1);
        dialog.list()->setCurrentIndex(dialog.list()->model()->index(0, 0));
        dialog.widthBox()->setValue(std::min(600, wanted.width));
        const QString shortcode = dialog.shortcode();
        QVERIFY(shortcode.startsWith(QStringLiteral("[caption id=\"attachment_%1\" align=\"aligncenter\"").arg(wanted.wpAttachmentId)));
        QVERIFY(shortcode.contains(QStringLiteral("wp-image-%1").arg(wanted.wpAttachmentId)));
        if (!wanted.creditLine.isEmpty())
            QVERIFY(shortcode.contains(QStringLiteral("Image: ") + wanted.creditLine));
        e->insertAtCaret(shortcode);
        typeText(e->bodyEditor(), QStringLiteral("\n\nClosing line."));
        e->bodyEditor()->reparseNow();
        QCOMPARE(e->captionPanel()->table()->rowCount(), 1);

        // Edit the credit in the caption panel: only the shortcode changes.
        const QString before = e->bodyEditor()->toPlainText();
        e->captionPanel()->table()->item(0, CaptionPanel::CreditColumn)->setText(QStringLiteral("Pool photographer"));
        const QString after = e->bodyEditor()->toPlainText();
        QVERIFY(after.contains(QStringLiteral("Image: Pool photographer[/caption]")));
        QVERIFY(after.startsWith(QStringLiteral("Opening line.")));
        QVERIFY(after.endsWith(QStringLiteral("Closing line.")));
        const int captionEnd = int(before.indexOf(QStringLiteral("[/caption]")));
        QCOMPARE(after.left(int(before.indexOf(QStringLiteral("[caption")))), before.left(int(before.indexOf(QStringLiteral("[caption")))));
        QCOMPARE(after.mid(int(after.indexOf(QStringLiteral("[/caption]")))), before.mid(captionEnd));

        // Undo takes the credit edit back as one step; redo brings it again.
        e->undoStack()->undo();
        QCOMPARE(e->bodyEditor()->toPlainText(), before);
        e->undoStack()->redo();
        QCOMPARE(e->bodyEditor()->toPlainText(), after);
        expectedBody = after;
        QVERIFY(w.saveArticle());
        w.close();
    }
    MainWindow again;
    QVERIFY(again.openNewsroom(path));
    const auto rows = ArticleRepository(*again.database()).page(ArticleQuery(), 0, 1);
    QCOMPARE(rows.value().at(0).title, QStringLiteral("Pictures from the steppe"));
    QCOMPARE(ArticleRepository(*again.database()).get(rows->at(0).id).value().body, expectedBody);
}

void TestMainWindow::findAndReplace()
{
    const QString path = freshDemo(QStringLiteral("find.byline"));
    MainWindow w;
    QVERIFY(w.openNewsroom(path));
    ArticleEditor *e = w.editor();
    e->bodyEditor()->setPlainText(QStringLiteral("tenge and tenge and more tenge"));
    e->showFind();
    e->findEdit()->setText(QStringLiteral("tenge"));
    QVERIFY(e->findNext());
    QCOMPARE(e->bodyEditor()->textCursor().selectedText(), QStringLiteral("tenge"));
    e->replaceEdit()->setText(QStringLiteral("KZT"));
    QCOMPARE(e->replaceAll(), 3);
    QCOMPARE(e->bodyEditor()->toPlainText(), QStringLiteral("KZT and KZT and more KZT"));
    e->undoStack()->undo(); // all replacements are one step
    QCOMPARE(e->bodyEditor()->toPlainText(), QStringLiteral("tenge and tenge and more tenge"));
}

void TestMainWindow::errorsBlockReadyAndScheduleShows()
{
    const QString path = freshDemo(QStringLiteral("ready.byline"));
    MainWindow w;
    QVERIFY(w.openNewsroom(path));
    QVERIFY(w.readinessPanel());
    QVERIFY(w.scheduleView());
    // The draft with the unclosed caption cannot be moved to Ready.
    qint64 draftId = 0;
    for (const ArticleSummary &s : ArticleRepository(*w.database()).page(ArticleQuery(), 0, 100).value()) {
        const Article a = ArticleRepository(*w.database()).get(s.id).value();
        if (a.status == ArticleStatus::Draft && a.body.contains(QStringLiteral("[caption")) && a.body.count(QStringLiteral("[caption")) > a.body.count(QStringLiteral("[/caption]")))
            draftId = a.id;
    }
    QVERIFY(draftId > 0);
    w.openArticle(draftId);
    ArticleEditor *e = w.editor();
    QCOMPARE(e->articleId(), draftId);
    e->statusBox()->setCurrentIndex(e->statusBox()->findData(QStringLiteral("edit")));
    QVERIFY(w.saveArticle()); // draft → in edit needs nothing
    e->statusBox()->setCurrentIndex(e->statusBox()->findData(QStringLiteral("ready")));
    QVERIFY(!w.saveArticle());
    QCOMPARE(ArticleRepository(*w.database()).get(draftId).value().status, ArticleStatus::InEdit);
    // A move the workflow does not allow at all is refused too.
    e->statusBox()->setCurrentIndex(e->statusBox()->findData(QStringLiteral("scheduled")));
    QVERIFY(!w.saveArticle());
    QCOMPARE(ArticleRepository(*w.database()).get(draftId).value().status, ArticleStatus::InEdit);
}

void TestMainWindow::damagedLargeNewsroomTurnsReadOnly()
{
    // Scribble over pages in the middle of a demo newsroom, header and schema intact: the
    // cheap checks on open pass, only the full integrity check can tell.
    const QString path = freshDemo(QStringLiteral("damaged-large.byline"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 40 * 4096);
        for (qint64 page = 10; page < 40; page += 3) {
            f.seek(page * 4096);
            f.write(QByteArray(600, '\x5a'));
        }
    }
    const QByteArray before = testsupport::fileHash(path);
    // Every file counts as large here, so the check is left to the background.
    QSettings().setValue(QStringLiteral("storage/inlineIntegrityLimit"), 0);
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        QTRY_VERIFY_WITH_TIMEOUT(w.findChild<QMessageBox *>(QStringLiteral("damagedNewsroomMessage")), 20000);
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("damagedNewsroomMessage"));
        QVERIFY2(box->text().contains(QLatin1String("damaged")), qPrintable(box->text()));
        auto *mark = w.findChild<QLabel *>(QStringLiteral("readOnlyMark"));
        QVERIFY(mark);
        QVERIFY(mark->text().contains(QLatin1String("Read-only")));
    }
    QSettings().remove(QStringLiteral("storage/inlineIntegrityLimit"));
    QCOMPARE(testsupport::fileHash(path), before);
}

void TestMainWindow::cleanCheckIsRememberedUntilTheFileChanges()
{
    const QString path = freshDemo(QStringLiteral("remembered.byline"));
    QSettings().setValue(QStringLiteral("storage/inlineIntegrityLimit"), 0);
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        QVERIFY(w.integrityCheckPlanned());
        QTRY_VERIFY_WITH_TIMEOUT(IntegrityRecord(path).lastCleanCheck().isValid(), 20000);
    }
    QVERIFY(IntegrityRecord(path).trusted());
    {
        // Opened again as Byline left it: no second full check.
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        QVERIFY(!w.integrityCheckPlanned());
        QVERIFY(!IntegrityRecord(path).trusted()); // until this session closes it
        // Byline's own writes in this session do not cost the trust.
        QTest::keyClick(w.editor()->titleEdit(), Qt::Key_End);
        QTest::keyClicks(w.editor()->titleEdit(), QStringLiteral(" (checked)"));
        QVERIFY(w.saveArticle());
    }
    QVERIFY(IntegrityRecord(path).trusted());

    // Pages scribbled over behind Byline's back: the file is checked again and refused.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        for (qint64 page = 10; page < 40; page += 3) {
            f.seek(page * 4096);
            f.write(QByteArray(600, '\x5a'));
        }
    }
    QVERIFY(!IntegrityRecord(path).trusted());
    {
        MainWindow w;
        QVERIFY(w.openNewsroom(path));
        QVERIFY(w.integrityCheckPlanned());
        QTRY_VERIFY_WITH_TIMEOUT(w.findChild<QMessageBox *>(QStringLiteral("damagedNewsroomMessage")), 20000);
    }
    QVERIFY(!IntegrityRecord(path).trusted());
    QVERIFY(!IntegrityRecord(path).lastCleanCheck().isValid());
    QSettings().remove(QStringLiteral("storage/inlineIntegrityLimit"));
}

void TestMainWindow::searchBoxFindsAndOpensArticles()
{
    MainWindow w;
    QVERIFY(w.openNewsroom(m_demo));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *action = w.findChild<QAction *>(QStringLiteral("searchAction"));
    QVERIFY(action);
    action->trigger();
    auto *line = w.findChild<QLineEdit *>(QStringLiteral("searchLine"));
    auto *results = w.findChild<QListView *>(QStringLiteral("searchResults"));
    QVERIFY(line && results);
    QVERIFY(results->isHidden());
    QVERIFY(!w.articleView()->isHidden());

    // Typed, not set: the search answers as the user types, in place of the list.
    typeText(line, QStringLiteral("metro station"));
    QTRY_VERIFY(results->model() && results->model()->rowCount() > 0);
    QVERIFY(!results->isHidden());
    QVERIFY(w.articleView()->isHidden());
    const QModelIndex first = results->model()->index(0, 0);
    QVERIFY2(first.data().toString().contains(QLatin1String("Metro")), qPrintable(first.data().toString()));
    QVERIFY(first.data(SearchResultModel::SnippetHtmlRole).toString().contains(QLatin1String("<b>")));

    // Choosing a hit opens it in the editor.
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualRect(first).center());
    auto *editor = w.findChild<ArticleEditor *>();
    QVERIFY(editor);
    QTRY_COMPARE(editor->currentArticle().title, first.data().toString());

    // A filter narrows the hits; nothing found says so.
    line->clear();
    typeText(line, QStringLiteral("status:spiked metro"));
    QTRY_COMPARE(results->model()->rowCount(), 0);
    auto *status = w.findChild<QLabel *>(QStringLiteral("searchStatus"));
    QVERIFY(status && !status->isHidden());
    QVERIFY(status->text().contains(QLatin1String("Nothing found")));

    // Cleared, the list is back.
    line->clear();
    QTRY_VERIFY(!w.articleView()->isHidden());
    QVERIFY(results->isHidden());
}

QTEST_MAIN(TestMainWindow)

#include "tst_mainwindow.moc"
