#include "readiness.h"

#include "shortcode/captioneditor.h"
#include "shortcode/shortcodeparser.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Readiness", text);
}

ReadinessIssue issue(const char *rule, ReadinessIssue::Severity severity, QString message,
                     qsizetype offset = -1, const char *field = "body")
{
    ReadinessIssue i;
    i.rule = QString::fromLatin1(rule);
    i.severity = severity;
    i.message = std::move(message);
    i.offset = offset;
    i.field = QString::fromLatin1(field);
    return i;
}

constexpr auto kError = ReadinessIssue::Severity::Error;
constexpr auto kWarning = ReadinessIssue::Severity::Warning;

bool blocks(ArticleStatus to)
{
    return to == ArticleStatus::Ready || to == ArticleStatus::Scheduled ||
           to == ArticleStatus::Published;
}

void checkFields(const Article &a, QList<ReadinessIssue> &out)
{
    if (a.title.trimmed().isEmpty())
        out.append(issue("field.title", kError, tr("The article has no title."), -1, "title"));
    if (a.slug.trimmed().isEmpty())
        out.append(issue("field.slug", kError, tr("The article has no slug."), -1, "slug"));
    if (a.excerpt.trimmed().isEmpty())
        out.append(
            issue("field.excerpt", kError, tr("The article has no excerpt."), -1, "excerpt"));
    if (a.authorIds.isEmpty())
        out.append(issue("field.authors", kError, tr("The article has no author."), -1, "authors"));
}

void checkSchedule(const Article &a, const ReadinessContext &ctx, QList<ReadinessIssue> &out)
{
    const bool scheduling =
        ctx.target ? *ctx.target == ArticleStatus::Scheduled : a.status == ArticleStatus::Scheduled;
    if (!scheduling)
        return;
    const QDateTime now = ctx.now.isValid() ? ctx.now : QDateTime::currentDateTimeUtc();
    if (!a.scheduledAt.isValid())
        out.append(issue("schedule.time", kError,
                         tr("A scheduled article needs a publication time."), -1, "scheduledAt"));
    else if (a.scheduledAt <= now)
        out.append(issue("schedule.time", kError, tr("The publication time has already passed."),
                         -1, "scheduledAt"));
}

void checkDiagnostics(const ShortcodeDocument &doc, QList<ReadinessIssue> &out)
{
    for (const ShortcodeDiagnostic &d : doc.diagnostics()) {
        if (d.severity == ShortcodeDiagnostic::Severity::Error)
            out.append(issue("shortcode.error", kError,
                             tr("Line %1, column %2: %3").arg(d.line).arg(d.column).arg(d.message),
                             d.offset));
    }
}

