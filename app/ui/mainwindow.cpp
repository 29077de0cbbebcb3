#include "mainwindow.h"
#include "newsroomreadiness.h"

#include "conflictdialog.h"
#include "longwork.h"
#include "editor/articleeditor.h"
#include "editor/bodyeditor.h"
#include "editor/captionpanel.h"
#include "editor/insertimagedialog.h"
#include "exchange/exportdialog.h"
#include "exchange/wxrimportdialog.h"
#include "library/authorspage.h"
#include "library/imagespage.h"
#include "preview/previewpane.h"
#include "settings/settingsdialog.h"
#include "settings/usersettings.h"
#include "workflow/historypanel.h"
#include "search/searchpanel.h"
#include "workflow/readinesspanel.h"
#include "workflow/scheduleview.h"

#include "articlelistmodel.h"
#include "authorlistmodel.h"
#include "imagelibrarymodel.h"
#include "articlerepository.h"
#include "authorrepository.h"
#include "backup.h"
#include "database.h"
#include "recoveryrepository.h"
#include "settingsrepository.h"
#include "thumbnailcache.h"
#include "historymodel.h"
#include "imagerepository.h"
#include "integrityrecord.h"
#include "workflowrepository.h"

#include "shortcode/shortcodeparser.h"
#include "workflow/readiness.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace byline {

