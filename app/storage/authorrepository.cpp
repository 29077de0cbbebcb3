#include "authorrepository.h"

#include "database.h"
#include "imagerepository.h"
#include "query.h"
#include "sqlvalues.h"
#include "transaction.h"

namespace byline {

Status AuthorRepository::insert(Author &author)
{
    Transaction tx(m_db);
    const QDateTime now = nowUtc();
    BoundQuery q(tx.connection(),
                 QStringLiteral("INSERT INTO authors (slug, display_name, role_line, bio, email, avatar_image_id, "
                                "wp_author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {author.slug, author.displayName, author.roleLine, author.bio, author.email,
                  idToDb(author.avatarImageId), idToDb(author.wpAuthorId), toDb(now), toDb(now)});
    if (!q.exec("store the author"))
        return Status::failure(q.error());
    author.id = q.lastInsertId();
    if (Status s = writeLinks(author); !s)
        return s;
    return tx.commit();
}

Status AuthorRepository::update(const Author &author)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(),
                 QStringLiteral("UPDATE authors SET slug = ?, display_name = ?, role_line = ?, bio = ?, email = ?, "
                                "avatar_image_id = ?, wp_author_id = ?, updated_at = ? WHERE id = ?"),
                 {author.slug, author.displayName, author.roleLine, author.bio, author.email,
                  idToDb(author.avatarImageId), idToDb(author.wpAuthorId), toDb(nowUtc()), author.id});
    if (!q.exec("save the author"))
        return Status::failure(q.error());
    if (q.rowsAffected() != 1)
        return Status::failure(QStringLiteral("author %1 does not exist").arg(author.id));
    if (Status s = writeLinks(author); !s)
        return s;
    return tx.commit();
}

Status AuthorRepository::writeLinks(const Author &author)
{
    const QSqlDatabase c = m_db.connection();
    BoundQuery clear(c, QStringLiteral("DELETE FROM author_links WHERE author_id = ?"), {author.id});
    if (!clear.exec("replace the author's links"))
        return Status::failure(clear.error());
    for (int i = 0; i < author.links.size(); ++i) {
        BoundQuery q(c, QStringLiteral("INSERT INTO author_links (author_id, position, label, url) VALUES (?, ?, ?, ?)"),
                     {author.id, i, author.links.at(i).label, author.links.at(i).url});
        if (!q.exec("store a link"))
            return Status::failure(q.error());
    }
    return {};
}

Result<QList<AuthorLink>> AuthorRepository::links(qint64 authorId) const
{
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT label, url FROM author_links WHERE author_id = ? ORDER BY position"), {authorId});
    if (!q.exec("read the author's links"))
        return Result<QList<AuthorLink>>::failure(q.error());
    QList<AuthorLink> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

Result<QList<Author>> AuthorRepository::select(const QString &where, const QVariantList &values) const
{
    using R = Result<QList<Author>>;
    BoundQuery q(m_db.connection(),
                 QStringLiteral("SELECT id, slug, display_name, role_line, bio, email, avatar_image_id, wp_author_id "
                                "FROM authors ")
                     + where,
                 values);
    if (!q.exec("read authors"))
        return R::failure(q.error());
    QList<Author> out;
    while (q.next()) {
        Author a;
        a.id = q.value(0).toLongLong();
        a.slug = q.value(1).toString();
        a.displayName = q.value(2).toString();
        a.roleLine = q.value(3).toString();
        a.bio = q.value(4).toString();
        a.email = q.value(5).toString();
        a.avatarImageId = q.value(6).toLongLong();
        a.wpAuthorId = q.value(7).toLongLong();
        out << a;
    }
    for (Author &a : out) {
        auto l = links(a.id);
        if (!l)
            return R::failure(l.error());
        a.links = *l;
    }
    return out;
}

Result<Author> AuthorRepository::get(qint64 id) const
{
    auto r = select(QStringLiteral("WHERE id = ?"), {id});
    if (!r)
        return Result<Author>::failure(r.error());
    if (r->isEmpty())
        return Result<Author>::failure(QStringLiteral("author %1 does not exist").arg(id));
    return r->first();
}

Result<Author> AuthorRepository::findBySlug(const QString &slug) const
{
    auto r = select(QStringLiteral("WHERE slug = ?"), {slug});
    if (!r)
        return Result<Author>::failure(r.error());
    if (r->isEmpty())
        return Result<Author>::failure(QStringLiteral("no author with slug \"%1\"").arg(slug));
    return r->first();
}

Result<QList<Author>> AuthorRepository::all() const
{
    return select(QStringLiteral("ORDER BY display_name, id"), {});
}

Result<QList<AuthorSummary>> AuthorRepository::page(const AuthorQuery &query, const AuthorSummary *after,
                                                    int limit) const
{
    using R = Result<QList<AuthorSummary>>;
    QStringList where;
    QVariantList values;
    const QString text = query.text.trimmed();
    const QString match = text.size() >= 2 ? m_db.dialect().authorMatch(typeAheadQuery(text)) : QString();
    if (!match.isEmpty()) {
        where << QStringLiteral("a.id IN (SELECT rowid FROM authors_fts WHERE authors_fts MATCH ?)");
        values << match;
    } else if (!text.isEmpty()) {
        // One letter: the start of a name.
        QString escaped = text;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        where << QStringLiteral("a.display_name LIKE ? ESCAPE '\\'");
        values << QString(escaped + QLatin1Char('%'));
    }
    if (after) {
        where << QStringLiteral("(a.display_name, a.id) > (?, ?)");
        values << after->displayName << after->id;
    }
    values << limit;
    QString sql = QStringLiteral("SELECT a.id, a.slug, a.display_name, a.role_line, a.avatar_image_id, i.sha256 "
                                 "FROM authors a LEFT JOIN images i ON i.id = a.avatar_image_id ");
    if (!where.isEmpty())
        sql += QLatin1String("WHERE ") + where.join(QLatin1String(" AND ")) + QLatin1Char(' ');
    sql += QLatin1String("ORDER BY a.display_name, a.id LIMIT ?");
    BoundQuery q(m_db.connection(), sql, values);
    if (!q.exec("read the author list"))
        return R::failure(q.error());
    QList<AuthorSummary> out;
    while (q.next()) {
        AuthorSummary a;
        a.id = q.value(0).toLongLong();
        a.slug = q.value(1).toString();
        a.displayName = q.value(2).toString();
        a.roleLine = q.value(3).toString();
        a.avatarImageId = q.value(4).toLongLong();
        a.avatarSha256 = q.value(5).toString().toLatin1();
        out << a;
    }
    return out;
}

Status AuthorRepository::remove(qint64 id)
{
    Transaction tx(m_db);
    BoundQuery q(tx.connection(), QStringLiteral("DELETE FROM authors WHERE id = ?"), {id});
    if (!q.exec("delete the author"))
        return Status::failure(q.error());
    return tx.commit();
}

} // namespace byline
