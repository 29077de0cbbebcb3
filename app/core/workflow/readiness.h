#pragma once

#include "domain/article.h"
#include "domain/image.h"
#include "domain/result.h"
#include "shortcode/creditstyle.h"
#include "shortcode/shortcodedocument.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace byline {

// A one-click repair the UI can offer and apply, described as data so the checks stay pure.
struct ReadinessFix
{
    enum class Kind
    {
        SetCaptionCredit,   // caption captionIndex gets credit `value` (through CaptionEditor)
        SetCaptionWidth,    // caption captionIndex gets width `width`
        SetImageAlt,        // the <img> of caption captionIndex gets alt `value`
        UpdateLibraryCredit // library image imageId gets credit line `value`
    };
    Kind kind = Kind::SetCaptionCredit;
    int captionIndex = -1;
    qint64 imageId = 0;
    QString value;
    int width = 0;
    QString label; // "Use the library's credit “Reuters”", for a button

    bool changesBody() const { return kind != Kind::UpdateLibraryCredit; }
};

// One finding about whether an article can go out.
struct ReadinessIssue
{
    enum class Severity
    {
        Warning,
        Error
    };
    QString rule; // stable id, e.g. "image.credit"
    Severity severity = Severity::Error;
    QString message;
    qsizetype offset = -1;     // UTF-16 offset into the body, or -1
    QString field;             // "title", "slug", "excerpt", "authors", "scheduledAt", "body"
    QList<ReadinessFix> fixes; // may offer more than one way out
};

// What the checks need from outside the article.
struct ReadinessContext
{
    // The library's image with this WordPress attachment id, if any.
    std::function<std::optional<Image>(qint64 attachmentId)> imageByAttachment;
    QString baseUrl; // the newsroom's own site; images from elsewhere are remote
    QDateTime now;   // UTC; null means the current time
    CreditStyle creditStyle = CreditStyle::Photo; // how a credit added by a fix is written
    // The status being moved to, when checking a move (the schedule rule applies to scheduled).
    std::optional<ArticleStatus> target;
};

// Whether an article is fit to be marked ready or scheduled: pure checks over the article, its
// parsed body and the library, each finding with where it is and, when possible, a fix.
//
// Errors block ready, scheduled and published: a missing credit line, caption without a
// library image, missing title/slug/excerpt/author, a scheduled time in the past, a shortcode
// error, an image hotlinked from another site. Warnings only inform: missing alt text, a
// caption credit that differs from the library's, a caption wider than its image.
class Readiness
{
public:
    static QList<ReadinessIssue> check(const Article &article, const ShortcodeDocument &doc,
                                       const ReadinessContext &context);

    static bool hasErrors(const QList<ReadinessIssue> &issues);
    // True when these issues forbid moving to `to`.
    static bool blocksStatus(const QList<ReadinessIssue> &issues, ArticleStatus to);
    // Why, for people; empty when not blocked.
    static QString blockReason(const QList<ReadinessIssue> &issues, ArticleStatus to);
    // blocksStatus as a Status, for WorkflowRepository's gate.
    static Status gate(const QList<ReadinessIssue> &issues, ArticleStatus to);
    // A gate that parses the article as stored and runs every check for the move; hand it to
    // WorkflowRepository::changeStatus (StatusChangeOptions::gate) so storage enforces it too.
    static std::function<Status(const Article &, ArticleStatus)> gateFor(ReadinessContext context);

    // The body with a body fix applied; fails for a library fix or a caption that cannot take it.
    static Result<QString> applyToBody(const ShortcodeDocument &doc, const ReadinessFix &fix,
                                       CreditStyle creditStyle = CreditStyle::Photo);
    // The image with a library fix applied; fails for a body fix or another image.
    static Result<Image> applyToImage(const Image &image, const ReadinessFix &fix);
};

} // namespace byline
