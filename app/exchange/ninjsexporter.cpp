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
    const bool v3 = m_version == Version::V3_1;
    // The two versions name the same fields differently: lower case in 2.x, camelCase in 3.x.
    const auto key = [v3](const char *two, const char *three) { return QString::fromLatin1(v3 ? three : two); };
    ExportJob job(db, formatId(), request);
    // Association and permalink URIs use the WordPress ids, so they match a WXR export.
    // One document per article, each written as its article is read: the export holds one
    // body at a time however large the archive.
    if (Status s = job.load(true); !s)
        return R::failure(s.error());
    QHash<qint64, const Author *> authorOf;
    for (const Author &a : job.authors())
        authorOf.insert(a.id, &a);
    const QString site = job.site();

    if (Status s = job.stage({QStringLiteral("media")}); !s)
        return R::failure(s.error());
    const QString root = job.root();
    job.setTotal(job.articleCount());

    // A picture's association, written once with its file and reused by every article.
    QHash<qint64, QJsonObject> associationOf;
    const auto association = [&](const AttachmentRecord *r) -> Result<QJsonObject> {
        using A = Result<QJsonObject>;
        const auto found = associationOf.constFind(r->image.id);
        if (found != associationOf.cend())
            return *found;
        const Image &m = r->image;
        QJsonObject rendition{{QStringLiteral("name"), QStringLiteral("original")}};
        QString href = r->sourceUrl;
        if (r->hasBytes) {
            auto name = job.writeMediaFile(*r, QStringLiteral("media"));
            if (!name)
                return A::failure(name.error());
            href = site + QStringLiteral("/wp-content/uploads/") + *name;
            rendition.insert(key("sizeinbytes", "sizeInBytes"), QFileInfo(root + QStringLiteral("/media/") + *name).size());
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
    const Status written = job.forEachArticle([&](const ExportArticle &e, QByteArrayView body) -> Status {
        Article a = e.article;
        a.body = QString::fromUtf8(body);
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
        addPicture(job.imageById(a.featuredImageId));
        auto it = inBody.globalMatch(a.body);
        while (it.hasNext())
            addPicture(job.imageByWpId(it.next().captured(1).toLongLong()));
        QJsonArray associations;
        for (int i = 0; i < pictures.size(); ++i) {
            auto assoc = association(pictures.at(i));
            if (!assoc)
                return Status::failure(assoc.error());
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
        if (Status s = writeStagedFile(root + QLatin1Char('/') + name + QStringLiteral(".json"), QJsonDocument(doc).toJson()); !s)
            return s;
        if (!job.step())
            return Status::failure(ExportJob::cancelledMessage());
        return {};
    });
    if (!written)
        return R::failure(written.error());

    return job.finish(QString(), int(picturesWritten.size()));
}

} // namespace byline
