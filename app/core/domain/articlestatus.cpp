#include "articlestatus.h"

#include <QCoreApplication>

namespace byline {

namespace {
struct StatusName
{
    ArticleStatus status;
    const char *key;
    const char *label;
};

constexpr StatusName kNames[] = {
    {ArticleStatus::Draft, "draft", QT_TRANSLATE_NOOP("ArticleStatus", "Draft")},
    {ArticleStatus::InEdit, "edit", QT_TRANSLATE_NOOP("ArticleStatus", "In edit")},
    {ArticleStatus::Ready, "ready", QT_TRANSLATE_NOOP("ArticleStatus", "Ready")},
    {ArticleStatus::Scheduled, "scheduled", QT_TRANSLATE_NOOP("ArticleStatus", "Scheduled")},
    {ArticleStatus::Published, "published", QT_TRANSLATE_NOOP("ArticleStatus", "Published")},
    {ArticleStatus::Spiked, "spiked", QT_TRANSLATE_NOOP("ArticleStatus", "Spiked")},
};
} // namespace

QString statusKey(ArticleStatus status)
{
    for (const auto &n : kNames) {
        if (n.status == status)
            return QString::fromLatin1(n.key);
    }
    return QStringLiteral("draft");
}

std::optional<ArticleStatus> statusFromKey(const QString &key)
{
    for (const auto &n : kNames) {
        if (key == QLatin1String(n.key))
            return n.status;
    }
    return std::nullopt;
}

QString statusLabel(ArticleStatus status)
{
    for (const auto &n : kNames) {
        if (n.status == status)
            return QCoreApplication::translate("ArticleStatus", n.label);
    }
    return {};
}

QList<ArticleStatus> allStatuses()
{
    QList<ArticleStatus> out;
    for (const auto &n : kNames)
        out.append(n.status);
    return out;
}

} // namespace byline
