#pragma once

#include "shortcode/shortcodedocument.h"

#include <QStringList>

namespace byline {

// Reads an article body the way WordPress's do_shortcode() does and reports what it found,
// without changing a single character of the body.
//
// What it follows from WordPress:
//  - only registered tag names are shortcodes; names are case-sensitive ("[Caption]" is plain
//    text to WordPress, so it is reported as an Info diagnostic, not read as a caption);
//  - "[caption" must not be followed by a word character or "-" ("[captioned]" is not one);
//  - an opener pairs with the first "[/caption]" after it; without one it is self-closing;
//  - "[[caption]]…[[/caption]]" is an escape and stays literal;
//  - brackets inside HTML comments and CDATA sections are ignored;
//  - attributes follow shortcode_parse_atts() (quoted, bare, positional, U+00A0/U+200B as
//    spaces, lower-cased names, later duplicates win).
// Unregistered "[name …]" tags in plain text are listed as ShortcodeNode::Kind::Unknown.
// Not followed: WordPress's separate pass over shortcodes inside HTML attribute values
// (do_shortcodes_in_html_tags); such brackets are read here as if they were in text.
class ShortcodeParser
{
public:
    struct Options
    {
        QStringList registeredTags = defaultRegisteredTags();
        int maxDepth = 4; // how deep nested shortcodes inside content are listed
    };

    ShortcodeParser();
    explicit ShortcodeParser(Options options);

    ShortcodeDocument parse(const QString &body) const;

    // WordPress core's media shortcodes plus the newsroom's media-credit plugin.
    static QStringList defaultRegisteredTags();

private:
    Options m_options;
};

} // namespace byline
