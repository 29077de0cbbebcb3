#pragma once

#include "domain/article.h"
#include "domain/author.h"
#include "domain/image.h"
#include "domain/result.h"

#include <QHash>
#include <QSqlQuery>

#include <memory>

namespace byline {

class Database;
class Transaction;

// Writes a large archive fast: statements prepared once, many rows per transaction.
// Semantics differ from the repositories on purpose, and only here:
//  - articles get no revision row: an archive arrives as history already made, and the first
//    revision is written by the first save in Byline (ArticleRepository::update);
//  - times, slugs and row versions are stored exactly as given (slugs must be unique);
//  - image bytes already present (same SHA-256) are shared, and a new images row still
//    points at them.
// Search-index triggers run as for any write, in the same transaction.
class ArchiveWriter
{
    Q_DISABLE_COPY_MOVE(ArchiveWriter)
public:
    explicit ArchiveWriter(Database &db);
    ~ArchiveWriter(); // rolls back what was not committed

    // Starts a batch; rows written after it become visible together at commit().
    Status begin();
    Status commit();

    Result<qint64> addImage(const QByteArray &bytes, const Image &meta);
    Result<qint64> addAuthor(const Author &author);
    // Stores the article with its authors and tags (tags created on first use).
    Result<qint64> addArticle(const Article &article);

private:
    Result<qint64> tagId(const QString &name);
    bool prepare(QSqlQuery &q, const char *sql);

    Database &m_db;
    std::unique_ptr<Transaction> m_tx;
    QSqlQuery m_blob;
    QSqlQuery m_image;
    QSqlQuery m_author;
    QSqlQuery m_article;
    QSqlQuery m_articleAuthor;
    QSqlQuery m_tag;
    QSqlQuery m_tagLookup;
    QSqlQuery m_articleTag;
    QHash<QString, qint64> m_tagIds; // by slug
    QString m_error;
    bool m_prepared = false;
};

} // namespace byline
