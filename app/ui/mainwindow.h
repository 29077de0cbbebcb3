#pragma once

#include "domain/result.h"

#include <QFuture>
#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace byline {

class ArticleEditor;
class PreviewPane;
class SearchPanel;
class AuthorsPage;
class ImagesPage;
class ThumbnailCache;
class ReadinessPanel;
class HistoryPanel;
class HistoryModel;
class ScheduleView;
class SettingsDialog;
class ArticleListModel;
struct Article;
class Database;

// The workstation's main window: a navigator (articles, authors, images, schedule), the
// article list and the article editor. A newsroom that cannot be opened is shown as a page
// naming the reason; its file is left alone. Unsaved edits are kept every few seconds so a
// crash loses at most those seconds.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Section { ArticlesSection, AuthorsSection, ImagesSection, ScheduleSection };
    enum class Answer { Save, Discard, Cancel };
    // Asks the person at the desk; tests replace it to answer without a modal dialog.
    using Asker = std::function<Answer(const QString &question)>;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // When the newsroom's first article is opened into the editor: at once, or just after the
    // article list has been painted (the list is on screen sooner; for a window being shown).
    enum class FirstArticle { Now, AfterListPainted };
    // Opens the newsroom at path (created if absent). False when refused; problemText() says why.
    bool openNewsroom(const QString &path, FirstArticle first = FirstArticle::Now);
    // Shows a problem that happened before a newsroom could be opened.
    void showProblem(const QString &message);

    QString problemText() const;
    QString problemMessage() const { return m_problemMessage; }
    QTableView *articleView() const { return m_articleView; }
    ArticleEditor *editor() const { return m_editor; }
    PreviewPane *preview() const { return m_preview; }
    AuthorsPage *authorsPage() const { return m_authorsPage; }
    ImagesPage *imagesPage() const { return m_imagesPage; }
    ReadinessPanel *readinessPanel() const { return m_readiness; }
    ScheduleView *scheduleView() const { return m_scheduleView; }
    // Shows the article in the editor (asking first about unsaved changes).
    void openArticle(qint64 articleId);
    // Asks for a library image and inserts its caption shortcode at the caret.
    void insertImage();
    ArticleListModel *articleModel() const { return m_model.get(); }
    Database *database() const { return m_db.get(); }
    // True when this opening runs the full integrity check in the background (a large file
    // no recent clean check vouches for).
    bool integrityCheckPlanned() const { return m_integrityCheckPlanned; }
    void showSection(Section section);

    void setAsker(Asker asker) { m_asker = std::move(asker); }
    // Decides a save conflict (0 keep editing, 1 overwrite theirs, 2 take theirs); by default
    // the conflict dialog asks. Tests answer directly.
    using ConflictChooser = std::function<int(const Article &mine, const Article &theirs)>;
    void setConflictChooser(ConflictChooser chooser) { m_conflictChooser = std::move(chooser); }
    void setAutosaveInterval(int msec) { m_autosave.setInterval(msec); }
    // Keeps the editor's unsaved state now (the timer does this every few seconds).
    void autosaveNow();
    // Saves the open article; false when refused (the status bar says why).
    bool saveArticle();
    void newArticle();
    QString userName() const;
    // Edit > Preferences: opens (or raises) the settings dialog; applying it takes effect at once.
    SettingsDialog *showPreferences();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    QWidget *buildArticlesPage();
    void showSelectedArticle();
    bool settleUnsavedChanges();
    void offerRecovery();
    void openFirstArticle(FirstArticle when);
    void discardRecovery();
    void applyFilter();
    void fillAuthorFilter();
    void chooseNewsroom(bool create);
    void backUpTo();
    void importWordPress();
    void exportNewsroom();
    void runAutomaticBackup();
    void startIntegrityCheck();
    // Selects the list row of the article in the editor, if the list holds it.
    void selectShownArticle(bool clearWhenNotListed);
    void stopIntegrityCheck();
    void handleConflict(const Article &mine, const Article &theirs);
    void connectPreview();
    void buildLibraryPages();
    void dropNewsroomWidgets();
    void buildWorkflowWidgets();
    void refreshReadiness();
    void applySettings();
    void updateTitle();
    void saveState();
    void restoreState();

    std::unique_ptr<Database> m_db;
    std::unique_ptr<ArticleListModel> m_model;
    QString m_newsroomName;
    QStackedWidget *m_pages;
    QLabel *m_problem;
    QListWidget *m_navigator;
    QStackedWidget *m_sections;
    QSplitter *m_articleSplitter;
    QTableView *m_articleView;
    QComboBox *m_statusFilter;
    QComboBox *m_authorFilter;
    QLineEdit *m_tagFilter;
    QLineEdit *m_textFilter;
    QWidget *m_editorHost;
    ArticleEditor *m_editor = nullptr;
    PreviewPane *m_preview = nullptr;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    AuthorsPage *m_authorsPage = nullptr;
    ImagesPage *m_imagesPage = nullptr;
    ScheduleView *m_scheduleView = nullptr;
    ReadinessPanel *m_readiness = nullptr;
    HistoryPanel *m_history = nullptr;
    HistoryModel *m_historyModel = nullptr;
    QTabWidget *m_sideTabs = nullptr;
    SearchPanel *m_search = nullptr;
    QWidget *m_previewHost;
    QTimer m_previewDelay;
    QString m_problemMessage;
    QTimer m_autosave;
    QTimer m_filterDelay;
    QFuture<Status> m_integrityCheck;
    static constexpr int kIntegrityCheckDelayMs = 1500;
    bool m_integrityCheckPlanned = false;
    int m_openSerial = 0; // tells a delayed start which opening it belongs to
    QLabel *m_readOnlyMark = nullptr;
    qint64 m_recoveryId = 0;
    qint64 m_shownArticle = -1;
    bool m_reselecting = false;
    Asker m_asker;
    ConflictChooser m_conflictChooser;
};

} // namespace byline
