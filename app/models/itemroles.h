#pragma once

#include <Qt>

namespace byline {

// Custom roles shared by Byline's item models.
enum ItemRole {
    IdRole = Qt::UserRole + 1, // qint64 database id of the row's object
    StatusKeyRole,             // "draft", "edit", … for articles
    SortValueRole,             // raw value the column sorts by (QDateTime, QString)
    CreditRole,                // an image's credit line
    NeedsAttentionRole,        // bool: an image lacks its credit line or alt text
    SubtitleRole,              // a second line: an author's role, an image's credit
    WordCountRole,             // int: words a reader reads in an article
    MissingCreditsRole,        // int: an article's captions without a credit
    ReadinessRole,             // QString: "ready", "warnings", "errors" or "" (not checked yet)
};

} // namespace byline
