#include "history.h"

#include <algorithm>

namespace byline {

QList<HistoryEntry> mergeHistory(const QList<Revision> &revisions,
                                 const QList<StatusChange> &changes)
{
    QList<HistoryEntry> out;
    out.reserve(revisions.size() + changes.size());
    for (const Revision &r : revisions) {
        HistoryEntry e;
        e.kind = HistoryEntry::Kind::Revision;
        e.at = r.savedAt;
        e.revision = r;
        out.append(e);
    }
    for (const StatusChange &c : changes) {
        HistoryEntry e;
        e.kind = HistoryEntry::Kind::StatusChange;
        e.at = c.at;
        e.change = c;
        out.append(e);
    }
    auto version = [](const HistoryEntry &e) {
        return e.kind == HistoryEntry::Kind::Revision ? e.revision.rowVersion : e.change.rowVersion;
    };
    // Stable, so each source keeps its own order (by id) when nothing else tells them apart.
    std::stable_sort(out.begin(), out.end(),
                     [&version](const HistoryEntry &a, const HistoryEntry &b) {
                         if (version(a) > 0 && version(b) > 0)
                             return version(a) < version(b);
                         if (a.at != b.at)
                             return a.at < b.at;
                         return a.kind == HistoryEntry::Kind::Revision &&
                                b.kind == HistoryEntry::Kind::StatusChange;
                     });
    return out;
}

} // namespace byline
