#pragma once

#include <Qt>

namespace byline {

// Custom roles shared by Byline's item models.
enum ItemRole {
    IdRole = Qt::UserRole + 1, // qint64 database id of the row's object
    StatusKeyRole,             // "draft", "edit", … for articles
    SortValueRole,             // raw value the column sorts by (QDateTime, QString)
};

} // namespace byline
