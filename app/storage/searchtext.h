#pragma once

#include <QString>

namespace byline {

// What full-text search reads from an article body: the words a reader sees. Markup and
// shortcode syntax are dropped, caption text is kept (captions are reported by the shortcode
// engine, so a caption's words count even though they sit inside [caption]…[/caption]).
// These run inside SQLite (registered as functions by SqliteDialect) so that triggers keep
// the index in step with every write, whoever writes.
struct SearchText
{
    // Visible text of a WordPress body: tags stripped, entities decoded, whitespace collapsed.
    static QString bodyText(const QString &body);
    // The picture credits of the body's captions ("Reuters", "Aigerim Sarsen"), one per line.
    static QString captionCredits(const QString &body);
    // Words a reader reads (captions and markup left out), as the editor counts them.
    static int wordCount(const QString &body);
    // Captions whose text carries no credit in any house style.
    static int captionsWithoutCredit(const QString &body);
    // Visible text of a fragment of HTML without shortcodes (a caption's text, an excerpt).
    static void appendVisibleHtml(QStringView html, QString &out);

    // All of the above for one body, the values the triggers would derive. A bulk import
    // works them out on the thread that reads the file and hands them to the one that writes.
    struct Derived
    {
        QString text;        // bodyText
        QString credits;     // captionCredits
        int words = 0;       // wordCount
        int missingCredits = 0; // captionsWithoutCredit
    };
    static Derived derive(const QString &body);
};

} // namespace byline
