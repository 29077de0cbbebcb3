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
#include <QByteArrayMatcher>
#include <QSet>
#include <QTimeZone>

#include <cstdio>

namespace byline {

namespace {

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

const AttachmentRecord &deref(const AttachmentRecord &r)
{
    return r;
}
const AttachmentRecord &deref(const AttachmentRecord *r)
{
    return *r;
}

// Calls f with the WordPress id of every "wp-image-<digits>" and "attachment_<digits>" of a
// body (UTF-8), in order: what the regular expression (?:wp-image-|attachment_)(\d+) finds, by
// two skipping searches instead of a match attempt at every byte of every body. Both names
// are ASCII, so a match can never start or end inside a multi-byte character.
template <typename F>
void forEachImageReference(QByteArrayView body, F f)
{
    static const QByteArrayMatcher image("wp-image-"), attachment("attachment_");
    qsizetype nextImage = image.indexIn(body), nextAttachment = attachment.indexIn(body);
    while (nextImage >= 0 || nextAttachment >= 0) {
        const bool isImage = nextAttachment < 0 || (nextImage >= 0 && nextImage < nextAttachment);
        const qsizetype at = isImage ? nextImage : nextAttachment;
        qsizetype digits = at + (isImage ? image.pattern().size() : attachment.pattern().size());
        qsizetype end = digits;
        while (end < body.size() && body[end] >= '0' && body[end] <= '9')
            ++end;
        // A match ends after its digits; a name without digits is no match and the search goes
        // on from the next byte.
        const qsizetype from = end > digits ? end : at + 1;
        if (end > digits)
            f(body.sliced(digits, end - digits).toByteArray().toLongLong());
        if (nextImage >= 0 && nextImage < from)
            nextImage = image.indexIn(body, from);
        if (nextAttachment >= 0 && nextAttachment < from)
            nextAttachment = attachment.indexIn(body, from);
    }
}

// "yyyy-MM-dd HH:mm:ss" of seconds since the epoch, as WordPress writes its dates; the same
// text QDateTime::toString gives, without parsing the format for each of thousands of items.
QString wpDateTime(qint64 secs)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    const QDate d = t.date();
    const QTime c = t.time();
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", d.year(), d.month(), d.day(), c.hour(),
                                c.minute(), c.second());
    return QString::fromLatin1(text, n);
}

// QFileInfo(path).completeBaseName() without a file system object per item: the last path
// component up to its last dot.
QString completeBaseName(const QString &path)
{
    const QStringView name = QStringView(path).mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return (dot < 0 ? name : name.left(dot)).toString();
}

