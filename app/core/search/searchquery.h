#pragma once

#include "domain/articlestatus.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace byline {

// Marks around the matched words in search snippets; control characters never occur in text.
inline constexpr QChar kHighlightBegin = QChar(0x02);
inline constexpr QChar kHighlightEnd = QChar(0x03);

// What a search box line asks for, read once in the domain layer so that storage only ever
// receives structured terms and bound values, never the user's text spliced into SQL.
//
// Syntax: plain words, "quoted phrases", prefix* (at least two letters before the star),
// -word to exclude, and the filters author:, status:, tag:, credit:, before:, after:.
// A filter value may be quoted (author:"Aigerim Sarsen"). Filters of the same kind combine
// with AND, except status:, where several mean "any of". Dates are YYYY-MM-DD in UTC;
// after:D includes day D, before:D excludes it, so after:2024-03-01 before:2024-04-01 is March.
class SearchQuery
{
public:
    struct Term
    {
        enum class Kind { Word, Phrase, Prefix };
        Kind kind = Kind::Word;
        QString text;          // as typed, without quotes or star
        bool excluded = false; // -word
        friend bool operator==(const Term &a, const Term &b)
        {
            return a.kind == b.kind && a.text == b.text && a.excluded == b.excluded;
        }
    };

    static SearchQuery parse(const QString &line);

    const QList<Term> &terms() const { return m_terms; }
    const QStringList &authors() const { return m_authors; }
    const QList<ArticleStatus> &statuses() const { return m_statuses; }
    const QStringList &tags() const { return m_tags; }
    const QStringList &credits() const { return m_credits; }
    QDate before() const { return m_before; } // null when not given
    QDate after() const { return m_after; }

    // Problems such as an unknown status or a malformed date; the rest of the line still counts.
    const QStringList &errors() const { return m_errors; }

    // Words, phrases or prefixes that must appear (exclusions alone select nothing).
    bool hasIncludedTerms() const;
    bool hasTextCondition() const { return hasIncludedTerms() || !m_credits.isEmpty(); }
    bool isEmpty() const;

private:
    QList<Term> m_terms;
    QStringList m_authors;
    QList<ArticleStatus> m_statuses;
    QStringList m_tags;
    QStringList m_credits;
    QDate m_before;
    QDate m_after;
    QStringList m_errors;
};

} // namespace byline
