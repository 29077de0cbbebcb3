#include "htmlexporter.h"

#include "authorrepository.h"
#include "database.h"
#include "imagemetadata.h"
#include "render/wpautop.h"
#include "settingsrepository.h"
#include "shortcode/captionrenderer.h"
#include "shortcode/shortcodeparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>
#include <vector>

namespace byline {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

Status saveText(const QString &path, const QString &text)
{
    return writeStagedFile(path, text.toUtf8());
}

QDateTime articleDate(const Article &a)
{
    if (a.publishedAt.isValid())
        return a.publishedAt;
    if (a.scheduledAt.isValid())
        return a.scheduledAt;
    return a.createdAt;
}

// Kept short on purpose: enough for the captions and renditions to look right offline.
const char kStyle[] = R"(body{font:17px/1.55 Georgia,serif;margin:0 auto;max-width:46rem;padding:1rem;color:#222}
header a{font:bold 1.1rem sans-serif;color:#222;text-decoration:none}
img{max-width:100%;height:auto}
figure{margin:1.5rem 0}
figcaption,.wp-caption-text,.credit,.meta{font:0.85rem sans-serif;color:#555}
.alignleft{float:left;margin-right:1rem}.alignright{float:right;margin-left:1rem}
.aligncenter{margin-left:auto;margin-right:auto}
ul.articles{list-style:none;padding:0}ul.articles li{margin:0 0 1rem}
)";

struct Rendition
{
    QString file; // relative to the bundle root
    int width = 0;
    int height = 0;
};

// What a page needs to show one picture of the library.
struct Picture
{
    const AttachmentRecord *record = nullptr;
    QList<Rendition> renditions; // widest first; empty when the bytes are missing or unreadable
};

} // namespace

Result<ExportReport> HtmlExporter::run(Database &db, const ExportRequest &request)
{
    using R = Result<ExportReport>;
    ExportJob job(db, formatId(), request);
    // Each article's page is written as the article is read, so the export holds one body at
    // a time; the index and author pages need only the articles' titles, dates and bylines.
    if (Status s = job.load(false); !s)
        return R::failure(s.error());
    const QList<Author> &authors = job.authors();

    QString newsroom = SettingsRepository(db).value(settingkeys::kNewsroomName).valueOr(QString()).trimmed();
    if (newsroom.isEmpty())
        newsroom = QStringLiteral("Newsroom");
    const QString creditStyle = job.creditStyle();
    const QTimeZone zone = job.timeZone();

    if (Status s = job.stage({QStringLiteral("articles"), QStringLiteral("authors"), QStringLiteral("media")}); !s)
        return R::failure(s.error());
    const QString root = job.root();
    // Every name below comes from safeFileName(); this is the second line of defence.
    const auto inside = [&job](const QString &relative) { return job.inside(relative); };

    // Unique, slug-based page names: the authors' before any page is written so bylines can
    // link them, each article's as it comes (in id order, so the same names every time).
    QSet<QString> usedNames;
    const auto uniqueName = [&usedNames](const QString &folder, const QString &wanted) {
        QString name = wanted;
        for (int n = 2; usedNames.contains(folder + name.toLower()); ++n)
            name = wanted + QLatin1Char('-') + QString::number(n);
        usedNames.insert(folder + name.toLower());
        return QString(name + QStringLiteral(".html"));
    };
    QHash<qint64, QString> articlePage, authorPage;
    QHash<qint64, const Author *> authorOf;
    for (const Author &a : authors) {
        authorOf.insert(a.id, &a);
        authorPage.insert(a.id, QStringLiteral("authors/")
                                    + uniqueName(QStringLiteral("p/"), safeFileName(a.slug, QStringLiteral("author-%1").arg(a.id))));
    }

    job.setTotal(job.articleCount() + authors.size() + 1);
    const auto step = [&job]() { return job.step(); };
    const QString cancelled = ExportJob::cancelledMessage();

    // Renditions are made the first time a picture is used and shared by every page after.
    std::vector<std::unique_ptr<Picture>> pictureStore; // stable addresses while the hash grows
    QHash<qint64, const Picture *> pictures;
    int pictureCount = 0;
    const auto picture = [&](const AttachmentRecord *r) -> Result<const Picture *> {
        using P = Result<const Picture *>;
        if (!r)
            return static_cast<const Picture *>(nullptr);
        const auto found = pictures.constFind(r->image.id);
        if (found != pictures.cend())
            return *found;
        pictureStore.push_back(std::make_unique<Picture>());
        Picture &p = *pictureStore.back();
        p.record = r;
        if (r->hasBytes) {
            auto bytes = job.repo().imageBytes(r->image.id);
            if (!bytes)
                return P::failure(bytes.error());
            QImage original;
            if (original.loadFromData(*bytes) && original.width() > 0) {
                original = original.convertToFormat(QImage::Format_RGB32);
                const QString stem = QFileInfo(safeFileName(r->image.originalFileName, QStringLiteral("image"))).completeBaseName();
                for (int want : renditionWidths()) {
                    const int width = std::min(want, original.width());
                    if (!p.renditions.isEmpty() && p.renditions.last().width == width)
                        continue; // a small original gives one rendition, not two equal ones
                    const QImage scaled = width == original.width() ? original
                                                                    : original.scaledToWidth(width, Qt::SmoothTransformation);
                    Rendition out;
                    out.file = QStringLiteral("media/%1-%2-%3.jpg").arg(r->image.id).arg(safeFileName(stem, QStringLiteral("image"))).arg(width);
                    out.width = scaled.width();
                    out.height = scaled.height();
                    const QString path = inside(out.file);
                    if (path.isEmpty())
                        return P::failure(QStringLiteral("refusing to write %1 outside the export").arg(out.file));
                    QImageWriter writer(path, "jpeg");
                    writer.setQuality(85);
                    if (!writer.write(scaled))
                        return P::failure(QStringLiteral("could not write %1: %2").arg(path, writer.errorString()));
                    // The rendition leaves the newsroom on its own: the credits go inside it.
                    if (Status s = ImageMetadata::write(path, ImageMetadata::of(r->image)); !s)
                        return P::failure(s.error());
                    p.renditions << out;
                }
                ++pictureCount;
            }
        }
        pictures.insert(r->image.id, &p);
        return static_cast<const Picture *>(&p);
    };
    // src, srcset, sizes and the intrinsic size of the widest rendition, for an <img> on a
    // page one folder below the root.
    const auto imageAttributes = [](const Picture &p) {
        const Rendition &wide = p.renditions.first();
        QStringList set;
        for (auto it = p.renditions.crbegin(); it != p.renditions.crend(); ++it)
            set << QStringLiteral("../%1 %2w").arg(esc(it->file)).arg(it->width);
        return QStringLiteral(" src=\"../%1\" srcset=\"%2\" sizes=\"(max-width: %3px) 100vw, %3px\" width=\"%3\" height=\"%4\"")
            .arg(esc(wide.file), set.join(QStringLiteral(", ")))
            .arg(wide.width)
            .arg(wide.height);
    };

    const auto page = [&](const QString &lang, const QString &title, const QString &prefix, const QString &body) {
        return QString(QStringLiteral("<!DOCTYPE html>\n<html lang=\"") + esc(lang) + QStringLiteral("\">\n<head>\n<meta charset=\"utf-8\">\n")
                       + QStringLiteral("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>") + esc(title)
                       + QStringLiteral("</title>\n<link rel=\"stylesheet\" href=\"") + prefix + QStringLiteral("style.css\">\n</head>\n<body>\n")
                       + QStringLiteral("<header><a href=\"") + prefix + QStringLiteral("index.html\">") + esc(newsroom)
                       + QStringLiteral("</a></header>\n<main>\n") + body + QStringLiteral("</main>\n</body>\n</html>\n"));
    };
    const auto dateHtml = [&](const QDateTime &utc) {
        if (!utc.isValid())
            return QString();
        const QDateTime local = utc.toTimeZone(zone);
        return QString(QStringLiteral("<time datetime=\"") + local.toString(Qt::ISODate) + QStringLiteral("\">")
                       + esc(local.toString(QStringLiteral("yyyy-MM-dd HH:mm"))) + QStringLiteral("</time>"));
    };
    const auto bylineHtml = [&](const Article &a, const QString &prefix) {
        QStringList names;
        for (qint64 id : a.authorIds) {
            if (const Author *au = authorOf.value(id))
                names << QStringLiteral("<a href=\"%1%2\">%3</a>").arg(prefix, esc(authorPage.value(id)), esc(au->displayName));
        }
        return names.join(QStringLiteral(", "));
    };

    static const QRegularExpression imgTag(QStringLiteral("<img\\b[^>]*>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression wpImage(QStringLiteral("\\bwp-image-(\\d+)\\b"));
    static const QRegularExpression sizing(QStringLiteral("\\s(?:src|srcset|sizes|width|height)\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+)"),
                                           QRegularExpression::CaseInsensitiveOption);

    QList<Article> listed; // without their bodies
    listed.reserve(job.articleCount());
    const Status written = job.forEachArticle([&](const ExportArticle &e, QByteArrayView stored) -> Status {
        listed << e.article;
        Article a = e.article;
        a.body = QString::fromUtf8(stored);
        const QString base = safeFileName(a.slug, QStringLiteral("article-%1").arg(a.id));
        articlePage.insert(a.id, QStringLiteral("articles/") + uniqueName(QStringLiteral("a/"), base));
        const QString body = renderedBody(a.body);
        // Pictures of the library point at their local renditions instead of the web site.
        QString rewritten;
        qsizetype last = 0;
        auto it = imgTag.globalMatch(body);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const QRegularExpressionMatch id = wpImage.match(m.captured(0));
            if (!id.hasMatch())
                continue;
            auto p = picture(job.imageByWpId(id.captured(1).toLongLong()));
            if (!p)
                return Status::failure(p.error());
            if (!*p || (*p)->renditions.isEmpty())
                continue;
            QString tag = m.captured(0);
            tag.remove(sizing);
            tag.insert(4, imageAttributes(**p));
            rewritten += QStringView(body).mid(last, m.capturedStart() - last);
            rewritten += tag;
            last = m.capturedEnd();
        }
        rewritten += QStringView(body).mid(last);

        QString html = QStringLiteral("<article>\n<h1>") + esc(a.title) + QStringLiteral("</h1>\n<p class=\"meta\">");
        const QString byline = bylineHtml(a, QStringLiteral("../"));
        if (!byline.isEmpty())
            html += QStringLiteral("By ") + byline + QStringLiteral(" · ");
        html += dateHtml(articleDate(a)) + QStringLiteral("</p>\n");
        auto featured = picture(job.imageById(a.featuredImageId));
        if (!featured)
            return Status::failure(featured.error());
        if (*featured && !(*featured)->renditions.isEmpty()) {
            const Image &img = (*featured)->record->image;
            html += QStringLiteral("<figure class=\"featured\"><img") + imageAttributes(**featured) + QStringLiteral(" alt=\"")
                    + esc(img.altText) + QStringLiteral("\">");
            QString caption = esc(img.caption);
            if (!img.creditLine.isEmpty()) {
                const QString credit = QString(creditStyle).replace(QStringLiteral("{credit}"), img.creditLine);
                caption += QStringLiteral(" <span class=\"credit\">") + esc(credit) + QStringLiteral("</span>");
            }
            if (!caption.trimmed().isEmpty())
                html += QStringLiteral("<figcaption>") + caption.trimmed() + QStringLiteral("</figcaption>");
            html += QStringLiteral("</figure>\n");
        }
        html += QStringLiteral("<div class=\"entry-content\">\n") + rewritten + QStringLiteral("\n</div>\n</article>\n");
        const QString path = inside(articlePage.value(a.id));
        if (path.isEmpty())
            return Status::failure(QStringLiteral("refusing to write a page outside the export"));
        if (Status s = saveText(path, page(articleLanguage(a), QString(a.title + QStringLiteral(" – ") + newsroom), QStringLiteral("../"), html)); !s)
            return s;
        if (!step())
            return Status::failure(cancelled);
        return {};
    });
    if (!written)
        return R::failure(written.error());

    // Newest first, as a front page lists them.
    QList<const Article *> ordered;
    for (const Article &a : std::as_const(listed))
        ordered << &a;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Article *x, const Article *y) { return articleDate(*x) > articleDate(*y); });

