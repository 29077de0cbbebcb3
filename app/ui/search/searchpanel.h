#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListView;

namespace byline {

class Database;
class SearchResultModel;

// The newsroom's full-text search: one line with phrases, prefixes and the filters author:,
// status:, tag:, credit:, before: and after:, answered as the user types, best match first,
// each hit with its title and a snippet that shows the words found.
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPanel(QWidget *parent = nullptr);
    ~SearchPanel() override;

    // Searches this newsroom from now on; null while none is open.
    void setDatabase(Database *db);
    QLineEdit *lineEdit() const { return m_line; }
    QListView *resultsView() const { return m_results; }
    SearchResultModel *model() const { return m_model.get(); }
    // True while there is a search line and its results are shown instead of the list.
    bool isActive() const;

signals:
    void activeChanged(bool active);
    void articleChosen(qint64 articleId);

private:
    void runSearch();

    QLineEdit *m_line;
    QListView *m_results;
    QLabel *m_status;
    std::unique_ptr<SearchResultModel> m_model;
    bool m_active = false;
};

} // namespace byline
