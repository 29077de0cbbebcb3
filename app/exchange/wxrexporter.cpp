#include "wxrexporter.h"

#include "authorrepository.h"
#include "database.h"
#include "imagemetadata.h"
#include "settingsrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QXmlStreamWriter>

namespace byline {

namespace {

// The prefixes are part of the format: WordPress's fallback parsers match them literally.
const QString kWp = QStringLiteral("http://wordpress.org/export/1.2/");
const QString kExcerpt = QStringLiteral("http://wordpress.org/export/1.2/excerpt/");
const QString kContent = QStringLiteral("http://purl.org/rss/1.0/modules/content/");
const QString kDc = QStringLiteral("http://purl.org/dc/elements/1.1/");

QString wpStatus(ArticleStatus s)
{
    switch (s) {
    case ArticleStatus::Published:
        return QStringLiteral("publish");
    case ArticleStatus::Scheduled:
        return QStringLiteral("future");
    case ArticleStatus::Ready:
        return QStringLiteral("pending");
    case ArticleStatus::Spiked:
        return QStringLiteral("trash");
    case ArticleStatus::Draft:
    case ArticleStatus::InEdit:
        break;
    }
    return QStringLiteral("draft");
}

QDateTime articleDate(const Article &a)
{
    if (a.status == ArticleStatus::Scheduled && a.scheduledAt.isValid())
        return a.scheduledAt;
    if (a.publishedAt.isValid())
        return a.publishedAt;
    return a.createdAt;
}

// CDATA pieces of one text: "]]>" is split across two sections so no text can end a
// section early.
void writeCDataPieces(QXmlStreamWriter &w, const QString &text)
{
    if (!text.contains(QLatin1String("]]>"))) {
        w.writeCDATA(text);
        return;
    }
    const QStringList parts = text.split(QStringLiteral("]]>"));
    for (int i = 0; i < parts.size(); ++i) {
        QString part = parts.at(i);
        if (i > 0)
            part.prepend(QLatin1Char('>'));
        if (i + 1 < parts.size())
            part.append(QLatin1String("]]"));
        w.writeCDATA(part);
    }
}

// Writes text as CDATA. Carriage returns go out as character references between sections:
// inside CDATA every XML parser would turn "\r\n" into "\n" and the body would change.
void writeCData(QXmlStreamWriter &w, const QString &ns, const QString &name, const QString &text)
{
    w.writeStartElement(ns, name);
    if (!text.contains(QLatin1Char('\r'))) {
        writeCDataPieces(w, text);
    } else {
        const QStringList lines = text.split(QLatin1Char('\r'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                w.writeEntityReference(QStringLiteral("#13")); // QXmlStreamWriter leaves a bare CR as is
            if (!lines.at(i).isEmpty())
                writeCDataPieces(w, lines.at(i));
        }
    }
    w.writeEndElement();
}

// The document is built in a QString, the writer's cheapest sink (no encoder call and device
// write per token), and goes to the file as UTF-8 one chunk at a time, so a large export never
// sits in memory whole. Chunks end between elements, never inside a character.
class ChunkedXmlFile
{
public:
    explicit ChunkedXmlFile(const QString &path) : m_file(path) { m_text.reserve(kChunk + kChunk / 4); }
    QString *text() { return &m_text; }
    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate); }
    // Writes what has gathered once it is a chunk's worth (or always when `all`).
    bool flush(bool all = false)
    {
        if (!all && m_text.size() < kChunk)
            return true;
        const QByteArray bytes = m_text.toUtf8();
        m_text.resize(0); // keeps the capacity for the next chunk
        return m_file.write(bytes) == bytes.size();
    }
    bool close()
    {
        const bool ok = flush(true) && m_file.flush();
        m_file.close();
        return ok;
    }
    QString errorString() const { return m_file.errorString(); }

private:
    static constexpr qsizetype kChunk = 1 << 20;
    QFile m_file;
    QString m_text;
};

void writeMeta(QXmlStreamWriter &w, const QString &key, const QString &value)
{
    w.writeStartElement(kWp, QStringLiteral("postmeta"));
    writeCData(w, kWp, QStringLiteral("meta_key"), key);
    writeCData(w, kWp, QStringLiteral("meta_value"), value);
    w.writeEndElement();
}

} // namespace

