#pragma once

#include "domain/author.h"
#include "domain/result.h"

#include <QList>

namespace byline {

class Database;

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
    Status remove(qint64 id);                             // refused while articles name them

private:
    Status writeLinks(const Author &author);
    Result<QList<AuthorLink>> links(qint64 authorId) const;
    Result<QList<Author>> select(const QString &where, const QVariantList &values) const;

    Database &m_db;
};

} // namespace byline
