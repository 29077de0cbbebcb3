#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace byline {

// Where an article stands in the newsroom's workflow. The stored names are stable: they are
// written to the database and to exports.
enum class ArticleStatus {
    Draft,
    InEdit,
    Ready,
    Scheduled,
    Published,
    Spiked,
};

QString statusKey(ArticleStatus status);                   // "draft", "edit", …
std::optional<ArticleStatus> statusFromKey(const QString &key);
QString statusLabel(ArticleStatus status);                 // "In edit", for people
QList<ArticleStatus> allStatuses();

} // namespace byline
