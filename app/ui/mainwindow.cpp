#include "mainwindow.h"

#include "articledetails.h"

#include "articlelistmodel.h"
#include "authorrepository.h"
#include "database.h"
#include "settingsrepository.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace byline {

namespace {
enum Page { ProblemPage, WorkspacePage };
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_pages(new QStackedWidget(this)), m_problem(new QLabel(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_articleView(new QTableView(this)),
      m_details(new ArticleDetails(this))
{
    setWindowTitle(tr("Byline"));
    setWindowIcon(QIcon(QStringLiteral(":/byline/icons/byline.png")));

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

    m_articleView->setObjectName(QStringLiteral("articleView"));
    m_articleView->setAccessibleName(tr("Articles"));
    m_articleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_articleView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_articleView->setSortingEnabled(true);
    m_articleView->setAlternatingRowColors(true);
    m_articleView->verticalHeader()->hide();
    m_articleView->horizontalHeader()->setStretchLastSection(true);
    m_articleView->setWordWrap(false);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_articleView);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_pages->insertWidget(WorkspacePage, m_splitter);
    setCentralWidget(m_pages);

    buildMenus();
    restoreState();
}

MainWindow::~MainWindow()
{
    // The model holds a repository over the database: drop it first.
    m_articleView->setModel(nullptr);
    m_model.reset();
    m_db.reset();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Newsroom…"), this, [this] { chooseNewsroom(true); });
    newAction->setShortcut(QKeySequence::New);
    QAction *openAction = file->addAction(tr("&Open Newsroom…"), this, [this] { chooseNewsroom(false); });
    openAction->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Byline"), this, [this] {
        QMessageBox::about(this, tr("About Byline"),
                           tr("<h3>Byline %1</h3><p>An editorial workstation for newsrooms: articles, "
                              "authors and the image library, offline.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

bool MainWindow::openNewsroom(const QString &path)
{
    auto opened = Database::open(path);
    if (!opened) {
        showProblem(opened.error());
        return false;
    }
    m_articleView->setModel(nullptr);
    m_model.reset();
    m_db = std::move(opened).value();
    m_model = std::make_unique<ArticleListModel>(*m_db);
    connect(m_model.get(), &ArticleListModel::loadFailed, this,
            [this](const QString &why) { statusBar()->showMessage(tr("Could not list articles: %1").arg(why)); });
    m_articleView->setModel(m_model.get());
    connect(m_articleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelectedArticle);

    QSettings settings;
    const QByteArray header = settings.value(QStringLiteral("articleList/header")).toByteArray();
    if (header.isEmpty() || !m_articleView->horizontalHeader()->restoreState(header)) {
        m_articleView->setColumnWidth(ArticleListModel::TitleColumn, 340);
        m_articleView->setColumnWidth(ArticleListModel::StatusColumn, 80);
        m_articleView->setColumnWidth(ArticleListModel::AuthorsColumn, 170);
        m_articleView->setColumnWidth(ArticleListModel::ScheduledColumn, 130);
        m_articleView->sortByColumn(ArticleListModel::UpdatedColumn, Qt::DescendingOrder);
    } else {
        const QHeaderView *h = m_articleView->horizontalHeader();
        m_model->sort(h->sortIndicatorSection(), h->sortIndicatorOrder());
    }

    const QString name = SettingsRepository(*m_db).value(settingkeys::kNewsroomName).valueOr({});
    const QString shown = name.isEmpty() ? QFileInfo(path).completeBaseName() : name;
    setWindowTitle(tr("%1 — Byline").arg(shown));
    statusBar()->showMessage(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()));
    settings.setValue(QStringLiteral("newsroom/last"), QFileInfo(path).absoluteFilePath());
    m_details->clear();
    m_pages->setCurrentIndex(WorkspacePage);
    if (m_model->rowCount() > 0)
        m_articleView->selectRow(0);
    return true;
}

void MainWindow::showProblem(const QString &message)
{
    m_articleView->setModel(nullptr);
    m_model.reset();
    m_db.reset();
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

void MainWindow::showSelectedArticle()
{
    const QModelIndex current = m_articleView->currentIndex();
    if (!current.isValid() || !m_db) {
        m_details->clear();
        return;
    }
    ArticleRepository repo(*m_db);
    const qint64 id = m_model->articleId(current.row());
    auto article = repo.get(id);
    if (!article) {
        statusBar()->showMessage(article.error());
        m_details->clear();
        return;
    }
    m_details->showArticle(*article, repo.authorNames(id).valueOr({}));
}

void MainWindow::chooseNewsroom(bool create)
{
    const QString filter = tr("Byline newsrooms (*.byline);;All files (*)");
    const QString path = create ? QFileDialog::getSaveFileName(this, tr("New Newsroom"), QString(), filter)
                                : QFileDialog::getOpenFileName(this, tr("Open Newsroom"), QString(), filter);
    if (!path.isEmpty())
        openNewsroom(path);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    event->accept();
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    if (m_model)
        settings.setValue(QStringLiteral("articleList/header"), m_articleView->horizontalHeader()->saveState());
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({820, 580});
}

} // namespace byline
