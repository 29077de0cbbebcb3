#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;

namespace byline {

class AuthorListModel;
class Database;
class ThumbnailCache;

// Author profiles: the list of authors (read page by page, searched by the database), one
// profile's editor (name, slug, role line, bio, email, avatar, links) and the articles that
// carry the author's byline. An image file dropped on the avatar becomes the avatar.
class AuthorsPage : public QWidget
{
    Q_OBJECT
public:
    AuthorsPage(Database &db, ThumbnailCache &thumbnails, QWidget *parent = nullptr);
    ~AuthorsPage() override;

    QListView *list() const { return m_list; }
    QLineEdit *searchBox() const { return m_search; }
    QLabel *avatarLabel() const { return m_avatar; }
    AuthorListModel *model() const { return m_model; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *roleEdit() const { return m_role; }
    QListWidget *articleList() const { return m_articles; }
    // Saves the profile shown; false with the reason in lastError().
    bool saveProfile();
    void newAuthor();
    // Sets the avatar from a library image.
    void setAvatar(qint64 imageId);
    QString lastError() const { return m_lastError; }
    qint64 shownAuthorId() const { return m_authorId; }

signals:
    void authorsChanged();
    void openArticle(qint64 articleId);
    void status(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void showAuthor(int row);
    void showAvatar();
    void avatarDropped(const QString &path);

    Database &m_db;
    ThumbnailCache &m_thumbnails;
    AuthorListModel *m_model;
    QListView *m_list;
    QLineEdit *m_search;
    QLineEdit *m_name;
    QLineEdit *m_slug;
    QLineEdit *m_role;
    QPlainTextEdit *m_bio;
    QLineEdit *m_email;
    QPlainTextEdit *m_links;
    QLabel *m_avatar;
    QListWidget *m_articles;
    qint64 m_authorId = 0;
    qint64 m_avatarId = 0;
    QString m_lastError;
    bool m_firstShow = true;
};

} // namespace byline
