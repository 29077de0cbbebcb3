#include "revisiondiff.h"

#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wshadow"
#include <dtl/dtl.hpp>
#pragma GCC diagnostic pop

namespace byline {

namespace {

// Splits text into HTML tags, words, runs of white space and single other characters.
std::vector<QString> tokens(const QString &text)
{
    std::vector<QString> out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        qsizetype j = i + 1;
        if (c == QLatin1Char('<')) {
            const qsizetype close = text.indexOf(QLatin1Char('>'), i);
            j = close < 0 ? i + 1 : close + 1;
        } else if (c.isLetterOrNumber() || c == QLatin1Char('_')) {
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_') ||
                             text.at(j).isMark()))
                ++j;
        } else if (c.isSpace()) {
            while (j < n && text.at(j).isSpace())
                ++j;
        }
        out.push_back(text.mid(i, j - i));
        i = j;
    }
    return out;
}

void append(QList<DiffChunk> &out, DiffChunk::Kind kind, const QString &text)
{
    if (!out.isEmpty() && out.last().kind == kind)
        out.last().text += text;
    else
        out.append(DiffChunk{kind, text});
}

} // namespace

QList<DiffChunk> RevisionDiff::words(const QString &a, const QString &b)
{
    const std::vector<QString> ta = tokens(a);
    const std::vector<QString> tb = tokens(b);
    dtl::Diff<QString, std::vector<QString>> diff(ta, tb);
    diff.compose();
    QList<DiffChunk> out;
    for (const auto &[token, info] : diff.getSes().getSequence()) {
        switch (info.type) {
        case dtl::SES_COMMON:
            append(out, DiffChunk::Kind::Same, token);
            break;
        case dtl::SES_ADD:
            append(out, DiffChunk::Kind::Added, token);
            break;
        case dtl::SES_DELETE:
            append(out, DiffChunk::Kind::Removed, token);
            break;
        }
    }
    return out;
}

Article RevisionDiff::restored(const Article &current, const Revision &revision)
{
    Article out = current;
    out.title = revision.title;
    out.excerpt = revision.excerpt;
    out.body = revision.body;
    return out;
}

} // namespace byline
