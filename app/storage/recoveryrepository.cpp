#include "recoveryrepository.h"

#include "database.h"
#include "query.h"
#include "sqlvalues.h"
#include "transaction.h"

namespace byline {

Status RecoveryRepository::stash(RecoveryEntry &entry)
{
    Transaction tx(m_db);
    entry.savedAt = nowUtc();
    if (entry.id > 0) {
        BoundQuery q(tx.connection(),
                     QStringLiteral("UPDATE recovery SET article_id = ?, base_row_version = ?, editor_state = ?, "
                                    "saved_by = ?, saved_at = ? WHERE id = ?"),
                     {idToDb(entry.articleId), entry.baseRowVersion, entry.editorState, entry.savedBy,
                      toDb(entry.savedAt), entry.id});
        if (!q.exec("keep unsaved edits"))
            return Status::failure(q.error());
        if (q.rowsAffected() == 1)
            return tx.commit();
        entry.id = 0; // discarded meanwhile: store it anew
    }
    BoundQuery q(tx.connection(),
                 QStringLiteral("INSERT INTO recovery (article_id, base_row_version, editor_state, saved_by, saved_at) "
                                "VALUES (?, ?, ?, ?, ?)"),
                 {idToDb(entry.articleId), entry.baseRowVersion, entry.editorState, entry.savedBy,
                  toDb(entry.savedAt)});
    if (!q.exec("keep unsaved edits"))
        return Status::failure(q.error());
    entry.id = q.lastInsertId();
    return tx.commit();
}

Status RecoveryRepository::discard(qint64 id)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(), QStringLiteral("DELETE FROM recovery WHERE id = ?"), {id});
    if (!q.exec("discard unsaved edits"))
        return Status::failure(q.error());
    return tx.commit();
}

Result<QList<RecoveryEntry>> RecoveryRepository::all() const
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT id, article_id, base_row_version, editor_state, saved_by, saved_at "
                                "FROM recovery ORDER BY saved_at, id"));
    if (!q.exec("read unsaved edits"))
        return Result<QList<RecoveryEntry>>::failure(q.error());
    QList<RecoveryEntry> out;
    while (q.next()) {
        RecoveryEntry e;
        e.id = q.value(0).toLongLong();
        e.articleId = q.value(1).toLongLong();
        e.baseRowVersion = q.value(2).toInt();
        e.editorState = q.value(3).toString();
        e.savedBy = q.value(4).toString();
        e.savedAt = timeFromDb(q.value(5));
        out << e;
    }
    return out;
}

} // namespace byline
