#include "demonewsroom.h"

#include "imageprobe.h"

#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "imagerepository.h"
#include "settingsrepository.h"
#include "transaction.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace byline {

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return f.readAll();
}

QDateTime offsetTime(const QDateTime &now, const QJsonValue &hours)
{
    if (!hours.isDouble())
        return {};
    return now.addSecs(qint64(hours.toDouble() * 3600.0));
}

} // namespace

Result<DemoNewsroom::Counts> DemoNewsroom::create(const QString &path)
{
    using R = Result<Counts>;
    const QFileInfo info(path);
    if (info.exists() && info.size() > 0)
        return R::failure(QStringLiteral("%1 already exists; the demo newsroom is only created in a new file").arg(path));
    auto db = Database::open(path);
    if (!db)
        return R::failure(db.error());
    auto counts = fill(**db);
    if (!counts) {
        db->reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
    }
    return counts;
}

Result<DemoNewsroom::Counts> DemoNewsroom::fill(Database &db, const QString &dir)
{
    using R = Result<Counts>;
    const auto json = readFile(dir + QStringLiteral("/newsroom.json"));
    if (!json)
        return R::failure(json.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*json, &parseError);
    if (doc.isNull())
        return R::failure(QStringLiteral("%1/newsroom.json, offset %2: %3")
                              .arg(dir)
                              .arg(parseError.offset)
                              .arg(parseError.errorString()));
    const QJsonObject root = doc.object();

    Transaction tx(db);
    if (!tx.isActive())
        return R::failure(tx.error());
    Counts counts;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);

    SettingsRepository settings(db);
    const QJsonObject newsroom = root.value(QLatin1String("newsroom")).toObject();
    const std::pair<const char *, QString> keys[] = {{"name", settingkeys::kNewsroomName},
                                                     {"timeZone", settingkeys::kTimeZone},
                                                     {"baseUrl", settingkeys::kBaseUrl},
                                                     {"creditStyle", settingkeys::kCreditStyle}};
    for (const auto &[jsonKey, settingKey] : keys) {
        const QString v = newsroom.value(QLatin1String(jsonKey)).toString();
        if (!v.isEmpty()) {
            if (Status s = settings.setValue(settingKey, v); !s)
                return R::failure(s.error());
        }
    }

    ImageRepository images(db);
    QHash<QString, qint64> imageByFile;
    for (const QJsonValue &v : root.value(QLatin1String("images")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString file = o.value(QLatin1String("file")).toString();
        const auto bytes = readFile(dir + QLatin1Char('/') + file);
        if (!bytes)
            return R::failure(bytes.error());
        const auto probe = ImageProbe::read(*bytes, file);
        if (!probe)
            return R::failure(probe.error());
        Image m;
        m.mimeType = probe->mimeType;
        m.width = probe->size.width();
        m.height = probe->size.height();
        m.originalFileName = QFileInfo(file).fileName();
        m.wpAttachmentId = o.value(QLatin1String("wpAttachmentId")).toInteger();
        m.title = o.value(QLatin1String("title")).toString();
        m.caption = o.value(QLatin1String("caption")).toString();
        m.description = o.value(QLatin1String("description")).toString();
        m.creditLine = o.value(QLatin1String("creditLine")).toString();
        m.creator = o.value(QLatin1String("creator")).toString();
        m.copyrightNotice = o.value(QLatin1String("copyrightNotice")).toString();
        m.altText = o.value(QLatin1String("altText")).toString();
        auto stored = images.store(*bytes, m);
        if (!stored)
            return R::failure(QStringLiteral("%1: %2").arg(file, stored.error()));
        imageByFile.insert(file, stored->id);
        ++counts.images;
    }

    AuthorRepository authors(db);
    QHash<QString, qint64> authorBySlug;
    for (const QJsonValue &v : root.value(QLatin1String("authors")).toArray()) {
        const QJsonObject o = v.toObject();
        Author a;
        a.slug = o.value(QLatin1String("slug")).toString();
        a.displayName = o.value(QLatin1String("displayName")).toString();
        a.roleLine = o.value(QLatin1String("roleLine")).toString();
        a.bio = o.value(QLatin1String("bio")).toString();
        a.email = o.value(QLatin1String("email")).toString();
        a.wpAuthorId = o.value(QLatin1String("wpAuthorId")).toInteger();
        a.avatarImageId = imageByFile.value(o.value(QLatin1String("avatar")).toString());
        for (const QJsonValue &l : o.value(QLatin1String("links")).toArray()) {
            const QJsonObject lo = l.toObject();
            a.links.append({lo.value(QLatin1String("label")).toString(), lo.value(QLatin1String("url")).toString()});
        }
        if (Status s = authors.insert(a); !s)
            return R::failure(QStringLiteral("author %1: %2").arg(a.slug, s.error()));
        authorBySlug.insert(a.slug, a.id);
        ++counts.authors;
    }

    ArticleRepository articles(db);
    for (const QJsonValue &v : root.value(QLatin1String("articles")).toArray()) {
        const QJsonObject o = v.toObject();
        Article a;
        a.title = o.value(QLatin1String("title")).toString();
        a.slug = o.value(QLatin1String("slug")).toString();
        a.excerpt = o.value(QLatin1String("excerpt")).toString();
        const QString bodyFile = o.value(QLatin1String("bodyFile")).toString();
        const auto body = readFile(dir + QLatin1Char('/') + bodyFile);
        if (!body)
            return R::failure(body.error());
        a.body = QString::fromUtf8(*body);
        const QString status = o.value(QLatin1String("status")).toString();
        const auto st = statusFromKey(status);
        if (!st)
            return R::failure(QStringLiteral("article %1: unknown status \"%2\"").arg(a.slug, status));
        a.status = *st;
        for (const QJsonValue &s : o.value(QLatin1String("authors")).toArray()) {
            const qint64 id = authorBySlug.value(s.toString());
            if (id == 0)
                return R::failure(QStringLiteral("article %1: unknown author \"%2\"").arg(a.slug, s.toString()));
            a.authorIds << id;
        }
        for (const QJsonValue &t : o.value(QLatin1String("tags")).toArray())
            a.tags << t.toString();
        a.createdAt = offsetTime(now, o.value(QLatin1String("createdOffsetHours")));
        a.updatedAt = offsetTime(now, o.value(QLatin1String("updatedOffsetHours")));
        a.publishedAt = offsetTime(now, o.value(QLatin1String("publishedOffsetHours")));
        a.scheduledAt = offsetTime(now, o.value(QLatin1String("scheduledOffsetHours")));
        a.embargoAt = offsetTime(now, o.value(QLatin1String("embargoOffsetHours")));
        a.wpPostId = o.value(QLatin1String("wpPostId")).toInteger();
        a.featuredImageId = imageByFile.value(o.value(QLatin1String("featuredImage")).toString());
        if (Status s = articles.insert(a, QStringLiteral("demo")); !s)
            return R::failure(QStringLiteral("article %1: %2").arg(a.slug, s.error()));
        ++counts.articles;
    }

    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return counts;
}

} // namespace byline
