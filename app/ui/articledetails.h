#pragma once

#include "domain/article.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace byline {

// Shows one article's fields read-only: the editor of a later step replaces the body view.
class ArticleDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ArticleDetails(QWidget *parent = nullptr);

    void showArticle(const Article &article, const QStringList &authorNames);
    void clear();

    QString shownTitle() const;
    QString shownBody() const;

private:
    QLabel *m_title;
    QLabel *m_meta;
    QLabel *m_excerpt;
    QPlainTextEdit *m_body;
};

} // namespace byline
