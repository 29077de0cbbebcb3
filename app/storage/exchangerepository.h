#pragma once

#include "domain/article.h"
#include "domain/author.h"
#include "domain/image.h"
#include "domain/result.h"
#include "searchtext.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QSqlQuery;

namespace byline {

class Database;

// A WordPress user as a WXR file describes them.
struct WxrAuthorRecord
{
    QString slug; // the WordPress login
    QString displayName;
    QString email;
    QString firstName;
    QString lastName;
    qint64 wpAuthorId = 0;
};

// A category or tag with the slug WordPress calls its nicename.
struct TermRecord
{
    qint64 id = 0;
    QString taxonomy; // "category" or "post_tag"
    QString slug;
    QString name;
};

// An image with where it came from in WordPress.
struct AttachmentRecord
{
    Image image;
    QString attachedFile;   // _wp_attached_file, e.g. "2011/07/photo.jpg"
    QString sourceUrl;      // wp:attachment_url
    qint64 parentWpPostId = 0;
    bool hasBytes = false;  // false: metadata only, the file was never found
};

// Which articles an export takes.
struct ExportSelection
{
    std::optional<ArticleStatus> status;
    QDateTime from;          // on the article's date (published, else scheduled, else created)
    QDateTime to;
    QDateTime changedSince;  // updated_at at or after this (whole seconds); null for any
};

// An article with the ids of its terms (both taxonomies) in order.
struct ExportArticle
{
    Article article;
    QList<qint64> termIds;
};

// All SQL for importing from and exporting to other systems: lookups by WordPress ids,
// upserts that make re-imports idempotent, and the export log.
//
// An import or export runs the same few statements for every item, so each is prepared once
// per repository and reused; keep a repository for the length of one import or export, on
// one thread.
class ExchangeRepository
{
    Q_DISABLE_COPY_MOVE(ExchangeRepository)
public:
    explicit ExchangeRepository(Database &db);
    ~ExchangeRepository();

    // --- import ---
    // The writes below are atomic on their own; called inside a caller's transaction they
    // join it (no savepoint per row), and a failure leaves the caller to roll back.
    Result<qint64> upsertAuthor(const WxrAuthorRecord &author);
    Result<qint64> upsertTerm(const QString &taxonomy, const QString &slug, const QString &name);
    Result<qint64> articleIdByWpPostId(qint64 wpPostId) const;
    // Every article with a WordPress id, read at once: WordPress id → the lowest article id
    // (as articleIdByWpPostId answers).
    Result<QHash<qint64, qint64>> articleIdsByWpPostId() const;
    // Every article's slug → its id, for a bulk import to keep slugs unique in memory.
    Result<QHash<QString, qint64>> articleSlugs() const;
    // base, base-2, … not used by any article other than exceptId.
    Result<QString> uniqueArticleSlug(const QString &base, qint64 exceptId) const;
    // Inserts, or updates the article with the same id; stores a revision only when something
    // changed. Returns whether anything changed. previousSlug, when given, receives the slug
    // the article had before (empty for a new one).
    // derived: what SearchText::derive gives for the body, when the caller has worked it out
    // (used inside a bulk import; worked out here when null).
    Result<bool> saveImportedArticle(Article &article, const QList<qint64> &termIds, const QString &savedBy,
                                     QString *previousSlug = nullptr,
                                     const SearchText::Derived *derived = nullptr);
    // Inserts or updates by wpAttachmentId. bytes null: keep what is stored (or the empty
    // placeholder for a new record). knownId: the image already stored with that WordPress id
    // (0 for none) when the caller has looked it up; otherwise it is looked up here.
    Result<qint64> saveAttachment(AttachmentRecord &record, const QByteArray *bytes,
                                  std::optional<qint64> knownId = std::nullopt);
    Status setFeaturedImage(qint64 articleId, qint64 imageId);
    Result<qint64> imageIdByWpAttachmentId(qint64 wpAttachmentId) const;
    // Every image with a WordPress attachment id: that id → the image id.
    Result<QHash<qint64, qint64>> imageIdsByWpAttachmentId() const;
    // Within the caller's transaction, from beginBulkImport() to finishBulkImport(), the
    // articles saved above are indexed for search and counted by this class instead of by
    // triggers (from the values handed in), and the images are indexed once at the end.
    // finishBulkImport() must run before the commit; a rollback undoes both.
    Status beginBulkImport();
    Status finishBulkImport();

    // --- export ---
    // Gives every article and image without a WordPress id a fresh one above all in use, so
    // ids stay stable from one export to the next.
    Status assignWordPressIds();
    // The selected articles one at a time in id order, so an export holds one body at a time:
    // the article's body is left empty and handed over as stored (UTF-8) instead, so a
    // writer of UTF-8 copies it without two conversions. A failure of each ends the pass.
    using ExportRow = std::function<Status(const ExportArticle &, QByteArrayView bodyUtf8)>;
    Status forEachArticleForExport(const ExportSelection &selection, const ExportRow &each) const;
    Result<qint64> countArticlesForExport(const ExportSelection &selection) const;
    Result<QList<TermRecord>> terms() const;
    Result<QHash<qint64, WxrAuthorRecord>> wpAuthorNames() const; // author id → names
    // All images when ids is null, else those listed.
    Result<QList<AttachmentRecord>> attachments(const QList<qint64> *ids) const;
    Result<QByteArray> imageBytes(qint64 imageId) const;
    Result<QDateTime> lastExport(const QString &format) const; // null when never
    Status logExport(const QString &format, const QString &target, const QDateTime &startedAt,
                     int articles, int images);

private:
    Result<QString> ensureBlob(const QByteArray &bytes);
    // Runs sql (prepared on first use, then reused) with values bound in order; null with
    // error set on failure. A read's caller calls finish() when done with the rows.
    QSqlQuery *run(const QString &sql, const QVariantList &values, const char *what, QString &error) const;

    Database &m_db;
    mutable std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    QString m_emptySha;

    struct BulkImport
    {
        QStringList suspendedTriggers; // empty: the schema indexes otherwise, nothing to do
        qint64 lastImageId = 0;        // images above it are new
        bool imagesUpdated = false;    // an image that existed before was rewritten
    };
    std::optional<BulkImport> m_bulk;
};

} // namespace byline