void checkCaptions(const ShortcodeDocument &doc, const ReadinessContext &ctx,
                   QList<ReadinessIssue> &out)
{
    for (int i = 0; i < doc.captions().size(); ++i) {
        const Caption &c = doc.captions().at(i);
        const qsizetype at = c.range.begin;
        std::optional<Image> image;
        if (c.attachmentId > 0 && ctx.imageByAttachment)
            image = ctx.imageByAttachment(c.attachmentId);
        if (!image) {
            out.append(issue("caption.attachment", kError,
                             c.attachmentId > 0
                                 ? tr("The caption's image (attachment %1) is not in the library.")
                                       .arg(c.attachmentId)
                                 : tr("The caption names no image attachment."),
                             at));
        }
        const QString credit = c.credit.credit.trimmed();
        const QString libraryCredit = image ? image->creditLine.trimmed() : QString();
        if (credit.isEmpty()) {
            ReadinessIssue missing =
                issue("image.credit", kError, tr("The image has no credit line."), at);
            if (!libraryCredit.isEmpty()) {
                ReadinessFix fix;
                fix.kind = ReadinessFix::Kind::SetCaptionCredit;
                fix.captionIndex = i;
                fix.value = libraryCredit;
                fix.label = tr("Use the library's credit \u201c%1\u201d").arg(libraryCredit);
                missing.fixes.append(fix);
            }
            out.append(missing);
        } else if (!libraryCredit.isEmpty() && credit != libraryCredit) {
            ReadinessIssue mismatch = issue(
                "image.credit-mismatch", kWarning,
                tr("The caption credits \u201c%1\u201d but the library credits \u201c%2\u201d.")
                    .arg(credit, libraryCredit),
                at);
            ReadinessFix toCaption;
            toCaption.kind = ReadinessFix::Kind::SetCaptionCredit;
            toCaption.captionIndex = i;
            toCaption.value = libraryCredit;
            toCaption.label = tr("Credit \u201c%1\u201d in the caption").arg(libraryCredit);
            ReadinessFix toLibrary;
            toLibrary.kind = ReadinessFix::Kind::UpdateLibraryCredit;
            toLibrary.captionIndex = i;
            toLibrary.imageId = image->id;
            toLibrary.value = credit;
            toLibrary.label = tr("Credit \u201c%1\u201d in the library").arg(credit);
            mismatch.fixes = {toCaption, toLibrary};
            out.append(mismatch);
        }
        if (c.hasImage && c.imageAlt.trimmed().isEmpty()) {
            ReadinessIssue alt =
                issue("image.alt", kWarning, tr("The image has no alt text."), c.imageRange.begin);
            if (image && !image->altText.trimmed().isEmpty()) {
                ReadinessFix fix;
                fix.kind = ReadinessFix::Kind::SetImageAlt;
                fix.captionIndex = i;
                fix.value = image->altText.trimmed();
                fix.label = tr("Use the library's alt text");
                alt.fixes.append(fix);
            }
            out.append(alt);
        }
        if (image && image->width > 0 && c.width > image->width) {
            ReadinessIssue wide = issue("caption.width", kWarning,
                                        tr("The caption is %1 px wide but the image only %2 px.")
                                            .arg(c.width)
                                            .arg(image->width),
                                        at);
            ReadinessFix fix;
            fix.kind = ReadinessFix::Kind::SetCaptionWidth;
            fix.captionIndex = i;
            fix.width = image->width;
            fix.label = tr("Set the width to %1").arg(image->width);
            wide.fixes.append(fix);
            out.append(wide);
        }
    }
}

void checkRemoteImages(const QString &body, const QString &baseUrl, QList<ReadinessIssue> &out)
{
    static const QRegularExpression img(
        QStringLiteral("<img\\b[^>]*?\\ssrc\\s*=\\s*([\"']?)([^\"'\\s>]+)\\1"),
        QRegularExpression::CaseInsensitiveOption);
    const QUrl base = QUrl(baseUrl.trimmed());
    auto it = img.globalMatch(body);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QUrl src = QUrl(m.captured(2));
        const QString scheme = src.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            continue; // relative paths are the newsroom's own
        if (!base.host().isEmpty() && src.host().compare(base.host(), Qt::CaseInsensitive) == 0)
            continue;
        out.append(
            issue("image.remote", kError,
                  tr("The image %1 is loaded from another site; add it to the library instead.")
                      .arg(m.captured(2)),
                  m.capturedStart(2)));
    }
}

// The <img …> tag with its alt attribute set to value (added when absent).
QString withAlt(const QString &tag, const QString &value)
{
    static const QRegularExpression alt(
        QStringLiteral("\\salt\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]*)"),
        QRegularExpression::CaseInsensitiveOption);
    QString escaped = value.toHtmlEscaped();
    const QString attribute = QStringLiteral(" alt=\"%1\"").arg(escaped);
    QString out = tag;
    const QRegularExpressionMatch m = alt.match(out);
    if (m.hasMatch())
        return out.replace(m.capturedStart(), m.capturedLength(), attribute);
    return out.insert(4, attribute); // right after "<img"
}

} // namespace

