#pragma once

#include "domain/author.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>

namespace byline {

class Database;

// One row of the author list: what it shows, without the profile's text and links.
struct AuthorSummary
{
    qint64 id = 0;
    QString slug;
    QString displayName;
    QString roleLine;
    qint64 avatarImageId = 0;
    QByteArray avatarSha256; // the avatar's bytes digest, for its thumbnail
};

// Which authors the list shows, by display name: all, or those matching a text (words as
// prefixes in name, role line and biography).
struct AuthorQuery
{
    QString text;
};

// All SQL about author profiles and their links.
class AuthorRepository
{
public:
    explicit AuthorRepository(Database &db) : m_db(db) {}

    Status insert(Author &author);
    Status update(const Author &author);
    Result<Author> get(qint64 id) const;
    Result<Author> findBySlug(const QString &slug) const; // fails when absent
    Result<QList<Author>> all() const;                   // by display name
    // Up to limit authors by display name, following after (the last of the previous page,
    // nullptr for the first); the index on display_name serves the order at any depth.
    Result<QList<AuthorSummary>> page(const AuthorQuery &query, const AuthorSummary *after, int limit) const;
    Status remove(qint64 id);                             // refused while articles name them

private:
    Status writeLinks(const Author &author);
    Result<QList<AuthorLink>> links(qint64 authorId) const;
    Result<QList<Author>> select(const QString &where, const QVariantList &values) const;

    Database &m_db;
};

} // namespace byline
