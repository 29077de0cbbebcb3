#pragma once

#include "shortcode/shortcodedocument.h"

#include <QHash>
#include <QString>

namespace byline {

// Turns caption shortcodes into the markup WordPress core's img_caption_shortcode() prints,
// so the preview shows exactly what readers will get.
//
// Not reproduced: filters (img_caption_shortcode, img_caption_shortcode_width), wp_kses() of an
// old-style caption="…" attribute that contains HTML, and do_shortcode() on the image part —
// shortcodes there are left verbatim for the caller to expand.
class CaptionRenderer
{
public:
    enum class Markup {
        Html5, // <figure> + <figcaption>, for themes declaring html5 "caption" support
        Html4  // <div> + <p>, width + 10 px, aria-describedby on the <img>
    };

    // img_caption_shortcode($attr, $content) for attributes as shortcode_parse_atts() returns
    // them (lower-case names, present or absent). A null content means a self-closing tag.
    static QString render(const QHash<QString, QString> &attributes, const QString &content,
                          Markup markup);

    // One parsed caption node of doc.
    static QString renderNode(const ShortcodeDocument &doc, int nodeIndex, Markup markup);

    // The whole body as the_content would show it as far as captions go: every top-level
    // caption rendered, escaped [[shortcodes]] unescaped, everything else verbatim.
    static QString renderBody(const ShortcodeDocument &doc, Markup markup);
};

} // namespace byline
