#include "wxrimporter.h"

#include "database.h"
#include "exchangerepository.h"
#include "imageprobe.h"
#include "searchtext.h"
#include "settingsrepository.h"
#include "transaction.h"

#include "domain/slug.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QTimeZone>
#include <QUrl>
#include <QWaitCondition>
#include <QXmlStreamReader>

#include <deque>
#include <memory>
#include <optional>

namespace byline {

namespace {

// The namespaces WXR uses, recognised by URI (never by prefix): WordPress has written them
// with http and https and with export versions 1.0 to 1.2.
enum class Ns { None, Wp, Excerpt, Content, Dc, Other };

Ns classifyUri(QStringView uri)
{
    if (uri.isEmpty())
        return Ns::None;
    static const QRegularExpression wp(QStringLiteral("^https?://wordpress\\.org/export/1\\.\\d+/?$"));
    static const QRegularExpression excerpt(QStringLiteral("^https?://wordpress\\.org/export/1\\.\\d+/excerpt/?$"));
    static const QRegularExpression content(QStringLiteral("^https?://purl\\.org/rss/1\\.0/modules/content/?$"));
    static const QRegularExpression dc(QStringLiteral("^https?://purl\\.org/dc/elements/1\\.1/?$"));
    if (wp.match(uri).hasMatch())
        return Ns::Wp;
    if (excerpt.match(uri).hasMatch())
        return Ns::Excerpt;
    if (content.match(uri).hasMatch())
        return Ns::Content;
    if (dc.match(uri).hasMatch())
        return Ns::Dc;
    return Ns::Other;
}

// Namespaces are few and elements many, so each URI is matched once.
Ns classify(QStringView uri)
{
    static thread_local QString lastUri;
    static thread_local Ns lastNs = Ns::None;
    static thread_local QHash<QString, Ns> cache;
    if (uri.isEmpty())
        return Ns::None;
    if (uri == lastUri)
        return lastNs;
    auto it = cache.constFind(uri.toString());
    if (it == cache.constEnd())
        it = cache.insert(uri.toString(), classifyUri(uri));
    lastUri = uri.toString();
    lastNs = *it;
    return lastNs;
}

QString normaliseLogin(const QString &login)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z0-9][a-z0-9_.-]*$"));
    const QString lower = login.trimmed().toLower();
    if (plain.match(lower).hasMatch())
        return lower;
    return slugify(login);
}

// WordPress stores non-ASCII slugs percent-encoded; ours are transliterated ASCII.
QString articleSlugFrom(const QString &postName, const QString &title, qint64 wpPostId)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    const QString decoded = QUrl::fromPercentEncoding(postName.trimmed().toUtf8());
    QString slug = plain.match(decoded).hasMatch() ? decoded : slugify(decoded);
    if (slug.isEmpty())
        slug = slugify(title);
    if (slug.isEmpty())
        slug = QStringLiteral("post-%1").arg(wpPostId);
    return slug;
}

struct Meta
{
    QString key;
    QString value;
};

struct Item
{
    QString title;
    QString guid;
    QString creator;
    QString content;
    QString excerpt;
    QString postName;
    QString status;
    QString postType;
    QString postDate;
    QString postDateGmt;
    QString attachmentUrl;
    qint64 postId = 0;
    qint64 parentId = 0;
    QList<std::pair<QString, QString>> terms; // (taxonomy, nicename) in order
    QHash<QString, QString> termNames;        // nicename → name
    QList<Meta> meta;
    // Posts and pages: the body's search text and figures, worked out by the parser so the
    // writer does not have to.
    std::optional<SearchText::Derived> derived;

    QString metaValue(const QString &key) const
    {
        for (const Meta &m : meta) {
            if (m.key == key)
                return m.value;
        }
        return {};
    }
};