Result<ExportReport> WxrExporter::run(Database &db, const ExportRequest &request)
{
    using R = Result<ExportReport>;
    ExportJob job(db, formatId(), request);
    if (Status s = job.load(true); !s)
        return R::failure(s.error());
    const QList<ExportArticle> &articles = job.articles();
    const QString site = job.site();
    const QString creditStyle = job.creditStyle();
    const QTimeZone zone = job.timeZone();
    const QDateTime startedAt = job.startedAt();
    auto names = job.repo().wpAuthorNames();
    if (!names)
        return R::failure(names.error());
    auto terms = job.repo().terms();
    if (!terms)
        return R::failure(terms.error());

    // Which images go out: all of them for a full export, else those the articles use.
    QHash<qint64, qint64> parentOf; // image id → WordPress id of the first article using it
    QList<const AttachmentRecord *> images;
    QSet<qint64> taken;
    const auto use = [&](const AttachmentRecord *r, qint64 parentWpId) {
        if (!r)
            return;
        if (parentWpId > 0 && !parentOf.contains(r->image.id))
            parentOf.insert(r->image.id, parentWpId);
        if (!taken.contains(r->image.id)) {
            taken.insert(r->image.id);
            images << r;
        }
    };
    static const QRegularExpression inBody(QStringLiteral("(?:wp-image-|attachment_)(\\d+)"));
    for (const ExportArticle &e : articles) {
        use(job.imageById(e.article.featuredImageId), e.article.wpPostId);
        auto it = inBody.globalMatch(e.article.body);
        while (it.hasNext())
            use(job.imageByWpId(it.next().captured(1).toLongLong()), e.article.wpPostId);
    }
    if (job.everything()) {
        for (const AttachmentRecord &r : job.images())
            use(&r, 0);
    }

    // Everything is written into a sibling staging folder first.
    if (Status s = job.stage({QStringLiteral("media")}); !s)
        return R::failure(s.error());
    job.setTotal(articles.size() + images.size());

    // Media first: the files are named now, so the XML can name them, and written by a
    // worker thread while the XML is written here.
    QHash<qint64, QString> fileOf; // image id → file name in media/
    for (const AttachmentRecord *r : std::as_const(images)) {
        auto name = job.queueMediaFile(*r, QStringLiteral("media"));
        if (!name)
            return R::failure(name.error());
        if (!name->isEmpty())
            fileOf.insert(r->image.id, *name);
    }

    const QString xmlPath = job.root() + QStringLiteral("/export.xml");
    ChunkedXmlFile xml(xmlPath);
    if (!xml.open())
        return R::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, xml.errorString()));
    const auto flushed = [&]() {
        return xml.flush() ? Status() : Status::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, xml.errorString()));
    };
    QXmlStreamWriter w(xml.text());
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(1);
    // Written by hand: on a string the writer would leave out the encoding.
    xml.text()->append(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    w.writeComment(QStringLiteral(" WordPress eXtended RSS written by Byline; import with Tools > Import > WordPress. "));
    w.writeStartElement(QStringLiteral("rss"));
    w.writeAttribute(QStringLiteral("version"), QStringLiteral("2.0"));
    w.writeNamespace(kExcerpt, QStringLiteral("excerpt"));
    w.writeNamespace(kContent, QStringLiteral("content"));
    w.writeNamespace(kDc, QStringLiteral("dc"));
    w.writeNamespace(kWp, QStringLiteral("wp"));
    w.writeStartElement(QStringLiteral("channel"));
    w.writeTextElement(QStringLiteral("title"), SettingsRepository(db).value(settingkeys::kNewsroomName).valueOr(QString()));
    w.writeTextElement(QStringLiteral("link"), site);
    w.writeTextElement(QStringLiteral("description"), QString());
    w.writeTextElement(QStringLiteral("pubDate"), startedAt.toString(Qt::RFC2822Date));
    w.writeTextElement(kWp, QStringLiteral("wxr_version"), QStringLiteral("1.2"));
    w.writeTextElement(kWp, QStringLiteral("base_site_url"), site);
    w.writeTextElement(kWp, QStringLiteral("base_blog_url"), site);

    QHash<qint64, QString> loginOf;
    QJsonArray profiles;
    for (const Author &a : job.authors()) {
        loginOf.insert(a.id, a.slug);
        const WxrAuthorRecord n = names->value(a.id);
        w.writeStartElement(kWp, QStringLiteral("author"));
        w.writeTextElement(kWp, QStringLiteral("author_id"), QString::number(a.wpAuthorId > 0 ? a.wpAuthorId : a.id));
        writeCData(w, kWp, QStringLiteral("author_login"), a.slug);
        writeCData(w, kWp, QStringLiteral("author_email"), a.email);
        writeCData(w, kWp, QStringLiteral("author_display_name"), a.displayName);
        writeCData(w, kWp, QStringLiteral("author_first_name"), n.firstName);
        writeCData(w, kWp, QStringLiteral("author_last_name"), n.lastName);
        w.writeEndElement();
        QJsonArray links;
        for (const AuthorLink &l : a.links)
            links.append(QJsonObject{{QStringLiteral("label"), l.label}, {QStringLiteral("url"), l.url}});
        QJsonObject p{{QStringLiteral("login"), a.slug},
                      {QStringLiteral("displayName"), a.displayName},
                      {QStringLiteral("role"), a.roleLine},
                      {QStringLiteral("bio"), a.bio},
                      {QStringLiteral("email"), a.email},
                      {QStringLiteral("links"), links}};
        if (const AttachmentRecord *avatar = job.imageById(a.avatarImageId))
            p.insert(QStringLiteral("avatarAttachmentId"), avatar->image.wpAttachmentId);
        profiles.append(p);
    }

    QHash<qint64, const TermRecord *> termOf;
    for (const TermRecord &t : std::as_const(*terms)) {
        termOf.insert(t.id, &t);
        const bool category = t.taxonomy == QLatin1String("category");
        w.writeStartElement(kWp, category ? QStringLiteral("category") : QStringLiteral("tag"));
        w.writeTextElement(kWp, QStringLiteral("term_id"), QString::number(t.id));
        if (category) {
            writeCData(w, kWp, QStringLiteral("category_nicename"), t.slug);
            writeCData(w, kWp, QStringLiteral("category_parent"), QString());
            writeCData(w, kWp, QStringLiteral("cat_name"), t.name);
        } else {
            writeCData(w, kWp, QStringLiteral("tag_slug"), t.slug);
            writeCData(w, kWp, QStringLiteral("tag_name"), t.name);
        }
        w.writeEndElement();
    }

    const auto writeDates = [&](const QDateTime &utc) {
        const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
        writeCData(w, kWp, QStringLiteral("post_date"), utc.isValid() ? utc.toTimeZone(zone).toString(format) : QString());
        writeCData(w, kWp, QStringLiteral("post_date_gmt"),
                   utc.isValid() ? utc.toUTC().toString(format) : QStringLiteral("0000-00-00 00:00:00"));
    };

    for (const ExportArticle &e : articles) {
        const Article &a = e.article;
        const QDateTime date = articleDate(a);
        w.writeStartElement(QStringLiteral("item"));
        w.writeTextElement(QStringLiteral("title"), a.title);
        w.writeTextElement(QStringLiteral("link"), site + QLatin1Char('/') + a.slug + QLatin1Char('/'));
        if (date.isValid())
            w.writeTextElement(QStringLiteral("pubDate"), date.toString(Qt::RFC2822Date));
        writeCData(w, kDc, QStringLiteral("creator"), a.authorIds.isEmpty() ? QString() : loginOf.value(a.authorIds.first()));
        w.writeStartElement(QStringLiteral("guid"));
        w.writeAttribute(QStringLiteral("isPermaLink"), QStringLiteral("false"));
        w.writeCharacters(a.wpGuid.isEmpty() ? site + QStringLiteral("/?p=") + QString::number(a.wpPostId) : a.wpGuid);
        w.writeEndElement();
        w.writeTextElement(QStringLiteral("description"), QString());
        writeCData(w, kContent, QStringLiteral("encoded"), a.body);
        writeCData(w, kExcerpt, QStringLiteral("encoded"), a.excerpt);
        w.writeTextElement(kWp, QStringLiteral("post_id"), QString::number(a.wpPostId));
        writeDates(date);
        writeCData(w, kWp, QStringLiteral("comment_status"), QStringLiteral("closed"));
        writeCData(w, kWp, QStringLiteral("ping_status"), QStringLiteral("closed"));
        writeCData(w, kWp, QStringLiteral("post_name"), a.slug);
        writeCData(w, kWp, QStringLiteral("status"), wpStatus(a.status));
        w.writeTextElement(kWp, QStringLiteral("post_parent"), QStringLiteral("0"));
        w.writeTextElement(kWp, QStringLiteral("menu_order"), QStringLiteral("0"));
        writeCData(w, kWp, QStringLiteral("post_type"), a.postType == PostType::Page ? QStringLiteral("page") : QStringLiteral("post"));
        writeCData(w, kWp, QStringLiteral("post_password"), QString());
        w.writeTextElement(kWp, QStringLiteral("is_sticky"), QStringLiteral("0"));
        for (qint64 termId : e.termIds) {
            const TermRecord *t = termOf.value(termId);
            if (!t)
                continue;
            w.writeStartElement(QStringLiteral("category"));
            w.writeAttribute(QStringLiteral("domain"), t->taxonomy);
            w.writeAttribute(QStringLiteral("nicename"), t->slug);
            w.writeCDATA(t->name);
            w.writeEndElement();
        }
        if (const AttachmentRecord *featured = job.imageById(a.featuredImageId))
            writeMeta(w, QStringLiteral("_thumbnail_id"), QString::number(featured->image.wpAttachmentId));
        w.writeEndElement();
        if (Status s = flushed(); !s)
            return R::failure(s.error());
        if (Status s = job.mediaStatus(); !s)
            return R::failure(s.error());
        if (!job.step())
            return R::failure(ExportJob::cancelledMessage());
    }

    for (const AttachmentRecord *r : std::as_const(images)) {
        const Image &m = r->image;
        const QString file = fileOf.value(m.id);
        const QString url = file.isEmpty() ? r->sourceUrl : site + QStringLiteral("/wp-content/uploads/") + file;
        QString caption = m.caption;
        if (!m.creditLine.isEmpty()) {
            const QString credit = QString(creditStyle).replace(QStringLiteral("{credit}"), m.creditLine);
            caption = caption.isEmpty() ? credit : QString(caption + QLatin1Char(' ') + credit);
        }
        w.writeStartElement(QStringLiteral("item"));
        w.writeTextElement(QStringLiteral("title"), m.title);
        w.writeTextElement(QStringLiteral("link"), url);
        writeCData(w, kDc, QStringLiteral("creator"), QString());
        w.writeStartElement(QStringLiteral("guid"));
        w.writeAttribute(QStringLiteral("isPermaLink"), QStringLiteral("false"));
        w.writeCharacters(url);
        w.writeEndElement();
        w.writeTextElement(QStringLiteral("description"), QString());
        writeCData(w, kContent, QStringLiteral("encoded"), m.description);
        writeCData(w, kExcerpt, QStringLiteral("encoded"), caption);
        w.writeTextElement(kWp, QStringLiteral("post_id"), QString::number(m.wpAttachmentId));
        writeDates(m.createdAt);
        writeCData(w, kWp, QStringLiteral("post_name"), safeFileName(QFileInfo(file.isEmpty() ? m.title : file).completeBaseName().toLower(),
                                                                     QStringLiteral("image-%1").arg(m.wpAttachmentId)));
        writeCData(w, kWp, QStringLiteral("status"), QStringLiteral("inherit"));
        w.writeTextElement(kWp, QStringLiteral("post_parent"), QString::number(parentOf.value(m.id, r->parentWpPostId)));
        writeCData(w, kWp, QStringLiteral("post_type"), QStringLiteral("attachment"));
        writeCData(w, kWp, QStringLiteral("attachment_url"), url);
        writeMeta(w, QStringLiteral("_wp_attached_file"), file.isEmpty() ? r->attachedFile : file);
        if (!m.altText.isEmpty())
            writeMeta(w, QStringLiteral("_wp_attachment_image_alt"), m.altText);
        w.writeEndElement();
        if (Status s = flushed(); !s)
            return R::failure(s.error());
        if (!job.step())
            return R::failure(ExportJob::cancelledMessage());
    }

    w.writeEndElement(); // channel
    w.writeEndElement(); // rss
    w.writeEndDocument();
    if (w.hasError())
        return R::failure(QStringLiteral("could not write the WXR document"));

    if (!xml.close())
        return R::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, xml.errorString()));
    if (Status s = writeStagedFile(job.root() + QStringLiteral("/authors.json"),
                                   QJsonDocument(QJsonObject{{QStringLiteral("authors"), profiles}}).toJson());
        !s)
        return R::failure(s.error());
    return job.finish(QStringLiteral("export.xml"), int(images.size()));
}

} // namespace byline