// The WXR document, written straight as UTF-8 into a buffer that goes to the file a megabyte
// at a time (between items, so a large export never sits in memory whole). WXR is a fixed
// shape of a few dozen element names, so the names are written as literal text: the prefixes
// wp:, content:, excerpt: and dc: are exactly those declared on <rss>, which WordPress's
// fallback parsers match literally. The layout is QXmlStreamWriter's auto-formatting with a
// one-space indent, which earlier versions wrote; a general writer's namespace and state
// bookkeeping cost several thousand instructions an element, most of the export's time.
class WxrWriter
{
public:
    explicit WxrWriter(const QString &path) : m_file(path) { m_out.reserve(kChunk + kChunk / 4); }
    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate); }
    QString errorString() const { return m_file.errorString(); }
    // False once a text held a character XML cannot carry (it is left out).
    bool valid() const { return m_valid; }

    // The declaration, a comment and <rss …>, whose children the rest are; closed by end().
    void begin(const char *prolog)
    {
        m_out.append(prolog);
        ++m_depth;
    }
    void end()
    {
        --m_depth;
        m_out.append("\n</rss>\n");
    }

    // <name> on a line of its own; children follow until end().
    void start(const char *name)
    {
        newline();
        m_out.append('<').append(name).append('>');
        ++m_depth;
    }
    void end(const char *name)
    {
        --m_depth;
        newline();
        m_out.append("</").append(name).append('>');
    }
    // <name>escaped text</name>
    void text(const char *name, QStringView value)
    {
        open(name);
        escaped(value, false);
        close(name);
    }
    // <name> with the text as CDATA.
    void cdata(const char *name, QStringView value)
    {
        open(name);
        cdataContent(value);
        close(name);
    }
    // <name> with UTF-8 text as CDATA, copied as it is.
    void cdataUtf8(const char *name, QByteArrayView value)
    {
        open(name);
        cdataContentUtf8(value);
        close(name);
    }
    // <name attr="value" …> with CDATA content, attributes as (name, value) pairs.
    void cdataWithAttributes(const char *name, std::initializer_list<std::pair<const char *, QStringView>> attributes,
                             QStringView value)
    {
        newline();
        m_out.append('<').append(name);
        for (const auto &[key, v] : attributes) {
            m_out.append(' ').append(key).append("=\"");
            escaped(v, true);
            m_out.append('"');
        }
        m_out.append('>');
        cdataContent(value);
        close(name);
    }
    // <name attr="value">escaped text</name>
    void textWithAttribute(const char *name, const char *key, QStringView attribute, QStringView value)
    {
        newline();
        m_out.append('<').append(name).append(' ').append(key).append("=\"");
        escaped(attribute, true);
        m_out.append("\">");
        escaped(value, false);
        close(name);
    }

    // Writes what has gathered once it is a chunk's worth (or always when `all`).
    bool flush(bool all = false)
    {
        if (!all && m_out.size() < kChunk)
            return true;
        const bool ok = m_file.write(m_out) == m_out.size();
        m_out.resize(0); // keeps the capacity for the next chunk
        return ok;
    }
    bool close()
    {
        const bool ok = flush(true) && m_file.flush();
        m_file.close();
        return ok;
    }