namespace {
enum Page { ProblemPage, WorkspacePage };

QLabel *placeholder(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

// Runs a function once, just after the watched widget's next paint: the paint reaches the
// screen first, the function in the event loop's next turn.
class AfterNextPaint : public QObject
{
public:
    AfterNextPaint(QWidget *watched, std::function<void()> then) : QObject(watched), m_then(std::move(then))
    {
        watched->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, watched, std::move(m_then));
            deleteLater();
        }
        return false;
    }

private:
    std::function<void()> m_then;
};
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_pages(new QStackedWidget(this)), m_problem(new QLabel(this)),
      m_navigator(new QListWidget(this)), m_sections(new QStackedWidget(this)),
      m_articleSplitter(new QSplitter(Qt::Horizontal, this)), m_articleView(new QTableView(this)),
      m_statusFilter(new QComboBox(this)), m_authorFilter(new QComboBox(this)),
      m_tagFilter(new QLineEdit(this)), m_textFilter(new QLineEdit(this)), m_editorHost(new QWidget(this)),
      m_previewHost(new QWidget(this))
{
    setWindowTitle(tr("Byline"));
    setWindowIcon(QIcon(QStringLiteral(":/byline/icons/byline.png")));
    m_asker = [this](const QString &question) {
        const auto b = QMessageBox::question(this, tr("Unsaved changes"), question,
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Save);
        return b == QMessageBox::Save ? Answer::Save : b == QMessageBox::Discard ? Answer::Discard : Answer::Cancel;
    };

    auto *problemPage = new QWidget(this);
    auto *problemLayout = new QVBoxLayout(problemPage);
    m_problem->setWordWrap(true);
    m_problem->setAlignment(Qt::AlignCenter);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setAccessibleName(tr("Problem"));
    auto *openOther = new QPushButton(tr("Open Another Newsroom…"), problemPage);
    connect(openOther, &QPushButton::clicked, this, [this] { chooseNewsroom(false); });
    problemLayout->addStretch();
    problemLayout->addWidget(m_problem);
    problemLayout->addWidget(openOther, 0, Qt::AlignHCenter);
    problemLayout->addStretch();
    m_pages->insertWidget(ProblemPage, problemPage);

    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setAccessibleName(tr("Sections"));
    m_navigator->addItems({tr("Articles"), tr("Authors"), tr("Images"), tr("Schedule")});
    m_navigator->setFixedWidth(110);
    m_navigator->setCurrentRow(ArticlesSection);
    connect(m_navigator, &QListWidget::currentRowChanged, m_sections, &QStackedWidget::setCurrentIndex);

    m_sections->addWidget(buildArticlesPage());
    m_sections->addWidget(placeholder(tr("Open a newsroom to see its authors."), this));
    m_sections->addWidget(placeholder(tr("Open a newsroom to see its image library."), this));
    m_sections->widget(AuthorsSection)->setObjectName(QStringLiteral("libraryPlaceholder"));
    m_sections->widget(ImagesSection)->setObjectName(QStringLiteral("libraryPlaceholder"));
    m_sections->addWidget(placeholder(tr("The schedule shows scheduled and published articles by day, week "
                                         "and month. It is not part of this version yet."),
                                      this));

    auto *workspace = new QWidget(this);
    auto *workspaceLayout = new QHBoxLayout(workspace);
    workspaceLayout->setContentsMargins(0, 0, 0, 0);
    workspaceLayout->addWidget(m_navigator);
    workspaceLayout->addWidget(m_sections, 1);
    m_pages->insertWidget(WorkspacePage, workspace);
    setCentralWidget(m_pages);

    m_autosave.setInterval(3000);
    connect(&m_autosave, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(200);
    connect(&m_filterDelay, &QTimer::timeout, this, &MainWindow::applyFilter);

    buildMenus();
    restoreState();
}

MainWindow::~MainWindow()
{
    // Views and editors hold repositories over the database: drop them first.
    dropNewsroomWidgets();
}

void MainWindow::dropNewsroomWidgets()
{
    // Everything that holds a repository over the database goes before the database.
    stopIntegrityCheck();
    m_search->setDatabase(nullptr);
    m_autosave.stop();
    m_articleView->setModel(nullptr);
    m_model.reset();
    delete m_preview;
    m_preview = nullptr;
    delete m_editor;
    m_editor = nullptr;
    if (m_authorsPage) {
        for (QWidget *page : {static_cast<QWidget *>(m_authorsPage), static_cast<QWidget *>(m_imagesPage)}) {
            m_sections->removeWidget(page);
            delete page;
        }
        m_sections->insertWidget(AuthorsSection, placeholder(tr("Open a newsroom to see its authors."), this));
        m_sections->insertWidget(ImagesSection, placeholder(tr("Open a newsroom to see its image library."), this));
        m_sections->widget(AuthorsSection)->setObjectName(QStringLiteral("libraryPlaceholder"));
        m_sections->widget(ImagesSection)->setObjectName(QStringLiteral("libraryPlaceholder"));
    }
    m_authorsPage = nullptr;
    m_imagesPage = nullptr;
    while (m_sideTabs->count() > 1) {
        QWidget *tab = m_sideTabs->widget(1);
        m_sideTabs->removeTab(1);
        delete tab;
    }
    m_readiness = nullptr;
    m_history = nullptr;
    delete m_historyModel;
    m_historyModel = nullptr;
    if (m_scheduleView) {
        m_sections->removeWidget(m_scheduleView);
        delete m_scheduleView;
        m_scheduleView = nullptr;
        m_sections->insertWidget(ScheduleSection, placeholder(tr("Open a newsroom to see its schedule."), this));
    }
    m_thumbnails.reset();
    const QString path = m_db ? m_db->path() : QString();
    m_db.reset();
    // Stamped only now: closing the last connection writes the file one last time.
    if (!path.isEmpty())
        IntegrityRecord(path).closed();
}

void MainWindow::buildLibraryPages()
{
    m_thumbnails = std::make_unique<ThumbnailCache>(
        *m_db, QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbnails"));
    m_authorsPage = new AuthorsPage(*m_db, *m_thumbnails, this);
    m_imagesPage = new ImagesPage(*m_db, *m_thumbnails, this);
    // The placeholders shown while no newsroom is open make way for the pages.
    for (int section : {ImagesSection, AuthorsSection}) {
        QWidget *w = m_sections->widget(section);
        if (w && w->objectName() == QLatin1String("libraryPlaceholder")) {
            m_sections->removeWidget(w);
            delete w;
        }
    }
    m_sections->insertWidget(AuthorsSection, m_authorsPage);
    m_sections->insertWidget(ImagesSection, m_imagesPage);
    m_sections->setCurrentIndex(m_navigator->currentRow());
    auto say = [this](const QString &m) { statusBar()->showMessage(m, 8000); };
    connect(m_authorsPage, &AuthorsPage::status, this, say);
    connect(m_imagesPage, &ImagesPage::status, this, say);
    connect(m_authorsPage, &AuthorsPage::openArticle, this, &MainWindow::openArticle);
    connect(m_imagesPage, &ImagesPage::openArticle, this, &MainWindow::openArticle);
    connect(m_authorsPage, &AuthorsPage::authorsChanged, this, [this] {
        if (m_editor)
            m_editor->reloadAuthorChoices();
        fillAuthorFilter();
    });
}

void MainWindow::insertImage()
{
    if (!m_db || !m_editor || !m_editor->hasArticle())
        return;
    InsertImageDialog dialog(*m_db, *m_thumbnails, this);
    if (dialog.exec() == QDialog::Accepted)
        m_editor->insertAtCaret(dialog.shortcode());
}

void MainWindow::buildWorkflowWidgets()
{
    m_readiness = new ReadinessPanel(this);
    m_historyModel = new HistoryModel(*m_db);
    m_historyModel->setNewsroomTime(SettingsRepository(*m_db).newsroomTime());
    m_history = new HistoryPanel(m_historyModel, this);
    m_sideTabs->addTab(m_readiness, tr("Checks"));
    m_sideTabs->addTab(m_history, tr("History"));
    connect(m_editor, &ArticleEditor::bodyParsed, this, &MainWindow::refreshReadiness);
    connect(m_editor, &ArticleEditor::metaChanged, this, &MainWindow::refreshReadiness);
    connect(m_editor, &ArticleEditor::articleShown, this, [this] {
        m_historyModel->setArticle(m_editor->articleId());
        refreshReadiness();
    });
    connect(m_editor, &ArticleEditor::saved, this, [this](qint64 id) {
        m_historyModel->setArticle(id);
        m_historyModel->reload();
    });
    connect(m_readiness, &ReadinessPanel::jumpTo, this, [this](qsizetype offset, const QString &field) {
        if (offset >= 0) {
            QTextCursor c = m_editor->bodyEditor()->textCursor();
            c.setPosition(int(offset));
            m_editor->bodyEditor()->setTextCursor(c);
            m_editor->bodyEditor()->setFocus();
        } else if (field == QLatin1String("title")) {
            m_editor->titleEdit()->setFocus();
        } else if (field == QLatin1String("slug")) {
            m_editor->slugEdit()->setFocus();
        } else if (field == QLatin1String("excerpt")) {
            m_editor->excerptEdit()->setFocus();
        }
    });
    connect(m_readiness, &ReadinessPanel::fixRequested, this, [this](const ReadinessFix &fix) {
        BodyEditor *body = m_editor->bodyEditor();
        body->reparseNow();
        if (fix.changesBody()) {
            const auto fixed = Readiness::applyToBody(body->parsedDocument(), fix);
            if (fixed)
                CaptionPanel::applyMinimalEdit(body, *fixed);
            else
                statusBar()->showMessage(fixed.error());
        } else {
            ImageRepository images(*m_db);
            const auto image = images.get(fix.imageId);
            const auto changed = image ? Readiness::applyToImage(*image, fix) : Result<Image>::failure(image.error());
            const Status s = changed ? images.update(*changed) : Status::failure(changed.error());
            statusBar()->showMessage(s ? tr("Library updated") : s.error(), 6000);
        }
        body->reparseNow();
        refreshReadiness();
    });
    connect(m_history, &HistoryPanel::restoreRequested, this, [this](qint64 revisionId) {
        if (!settleUnsavedChanges())
            return;
        const qint64 id = m_editor->articleId();
        const auto restored = WorkflowRepository(*m_db).restoreRevision(id, revisionId, userName(),
                                                                        m_editor->currentArticle().rowVersion);
        if (!restored) {
            statusBar()->showMessage(restored.error());
            return;
        }
        m_editor->loadArticle(ArticleRepository(*m_db).get(id).valueOr(Article()));
        m_historyModel->reload();
        m_model->reload();
    });

    QWidget *old = m_sections->widget(ScheduleSection);
    m_scheduleView = new ScheduleView(*m_db, this);
    m_scheduleView->setUser(userName(), UserSettings::load().role);
    m_editor->setDeskRole(UserSettings::load().role);
    m_scheduleView->setWeek(QDate::currentDate());
    m_sections->removeWidget(old);
    delete old;
    m_sections->insertWidget(ScheduleSection, m_scheduleView);
    m_sections->setCurrentIndex(m_navigator->currentRow());
    connect(m_scheduleView, &ScheduleView::articleActivated, this, &MainWindow::openArticle);
    connect(m_scheduleView, &ScheduleView::rescheduleFailed, this,
            [this](const QString &m) { statusBar()->showMessage(m, 8000); });
}

void MainWindow::selectShownArticle(bool clearWhenNotListed)
{
    // Moving the selection to match the editor must not count as the user picking an article.
    const int row = m_model->rowOfArticle(m_shownArticle);
    m_reselecting = true;
    if (row >= 0)
        m_articleView->selectRow(row);
    else if (clearWhenNotListed)
        m_articleView->clearSelection();
    m_reselecting = false;
}

void MainWindow::refreshReadiness()
{
    if (!m_readiness || !m_editor || !m_editor->hasArticle())
        return;
    m_readiness->setIssues(Readiness::check(m_editor->currentArticle(), m_editor->bodyEditor()->parsedDocument(),
                                            newsroomReadinessContext(*m_db)));
}

void MainWindow::openArticle(qint64 articleId)
{
    if (!m_db || !m_editor || !settleUnsavedChanges())
        return;
    showSection(ArticlesSection);
    const auto article = ArticleRepository(*m_db).get(articleId);
    if (!article) {
        statusBar()->showMessage(article.error());
        return;
    }
    m_editor->loadArticle(*article);
    m_shownArticle = articleId;
    selectShownArticle(true);
}

QWidget *MainWindow::buildArticlesPage()
{
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    m_statusFilter->setAccessibleName(tr("Filter by status"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (ArticleStatus s : allStatuses())
        m_statusFilter->addItem(statusLabel(s), statusKey(s));
    m_textFilter->setAccessibleName(tr("Filter by title"));
    m_textFilter->setPlaceholderText(tr("Filter titles…"));
    m_textFilter->setClearButtonEnabled(true);
    m_authorFilter->setAccessibleName(tr("Filter by author"));
    m_authorFilter->addItem(tr("All authors"), 0);
    m_tagFilter->setAccessibleName(tr("Filter by tag"));
    m_tagFilter->setPlaceholderText(tr("Tag"));
    m_tagFilter->setMaximumWidth(110);
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_authorFilter);
    filters->addWidget(m_tagFilter);
    filters->addWidget(m_textFilter, 1);
    connect(m_authorFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_tagFilter, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    m_search = new SearchPanel(listSide);
    listLayout->addWidget(m_search);
    listLayout->addLayout(filters);
    listLayout->addWidget(m_articleView, 1);
    // While a search line is given its hits take the list's place; cleared, the list is back.
    connect(m_search, &SearchPanel::activeChanged, this, [this, listLayout, filters](bool active) {
        m_articleView->setVisible(!active);
        for (int i = 0; i < filters->count(); ++i) {
            if (QWidget *w = filters->itemAt(i)->widget())
                w->setVisible(!active);
        }
        listLayout->setStretchFactor(m_search, active ? 1 : 0);
    });
    connect(m_search, &SearchPanel::articleChosen, this, &MainWindow::openArticle);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_textFilter, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));

    m_articleView->setObjectName(QStringLiteral("articleView"));
    m_articleView->setAccessibleName(tr("Articles"));
    m_articleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_articleView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_articleView->setSortingEnabled(true);
    m_articleView->setAlternatingRowColors(true);
    m_articleView->verticalHeader()->hide();
    // Rows of one height: the view places a row by arithmetic, not by walking a million rows.
    m_articleView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_articleView->horizontalHeader()->setStretchLastSection(true);
    m_articleView->setWordWrap(false);

    m_editorHost->setLayout(new QVBoxLayout);
    m_editorHost->layout()->setContentsMargins(4, 0, 4, 0);
    m_articleSplitter->setObjectName(QStringLiteral("articleSplitter"));
    m_articleSplitter->addWidget(listSide);
    m_articleSplitter->addWidget(m_editorHost);
    m_previewHost->setLayout(new QVBoxLayout);
    m_previewHost->layout()->setContentsMargins(0, 0, 0, 0);
    m_sideTabs = new QTabWidget(this);
    m_sideTabs->setObjectName(QStringLiteral("sideTabs"));
    m_sideTabs->addTab(m_previewHost, tr("Preview"));
    m_articleSplitter->addWidget(m_sideTabs);
    m_articleSplitter->setStretchFactor(0, 2);
    m_articleSplitter->setStretchFactor(1, 3);
    m_articleSplitter->setStretchFactor(2, 3);
    m_previewDelay.setSingleShot(true);
    m_previewDelay.setInterval(250);
    connect(&m_previewDelay, &QTimer::timeout, this, [this] {
        if (m_preview && m_editor && m_editor->hasArticle())
            m_preview->showArticle(m_editor->currentArticle());
    });
    return m_articleSplitter;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newArticle = file->addAction(tr("New &Article"), this, &MainWindow::newArticle);
    newArticle->setShortcut(QKeySequence::New);
    QAction *save = file->addAction(tr("&Save Article"), this, [this] { saveArticle(); });
    save->setShortcut(QKeySequence::Save);
    file->addSeparator();
    file->addAction(tr("New &Newsroom…"), this, [this] { chooseNewsroom(true); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addAction(tr("&Open Newsroom…"), this, [this] { chooseNewsroom(false); })->setShortcut(QKeySequence::Open);
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        const QStringList paths = QSettings().value(QStringLiteral("newsroom/recent")).toStringList();
        for (const QString &p : paths)
            recent->addAction(QDir::toNativeSeparators(p), this, [this, p] {
                if (settleUnsavedChanges())
                    openNewsroom(p, FirstArticle::AfterListPainted);
            });
        if (paths.isEmpty())
            recent->addAction(tr("(none yet)"))->setEnabled(false);
    });
    file->addAction(tr("&Back Up…"), this, &MainWindow::backUpTo);
    file->addAction(tr("&Import WordPress Export…"), this, &MainWindow::importWordPress)->setObjectName(QStringLiteral("importWordPressAction"));
    file->addAction(tr("&Export…"), this, &MainWindow::exportNewsroom)->setObjectName(QStringLiteral("exportAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"), this, [this] {
        if (m_editor)
            m_editor->undoStack()->undo();
    });
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = edit->addAction(tr("&Redo"), this, [this] {
        if (m_editor)
            m_editor->undoStack()->redo();
    });
    redo->setShortcut(QKeySequence::Redo);
    connect(edit, &QMenu::aboutToShow, this, [this, undo, redo] {
        QUndoStack *stack = m_editor ? m_editor->undoStack() : nullptr;
        undo->setEnabled(stack && stack->canUndo());
        redo->setEnabled(stack && stack->canRedo());
        undo->setText(stack && stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
        redo->setText(stack && stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    });

    edit->addSeparator();
    edit->addAction(tr("&Find and Replace…"), this, [this] {
        if (m_editor && m_editor->hasArticle())
            m_editor->showFind();
    })->setShortcut(QKeySequence::Find);
    QAction *search = edit->addAction(tr("&Search Newsroom"), this, [this] {
        showSection(ArticlesSection);
        m_search->lineEdit()->setFocus();
        m_search->lineEdit()->selectAll();
    });
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    search->setObjectName(QStringLiteral("searchAction"));
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, [this] { showPreferences(); });
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setObjectName(QStringLiteral("preferencesAction"));

    QMenu *article = menuBar()->addMenu(tr("&Article"));
    article->addAction(tr("Insert &Image…"), this, &MainWindow::insertImage)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QStringList names{tr("&Articles"), tr("A&uthors"), tr("&Images"), tr("&Schedule")};
    for (int i = 0; i < names.size(); ++i)
        view->addAction(names[i], this, [this, i] { showSection(Section(i)); })
            ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));

    view->addSeparator();
    QAction *phone = view->addAction(tr("Preview at &Phone Width"));
    phone->setCheckable(true);
    phone->setChecked(QSettings().value(QStringLiteral("preview/phone")).toBool());
    connect(phone, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("preview/phone"), on);
        if (m_preview)
            m_preview->setDevice(on ? PreviewPane::Device::Phone : PreviewPane::Device::Desktop);
    });
    QAction *dark = view->addAction(tr("&Dark Preview"));
    dark->setCheckable(true);
    dark->setChecked(QSettings().value(QStringLiteral("preview/dark")).toBool());
    connect(dark, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("preview/dark"), on);
        if (m_preview)
            m_preview->setTheme(on ? PreviewPane::Theme::Dark : PreviewPane::Theme::Light);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Byline"), this, [this] {
        QMessageBox::about(this, tr("About Byline"),
                           tr("<h3>Byline %1</h3><p>An editorial workstation for newsrooms: articles, "
                              "authors and the image library, offline.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showSection(Section section)
{
    m_navigator->setCurrentRow(section);
}

QString MainWindow::userName() const
{
    return UserSettings::load().name;
}

SettingsDialog *MainWindow::showPreferences()
{
    if (!m_db) {
        statusBar()->showMessage(tr("Open a newsroom to change its preferences."), 6000);
        return nullptr;
    }
    if (auto *open = findChild<SettingsDialog *>()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new SettingsDialog(*m_db, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::applySettings);
    dialog->open();
    return dialog;
}

void MainWindow::applySettings()
{
    if (!m_db)
        return;
    const UserSettings user = UserSettings::load();
    if (m_editor) {
        m_editor->setDeskRole(user.role);
        m_editor->setNewsroomTime(SettingsRepository(*m_db).newsroomTime());
    }
    if (m_historyModel)
        m_historyModel->setNewsroomTime(SettingsRepository(*m_db).newsroomTime());
    if (m_scheduleView) {
        m_scheduleView->setUser(user.name, user.role);
        m_scheduleView->reload(); // zone and slot length: days and conflicts are recomputed
    }
    refreshReadiness();
    // A new backup folder (or more copies kept) takes effect now, not at the next start.
    QTimer::singleShot(0, this, &MainWindow::runAutomaticBackup);
    statusBar()->showMessage(tr("Preferences applied"), 4000);
}

bool MainWindow::openNewsroom(const QString &path, FirstArticle first)
{
    Database::Options options;
    options.inlineIntegrityLimit = QSettings()
                                       .value(QStringLiteral("storage/inlineIntegrityLimit"),
                                              options.inlineIntegrityLimit)
                                       .toLongLong();
    auto opened = Database::open(path, options);
    if (!opened) {
        showProblem(opened.error());
        return false;
    }
    dropNewsroomWidgets();
    m_db = std::move(opened).value();
    ++m_openSerial;
    m_recoveryId = 0;
    m_shownArticle = -1;

    m_editor = new ArticleEditor(*m_db, m_editorHost);
    m_editorHost->layout()->addWidget(m_editor);
    connect(m_editor, &ArticleEditor::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_editor, &ArticleEditor::conflict, this, &MainWindow::handleConflict);
    m_preview = new PreviewPane(*m_db, m_previewHost);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setDevice(QSettings().value(QStringLiteral("preview/phone")).toBool() ? PreviewPane::Device::Phone
                                                                                    : PreviewPane::Device::Desktop);
    m_preview->setTheme(QSettings().value(QStringLiteral("preview/dark")).toBool() ? PreviewPane::Theme::Dark
                                                                                  : PreviewPane::Theme::Light);
    m_previewHost->layout()->addWidget(m_preview);
    connectPreview();
    buildLibraryPages();
    m_editor->setThumbnails(m_thumbnails.get());
    buildWorkflowWidgets();

    m_search->setDatabase(m_db.get());
    m_model = std::make_unique<ArticleListModel>(*m_db);
    m_model->setReadAhead(true); // scrolling a long archive never waits for the disk
    connect(m_model.get(), &ArticleListModel::loadFailed, this,
            [this](const QString &why) { statusBar()->showMessage(tr("Could not list articles: %1").arg(why)); });
    m_articleView->setModel(m_model.get());
    connect(m_articleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedArticle);

    QSettings settings;
    const QByteArray header = settings.value(QStringLiteral("articleList/header")).toByteArray();
    if (header.isEmpty() || !m_articleView->horizontalHeader()->restoreState(header)) {
        m_articleView->setColumnWidth(ArticleListModel::TitleColumn, 240);
        m_articleView->setColumnWidth(ArticleListModel::StatusColumn, 80);
        m_articleView->setColumnWidth(ArticleListModel::AuthorsColumn, 150);
        m_articleView->setColumnWidth(ArticleListModel::ScheduledColumn, 120);
        m_articleView->setColumnWidth(ArticleListModel::WordsColumn, 64);
        m_articleView->sortByColumn(ArticleListModel::UpdatedColumn, Qt::DescendingOrder);
    } else {
        const QHeaderView *h = m_articleView->horizontalHeader();
        m_model->sort(h->sortIndicatorSection(), h->sortIndicatorOrder());
    }
    fillAuthorFilter();
    applyFilter();

    m_newsroomName = SettingsRepository(*m_db).value(settingkeys::kNewsroomName).valueOr({});
    if (m_newsroomName.isEmpty())
        m_newsroomName = QFileInfo(path).completeBaseName();
    updateTitle();
    statusBar()->showMessage(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()));
    m_integrityCheckPlanned = false;
    if (m_db->integrityCheckPending()) {
        // A clean check of this very file, not changed since Byline closed it, still stands.
        IntegrityRecord record(path);
        m_integrityCheckPlanned = !record.trusted();
        record.opened(!m_integrityCheckPlanned);
    }
    if (m_integrityCheckPlanned) {
        // Not before the desk is on screen: the check reads the whole file and would compete
        // with the first paint for the disk and the processor.
        const int serial = m_openSerial;
        QTimer::singleShot(kIntegrityCheckDelayMs, this, [this, serial] {
            if (serial == m_openSerial && m_db)
                startIntegrityCheck();
        });
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    settings.setValue(QStringLiteral("newsroom/last"), absolute);
    QStringList recent = settings.value(QStringLiteral("newsroom/recent")).toStringList();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("newsroom/recent"), recent.mid(0, 8));

    m_pages->setCurrentIndex(WorkspacePage);
    offerRecovery();
    openFirstArticle(first);
    m_autosave.start();
    QTimer::singleShot(2000, this, &MainWindow::runAutomaticBackup);
    return true;
}

void MainWindow::openFirstArticle(FirstArticle when)
{
    const auto open = [this, serial = m_openSerial] {
        // Not if another newsroom was opened meanwhile, or an article was already picked or
        // recovered.
        if (serial != m_openSerial || !m_model || m_shownArticle >= 0 || m_articleView->currentIndex().isValid())
            return;
        if (m_model->rowCount() > 0)
            m_articleView->selectRow(0);
    };
    // Reading the article and laying it out in the editor and the preview costs more than the
    // list itself: painting the list first puts the desk on screen sooner, the article follows
    // a moment later.
    if (when == FirstArticle::AfterListPainted)
        new AfterNextPaint(m_articleView->viewport(), open);
    else
        open();
}

void MainWindow::showProblem(const QString &message)
{
    dropNewsroomWidgets();
    m_problemMessage = message;
    m_problem->setText(tr("<h2>This newsroom cannot be opened</h2><p>%1</p><p>The file was left as it was.</p>")
                           .arg(message.toHtmlEscaped()));
    setWindowTitle(tr("Byline"));
    m_pages->setCurrentIndex(ProblemPage);
}

QString MainWindow::problemText() const
{
    return m_pages->currentIndex() == ProblemPage ? m_problem->text() : QString();
}

void MainWindow::updateTitle()
{
    const bool modified = m_editor && m_editor->isModified();
    setWindowTitle(tr("%1%2 — Byline").arg(modified ? QStringLiteral("• ") : QString(), m_newsroomName));
    setWindowModified(modified);
}

void MainWindow::applyFilter()
{
    if (!m_model)
        return;
    ArticleQuery q = m_model->query();
    q.status = statusFromKey(m_statusFilter->currentData().toString());
    q.titleContains = m_textFilter->text().trimmed();
    q.authorId = m_authorFilter->currentData().toLongLong();
    q.tag = m_tagFilter->text().trimmed();
    m_reselecting = true;
    m_model->setQuery(q);
    m_reselecting = false;
    selectShownArticle(false);
}

void MainWindow::fillAuthorFilter()
{
    const QSignalBlocker quiet(m_authorFilter);
    const qint64 chosen = m_authorFilter->currentData().toLongLong();
    m_authorFilter->clear();
    m_authorFilter->addItem(tr("All authors"), 0);
    if (m_db) {
        for (const Author &a : AuthorRepository(*m_db).all().valueOr({}))
            m_authorFilter->addItem(a.displayName, a.id);
    }
    m_authorFilter->setCurrentIndex(std::max(0, m_authorFilter->findData(chosen)));
}

void MainWindow::showSelectedArticle()
{
    if (!m_db || !m_editor || m_reselecting)
        return;
    const QModelIndex current = m_articleView->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = m_model->articleId(current.row());
    if (id == m_shownArticle)
        return;
    if (!settleUnsavedChanges()) {
        // Stay on the article with unsaved changes.
        selectShownArticle(false);
        return;
    }
    auto article = ArticleRepository(*m_db).get(id);
    if (!article) {
        statusBar()->showMessage(article.error());
        return;
    }
    m_editor->loadArticle(*article);
    m_shownArticle = id;
}

bool MainWindow::settleUnsavedChanges()
{
    if (!m_editor || !m_editor->isModified())
        return true;
    const QString title = m_editor->currentArticle().title;
    switch (m_asker(tr("Save the changes to \"%1\"?").arg(title.isEmpty() ? tr("the new article") : title))) {
    case Answer::Save:
        return saveArticle();
    case Answer::Discard:
        discardRecovery();
        m_editor->loadArticle(m_editor->articleId() > 0
                                  ? ArticleRepository(*m_db).get(m_editor->articleId()).valueOr(Article())
                                  : Article());
        return true;
    case Answer::Cancel:
        return false;
    }
    return false;
}

void MainWindow::newArticle()
{
    if (!m_editor || !settleUnsavedChanges())
        return;
    showSection(ArticlesSection);
    m_editor->newArticle();
    m_shownArticle = 0;
    m_articleView->clearSelection();
}

bool MainWindow::saveArticle()
{
    if (!m_editor || !m_editor->hasArticle())
        return false;
    // The move, its readiness gate and its log happen inside the editor's save (one transaction).
    const ArticleStatus storedStatus = m_editor->storedStatus();
    const Status s = m_editor->save(userName());
    if (!s) {
        statusBar()->showMessage(tr("Not saved: %1").arg(s.error()));
        if (m_sideTabs && m_editor->currentArticle().status != storedStatus)
            m_sideTabs->setCurrentWidget(m_readiness);
        return false;
    }
    discardRecovery();
    m_shownArticle = m_editor->articleId();
    m_reselecting = true;
    m_model->reload();
    m_reselecting = false;
    selectShownArticle(false);
    statusBar()->showMessage(tr("Saved \"%1\"").arg(m_editor->currentArticle().title), 4000);
    return true;
}

void MainWindow::connectPreview()
{
    connect(m_editor, &ArticleEditor::articleShown, m_preview,
            [this] { m_preview->showArticle(m_editor->currentArticle()); });
    connect(m_editor, &ArticleEditor::metaChanged, &m_previewDelay, qOverload<>(&QTimer::start));
    BodyEditor *body = m_editor->bodyEditor();
    connect(body, &QPlainTextEdit::textChanged, m_preview, [this, body] {
        if (!m_previewDelay.isActive())
            m_preview->setBody(body->toPlainText());
    });
    connect(body, &QPlainTextEdit::cursorPositionChanged, m_preview,
            [this, body] { m_preview->scrollToSourceOffset(body->textCursor().position()); });
    // Clicking a caption in the preview selects its shortcode in the body.
    connect(m_preview, &PreviewPane::captionClicked, this, [body](int index) {
        body->reparseNow();
        const auto &captions = body->parsedDocument().captions();
        if (index < 0 || index >= captions.size())
            return;
        QTextCursor c = body->textCursor();
        c.setPosition(int(captions.at(index).range.begin));
        c.setPosition(int(captions.at(index).range.end), QTextCursor::KeepAnchor);
        body->setTextCursor(c);
        body->setFocus();
    });
}

void MainWindow::handleConflict(const Article &mine, const Article &theirs)
{
    int choice = ConflictDialog::KeepEditing;
    if (m_conflictChooser) {
        choice = m_conflictChooser(mine, theirs);
    } else {
        ConflictDialog dialog(mine, theirs, this);
        dialog.exec();
        choice = dialog.choice();
    }
    switch (choice) {
    case ConflictDialog::OverwriteTheirs:
        if (Status s = m_editor->overwrite(userName()); !s)
            statusBar()->showMessage(tr("Not saved: %1").arg(s.error()));
        else
            discardRecovery();
        break;
    case ConflictDialog::TakeTheirs:
        discardRecovery();
        m_editor->loadArticle(theirs);
        break;
    case ConflictDialog::KeepEditing:
        break;
    }
}

void MainWindow::autosaveNow()
{
    if (!m_db || !m_editor || !m_editor->isModified())
        return;
    RecoveryEntry e;
    e.id = m_recoveryId;
    e.articleId = m_editor->articleId();
    e.baseRowVersion = m_editor->currentArticle().rowVersion;
    e.editorState = QString::fromUtf8(QJsonDocument(m_editor->editorState()).toJson(QJsonDocument::Compact));
    e.savedBy = userName();
    if (Status s = RecoveryRepository(*m_db).stash(e); !s) {
        statusBar()->showMessage(tr("Could not keep unsaved edits: %1").arg(s.error()));
        return;
    }
    m_recoveryId = e.id;
}

void MainWindow::discardRecovery()
{
    if (m_db && m_recoveryId > 0)
        RecoveryRepository(*m_db).discard(m_recoveryId);
    m_recoveryId = 0;
}

void MainWindow::offerRecovery()
{
    const auto entries = RecoveryRepository(*m_db).all();
    if (!entries || entries->isEmpty())
        return;
    const RecoveryEntry &e = entries->last(); // the newest
    const QJsonObject state = QJsonDocument::fromJson(e.editorState.toUtf8()).object();
    const QString title = state.value(QLatin1String("title")).toString();
    const QString when = QLocale().toString(e.savedAt.toLocalTime(), QLocale::ShortFormat);
    const Answer a = m_asker(tr("Byline was closed with unsaved edits to \"%1\" (kept %2). Recover them?")
                                 .arg(title.isEmpty() ? tr("a new article") : title, when));
    if (a == Answer::Cancel)
        return; // keep them for the next start
    if (a == Answer::Discard) {
        RecoveryRepository(*m_db).discard(e.id);
        return;
    }
    if (Status s = m_editor->restoreEditorState(state); !s) {
        statusBar()->showMessage(tr("Could not recover the edits: %1").arg(s.error()));
        return;
    }
    m_recoveryId = e.id;
    m_shownArticle = m_editor->articleId();
    selectShownArticle(true);
    statusBar()->showMessage(tr("Recovered unsaved edits to \"%1\"; save to keep them.").arg(title));
}

void MainWindow::chooseNewsroom(bool create)
{
    if (!settleUnsavedChanges())
        return;
    const QString filter = tr("Byline newsrooms (*.byline);;All files (*)");
    const QString path = create ? QFileDialog::getSaveFileName(this, tr("New Newsroom"), QString(), filter)
                                : QFileDialog::getOpenFileName(this, tr("Open Newsroom"), QString(), filter);
    if (!path.isEmpty())
        openNewsroom(path, FirstArticle::AfterListPainted);
}

void MainWindow::backUpTo()
{
    if (!m_db)
        return;
    const QString target = QFileDialog::getSaveFileName(this, tr("Back Up Newsroom"), QString(),
                                                        tr("Byline newsrooms (*.byline)"));
    if (target.isEmpty())
        return;
    Database *db = m_db.get();
    statusBar()->showMessage(tr("Backing up to %1…").arg(target));
    // The copy runs on a worker thread with its own connection; editing goes on meanwhile.
    auto future = QtConcurrent::run(longWorkPool(), [db, target] { return Backup::writeCopy(*db, target); });
    future.then(this, [this, target](const Status &s) {
        statusBar()->showMessage(s ? tr("Backed up to %1").arg(target) : s.error(), 8000);
    });
}

void MainWindow::startIntegrityCheck()
{
    // A large newsroom opened on the cheap checks; the full one reads the whole file, so it
    // runs on a worker thread while the editor is already usable.
    Database *db = m_db.get();
    m_integrityCheck = QtConcurrent::run(longWorkPool(), [db] {
        Status s = db->verifyIntegrity();
        // Recorded here, not in the continuation: a window closed meanwhile still counts it.
        if (s)
            IntegrityRecord(db->path()).checkedClean();
        else if (!db->readOnlyReason().isEmpty())
            IntegrityRecord(db->path()).forget();
        return s;
    });
    m_integrityCheck.then(this, [this, db](const Status &s) {
        if (s || db != m_db.get() || db->readOnlyReason().isEmpty())
            return;
        if (!m_readOnlyMark) {
            m_readOnlyMark = new QLabel(this);
            m_readOnlyMark->setObjectName(QStringLiteral("readOnlyMark"));
            statusBar()->addPermanentWidget(m_readOnlyMark);
        }
        m_readOnlyMark->setText(tr("Read-only: the newsroom file is damaged"));
        m_readOnlyMark->setToolTip(db->readOnlyReason());
        m_readOnlyMark->show();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Newsroom Damaged"), db->readOnlyReason(),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("damagedNewsroomMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::stopIntegrityCheck()
{
    if (m_db && m_integrityCheck.isRunning())
        m_db->interruptIntegrityCheck();
    m_integrityCheck.waitForFinished();
    m_integrityCheck = {};
    if (m_readOnlyMark)
        m_readOnlyMark->hide();
}

void MainWindow::importWordPress()
{
    if (!m_db || !settleUnsavedChanges())
        return;
    WxrImportDialog dialog(*m_db, this);
    connect(&dialog, &WxrImportDialog::imported, this, [this](const WxrImportReport &report) {
        m_model->reload();
        if (m_authorsPage)
            m_authorsPage->model()->reload();
        if (m_imagesPage)
            m_imagesPage->model()->reload();
        if (m_scheduleView)
            m_scheduleView->reload();
        if (m_editor)
            m_editor->reloadAuthorChoices();
        fillAuthorFilter();
        statusBar()->showMessage(WxrImportDialog::summary(report), 8000);
    });
    dialog.exec();
}

void MainWindow::exportNewsroom()
{
    if (!m_db || !settleUnsavedChanges())
        return;
    ExportDialog dialog(*m_db, this);
    connect(&dialog, &ExportDialog::exported, this, [this](const ExportReport &report) {
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(report.outputDir)), 8000);
    });
    dialog.exec();
}

void MainWindow::runAutomaticBackup()
{
    if (!m_db)
        return;
    const UserSettings user = UserSettings::load();
    const int keep = user.backupsKept;
    if (keep <= 0)
        return;
    const QString dir = user.backupFolder;
    const QStringList copies = Backup::copiesIn(dir, m_db->path());
    if (!copies.isEmpty() && QFileInfo(copies.first()).lastModified().secsTo(QDateTime::currentDateTime()) < 24 * 3600)
        return; // one a day
    Database *db = m_db.get();
    QtConcurrent::run([db, dir, keep] { return Backup::rotate(*db, dir, keep); })
        .then(this, [this](const Result<QString> &r) {
            if (!r)
                statusBar()->showMessage(tr("Automatic backup failed: %1").arg(r.error()), 8000);
        });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!settleUnsavedChanges()) {
        event->ignore();
        return;
    }
    saveState();
    event->accept();
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("window/articleSplitter"), m_articleSplitter->saveState());
    if (m_model)
        settings.setValue(QStringLiteral("articleList/header"), m_articleView->horizontalHeader()->saveState());
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1500, 900);
    QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!m_articleSplitter->restoreState(settings.value(QStringLiteral("window/articleSplitter")).toByteArray()))
        m_articleSplitter->setSizes({360, 520, 780});
}

} // namespace byline
