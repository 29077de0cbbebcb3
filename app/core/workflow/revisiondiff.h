#pragma once

#include "domain/article.h"

#include <QList>
#include <QString>

namespace byline {

// A run of text that two revisions share, or that one of them adds or removes.
struct DiffChunk
{
    enum class Kind
    {
        Same,
        Added,
        Removed
    };
    Kind kind = Kind::Same;
    QString text;

    friend bool operator==(const DiffChunk &a, const DiffChunk &b)
    {
        return a.kind == b.kind && a.text == b.text;
    }
};

// Word-level differences between revisions, for the history panel.
class RevisionDiff
{
public:
    // What changed from a to b, word by word: words, runs of spaces and whole HTML tags are
    // the units, so a changed attribute shows as one replaced tag. Adjacent chunks of one kind
    // are merged; concatenating Same+Removed gives a, Same+Added gives b.
    static QList<DiffChunk> words(const QString &a, const QString &b);

    // The article with the revision's title, excerpt and body, ready to be saved as a new
    // revision on top of current (history is never rewritten). Status and schedule stay as
    // they are: those move only through the workflow.
    static Article restored(const Article &current, const Revision &revision);
};

} // namespace byline