private:
    static constexpr qsizetype kChunk = 1 << 20;

    void newline()
    {
        m_out.append('\n');
        m_out.append(m_depth, ' ');
    }
    void open(const char *name)
    {
        newline();
        m_out.append('<').append(name).append('>');
    }
    void close(const char *name) { m_out.append("</").append(name).append('>'); }
    void utf8(QStringView text)
    {
        // A short ASCII text, most of what is not a body, goes without a conversion; a long
        // one is left to Qt's vectorised conversion.
        const qsizetype n = text.size();
        const char16_t *p = text.utf16();
        qsizetype i = 0;
        if (n <= 64) {
            while (i < n && p[i] < 0x80)
                ++i;
        }
        if (i == n) {
            const qsizetype at = m_out.size();
            m_out.resize(at + n);
            char *out = m_out.data() + at;
            for (qsizetype k = 0; k < n; ++k)
                out[k] = char(p[k]);
            return;
        }
        m_out.append(text.toUtf8());
    }

    // Text as QXmlStreamWriter escapes it: < > & " always, tab, line feed and carriage return
    // in attributes; the other control characters and U+FFFE/U+FFFF cannot be in XML at all.
    void escaped(QStringView text, bool attribute)
    {
        qsizetype clean = 0;
        const qsizetype n = text.size();
        while (clean < n && !special(text[clean].unicode(), attribute))
            ++clean;
        if (clean == n) {
            utf8(text);
            return;
        }
        QString out;
        out.reserve(n + 16);
        out.append(text.left(clean));
        for (qsizetype i = clean; i < n; ++i) {
            const char16_t c = text[i].unicode();
            switch (c) {
            case u'<':
                out.append(QLatin1String("&lt;"));
                break;
            case u'>':
                out.append(QLatin1String("&gt;"));
                break;
            case u'&':
                out.append(QLatin1String("&amp;"));
                break;
            case u'"':
                out.append(QLatin1String("&quot;"));
                break;
            case u'\t':
                out.append(attribute ? QLatin1String("&#9;") : QLatin1String("\t"));
                break;
            case u'\n':
                out.append(attribute ? QLatin1String("&#10;") : QLatin1String("\n"));
                break;
            case u'\r':
                out.append(attribute ? QLatin1String("&#13;") : QLatin1String("\r"));
                break;
            default:
                if (c < 0x20 || c == 0xFFFE || c == 0xFFFF)
                    m_valid = false;
                else
                    out.append(QChar(c));
            }
        }
        utf8(out);
    }
    static bool special(char16_t c, bool attribute)
    {
        if (c < 0x20)
            return attribute || (c != u'\t' && c != u'\n' && c != u'\r');
        return c == u'<' || c == u'>' || c == u'&' || c == u'"' || c >= 0xFFFE;
    }

    // "]]>" is split across two sections so no text can end a section early. Carriage returns
    // go out as character references between sections: inside CDATA every XML parser would
    // turn "\r\n" into "\n" and the body would change. The same for UTF-16 text and for UTF-8
    // bytes (all three characters are ASCII, so no multi-byte character is ever cut).
    void cdataContent(QStringView text) { cdataLines(text, u'\r'); }
    void cdataContentUtf8(QByteArrayView text) { cdataLines(text, '\r'); }
    template <typename View, typename Char>
    void cdataLines(View text, Char cr)
    {
        qsizetype from = 0;
        for (qsizetype at = text.indexOf(cr); at >= 0; at = text.indexOf(cr, from)) {
            if (at > from)
                cdataPieces(text.sliced(from, at - from));
            m_out.append("&#13;");
            from = at + 1;
        }
        if (from < text.size() || from == 0)
            cdataPieces(text.sliced(from));
    }
    // Where the next "]]>" starts, or -1: found by its first character, rare in text, which
    // a vectorised search finds fast.
    template <typename View>
    static qsizetype sectionEnd(View text, qsizetype from)
    {
        for (qsizetype at = text.indexOf(']', from); at >= 0 && at + 2 < text.size(); at = text.indexOf(']', at + 1)) {
            if (text[at + 1] == ']' && text[at + 2] == '>')
                return at;
        }
        return -1;
    }
    void append(QStringView text) { utf8(text); }
    void append(QByteArrayView text) { m_out.append(text); }
    template <typename View>
    void cdataPieces(View text)
    {
        qsizetype from = 0;
        for (qsizetype at = sectionEnd(text, 0); at >= 0; at = sectionEnd(text, from)) {
            // "…]]" closes this section, ">…" opens the next.
            m_out.append("<![CDATA[");
            append(text.sliced(from, at + 2 - from));
            m_out.append("]]>");
            from = at + 2;
        }
        m_out.append("<![CDATA[");
        append(text.sliced(from));
        m_out.append("]]>");
    }

    QFile m_file;
    QByteArray m_out;
    int m_depth = 0;
    bool m_valid = true;
};

void writeMeta(WxrWriter &w, QStringView key, QStringView value)
{
    w.start("wp:postmeta");
    w.cdata("wp:meta_key", key);
    w.cdata("wp:meta_value", value);
    w.end("wp:postmeta");
}

} // namespace

