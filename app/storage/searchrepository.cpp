#include "searchrepository.h"

#include "database.h"
#include "query.h"
#include "sqlvalues.h"
#include "transaction.h"

#include "domain/slug.h"

namespace byline {

namespace {

// The date an article is "for": when it ran, else when it is due, else when it was begun.
const QString kArticleDate = QStringLiteral("COALESCE(a.published_at, a.scheduled_at, a.created_at)");

qint64 startOfDayUtc(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

ArticleHit readArticleHit(BoundQuery &q)
{
    ArticleHit h;
    h.id = q.value(0).toLongLong();
    h.title = q.value(1).toString();
    h.status = statusFromKey(q.value(2).toString()).value_or(ArticleStatus::Draft);
    h.updatedAt = timeFromDb(q.value(3));
    h.scheduledAt = timeFromDb(q.value(4));
    h.publishedAt = timeFromDb(q.value(5));
    h.snippet = q.value(6).toString();
    return h;
}

} // namespace

Result<QList<ArticleHit>> SearchRepository::articles(const SearchQuery &query, int offset, int limit) const
{
    using R = Result<QList<ArticleHit>>;
    auto statement = articleStatement(query, offset, limit);
    if (!statement)
        return R::failure(statement.error());
    BoundQuery q(m_db.connection(), statement->sql, statement->values);
    if (!q.exec("search the articles"))
        return R::failure(q.error());
    QList<ArticleHit> out;
    while (q.next())
        out << readArticleHit(q);
    return out;
}

Result<SearchRepository::Statement> SearchRepository::articleStatement(const SearchQuery &query, int offset,
                                                                       int limit) const
{
    using R = Result<Statement>;
    if (!query.errors().isEmpty())
        return R::failure(query.errors().join(QLatin1String("; ")));
    const SqlDialect &dialect = m_db.dialect();

    // Each filter is a fixed fragment with placeholders; only the values vary.
    QString filters;
    QVariantList values;
    if (!query.statuses().isEmpty()) {
        QStringList marks;
        for (ArticleStatus s : query.statuses()) {
            marks << QStringLiteral("?");
            values << statusKey(s);
        }
        filters += QString(QLatin1String(" AND a.status IN (") + marks.join(QLatin1String(", ")) + QLatin1Char(')'));
    }
    for (const QString &author : query.authors()) {
        filters += QStringLiteral(" AND EXISTS (SELECT 1 FROM article_authors x JOIN authors au ON au.id = x.author_id "
                                  "WHERE x.article_id = a.id AND (au.slug = ? OR au.id IN "
                                  "(SELECT rowid FROM authors_fts WHERE authors_fts MATCH ?)))");
        values << author.toLower() << dialect.authorNameMatch(author);
    }
    for (const QString &tag : query.tags()) {
        QString slug = slugify(tag);
        if (slug.isEmpty())
            slug = tag.toLower(); // as ArticleRepository stores a tag of symbols only
        filters += QStringLiteral(" AND EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id "
                                  "WHERE x.article_id = a.id AND t.slug = ?)");
        values << slug;
    }
    if (query.after().isValid()) {
        filters += QString(QLatin1String(" AND ") + kArticleDate + QLatin1String(" >= ?"));
        values << startOfDayUtc(query.after());
    }
    if (query.before().isValid()) {
        filters += QString(QLatin1String(" AND ") + kArticleDate + QLatin1String(" < ?"));
        values << startOfDayUtc(query.before());
    }

    QString sql;
    QVariantList bound;
    QList<Statement> probes;
    auto words = prefixWords(query, &probes);
    if (!words)
        return R::failure(words.error());
    const QString match = dialect.articleMatch(query, *words);
    if (!match.isEmpty()) {
        const QList<SearchQuery::Term> terms = query.terms();
        const bool prefixes = std::any_of(terms.cbegin(), terms.cend(), [&](const SearchQuery::Term &t) {
            return t.kind == SearchQuery::Term::Kind::Prefix && !t.excluded && words->value(t.text).isEmpty();
        });
        auto floor = dialect.boundedWindowHelps(query, *words) ? windowFloor(match, filters, values, &probes)
                                                               : Result<qint64>(qint64(0));
        if (!floor)
            return R::failure(floor.error());
        sql = dialect.articleSearchSql(filters, prefixes);
        bound << match << match << values << *floor << m_rankWindow << limit << offset << match;
        return Statement{sql, bound, probes};
    } else if (query.hasIncludedTerms() || !query.credits().isEmpty() || query.terms().isEmpty()) {
        sql = QString(QLatin1String("SELECT a.id, a.title, a.status, a.updated_at, a.scheduled_at, a.published_at, "
                                    "substr(a.excerpt, 1, 200) FROM articles a WHERE 1 = 1")
                      + filters + QLatin1String(" ORDER BY ") + kArticleDate
                      + QLatin1String(" DESC, a.id DESC LIMIT ? OFFSET ?"));
        bound << values;
    } else {
        return R::failure(QStringLiteral("a search needs a word to look for besides the words to leave out"));
    }
    bound << limit << offset;
    return Statement{sql, bound, {}};
}

Result<SqlDialect::PrefixWords> SearchRepository::prefixWords(const SearchQuery &query, QList<Statement> *probes) const
{
    using R = Result<SqlDialect::PrefixWords>;
    const SqlDialect &dialect = m_db.dialect();
    SqlDialect::PrefixWords out;
    QSqlDatabase c = m_db.connection();
    for (const SearchQuery::Term &t : query.terms()) {
        if (!dialect.expandsPrefix(t) || out.contains(t.text))
            continue;
        const QString foldSql = dialect.prefixFoldSql();
        BoundQuery fold(c, foldSql, {t.text});
        if (!fold.exec("fold a prefix") || !fold.next())
            return R::failure(fold.error());
        probes->append(Statement{foldSql, {t.text}, {}});
        const QString folded = fold.value(0).toString();
        if (folded.isEmpty())
            continue; // not one word: searched as typed
        // Every word from the prefix up to the prefix followed by the last code point, one
        // seek each: the next word is the first at or above the last one followed by U+0001
        // (no word holds a control character).
        const QString bound = folded + QString::fromUcs4(U"\U0010FFFF");
        const QString listSql = dialect.prefixWordSql();
        QStringList found;
        for (QString lowest = folded; found.size() <= kMostPrefixWords;) {
            const QVariantList values = {lowest, bound};
            BoundQuery next(c, listSql, values);
            if (!next.exec("look up the words a prefix starts"))
                return R::failure(next.error());
            probes->append(Statement{listSql, values, {}});
            if (!next.next())
                break;
            found << next.value(0).toString();
            lowest = found.constLast() + QChar(1);
        }
        // None: the prefix finds nothing either way, and costs nothing. Too many: as typed.
        if (!found.isEmpty() && found.size() <= kMostPrefixWords)
            out.insert(t.text, found);
    }
    return out;
}

Result<qint64> SearchRepository::windowFloor(const QString &match, const QString &filters,
                                             const QVariantList &values, QList<Statement> *probes) const
{
    using R = Result<qint64>;
    if (!m_boundedWindows)
        return qint64(0);
    QSqlDatabase c = m_db.connection();
    const QString newestSql = QStringLiteral("SELECT coalesce(max(id), 0) FROM articles");
    BoundQuery top(c, newestSql);
    if (!top.exec("find the newest article") || !top.next())
        return R::failure(top.error());
    probes->append(Statement{newestSql, {}, {}});
    const qint64 newest = top.value(0).toLongLong();
    // First a span of 16 windows' worth of articles. A span that holds too few matches tells
    // how thick they lie, so the next is made twice as large as that density says the window
    // needs (at least twice the last; eight times when nothing matched). A span
    // reaching the first article is the whole index, which the ranking query reads unbounded.
    const QString sql = m_db.dialect().articleWindowSql(filters);
    qint64 span = qint64(m_rankWindow) * 16;
    while (span < newest) {
        QVariantList bound;
        bound << match << values << newest - span + 1 << m_rankWindow;
        BoundQuery probe(c, sql, bound);
        if (!probe.exec("search the newest articles") || !probe.next())
            return R::failure(probe.error());
        probes->append(Statement{sql, bound, {}});
        const qint64 found = probe.value(0).toLongLong();
        if (found >= m_rankWindow)
            return probe.value(1).toLongLong();
        const qint64 needed = found > 0 ? span * m_rankWindow * 2 / found : span * 8;
        span = std::max(span * 2, needed);
    }
    return qint64(0);
}

Result<QList<AuthorHit>> SearchRepository::authors(const SearchQuery &query, int offset, int limit) const
{
    using R = Result<QList<AuthorHit>>;
    const QString match = m_db.dialect().authorMatch(query);
    if (match.isEmpty())
        return QList<AuthorHit>();
    BoundQuery q(m_db.connection(), m_db.dialect().authorSearchSql(), {match, limit, offset});
    if (!q.exec("search the authors"))
        return R::failure(q.error());
    QList<AuthorHit> out;
    while (q.next())
        out << AuthorHit{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    return out;
}

Result<QList<ImageHit>> SearchRepository::images(const SearchQuery &query, int offset, int limit) const
{
    using R = Result<QList<ImageHit>>;
    const QString match = m_db.dialect().imageMatch(query);
    if (match.isEmpty())
        return QList<ImageHit>();
    BoundQuery q(m_db.connection(), m_db.dialect().imageSearchSql(), {match, limit, offset});
    if (!q.exec("search the images"))
        return R::failure(q.error());
    QList<ImageHit> out;
    while (q.next())
        out << ImageHit{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toString()};
    return out;
}

Result<QString> SearchRepository::indexProblems() const
{
    QSqlDatabase c = m_db.connection();
    return m_db.dialect().searchIndexProblems(c);
}

Status SearchRepository::rebuildIndex()
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Status::failure(tx.error());
    QSqlDatabase c = tx.connection();
    if (Status s = m_db.dialect().rebuildSearchIndex(c); !s)
        return s;
    return tx.commit();
}

Status SearchRepository::compactIndex()
{
    Transaction tx(m_db, Transaction::Size::Bulk);
    if (!tx.isActive())
        return Status::failure(tx.error());
    QSqlDatabase c = tx.connection();
    if (Status s = m_db.dialect().compactSearchIndex(c); !s)
        return s;
    return tx.commit();
}

} // namespace byline
