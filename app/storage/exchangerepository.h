#pragma once

#include "domain/article.h"
#include "domain/author.h"
#include "domain/image.h"
#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

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
    Result<qint64> upsertAuthor(const WxrAuthorRecord &author);
    Result<qint64> upsertTerm(const QString &taxonomy, const QString &slug, const QString &name);
    Result<qint64> articleIdByWpPostId(qint64 wpPostId) const;
    // base, base-2, … not used by any article other than exceptId.
    Result<QString> uniqueArticleSlug(const QString &base, qint64 exceptId) const;
    // Inserts, or updates the article with the same id; stores a revision only when something
    // changed. Returns whether anything changed.
    Result<bool> saveImportedArticle(Article &article, const QList<qint64> &termIds, const QString &savedBy);
    // Inserts or updates by wpAttachmentId. bytes null: keep what is stored (or the empty
    // placeholder for a new record).
    Result<qint64> saveAttachment(AttachmentRecord &record, const QByteArray *bytes);
    Status setFeaturedImage(qint64 articleId, qint64 imageId);
    Result<qint64> imageIdByWpAttachmentId(qint64 wpAttachmentId) const;

    // --- export ---
    // Gives every article and image without a WordPress id a fresh one above all in use, so
    // ids stay stable from one export to the next.
    Status assignWordPressIds();
    Result<QList<ExportArticle>> articlesForExport(const ExportSelection &selection) const;
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
};

} // namespace byline
