#pragma once

#include "domain/articlestatus.h"
#include "domain/result.h"

#include <QList>
#include <QString>

namespace byline {

// Who moved an article: the desk a local user works on, stored by its key.
enum class DeskRole
{
    Editor,
    PhotoDesk,
    WebTeam
};

QString roleKey(DeskRole role); // "editor", "photo_desk", "web_team"
std::optional<DeskRole> roleFromKey(const QString &key);
QString roleLabel(DeskRole role); // "Photo desk", for people

// The one table of which status an article may move to from which. Everything that changes a
// status (storage, models, menus) asks here, so the rules cannot drift apart.
//
//   from \ to   draft  edit  ready  scheduled  published  spiked
//   draft         -     yes   -       -          -          yes
//   edit         yes     -   yes      -          -          yes
//   ready         -     yes   -      yes        yes         yes
//   scheduled     -      -   yes      -         yes         yes
//   published     -      -    -       -          -          yes
//   spiked       yes     -    -       -          -           -
//
// Forward moves follow the desk: draft → edit → ready → scheduled → published; ready may also
// publish at once. Backward moves hand a piece back one step (edit → draft, ready → edit,
// scheduled → ready is unscheduling). Any article can be spiked (killed), and a spiked one can
// only come back as a draft, so it goes through editing again. A published article is not
// edited back into the workflow: it can only be spiked (taken down).
class Workflow
{
public:
    static bool canMove(ArticleStatus from, ArticleStatus to);
    static QList<ArticleStatus> allowedTargets(ArticleStatus from);
    // Why a move is refused, for people; empty when it is allowed.
    static QString refusal(ArticleStatus from, ArticleStatus to);
    // What an allowed move means ("Send to the desk for editing"), for menus and logs.
    static QString actionLabel(ArticleStatus from, ArticleStatus to);
    // Allowed or not, as a Status carrying refusal().
    static Status check(ArticleStatus from, ArticleStatus to);
};

} // namespace byline
