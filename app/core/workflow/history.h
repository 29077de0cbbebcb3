#pragma once

#include "domain/article.h"
#include "domain/articlestatus.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace byline {

// One logged move of an article from one status to another, with who made it.
struct StatusChange
{
    qint64 id = 0;
    qint64 articleId = 0;
    ArticleStatus from = ArticleStatus::Draft;
    ArticleStatus to = ArticleStatus::Draft;
    QString who;
    QString role;          // DeskRole key, kept as text so unknown roles still show
    QDateTime at;          // UTC
    QDateTime scheduledAt; // the publication time set by a move to scheduled, else null
    int rowVersion = 0;    // the article's row version after the change; 0 when unknown
};

// One line of an article's history: either a saved revision or a status change.
struct HistoryEntry
{
    enum class Kind
    {
        Revision,
        StatusChange
    };
    Kind kind = Kind::Revision;
    QDateTime at;        // UTC
    Revision revision;   // when kind is Revision
    StatusChange change; // when kind is StatusChange
};

// Revisions and status changes in one list, oldest first. Both bump the article's row version,
// which orders them exactly; time (whole seconds) is used when a change's version is unknown.
QList<HistoryEntry> mergeHistory(const QList<Revision> &revisions,
                                 const QList<StatusChange> &changes);

} // namespace byline
