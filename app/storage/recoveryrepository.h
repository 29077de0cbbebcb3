#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace byline {

class Database;

// One editor's unsaved state, kept until it is saved or discarded.
struct RecoveryEntry
{
    qint64 id = 0;
    qint64 articleId = 0;      // 0 for an article never saved
    int baseRowVersion = 0;
    QString editorState;       // JSON written by the editor
    QString savedBy;
    QDateTime savedAt;
};

// All SQL about autosaved, unsaved edits.
class RecoveryRepository
{
public:
    explicit RecoveryRepository(Database &db) : m_db(db) {}

    // Inserts (entry.id == 0) or replaces the entry; sets id and savedAt.
    Status stash(RecoveryEntry &entry);
    Status discard(qint64 id);
    Result<QList<RecoveryEntry>> all() const;

private:
    Database &m_db;
};

} // namespace byline
