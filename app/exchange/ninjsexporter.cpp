#include "ninjsexporter.h"

#include "authorrepository.h"
#include "database.h"
#include "htmlexporter.h"
#include "imagemetadata.h"
#include "settingsrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QUrl>

namespace byline {

namespace {

// A plain write: the whole staging folder is swapped in only when complete, so a per-file
// QSaveFile (a temporary inode and an fdatasync for each of thousands of files) buys nothing.
Status saveFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush())
        return Status::failure(QStringLiteral("could not write %1: %2").arg(path, f.errorString()));
    return {};
}

QString utc(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString pubStatus(ArticleStatus s)
{
    switch (s) {
    case ArticleStatus::Published:
    case ArticleStatus::Scheduled:
        return QStringLiteral("usable");
    case ArticleStatus::Spiked:
        return QStringLiteral("canceled");
    case ArticleStatus::Draft:
    case ArticleStatus::InEdit:
    case ArticleStatus::Ready:
        break;
    }
    return QStringLiteral("withheld");
}

} // namespace

QString NinjsExporter::formatId() const
{
    return m_version == Version::V2_2 ? QStringLiteral("ninjs") : QStringLiteral("ninjs3");
}

QString NinjsExporter::displayName() const
{
    return m_version == Version::V2_2 ? QStringLiteral("IPTC ninjs 2.2") : QStringLiteral("IPTC ninjs 3.1");
}