QList<ReadinessIssue> Readiness::check(const Article &article, const ShortcodeDocument &doc,
                                       const ReadinessContext &context)
{
    QList<ReadinessIssue> out;
    checkFields(article, out);
    checkSchedule(article, context, out);
    checkDiagnostics(doc, out);
    checkCaptions(doc, context, out);
    checkRemoteImages(doc.source(), context.baseUrl, out);
    return out;
}

bool Readiness::hasErrors(const QList<ReadinessIssue> &issues)
{
    for (const ReadinessIssue &i : issues) {
        if (i.severity == ReadinessIssue::Severity::Error)
            return true;
    }
    return false;
}

bool Readiness::blocksStatus(const QList<ReadinessIssue> &issues, ArticleStatus to)
{
    return blocks(to) && hasErrors(issues);
}

QString Readiness::blockReason(const QList<ReadinessIssue> &issues, ArticleStatus to)
{
    if (!blocksStatus(issues, to))
        return {};
    QStringList messages;
    for (const ReadinessIssue &i : issues) {
        if (i.severity == ReadinessIssue::Severity::Error)
            messages.append(i.message);
    }
    return tr("The article cannot be %1 until these are fixed: %2")
        .arg(statusLabel(to).toLower(), messages.join(QLatin1Char(' ')));
}

Status Readiness::gate(const QList<ReadinessIssue> &issues, ArticleStatus to)
{
    if (!blocksStatus(issues, to))
        return {};
    return Status::failure(blockReason(issues, to));
}

std::function<Status(const Article &, ArticleStatus)> Readiness::gateFor(ReadinessContext context)
{
    return [context](const Article &article, ArticleStatus to) {
        ReadinessContext ctx = context;
        ctx.target = to;
        return gate(check(article, ShortcodeParser().parse(article.body), ctx), to);
    };
}

Result<QString> Readiness::applyToBody(const ShortcodeDocument &doc, const ReadinessFix &fix,
                                       CreditStyle creditStyle)
{
    using R = Result<QString>;
    if (!fix.changesBody())
        return R::failure(tr("This fix changes the library, not the article."));
    if (fix.captionIndex < 0 || fix.captionIndex >= doc.captions().size())
        return R::failure(tr("The caption this fix was for is gone; check again."));
    const Caption &c = doc.captions().at(fix.captionIndex);
    if (fix.kind == ReadinessFix::Kind::SetImageAlt) {
        if (!c.hasImage || !c.imageRange.isValid())
            return R::failure(tr("The caption holds no image."));
        const QString &body = doc.source();
        static const QRegularExpression img(QStringLiteral("<img\\b[^>]*>"),
                                            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = img.match(body, c.imageRange.begin);
        if (!m.hasMatch() || m.capturedEnd() > c.imageRange.end)
            return R::failure(tr("The caption holds no image."));
        QString out = body;
        return out.replace(m.capturedStart(), m.capturedLength(), withAlt(m.captured(), fix.value));
    }
    CaptionEdit edit;
    if (fix.kind == ReadinessFix::Kind::SetCaptionCredit) {
        edit.credit = fix.value;
        edit.creditStyle = creditStyle;
    } else {
        edit.width = fix.width;
    }
    bool ok = false;
    QString body = CaptionEditor::apply(doc, fix.captionIndex, edit, &ok);
    if (!ok)
        return R::failure(tr("This caption cannot take the change (it has no text)."));
    return body;
}

Result<Image> Readiness::applyToImage(const Image &image, const ReadinessFix &fix)
{
    using R = Result<Image>;
    if (fix.kind != ReadinessFix::Kind::UpdateLibraryCredit)
        return R::failure(tr("This fix changes the article, not the library."));
    if (fix.imageId != image.id)
        return R::failure(tr("This fix is for another image."));
    Image out = image;
    out.creditLine = fix.value;
    return out;
}

} // namespace byline