    for (const Author &au : authors) {
        QString html = QStringLiteral("<section class=\"author\">\n<h1>") + esc(au.displayName) + QStringLiteral("</h1>\n");
        auto avatar = picture(job.imageById(au.avatarImageId));
        if (!avatar)
            return R::failure(avatar.error());
        if (*avatar && !(*avatar)->renditions.isEmpty())
            html += QStringLiteral("<img class=\"avatar\"") + imageAttributes(**avatar) + QStringLiteral(" alt=\"") + esc(au.displayName)
                    + QStringLiteral("\">\n");
        if (!au.roleLine.isEmpty())
            html += QStringLiteral("<p class=\"role\">") + esc(au.roleLine) + QStringLiteral("</p>\n");
        if (!au.bio.isEmpty())
            html += QStringLiteral("<div class=\"bio\">") + wpautop(esc(au.bio)) + QStringLiteral("</div>\n");
        QStringList links;
        for (const AuthorLink &l : au.links) {
            // Only web links: a javascript: or file: address has no place on a profile.
            if (l.url.startsWith(QLatin1String("https://")) || l.url.startsWith(QLatin1String("http://")))
                links << QStringLiteral("<li><a href=\"%1\" rel=\"me\">%2</a></li>").arg(esc(l.url), esc(l.label.isEmpty() ? l.url : l.label));
        }
        if (!links.isEmpty())
            html += QStringLiteral("<ul class=\"links\">") + links.join(QString()) + QStringLiteral("</ul>\n");
        html += QStringLiteral("<h2>Articles</h2>\n<ul class=\"articles\">\n");
        for (const Article *a : std::as_const(ordered)) {
            if (a->authorIds.contains(au.id))
                html += QStringLiteral("<li><a href=\"../%1\">%2</a> %3</li>\n").arg(esc(articlePage.value(a->id)), esc(a->title), dateHtml(articleDate(*a)));
        }
        html += QStringLiteral("</ul>\n</section>\n");
        const QString path = inside(authorPage.value(au.id));
        if (path.isEmpty())
            return R::failure(QStringLiteral("refusing to write a page outside the export"));
        if (Status s = saveText(path, page(QStringLiteral("en"), QString(au.displayName + QStringLiteral(" – ") + newsroom), QStringLiteral("../"), html)); !s)
            return R::failure(s.error());
        if (!step())
            return R::failure(cancelled);
    }