Result<ExportReport> WxrExporter::run(Database &db, const ExportRequest &request)
{
    using R = Result<ExportReport>;
    ExportJob job(db, formatId(), request);
    // Media first: the files are named now, so the XML can name them, and written by a
    // worker thread while the rest is read and the XML written here. A full export takes every
    // image, so its files are set going before the articles are even read; names do not
    // depend on the order (each begins with the image's own WordPress id).
    QHash<qint64, QString> fileOf; // image id → file name in media/
    const auto queueMedia = [&](const auto &records) -> Status {
        for (const auto &r : records) {
            const AttachmentRecord &record = deref(r);
            auto name = job.queueMediaFile(record, QStringLiteral("media"));
            if (!name)
                return Status::failure(name.error());
            if (!name->isEmpty())
                fileOf.insert(record.image.id, *name);
        }
        return {};
    };
    // Everything is written into a sibling staging folder first. Articles are read one at a
    // time as their items are written, so the export holds one body at a time, never all.
    const auto imagesRead = [&]() -> Status {
        if (Status s = job.stage({QStringLiteral("media")}); !s)
            return s;
        return job.everything() ? queueMedia(job.images()) : Status();
    };
    if (Status s = job.load(true, imagesRead); !s)
        return R::failure(s.error());
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

    // Which images go out: all of them for a full export, else those the articles use; the
    // articles' own come first, in the order they use them, as each article goes by.
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
    // Counted before: a full export takes every image; else the articles' images are known
    // only at the end, so the total grows by them then.
    job.setTotal(job.articleCount() + (job.everything() ? job.images().size() : 0));

    const QString xmlPath = job.root() + QStringLiteral("/export.xml");
    WxrWriter w(xmlPath);
    if (!w.open())
        return R::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, w.errorString()));
    const auto flushed = [&]() {
        return w.flush() ? Status() : Status::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, w.errorString()));
    };
    w.begin("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<!-- WordPress eXtended RSS written by Byline; import with Tools > Import > WordPress. -->\n"
          "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
          "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
          "xmlns:wp=\"http://wordpress.org/export/1.2/\">");
    w.start("channel");
    w.text("title", SettingsRepository(db).value(settingkeys::kNewsroomName).valueOr(QString()));
    w.text("link", site);
    w.text("description", {});
    w.text("pubDate", startedAt.toString(Qt::RFC2822Date));
    w.text("wp:wxr_version", u"1.2");
    w.text("wp:base_site_url", site);
    w.text("wp:base_blog_url", site);

    QHash<qint64, QString> loginOf;
    QJsonArray profiles;
    for (const Author &a : job.authors()) {
        loginOf.insert(a.id, a.slug);
        const WxrAuthorRecord n = names->value(a.id);
        w.start("wp:author");
        w.text("wp:author_id", QString::number(a.wpAuthorId > 0 ? a.wpAuthorId : a.id));
        w.cdata("wp:author_login", a.slug);
        w.cdata("wp:author_email", a.email);
        w.cdata("wp:author_display_name", a.displayName);
        w.cdata("wp:author_first_name", n.firstName);
        w.cdata("wp:author_last_name", n.lastName);
        w.end("wp:author");
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
        if (t.taxonomy == QLatin1String("category")) {
            w.start("wp:category");
            w.text("wp:term_id", QString::number(t.id));
            w.cdata("wp:category_nicename", t.slug);
            w.cdata("wp:category_parent", {});
            w.cdata("wp:cat_name", t.name);
            w.end("wp:category");
        } else {
            w.start("wp:tag");
            w.text("wp:term_id", QString::number(t.id));
            w.cdata("wp:tag_slug", t.slug);
            w.cdata("wp:tag_name", t.name);
            w.end("wp:tag");
        }
    }

    const bool utcZone = zone.id() == QByteArrayLiteral("UTC");
    const auto writeDates = [&](const QDateTime &utc) {
        if (!utc.isValid()) {
            w.cdata("wp:post_date", {});
            w.cdata("wp:post_date_gmt", u"0000-00-00 00:00:00");
            return;
        }
        const qint64 secs = utc.toSecsSinceEpoch();
        // Local time is the zone's offset at that instant away from UTC.
        const QString gmt = wpDateTime(secs);
        w.cdata("wp:post_date", utcZone ? gmt : wpDateTime(secs + zone.offsetFromUtc(utc)));
        w.cdata("wp:post_date_gmt", gmt);
    };

    const QString postGuid = site + QStringLiteral("/?p=");
    const Status written = job.forEachArticle([&](const ExportArticle &e, QByteArrayView body) -> Status {
        const Article &a = e.article;
        use(job.imageById(a.featuredImageId), a.wpPostId);
        forEachImageReference(body, [&](qint64 wpId) { use(job.imageByWpId(wpId), a.wpPostId); });
        const QDateTime date = articleDate(a);
        w.start("item");
        w.text("title", a.title);
        w.text("link", QString(site + QLatin1Char('/') + a.slug + QLatin1Char('/')));
        if (date.isValid())
            w.text("pubDate", date.toString(Qt::RFC2822Date));
        w.cdata("dc:creator", a.authorIds.isEmpty() ? QString() : loginOf.value(a.authorIds.first()));
        w.textWithAttribute("guid", "isPermaLink", u"false",
                            a.wpGuid.isEmpty() ? QString(postGuid + QString::number(a.wpPostId)) : a.wpGuid);
        w.text("description", {});
        w.cdataUtf8("content:encoded", body);
        w.cdata("excerpt:encoded", a.excerpt);
        w.text("wp:post_id", QString::number(a.wpPostId));
        writeDates(date);
        w.cdata("wp:comment_status", u"closed");
        w.cdata("wp:ping_status", u"closed");
        w.cdata("wp:post_name", a.slug);
        w.cdata("wp:status", wpStatus(a.status));
        w.text("wp:post_parent", u"0");
        w.text("wp:menu_order", u"0");
        w.cdata("wp:post_type", a.postType == PostType::Page ? u"page" : u"post");
        w.cdata("wp:post_password", {});
        w.text("wp:is_sticky", u"0");
        for (qint64 termId : e.termIds) {
            const TermRecord *t = termOf.value(termId);
            if (!t)
                continue;
            w.cdataWithAttributes("category", {{"domain", t->taxonomy}, {"nicename", t->slug}}, t->name);
        }
        if (const AttachmentRecord *featured = job.imageById(a.featuredImageId))
            writeMeta(w, u"_thumbnail_id", QString::number(featured->image.wpAttachmentId));
        w.end("item");
        if (Status s = flushed(); !s)
            return s;
        if (Status s = job.mediaStatus(); !s)
            return s;
        if (!job.step())
            return Status::failure(ExportJob::cancelledMessage());
        return {};
    });
    if (!written)
        return R::failure(written.error());
    if (job.everything()) {
        for (const AttachmentRecord &r : job.images())
            use(&r, 0);
    } else {
        job.setTotal(job.articleCount() + images.size());
        if (Status s = queueMedia(images); !s)
            return R::failure(s.error());
    }

    const QString uploads = site + QStringLiteral("/wp-content/uploads/");
    for (const AttachmentRecord *r : std::as_const(images)) {
        const Image &m = r->image;
        const QString file = fileOf.value(m.id);
        const QString url = file.isEmpty() ? r->sourceUrl : QString(uploads + file);
        QString caption = m.caption;
        if (!m.creditLine.isEmpty()) {
            const QString credit = QString(creditStyle).replace(QStringLiteral("{credit}"), m.creditLine);
            caption = caption.isEmpty() ? credit : QString(caption + QLatin1Char(' ') + credit);
        }
        w.start("item");
        w.text("title", m.title);
        w.text("link", url);
        w.cdata("dc:creator", {});
        w.textWithAttribute("guid", "isPermaLink", u"false", url);
        w.text("description", {});
        w.cdata("content:encoded", m.description);
        w.cdata("excerpt:encoded", caption);
        w.text("wp:post_id", QString::number(m.wpAttachmentId));
        writeDates(m.createdAt);
        w.cdata("wp:post_name", safeFileName(completeBaseName(file.isEmpty() ? m.title : file).toLower(),
                                             QStringLiteral("image-%1").arg(m.wpAttachmentId)));
        w.cdata("wp:status", u"inherit");
        w.text("wp:post_parent", QString::number(parentOf.value(m.id, r->parentWpPostId)));
        w.cdata("wp:post_type", u"attachment");
        w.cdata("wp:attachment_url", url);
        writeMeta(w, u"_wp_attached_file", file.isEmpty() ? r->attachedFile : file);
        if (!m.altText.isEmpty())
            writeMeta(w, u"_wp_attachment_image_alt", m.altText);
        w.end("item");
        if (Status s = flushed(); !s)
            return R::failure(s.error());
        if (!job.step())
            return R::failure(ExportJob::cancelledMessage());
    }

    w.end("channel");
    w.end();
    if (!w.valid())
        return R::failure(QStringLiteral("could not write the WXR document: a text holds a character XML cannot carry"));
    if (!w.close())
        return R::failure(QStringLiteral("could not write %1: %2").arg(xmlPath, w.errorString()));
    if (Status s = writeStagedFile(job.root() + QStringLiteral("/authors.json"),
                                   QJsonDocument(QJsonObject{{QStringLiteral("authors"), profiles}}).toJson());
        !s)
        return R::failure(s.error());
    return job.finish(QStringLiteral("export.xml"), int(images.size()));
}

} // namespace byline