// One thing the file says, in file order, handed from the parser to the writer.
struct Entry
{
    enum class Kind { Author, Term, Item };
    Kind kind = Kind::Item;
    WxrAuthorRecord author; // Author: as the file gives it; the slug is derived by the writer
    QString login;          // Author
    QString termKind;       // Term: "category", "tag" or "term"
    QString taxonomy;       // Term: as declared, or implied by the kind
    QString slug;           // Term
    QString name;           // Term
    Item item;              // Item
    qint64 position = 0;    // bytes of the file read by the time it was complete
};

// Reading the XML and writing the database each take a core, so they run side by side: the
// parser on a thread of its own hands entries over in batches, the writer stores them in
// order. The queue is bounded, so a slow writer holds the parser back rather than the whole
// file piling up in memory.
class EntryQueue
{
public:
    static constexpr int kBatchSize = 64;
    static constexpr int kMaxBatches = 8;

    // Parser: false once the writer has stopped.
    bool push(QList<Entry> &&batch)
    {
        QMutexLocker lock(&m_mutex);
        while (!m_stopped && m_batches.size() >= kMaxBatches)
            m_changed.wait(&m_mutex);
        if (m_stopped)
            return false;
        m_batches.push_back(std::move(batch));
        m_changed.wakeAll();
        return true;
    }
    // Parser: no more entries; how the parse ended and the WXR version it found.
    void finish(const Status &status, const QString &version)
    {
        QMutexLocker lock(&m_mutex);
        m_finished = true;
        m_status = status;
        m_version = version;
        m_changed.wakeAll();
    }
    // Writer: the next batch, or false when the parser has finished and all were taken.
    bool pop(QList<Entry> &batch)
    {
        QMutexLocker lock(&m_mutex);
        while (m_batches.empty() && !m_finished)
            m_changed.wait(&m_mutex);
        if (m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_changed.wakeAll();
        return true;
    }
    // Writer: it takes nothing more; the parser stops at its next hand-over.
    void stop()
    {
        QMutexLocker lock(&m_mutex);
        m_stopped = true;
        m_changed.wakeAll();
    }
    Status status() const
    {
        QMutexLocker lock(&m_mutex);
        return m_status;
    }
    QString version() const
    {
        QMutexLocker lock(&m_mutex);
        return m_version;
    }

private:
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<QList<Entry>> m_batches;
    bool m_finished = false;
    bool m_stopped = false;
    Status m_status;
    QString m_version;
};

// Reads the WXR structure and hands over what it holds; writes nothing. Runs on its own
// thread, with the device to itself.
class Parser
{
public:
    Parser(QIODevice &device, EntryQueue &queue) : m_xml(&device), m_device(device), m_queue(queue) {}

    void run()
    {
        Status status = parse();
        if (status && !m_batch.isEmpty() && !m_queue.push(std::move(m_batch)))
            status = Status::failure(QStringLiteral("stopped"));
        m_queue.finish(status, m_version);
    }

private:
    QString where() const
    {
        return QStringLiteral("line %1, column %2").arg(m_xml.lineNumber()).arg(m_xml.columnNumber());
    }
    Status notWxr(const QString &why) const
    {
        return Status::failure(QStringLiteral("does not appear to be a WXR file: %1").arg(why));
    }
    Status requireVersion()
    {
        if (!m_version.isEmpty())
            return {};
        return notWxr(QStringLiteral("content at %1 comes before any valid wp:wxr_version").arg(where()));
    }
    bool isWp(const char *name) const
    {
        return classify(m_xml.namespaceUri()) == Ns::Wp && m_xml.name() == QLatin1String(name);
    }
    // Text of the current element; CDATA sections and character data joined exactly.
    QString text() { return m_xml.readElementText(QXmlStreamReader::IncludeChildElements); }
    // Queues an entry; false when the writer has stopped and parsing should end.
    bool hand(Entry &&entry)
    {
        entry.position = m_device.pos();
        m_batch.append(std::move(entry));
        if (m_batch.size() < EntryQueue::kBatchSize)
            return true;
        QList<Entry> full;
        full.reserve(EntryQueue::kBatchSize);
        std::swap(full, m_batch);
        return m_queue.push(std::move(full));
    }
    Status stopped() const { return Status::failure(QStringLiteral("stopped")); }

