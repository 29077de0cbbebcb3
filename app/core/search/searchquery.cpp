#include "searchquery.h"

namespace byline {

namespace {

// One whitespace-separated piece of the line, with quotes already resolved.
struct Token
{
    QString key;   // "author" for author:…, empty for plain text
    QString value; // without quotes
    bool quoted = false;
    bool negated = false;
    bool star = false; // ended with * outside quotes
};

bool hasWordCharacter(const QString &s)
{
    for (const QChar c : s) {
        if (c.isLetterOrNumber())
            return true;
    }
    return false;
}

QList<Token> tokenize(const QString &line)
{
    static const QStringList keys = {QStringLiteral("author"), QStringLiteral("status"), QStringLiteral("tag"),
                                     QStringLiteral("credit"), QStringLiteral("before"), QStringLiteral("after")};
    QList<Token> out;
    const qsizetype n = line.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && line.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Token t;
        if (line.at(i) == QLatin1Char('-') && i + 1 < n && !line.at(i + 1).isSpace()) {
            t.negated = true;
            ++i;
        }
        // A known key followed by a colon starts a filter; anything else with a colon is text.
        const qsizetype colon = line.indexOf(QLatin1Char(':'), i);
        if (colon > i) {
            const QString key = line.mid(i, colon - i).toLower();
            if (keys.contains(key)) {
                t.key = key;
                i = colon + 1;
            }
        }
        if (i < n && line.at(i) == QLatin1Char('"')) {
            const qsizetype close = line.indexOf(QLatin1Char('"'), i + 1);
            const qsizetype end = close < 0 ? n : close;
            t.value = line.mid(i + 1, end - i - 1);
            t.quoted = true;
            i = close < 0 ? n : close + 1;
            // Text glued to a closing quote ("a b"c) belongs to the next token.
        } else {
            const qsizetype start = i;
            while (i < n && !line.at(i).isSpace() && line.at(i) != QLatin1Char('"'))
                ++i;
            t.value = line.mid(start, i - start);
            if (t.value.endsWith(QLatin1Char('*'))) {
                t.star = true;
                while (t.value.endsWith(QLatin1Char('*')))
                    t.value.chop(1);
            }
        }
        out << t;
    }
    return out;
}

std::optional<ArticleStatus> statusFromText(const QString &text)
{
    if (auto s = statusFromKey(text.toLower()))
        return s;
    for (ArticleStatus s : allStatuses()) {
        if (statusLabel(s).compare(text, Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

} // namespace

SearchQuery SearchQuery::parse(const QString &line)
{
    SearchQuery q;
    for (const Token &t : tokenize(line)) {
        const QString value = t.value.simplified();
        if (t.key.isEmpty()) {
            // Pure punctuation would become an empty phrase; it cannot match anything useful.
            if (!hasWordCharacter(value))
                continue;
            Term term;
            term.text = value;
            term.excluded = t.negated;
            if (t.quoted)
                term.kind = Term::Kind::Phrase;
            else if (t.star && value.size() >= 2)
                term.kind = Term::Kind::Prefix;
            q.m_terms << term;
            continue;
        }
        if (value.isEmpty()) {
            q.m_errors << QStringLiteral("%1: needs a value").arg(t.key);
            continue;
        }
        if (t.key == QLatin1String("author")) {
            q.m_authors << value;
        } else if (t.key == QLatin1String("tag")) {
            q.m_tags << value;
        } else if (t.key == QLatin1String("credit")) {
            if (hasWordCharacter(value))
                q.m_credits << value;
        } else if (t.key == QLatin1String("status")) {
            if (auto s = statusFromText(value)) {
                if (!q.m_statuses.contains(*s))
                    q.m_statuses << *s;
            } else {
                QStringList known;
                for (ArticleStatus s : allStatuses())
                    known << statusKey(s);
                q.m_errors << QStringLiteral("unknown status \"%1\" (known: %2)")
                                  .arg(value, known.join(QLatin1String(", ")));
            }
        } else {
            const QDate d = QDate::fromString(value, Qt::ISODate);
            if (!d.isValid() || value.size() != 10) {
                q.m_errors << QStringLiteral("%1: \"%2\" is not a date like 2024-03-01").arg(t.key, value);
            } else if (t.key == QLatin1String("before")) {
                q.m_before = d;
            } else {
                q.m_after = d;
            }
        }
    }
    return q;
}

bool SearchQuery::hasIncludedTerms() const
{
    for (const Term &t : m_terms) {
        if (!t.excluded)
            return true;
    }
    return false;
}

bool SearchQuery::isEmpty() const
{
    return m_terms.isEmpty() && m_authors.isEmpty() && m_statuses.isEmpty() && m_tags.isEmpty()
           && m_credits.isEmpty() && !m_before.isValid() && !m_after.isValid();
}

} // namespace byline
