#pragma once

#include <QString>
#include <QStringList>

namespace byline {

// WordPress's wpautop(): turns an article body written in the classic editor (no <p>, blank
// lines between paragraphs) into the HTML the site prints. Blank lines become paragraphs,
// single newlines become <br /> when br is true, block-level elements are not wrapped, <pre>
// is left alone and newlines inside tags survive.
QString wpautop(const QString &text, bool br = true);

// WordPress's shortcode_unautop(): a shortcode of one of tags standing alone in a paragraph
// loses the <p>…</p> that wpautop() put around it, so it can render as a block.
QString shortcodeUnautop(const QString &html, const QStringList &tags);

} // namespace byline
