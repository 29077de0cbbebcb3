#pragma once

#include <QString>

namespace byline {

// What the editor's status line counts: the words a reader reads, with captions, shortcodes
// and HTML markup left out.
struct TextStats
{
    int words = 0;
    int characters = 0;      // visible characters, white space collapsed
    int readingMinutes = 0;  // at kWordsPerMinute, rounded up; 0 for an empty text

    static constexpr int kWordsPerMinute = 230;
    static TextStats ofBody(const QString &body);
    // The reader-visible text of a body: markup and shortcodes removed, entities decoded.
    static QString visibleText(const QString &body);
};

} // namespace byline