Result<ExportReport> NinjsExporter::run(Database &db, const ExportRequest &request)
{
    using R = Result<ExportReport>;
    if (request.outputDir.isEmpty())
        return R::failure(QStringLiteral("no output folder given"));
    const bool v3 = m_version == Version::V3_1;
    // The two versions name the same fields differently: lower case in 2.x, camelCase in 3.x.
    const auto key = [v3](const char *two, const char *three) { return QString::fromLatin1(v3 ? three : two); };
    const QDateTime startedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    ExchangeRepository repo(db);
    SettingsRepository settings(db);

    ExportSelection selection = request.selection;
    if (request.onlyChangedSinceLastExport) {
        auto last = repo.lastExport(formatId());
        if (!last)
            return R::failure(last.error());
        selection.changedSince = *last;
    }
    // Association and permalink URIs use the WordPress ids, so they match a WXR export.
    if (Status s = repo.assignWordPressIds(); !s)
        return R::failure(s.error());
    auto articles = repo.articlesForExport(selection);
    if (!articles)
        return R::failure(articles.error());
    auto authors = AuthorRepository(db).all();
    if (!authors)
        return R::failure(authors.error());
    auto allImages = repo.attachments(nullptr);
    if (!allImages)
        return R::failure(allImages.error());
    QHash<qint64, const AttachmentRecord *> byId, byWpId;
    for (const AttachmentRecord &r : std::as_const(*allImages)) {
        byId.insert(r.image.id, &r);
        if (r.image.wpAttachmentId > 0)
            byWpId.insert(r.image.wpAttachmentId, &r);
    }
    QHash<qint64, const Author *> authorOf;
    for (const Author &a : std::as_const(*authors))
        authorOf.insert(a.id, &a);

    QString site = settings.value(settingkeys::kBaseUrl).valueOr(QString()).trimmed();
    while (site.endsWith(QLatin1Char('/')))
        site.chop(1);
    if (site.isEmpty())
        site = QStringLiteral("https://example.invalid"); // reserved: never a real site

    const QFileInfo target(request.outputDir);
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return R::failure(QStringLiteral("could not create %1").arg(parent));
    QTemporaryDir staging(parent + QStringLiteral("/.") + target.fileName() + QStringLiteral(".partial-XXXXXX"));
    if (!staging.isValid())
        return R::failure(QStringLiteral("could not create a staging folder in %1: %2").arg(parent, staging.errorString()));
    const QString root = staging.path();
    const QString mediaDir = root + QStringLiteral("/media");
    if (!QDir().mkpath(mediaDir))
        return R::failure(QStringLiteral("could not create %1").arg(mediaDir));

    const qint64 total = articles->size();
    qint64 done = 0;
    const QString cancelled = QStringLiteral("the export was cancelled; the previous export is unchanged");

    // A picture's association, written once with its file and reused by every article.
    QHash<qint64, QJsonObject> associationOf;
    QSet<QString> usedMedia;
    const auto association = [&](const AttachmentRecord *r) -> Result<QJsonObject> {
        using A = Result<QJsonObject>;
        const auto found = associationOf.constFind(r->image.id);
        if (found != associationOf.cend())
            return *found;
        const Image &m = r->image;
        QJsonObject rendition{{QStringLiteral("name"), QStringLiteral("original")}};
        QString href = r->sourceUrl;
        if (r->hasBytes) {
            const QString wanted = safeFileName(m.originalFileName.isEmpty() ? r->attachedFile : m.originalFileName, QStringLiteral("image"));
            QString name = QStringLiteral("%1-%2").arg(m.wpAttachmentId).arg(wanted);
            for (int n = 2; usedMedia.contains(name); ++n)
                name = QStringLiteral("%1-%2-%3").arg(m.wpAttachmentId).arg(n).arg(wanted);
            usedMedia.insert(name);
            auto bytes = repo.imageBytes(m.id);
            if (!bytes)
                return A::failure(bytes.error());
            const QString path = mediaDir + QLatin1Char('/') + name;
            if (Status s = saveFile(path, *bytes); !s)
                return A::failure(s.error());
            if (bytes->startsWith("\xFF\xD8\xFF")) {
                ImageMetadata meta;
                meta.credit = m.creditLine;
                meta.creator = m.creator;
                meta.copyright = m.copyrightNotice;
                meta.caption = m.caption;
                meta.altText = m.altText;
                if (Status s = ImageMetadata::write(path, meta); !s)
                    return A::failure(s.error());
            }
            href = site + QStringLiteral("/wp-content/uploads/") + name;
            rendition.insert(key("sizeinbytes", "sizeInBytes"), QFileInfo(path).size());
        }
        if (!href.isEmpty())
            rendition.insert(QStringLiteral("href"), href);
        if (!m.mimeType.isEmpty())
            rendition.insert(key("contenttype", "contentType"), m.mimeType);
        if (m.width > 0 && m.height > 0) {
            rendition.insert(QStringLiteral("width"), m.width);
            rendition.insert(QStringLiteral("height"), m.height);
        }
        QJsonObject a{{QStringLiteral("uri"), QString(site + QStringLiteral("/?attachment_id=") + QString::number(m.wpAttachmentId))},
                      {QStringLiteral("type"), QStringLiteral("picture")},
                      {QStringLiteral("renditions"), QJsonArray{rendition}}};
        if (!m.title.isEmpty())
            a.insert(QStringLiteral("headlines"), QJsonArray{QJsonObject{{QStringLiteral("value"), m.title}}});
        QJsonArray descriptions;
        const auto describe = [&](const char *role, const QString &text) {
            if (!text.isEmpty())
                descriptions.append(QJsonObject{{QStringLiteral("role"), QString::fromLatin1(role)}, {QStringLiteral("value"), text}});
        };
        describe("caption", m.caption);
        describe("alt", m.altText);
        describe("creditline", m.creditLine);
        if (!descriptions.isEmpty())
            a.insert(QStringLiteral("descriptions"), descriptions);
        if (!m.creator.isEmpty())
            a.insert(QStringLiteral("by"), m.creator);
        if (!m.copyrightNotice.isEmpty())
            a.insert(key("copyrightnotice", "copyrightNotice"), m.copyrightNotice);
        associationOf.insert(m.id, a);
        return a;
    };

    static const QRegularExpression inBody(QStringLiteral("\\bwp-image-(\\d+)\\b"));
    QSet<QString> usedNames;
    QSet<qint64> picturesWritten;
    for (const ExportArticle &e : std::as_const(*articles)) {
        const Article &a = e.article;
        const QDateTime published = a.publishedAt.isValid() ? a.publishedAt : a.createdAt;
        QJsonObject doc{
            {QStringLiteral("uri"), QString(site + QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(a.slug)) + QLatin1Char('/'))},
            {QStringLiteral("version"), QString::number(a.rowVersion)},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("language"), articleLanguage(a)},
            {key("pubstatus", "pubStatus"), pubStatus(a.status)},
            {QStringLiteral("headlines"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("main")}, {QStringLiteral("value"), a.title}}}},
            {QStringLiteral("bodies"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("main")},
                                                              {key("contenttype", "contentType"), QStringLiteral("text/html")},
                                                              {QStringLiteral("value"), renderedBody(a.body)}}}},
            {QStringLiteral("standard"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ninjs")},
                                                     {QStringLiteral("version"), v3 ? QStringLiteral("3.1") : QStringLiteral("2.2")},
                                                     {QStringLiteral("schema"), v3 ? QStringLiteral("http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json")
                                                                                   : QStringLiteral("http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json")}}},
        };
        if (a.createdAt.isValid()) {
            doc.insert(key("firstcreated", "firstCreated"), utc(a.createdAt));
            doc.insert(key("contentcreated", "contentCreated"), utc(published));
        }
        if (a.updatedAt.isValid())
            doc.insert(key("versioncreated", "versionCreated"), utc(a.updatedAt));
        if (a.embargoAt.isValid())
            doc.insert(key("embargoed", "embargoedUntil"), utc(a.embargoAt));
        if (!a.excerpt.isEmpty())
            doc.insert(QStringLiteral("descriptions"),
                       QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("summary")}, {QStringLiteral("value"), a.excerpt}}});
        QStringList names;
        QJsonArray people;
        for (qint64 id : a.authorIds) {
            const Author *au = authorOf.value(id);
            if (!au)
                continue;
            names << au->displayName;
            people.append(QJsonObject{{QStringLiteral("name"), au->displayName},
                                      {QStringLiteral("rel"), QStringLiteral("author")},
                                      {QStringLiteral("literal"), au->slug},
                                      {QStringLiteral("uri"), QString(site + QStringLiteral("/author/")
                                                                      + QString::fromUtf8(QUrl::toPercentEncoding(au->slug)) + QLatin1Char('/'))}});
        }
        if (!names.isEmpty()) {
            doc.insert(QStringLiteral("by"), names.join(QStringLiteral(", ")));
            doc.insert(QStringLiteral("people"), people);
        }

        QList<const AttachmentRecord *> pictures;
        const auto addPicture = [&pictures](const AttachmentRecord *r) {
            if (r && !pictures.contains(r))
                pictures << r;
        };
        addPicture(byId.value(a.featuredImageId));
        auto it = inBody.globalMatch(a.body);
        while (it.hasNext())
            addPicture(byWpId.value(it.next().captured(1).toLongLong()));
        QJsonArray associations;
        for (int i = 0; i < pictures.size(); ++i) {
            auto assoc = association(pictures.at(i));
            if (!assoc)
                return R::failure(assoc.error());
            QJsonObject one = *assoc;
            const bool featured = i == 0 && pictures.at(i)->image.id == a.featuredImageId;
            one.insert(QStringLiteral("name"), featured ? QStringLiteral("featureimage") : QStringLiteral("picture%1").arg(i));
            if (v3 && featured)
                one.insert(QStringLiteral("rel"), QStringLiteral("featured"));
            associations.append(one);
            picturesWritten.insert(pictures.at(i)->image.id);
        }
        if (!associations.isEmpty())
            doc.insert(QStringLiteral("associations"), associations);

        QString name = safeFileName(a.slug, QStringLiteral("article-%1").arg(a.id));
        const QString base = name;
        for (int n = 2; usedNames.contains(name.toLower()); ++n)
            name = base + QLatin1Char('-') + QString::number(n);
        usedNames.insert(name.toLower());
        if (Status s = saveFile(root + QLatin1Char('/') + name + QStringLiteral(".json"), QJsonDocument(doc).toJson()); !s)
            return R::failure(s.error());
        if (request.progress && !request.progress(++done, total))
            return R::failure(cancelled);
    }

    staging.setAutoRemove(false);
    if (Status s = replaceFolder(root, target.absoluteFilePath()); !s) {
        QDir(root).removeRecursively();
        return R::failure(s.error());
    }
    if (Status s = repo.logExport(formatId(), target.absoluteFilePath(), startedAt, int(articles->size()), int(picturesWritten.size()));
        !s)
        return R::failure(s.error());

    ExportReport report;
    report.format = formatId();
    report.outputDir = target.absoluteFilePath();
    report.mainFile = report.outputDir;
    report.articles = int(articles->size());
    report.images = int(picturesWritten.size());
    report.authors = int(authors->size());
    return report;
}

} // namespace byline
