#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace byline {

class ArticleDetails;
class ArticleListModel;
class Database;

// The workstation's main window: the newsroom's articles and the selected one's details.
// A newsroom that cannot be opened is shown as a page naming the reason; its file is left alone.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the newsroom at path (created if absent). False when refused; problemText() says why.
    bool openNewsroom(const QString &path);
    // Shows a problem that happened before a newsroom could be opened.
    void showProblem(const QString &message);

    QString problemText() const;
    // The plain reason last shown on the problem page.
    QString problemMessage() const { return m_problemMessage; }
    QTableView *articleView() const { return m_articleView; }
    ArticleDetails *details() const { return m_details; }
    ArticleListModel *articleModel() const { return m_model.get(); }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void showSelectedArticle();
    void chooseNewsroom(bool create);
    void saveState();
    void restoreState();

    std::unique_ptr<Database> m_db;
    std::unique_ptr<ArticleListModel> m_model;
    QStackedWidget *m_pages;
    QLabel *m_problem;
    QSplitter *m_splitter;
    QTableView *m_articleView;
    ArticleDetails *m_details;
    QString m_problemMessage;
};

} // namespace byline
