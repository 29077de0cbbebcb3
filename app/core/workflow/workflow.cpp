#include "workflow.h"

#include <QCoreApplication>

namespace byline {

namespace {

struct RoleName
{
    DeskRole role;
    const char *key;
    const char *label;
};

constexpr RoleName kRoles[] = {
    {DeskRole::Editor, "editor", QT_TRANSLATE_NOOP("DeskRole", "Editor")},
    {DeskRole::PhotoDesk, "photo_desk", QT_TRANSLATE_NOOP("DeskRole", "Photo desk")},
    {DeskRole::WebTeam, "web_team", QT_TRANSLATE_NOOP("DeskRole", "Web team")},
};

// One row per allowed move, with what it means; anything absent is forbidden.
struct Move
{
    ArticleStatus from;
    ArticleStatus to;
    const char *label;
};

constexpr Move kMoves[] = {
    {ArticleStatus::Draft, ArticleStatus::InEdit,
     QT_TRANSLATE_NOOP("Workflow", "Send to the desk for editing")},
    {ArticleStatus::Draft, ArticleStatus::Spiked, QT_TRANSLATE_NOOP("Workflow", "Spike")},
    {ArticleStatus::InEdit, ArticleStatus::Draft,
     QT_TRANSLATE_NOOP("Workflow", "Return to the writer")},
    {ArticleStatus::InEdit, ArticleStatus::Ready, QT_TRANSLATE_NOOP("Workflow", "Mark ready")},
    {ArticleStatus::InEdit, ArticleStatus::Spiked, QT_TRANSLATE_NOOP("Workflow", "Spike")},
    {ArticleStatus::Ready, ArticleStatus::InEdit, QT_TRANSLATE_NOOP("Workflow", "Back to editing")},
    {ArticleStatus::Ready, ArticleStatus::Scheduled, QT_TRANSLATE_NOOP("Workflow", "Schedule")},
    {ArticleStatus::Ready, ArticleStatus::Published, QT_TRANSLATE_NOOP("Workflow", "Publish now")},
    {ArticleStatus::Ready, ArticleStatus::Spiked, QT_TRANSLATE_NOOP("Workflow", "Spike")},
    {ArticleStatus::Scheduled, ArticleStatus::Ready, QT_TRANSLATE_NOOP("Workflow", "Unschedule")},
    {ArticleStatus::Scheduled, ArticleStatus::Published, QT_TRANSLATE_NOOP("Workflow", "Publish")},
    {ArticleStatus::Scheduled, ArticleStatus::Spiked, QT_TRANSLATE_NOOP("Workflow", "Spike")},
    {ArticleStatus::Published, ArticleStatus::Spiked,
     QT_TRANSLATE_NOOP("Workflow", "Spike (take down)")},
    {ArticleStatus::Spiked, ArticleStatus::Draft,
     QT_TRANSLATE_NOOP("Workflow", "Revive as a draft")},
};

const Move *findMove(ArticleStatus from, ArticleStatus to)
{
    for (const Move &m : kMoves) {
        if (m.from == from && m.to == to)
            return &m;
    }
    return nullptr;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Workflow", text);
}

} // namespace

QString roleKey(DeskRole role)
{
    for (const auto &r : kRoles) {
        if (r.role == role)
            return QString::fromLatin1(r.key);
    }
    return QStringLiteral("editor");
}

std::optional<DeskRole> roleFromKey(const QString &key)
{
    for (const auto &r : kRoles) {
        if (key == QLatin1String(r.key))
            return r.role;
    }
    return std::nullopt;
}

QString roleLabel(DeskRole role)
{
    for (const auto &r : kRoles) {
        if (r.role == role)
            return QCoreApplication::translate("DeskRole", r.label);
    }
    return {};
}

bool Workflow::canMove(ArticleStatus from, ArticleStatus to)
{
    return findMove(from, to) != nullptr;
}

QList<ArticleStatus> Workflow::allowedTargets(ArticleStatus from)
{
    QList<ArticleStatus> out;
    for (ArticleStatus to : allStatuses()) {
        if (canMove(from, to))
            out.append(to);
    }
    return out;
}

QString Workflow::refusal(ArticleStatus from, ArticleStatus to)
{
    if (canMove(from, to))
        return {};
    if (from == to)
        return tr("The article is already %1.").arg(statusLabel(to).toLower());
    if (from == ArticleStatus::Spiked)
        return tr("A spiked article comes back only as a draft.");
    if (from == ArticleStatus::Published)
        return tr("A published article can only be spiked (taken down).");
    if (to == ArticleStatus::Published)
        return tr("Only a ready or scheduled article can be published.");
    if (to == ArticleStatus::Scheduled)
        return tr("Only a ready article can be scheduled.");
    if (to == ArticleStatus::Ready)
        return tr("An article becomes ready after editing (or when it is unscheduled).");
    if (to == ArticleStatus::InEdit)
        return tr("Only a draft or a ready article can go to editing.");
    if (to == ArticleStatus::Draft)
        return tr("Only an article in editing or a spiked one can go back to draft.");
    return tr("%1 cannot move to %2.").arg(statusLabel(from), statusLabel(to));
}

QString Workflow::actionLabel(ArticleStatus from, ArticleStatus to)
{
    const Move *m = findMove(from, to);
    return m ? tr(m->label) : QString();
}

Status Workflow::check(ArticleStatus from, ArticleStatus to)
{
    if (canMove(from, to))
        return {};
    return Status::failure(refusal(from, to));
}

} // namespace byline
