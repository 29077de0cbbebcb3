#pragma once

#include "shortcode/creditstyle.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace byline {

// A half-open span [begin, end) of UTF-16 offsets into the body a document was parsed from.
struct TextRange
{
    qsizetype begin = -1;
    qsizetype end = -1;

    bool isValid() const { return begin >= 0 && end >= begin; }
    qsizetype length() const { return isValid() ? end - begin : 0; }
    bool contains(qsizetype pos) const { return pos >= begin && pos < end; }
    friend bool operator==(const TextRange &a, const TextRange &b)
    {
        return a.begin == b.begin && a.end == b.end;
    }
};

// Something an editor should show next to the text: WordPress would read this differently
// from what the writer probably meant. The body itself is never altered by a diagnostic.
struct ShortcodeDiagnostic
{
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Warning;
    QString message;
    qsizetype offset = 0; // UTF-16 offset into the body
    int line = 1;         // 1-based
    int column = 1;       // 1-based, in UTF-16 units
};

// One attribute as shortcode_parse_atts() yields it.
struct ShortcodeAttribute
{
    QString name;        // lower-cased; empty for a positional attribute
    QString value;       // the value WordPress hands to the shortcode (unescaped)
    TextRange range;     // the whole token in the body
    TextRange valueRange; // the raw value characters, inside the quotes if any
    QChar quote;         // '"', '\'' or null for a bare value
};

// One shortcode occurrence found the way get_shortcode_regex() finds it.
struct ShortcodeNode
{
    enum class Kind {
        Caption,   // [caption] or its alias [wp_caption]
        Other,     // a registered shortcode other than caption (kept verbatim)
        Unknown,   // an unregistered [name …] tag: WordPress prints it literally
        Escaped    // [[name]]…: WordPress prints it without the outer brackets
    };
    Kind kind = Kind::Other;
    QString tag;
    TextRange range;           // the whole shortcode (an escaping bracket on one side only is excluded)
    TextRange attributesRange; // the text between the name and "]" or "/]"
    TextRange contentRange;    // between "]" and "[/tag]"; invalid unless enclosing
    bool enclosing = false;
    bool selfClosingSlash = false;
    QList<ShortcodeAttribute> attributes;
    int parent = -1; // index into ShortcodeDocument::nodes() of the enclosing shortcode
    int depth = 0;

    // The last value given for name (WordPress lets later duplicates win), or a null QString.
    QString attribute(QStringView name) const;
    bool hasAttribute(QStringView name) const;
};

// A caption as img_caption_shortcode() understands it, with everything needed to edit it.
struct Caption
{
    int node = -1; // index into ShortcodeDocument::nodes()
    TextRange range;
    int line = 0;   // 1-based
    int column = 0; // 1-based, in UTF-16 units

    QString id;            // the id attribute as written, e.g. "attachment_35968"
    int attachmentId = 0;  // from id="attachment_N", else from the image's wp-image-N class
    QString align;         // as written; WordPress falls back to "alignnone" when absent
    QString widthText;     // as written
    int width = 0;         // as PHP's (int) cast reads widthText
    QString cssClass;
    QString captionId;

    bool legacyAttribute = false; // the old form: caption="…" instead of text in the content
    bool hasImage = false;        // an <img> (optionally wrapped in <a>) was found in the content
    bool linked = false;          // the <img> is wrapped in <a …>
    TextRange imageRange;         // <a …><img …></a> or <img …>
    QString imageSrc;
    QString imageAlt;

    QString text;        // caption HTML, trimmed as WordPress trims it
    TextRange textRange; // where text sits in the body (inside the attribute value for the old form)
    CaptionCredit credit; // text split into {text, credit} by house style
};

// The result of parsing one article body: the untouched text plus what was found in it.
class ShortcodeDocument
{
public:
    // A top-level run of the body: plain text or one shortcode node.
    struct Segment
    {
        TextRange range;
        int node = -1; // -1 for plain text
    };

    ShortcodeDocument() = default;

    const QString &source() const { return m_source; }
    const QList<Segment> &segments() const { return m_segments; }
    const QList<ShortcodeNode> &nodes() const { return m_nodes; }
    const QList<Caption> &captions() const { return m_captions; }
    const QList<ShortcodeDiagnostic> &diagnostics() const { return m_diagnostics; }
    bool hasErrors() const;

    // The body rebuilt from its segments; identical to source() for a parsed document.
    QString serialize() const;

    // 1-based line and column of a UTF-16 offset.
    void lineColumn(qsizetype offset, int *line, int *column) const;

private:
    friend class ShortcodeParser;
    QString m_source;
    QList<Segment> m_segments;
    QList<ShortcodeNode> m_nodes;
    QList<Caption> m_captions;
    QList<ShortcodeDiagnostic> m_diagnostics;
};

} // namespace byline