    Status parse();
    Status readChannel();
    Status readAuthor();
    Status readTerm(const QString &kind);
    Status readItem();

    QXmlStreamReader m_xml;
    QIODevice &m_device;
    EntryQueue &m_queue;
    QString m_version;
    QList<Entry> m_batch;
};

Status Parser::parse()
{
    bool sawRss = false;
    while (!m_xml.atEnd()) {
        if (m_xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (m_xml.name() == QLatin1String("rss") && m_xml.namespaceUri().isEmpty()) {
            sawRss = true;
            continue;
        }
        if (sawRss && m_xml.name() == QLatin1String("channel") && m_xml.namespaceUri().isEmpty()) {
            if (Status s = readChannel(); !s)
                return s;
            continue;
        }
        if (!sawRss)
            return notWxr(QStringLiteral("the root element at %1 is <%2>, not <rss>")
                              .arg(where(), m_xml.qualifiedName().toString()));
        m_xml.skipCurrentElement();
    }
    if (m_xml.hasError())
        return Status::failure(QStringLiteral("not well-formed XML at %1: %2").arg(where(), m_xml.errorString()));
    if (m_version.isEmpty())
        return notWxr(QStringLiteral("it has no valid wp:wxr_version"));
    return {};
}

Status Parser::readChannel()
{
    static const QRegularExpression version(QStringLiteral("^1\\.\\d+$"));
    while (m_xml.readNextStartElement()) {
        if (isWp("wxr_version")) {
            const QString where = this->where();
            const QString v = text().trimmed();
            if (!version.match(v).hasMatch())
                return notWxr(QStringLiteral("wp:wxr_version \"%1\" at %2 is not a WXR version").arg(v, where));
            m_version = v;
        } else if (isWp("author")) {
            if (Status s = requireVersion(); !s)
                return s;
            if (Status s = readAuthor(); !s)
                return s;
        } else if (isWp("category") || isWp("tag") || isWp("term")) {
            if (Status s = requireVersion(); !s)
                return s;
            if (Status s = readTerm(m_xml.name().toString()); !s)
                return s;
        } else if (m_xml.name() == QLatin1String("item") && m_xml.namespaceUri().isEmpty()) {
            if (Status s = requireVersion(); !s)
                return s;
            if (Status s = readItem(); !s)
                return s;
        } else {
            m_xml.skipCurrentElement();
        }
    }
    if (m_xml.hasError())
        return Status::failure(QStringLiteral("not well-formed XML at %1: %2").arg(where(), m_xml.errorString()));
    return {};
}

Status Parser::readAuthor()
{
    Entry e;
    e.kind = Entry::Kind::Author;
    WxrAuthorRecord &a = e.author;
    while (m_xml.readNextStartElement()) {
        if (classify(m_xml.namespaceUri()) != Ns::Wp) {
            m_xml.skipCurrentElement();
            continue;
        }
        const QStringView n = m_xml.name();
        if (n == QLatin1String("author_id"))
            a.wpAuthorId = text().trimmed().toLongLong();
        else if (n == QLatin1String("author_login"))
            e.login = text().trimmed();
        else if (n == QLatin1String("author_email"))
            a.email = text().trimmed();
        else if (n == QLatin1String("author_display_name"))
            a.displayName = text();
        else if (n == QLatin1String("author_first_name"))
            a.firstName = text();
        else if (n == QLatin1String("author_last_name"))
            a.lastName = text();
        else
            m_xml.skipCurrentElement();
    }
    if (m_xml.hasError())
        return Status::failure(QStringLiteral("not well-formed XML at %1: %2").arg(where(), m_xml.errorString()));
    if (e.login.isEmpty())
        return {}; // an author nobody can be credited as
    return hand(std::move(e)) ? Status() : stopped();
}

Status Parser::readTerm(const QString &kind)
{
    Entry e;
    e.kind = Entry::Kind::Term;
    e.termKind = kind;
    e.taxonomy = kind == QLatin1String("tag")        ? QStringLiteral("post_tag")
                 : kind == QLatin1String("category") ? QStringLiteral("category")
                                                     : QString();
    while (m_xml.readNextStartElement()) {
        if (classify(m_xml.namespaceUri()) != Ns::Wp) {
            m_xml.skipCurrentElement();
            continue;
        }
        const QStringView n = m_xml.name();
        if (n == QLatin1String("category_nicename") || n == QLatin1String("tag_slug") || n == QLatin1String("term_slug"))
            e.slug = text().trimmed();
        else if (n == QLatin1String("cat_name") || n == QLatin1String("tag_name") || n == QLatin1String("term_name"))
            e.name = text();
        else if (n == QLatin1String("term_taxonomy"))
            e.taxonomy = text().trimmed();
        else
            m_xml.skipCurrentElement();
    }
    if (m_xml.hasError())
        return Status::failure(QStringLiteral("not well-formed XML at %1: %2").arg(where(), m_xml.errorString()));
    return hand(std::move(e)) ? Status() : stopped();
}

Status Parser::readItem()
{
    Entry e;
    e.kind = Entry::Kind::Item;
    Item &item = e.item;
    bool haveId = false, haveType = false, haveStatus = false, haveName = false, haveParent = false;
    while (m_xml.readNextStartElement()) {
        const Ns ns = classify(m_xml.namespaceUri());
        const QStringView n = m_xml.name();
        // The first element of each kind counts: a later one in another prefix that happens to
        // share the namespace must not overwrite it.
        if (ns == Ns::None && n == QLatin1String("title")) {
            item.title = text();
        } else if (ns == Ns::None && n == QLatin1String("guid")) {
            item.guid = text().trimmed();
        } else if (ns == Ns::None && n == QLatin1String("category")) {
            const auto attrs = m_xml.attributes();
            const QString domain = attrs.value(QLatin1String("domain")).toString();
            const QString nicename = attrs.value(QLatin1String("nicename")).toString();
            const QString name = text();
            const QString taxonomy = domain == QLatin1String("tag") ? QStringLiteral("post_tag")
                                     : domain.isEmpty()             ? QStringLiteral("category")
                                                                    : domain;
            const QString slug = nicename.isEmpty() ? slugify(name) : nicename;
            if (!slug.isEmpty()) {
                item.terms.append({taxonomy, slug});
                item.termNames.insert(taxonomy + QLatin1Char('/') + slug, name);
            }
        } else if (ns == Ns::Dc && n == QLatin1String("creator")) {
            item.creator = text().trimmed();
        } else if (ns == Ns::Content && n == QLatin1String("encoded")) {
            item.content = text();
        } else if (ns == Ns::Excerpt && n == QLatin1String("encoded")) {
            item.excerpt = text();
        } else if (ns == Ns::Wp && n == QLatin1String("post_id") && !haveId) {
            item.postId = text().trimmed().toLongLong();
            haveId = item.postId > 0;
        } else if (ns == Ns::Wp && n == QLatin1String("post_type") && !haveType) {
            item.postType = text().trimmed();
            haveType = true;
        } else if (ns == Ns::Wp && n == QLatin1String("status") && !haveStatus) {
            item.status = text().trimmed();
            haveStatus = true;
        } else if (ns == Ns::Wp && n == QLatin1String("post_name") && !haveName) {
            item.postName = text().trimmed();
            haveName = true;
        } else if (ns == Ns::Wp && n == QLatin1String("post_parent") && !haveParent) {
            item.parentId = text().trimmed().toLongLong();
            haveParent = true;
        } else if (ns == Ns::Wp && n == QLatin1String("post_date")) {
            item.postDate = text().trimmed();
        } else if (ns == Ns::Wp && n == QLatin1String("post_date_gmt")) {
            item.postDateGmt = text().trimmed();
        } else if (ns == Ns::Wp && n == QLatin1String("attachment_url")) {
            item.attachmentUrl = text().trimmed();
        } else if (ns == Ns::Wp && n == QLatin1String("postmeta")) {
            Meta m;
            while (m_xml.readNextStartElement()) {
                if (classify(m_xml.namespaceUri()) == Ns::Wp && m_xml.name() == QLatin1String("meta_key"))
                    m.key = text().trimmed();
                else if (classify(m_xml.namespaceUri()) == Ns::Wp && m_xml.name() == QLatin1String("meta_value"))
                    m.value = text();
                else
                    m_xml.skipCurrentElement();
            }
            if (!m.key.isEmpty())
                item.meta << m;
        } else {
            m_xml.skipCurrentElement(); // comments, links, custom namespaces
        }
    }
    if (m_xml.hasError())
        return Status::failure(QStringLiteral("not well-formed XML at %1: %2").arg(where(), m_xml.errorString()));
    if (item.postType != QLatin1String("attachment"))
        item.derived = SearchText::derive(item.content);
    return hand(std::move(e)) ? Status() : stopped();
}

// Stores what the parser hands over, in the caller's transaction, on the database's thread.
class Reader
{
public:
    Reader(Database &db, QIODevice &device, const WxrImportOptions &options)
        : m_repo(db), m_settings(db), m_device(device), m_options(options)
    {
    }

    Result<WxrImportReport> run();

private:
    bool progress(qint64 position)
    {
        if (!m_options.progress)
            return true;
        return m_options.progress(position, m_total);
    }

    Result<WxrImportReport> write(EntryQueue &queue);
    Status storeAuthor(Entry &e);
    Status storeTerm(Entry &e);
    Status storeItem(Item &item);
    Status storeAttachment(const Item &item);
    Result<qint64> authorFor(const QString &login);
    // Logins that differ only in stray characters ("name>") land on one author, counted once.
    void noteAuthor(const QString &login, qint64 id)
    {
        m_authors.insert(login, id);
        if (!m_authorIds.contains(id)) {
            m_authorIds.insert(id);
            ++m_report.authors;
        }
    }
    QDateTime itemDate(const Item &item) const;
    QString findMediaFile(const QString &attachedFile, const QString &url) const;

    ExchangeRepository m_repo;
    SettingsRepository m_settings;
    QIODevice &m_device;
    const WxrImportOptions &m_options;
    qint64 m_total = 0;
    QTimeZone m_zone = QTimeZone(QByteArrayLiteral("UTC"));
    WxrImportReport m_report;
    QHash<QString, qint64> m_authors; // login → author id
    QSet<qint64> m_authorIds;
    QHash<QString, qint64> m_terms;   // "taxonomy/slug" → tag id
    QList<std::pair<qint64, qint64>> m_featured; // article id → attachment WordPress id
    // What the newsroom holds, read once at the start and kept in step with every write of
    // the import (which runs in one transaction, so nobody else writes meanwhile).
    QHash<qint64, qint64> m_articleByWpId;  // WordPress post id → article id
    QHash<qint64, qint64> m_imageByWpId;    // WordPress attachment id → image id
    QHash<QString, qint64> m_slugOwners;    // article slug → article id
};

Result<WxrImportReport> Reader::run()
{
    using R = Result<WxrImportReport>;
    m_total = m_device.size();
    const QString zone = m_settings.value(settingkeys::kTimeZone).valueOr(QString());
    if (!zone.isEmpty() && QTimeZone::isTimeZoneIdAvailable(zone.toUtf8()))
        m_zone = QTimeZone(zone.toUtf8());
    auto articles = m_repo.articleIdsByWpPostId();
    if (!articles)
        return R::failure(articles.error());
    m_articleByWpId = std::move(articles).value();
    auto images = m_repo.imageIdsByWpAttachmentId();
    if (!images)
        return R::failure(images.error());
    m_imageByWpId = std::move(images).value();
    auto slugs = m_repo.articleSlugs();
    if (!slugs)
        return R::failure(slugs.error());
    m_slugOwners = std::move(slugs).value();
    if (Status s = m_repo.beginBulkImport(); !s)
        return R::failure(s.error());

    EntryQueue queue;
    Parser parser(m_device, queue);
    std::unique_ptr<QThread> thread(QThread::create([&parser] { parser.run(); }));
    thread->start();
    auto result = write(queue);
    // However the writing ended, the parser is let go and waited for before anything it
    // uses goes away.
    queue.stop();
    thread->wait();
    return result;
}

Result<WxrImportReport> Reader::write(EntryQueue &queue)
{
    using R = Result<WxrImportReport>;
    QList<Entry> batch;
    while (queue.pop(batch)) {
        for (Entry &e : batch) {
            switch (e.kind) {
            case Entry::Kind::Author:
                if (Status s = storeAuthor(e); !s)
                    return R::failure(s.error());
                break;
            case Entry::Kind::Term:
                if (Status s = storeTerm(e); !s)
                    return R::failure(s.error());
                break;
            case Entry::Kind::Item:
                if (Status s = storeItem(e.item); !s)
                    return R::failure(s.error());
                if (!progress(e.position))
                    return R::failure(QStringLiteral("the import was cancelled; nothing was written"));
                break;
            }
        }
        batch.clear();
    }
    if (Status s = queue.status(); !s)
        return R::failure(s.error());
    m_report.wxrVersion = queue.version();

    for (const auto &[articleId, attachmentWpId] : std::as_const(m_featured)) {
        const qint64 imageId = m_imageByWpId.value(attachmentWpId);
        if (imageId > 0) {
            if (Status s = m_repo.setFeaturedImage(articleId, imageId); !s)
                return R::failure(s.error());
        }
    }
    if (Status s = m_repo.finishBulkImport(); !s)
        return R::failure(s.error());
    if (m_options.progress)
        m_options.progress(m_total, m_total);
    return m_report;
}

Status Reader::storeAuthor(Entry &e)
{
    WxrAuthorRecord &a = e.author;
    a.slug = normaliseLogin(e.login);
    if (a.slug.isEmpty())
        a.slug = QStringLiteral("author-%1").arg(a.wpAuthorId);
    if (a.displayName.isEmpty())
        a.displayName = e.login;
    auto id = m_repo.upsertAuthor(a);
    if (!id)
        return Status::failure(id.error());
    noteAuthor(e.login, *id);
    return {};
}

Status Reader::storeTerm(Entry &e)
{
    const QString &kind = e.termKind;
    const QString &taxonomy = e.taxonomy;
    if (kind == QLatin1String("term"))
        ++m_report.terms;
    if (taxonomy != QLatin1String("category") && taxonomy != QLatin1String("post_tag")) {
        ++m_report.otherTerms;
        return {};
    }
    QString slug = e.slug;
    if (slug.isEmpty())
        slug = slugify(e.name);
    if (slug.isEmpty())
        return {};
    const QString key = taxonomy + QLatin1Char('/') + slug;
    auto id = m_repo.upsertTerm(taxonomy, slug, e.name);
    if (!id)
        return Status::failure(id.error());
    if (!m_terms.contains(key) && kind != QLatin1String("term"))
        ++(taxonomy == QLatin1String("category") ? m_report.categories : m_report.tags);
    m_terms.insert(key, *id);
    return {};
}

QDateTime Reader::itemDate(const Item &item) const
{
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    if (!item.postDateGmt.isEmpty() && !item.postDateGmt.startsWith(QLatin1String("0000"))) {
        QDateTime t = QDateTime::fromString(item.postDateGmt, format);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            return t;
        }
    }
    if (!item.postDate.isEmpty() && !item.postDate.startsWith(QLatin1String("0000"))) {
        QDateTime t = QDateTime::fromString(item.postDate, format);
        if (t.isValid()) {
            t.setTimeZone(m_zone);
            return t.toUTC();
        }
    }
    return {};
}

Result<qint64> Reader::authorFor(const QString &login)
{
    const auto it = m_authors.constFind(login);
    if (it != m_authors.constEnd())
        return *it;
    // WXR 1.0 names authors only in dc:creator.
    WxrAuthorRecord a;
    a.slug = normaliseLogin(login);
    if (a.slug.isEmpty())
        return qint64(0);
    a.displayName = login;
    auto id = m_repo.upsertAuthor(a);
    if (!id)
        return id;
    noteAuthor(login, *id);
    return id;
}

Status Reader::storeItem(Item &item)
{
    const QString type = item.postType.isEmpty() ? QStringLiteral("post") : item.postType;
    if (type == QLatin1String("attachment")) {
        if (item.postId <= 0) {
            ++m_report.itemsWithoutId;
            return {};
        }
        return storeAttachment(item);
    }
    if (type != QLatin1String("post") && type != QLatin1String("page")) {
        ++m_report.skippedPostTypes[type];
        return {};
    }
    if (item.postId <= 0) {
        // Without an id a re-import could not find it again.
        ++m_report.itemsWithoutId;
        return {};
    }

    Article a;
    a.id = m_articleByWpId.value(item.postId);
    a.title = item.title;
    a.body = item.content;
    a.excerpt = item.excerpt;
    a.postType = type == QLatin1String("page") ? PostType::Page : PostType::Post;
    a.wpPostId = item.postId;
    a.wpGuid = item.guid;
    const QString st = item.status;
    a.status = st == QLatin1String("publish")   ? ArticleStatus::Published
               : st == QLatin1String("future")  ? ArticleStatus::Scheduled
               : st == QLatin1String("pending") ? ArticleStatus::Ready
               : st == QLatin1String("trash")   ? ArticleStatus::Spiked
                                                : ArticleStatus::Draft;
    const QDateTime date = itemDate(item);
    a.createdAt = date;
    if (a.status == ArticleStatus::Published)
        a.publishedAt = date;
    else if (a.status == ArticleStatus::Scheduled)
        a.scheduledAt = date;
    const qint64 self = a.id;
    a.slug = uniqueSlug(articleSlugFrom(item.postName, item.title, item.postId), [&](const QString &candidate) {
        const auto owner = m_slugOwners.constFind(candidate);
        return owner != m_slugOwners.constEnd() && *owner != self;
    });
    if (!item.creator.isEmpty()) {
        auto author = authorFor(item.creator);
        if (!author)
            return Status::failure(author.error());
        if (*author > 0)
            a.authorIds << *author;
    }
    QList<qint64> termIds;
    for (const auto &[taxonomy, termSlug] : std::as_const(item.terms)) {
        if (taxonomy != QLatin1String("category") && taxonomy != QLatin1String("post_tag"))
            continue;
        const QString key = taxonomy + QLatin1Char('/') + termSlug;
        auto it = m_terms.constFind(key);
        qint64 id = 0;
        if (it != m_terms.constEnd()) {
            id = *it;
        } else {
            auto stored = m_repo.upsertTerm(taxonomy, termSlug, item.termNames.value(key));
            if (!stored)
                return Status::failure(stored.error());
            id = *stored;
            m_terms.insert(key, id);
            ++m_report.undeclaredTerms;
        }
        if (!termIds.contains(id))
            termIds << id;
    }
    QString previousSlug;
    auto changed = m_repo.saveImportedArticle(a, termIds, m_options.savedBy, &previousSlug,
                                              item.derived ? &*item.derived : nullptr);
    if (!changed)
        return Status::failure(changed.error());
    if (previousSlug != a.slug) {
        if (!previousSlug.isEmpty() && m_slugOwners.value(previousSlug) == a.id)
            m_slugOwners.remove(previousSlug);
        m_slugOwners.insert(a.slug, a.id);
    }
    m_articleByWpId.insert(item.postId, a.id);
    if (*changed)
        ++m_report.articlesChanged;
    ++(a.postType == PostType::Page ? m_report.pages : m_report.posts);
    const qint64 thumbnail = item.metaValue(QStringLiteral("_thumbnail_id")).trimmed().toLongLong();
    if (thumbnail > 0)
        m_featured.append({a.id, thumbnail});
    return {};
}

QString Reader::findMediaFile(const QString &attachedFile, const QString &url) const
{
    if (m_options.mediaDir.isEmpty())
        return {};
    const QString root = QDir::cleanPath(QFileInfo(m_options.mediaDir).absoluteFilePath());
    // Both candidates come from the file being imported, so neither may leave the folder.
    const auto inside = [&](const QString &relative) -> QString {
        if (relative.isEmpty())
            return {};
        const QString candidate = QDir::cleanPath(root + QLatin1Char('/') + relative);
        if (!candidate.startsWith(root + QLatin1Char('/')))
            return {};
        return QFileInfo(candidate).isFile() ? candidate : QString();
    };
    if (QString p = inside(attachedFile); !p.isEmpty())
        return p;
    const QString base = QFileInfo(QUrl(url).path()).fileName();
    return inside(base);
}

Status Reader::storeAttachment(const Item &item)
{
    AttachmentRecord r;
    Image &m = r.image;
    m.wpAttachmentId = item.postId;
    m.title = item.title;
    m.caption = item.excerpt;
    m.description = item.content;
    m.altText = item.metaValue(QStringLiteral("_wp_attachment_image_alt"));
    r.attachedFile = item.metaValue(QStringLiteral("_wp_attached_file")).trimmed();
    r.sourceUrl = item.attachmentUrl.isEmpty() ? item.guid : item.attachmentUrl;
    r.parentWpPostId = item.parentId;
    m.originalFileName = QFileInfo(r.attachedFile.isEmpty() ? QUrl(r.sourceUrl).path() : r.attachedFile).fileName();

    QByteArray bytes;
    bool found = false;
    const QString path = findMediaFile(r.attachedFile, r.sourceUrl);
    if (!path.isEmpty()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("could not read %1: %2").arg(path, f.errorString()));
        bytes = f.readAll();
        found = true;
        if (auto probe = ImageProbe::read(bytes, path)) {
            m.mimeType = probe->mimeType;
            m.width = probe->size.width();
            m.height = probe->size.height();
        }
    }
    const qint64 existing = m_imageByWpId.value(item.postId);
    // A record whose bytes an earlier import found keeps them.
    if (!found && existing == 0)
        ++m_report.attachmentsWithoutFile;
    auto id = m_repo.saveAttachment(r, found ? &bytes : nullptr, existing);
    if (!id)
        return Status::failure(id.error());
    m_imageByWpId.insert(item.postId, *id);
    ++m_report.attachments;
    return {};
}

} // namespace

Result<WxrImportReport> WxrImporter::importFile(const QString &path, const WxrImportOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<WxrImportReport>::failure(QStringLiteral("%1: %2").arg(path, f.errorString()));
    auto r = import(f, options);
    if (!r)
        return Result<WxrImportReport>::failure(QStringLiteral("%1: %2").arg(path, r.error()));
    return r;
}

Result<WxrImportReport> WxrImporter::import(QIODevice &device, const WxrImportOptions &options)
{
    using R = Result<WxrImportReport>;
    // One transaction: a refused, broken or cancelled file leaves the newsroom untouched.
    Transaction tx(m_db, Transaction::Size::Bulk);
    if (!tx.isActive())
        return R::failure(tx.error());
    Reader reader(m_db, device, options);
    auto report = reader.run();
    if (!report)
        return report;
    if (Status s = tx.commit(); !s)
        return R::failure(s.error());
    return report;
}

} // namespace byline