    QString index = QStringLiteral("<h1>") + esc(newsroom) + QStringLiteral("</h1>\n<ul class=\"articles\">\n");
    for (const Article *a : std::as_const(ordered)) {
        index += QStringLiteral("<li><a href=\"%1\">%2</a><br><span class=\"meta\">").arg(esc(articlePage.value(a->id)), esc(a->title));
        const QString byline = bylineHtml(*a, QString());
        if (!byline.isEmpty())
            index += byline + QStringLiteral(" · ");
        index += dateHtml(articleDate(*a)) + QStringLiteral("</span></li>\n");
    }
    index += QStringLiteral("</ul>\n<h2>Authors</h2>\n<ul>\n");
    for (const Author &au : authors)
        index += QStringLiteral("<li><a href=\"%1\">%2</a></li>\n").arg(esc(authorPage.value(au.id)), esc(au.displayName));
    index += QStringLiteral("</ul>\n");
    if (Status s = saveText(root + QStringLiteral("/index.html"), page(QStringLiteral("en"), newsroom, QString(), index)); !s)
        return R::failure(s.error());
    if (Status s = saveText(root + QStringLiteral("/style.css"), QString::fromUtf8(kStyle)); !s)
        return R::failure(s.error());
    if (!step())
        return R::failure(cancelled);

    return job.finish(QStringLiteral("index.html"), pictureCount);
}

QString renderedBody(const QString &body)
{
    // the_content's order: wpautop, shortcode_unautop, then the caption shortcode.
    const QString html = shortcodeUnautop(wpautop(body), {QStringLiteral("caption"), QStringLiteral("wp_caption")});
    return CaptionRenderer::renderBody(ShortcodeParser().parse(html), CaptionRenderer::Markup::Html5);
}

// Which language a text is in, as far as the newsroom's three go: Kazakh has letters Russian
// lacks, Russian is Cyrillic without them, everything else is taken for English.
QString articleLanguage(const Article &article)
{
    static const QString kazakh = QStringLiteral("әғқңөұүһіӘҒҚҢӨҰҮҺІ");
    bool cyrillic = false;
    for (const QString *text : {&article.title, &article.body}) {
        for (const QChar c : *text) {
            if (kazakh.contains(c))
                return QStringLiteral("kk");
            if (c.unicode() >= 0x0400 && c.unicode() <= 0x04FF)
                cyrillic = true;
        }
    }
    return cyrillic ? QStringLiteral("ru") : QStringLiteral("en");
}

} // namespace byline
