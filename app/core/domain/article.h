#pragma once

#include "articlestatus.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace byline {

enum class PostType { Post, Page };

// An article as the editor works on it. Times are UTC; the body is WordPress-flavoured HTML
// kept byte for byte as written.
struct Article
{
    qint64 id = 0;
    QString title;
    QString slug;
    QString excerpt;
    QString body;
    ArticleStatus status = ArticleStatus::Draft;
    PostType postType = PostType::Post;
    qint64 featuredImageId = 0;
    QList<qint64> authorIds;  // in byline order
    QStringList tags;         // tag names in order
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime scheduledAt;    // null when not scheduled
    QDateTime publishedAt;
    QDateTime embargoAt;
    qint64 wpPostId = 0;
    QString wpGuid;
    int rowVersion = 0;       // bumped by every save; guards against overwriting others' work
};

// What a list of articles shows, without the body.
struct ArticleSummary
{
    qint64 id = 0;
    QString title;
    QString slug;
    ArticleStatus status = ArticleStatus::Draft;
    QString authorNames;      // "A, B" in byline order
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime scheduledAt;
    QDateTime publishedAt;
    int wordCount = 0;      // words a reader reads: captions and markup left out
    int missingCredits = 0; // captions whose text carries no credit
    // The readiness found at the last save in Byline; Unknown for rows that came in otherwise.
    enum class Readiness { Unknown, Ready, Warnings, Errors };
    Readiness readiness = Readiness::Unknown;
};

// One saved state of an article.
struct Revision
{
    qint64 id = 0;
    qint64 articleId = 0;
    int rowVersion = 0;
    QString title;
    QString excerpt;
    QString body;
    ArticleStatus status = ArticleStatus::Draft;
    QString savedBy;
    QDateTime savedAt;
};

} // namespace byline
