#pragma once

#include "domain/article.h"
#include "domain/author.h"
#include "domain/image.h"
#include "shortcode/shortcodedocument.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSize>
#include <QString>
#include <QUrl>

namespace byline {

// The image library as the preview needs it, read once per article: lookups by WordPress
// attachment id, by file name and by library id.
struct PreviewLibrary
{
    QHash<qint64, Image> byAttachmentId;
    QHash<QString, Image> byFileName; // lower-case original file name
    QHash<qint64, Image> byId;

    void add(const Image &image);
    const Image *attachment(qint64 attachmentId) const;
    const Image *fileName(const QString &srcOrName) const; // basename of a URL or path
    const Image *id(qint64 imageId) const;
};

// How the body names one image it shows: by WordPress attachment id (a caption's id, an
// <img>'s wp-image-N class, a gallery's ids) and by the file name of its source, either
// possibly missing. The library is looked up by these, never read whole.
struct PreviewReference
{
    qint64 attachmentId = 0;
    QString fileName; // lower-case basename of the source, empty when there is none
};

// One library image the rendered HTML shows, at the size its box has on the page.
struct PreviewImageRef
{
    QUrl url;          // byline-image:<id>/<w>x<h>, what the HTML's <img src> names
    qint64 imageId = 0;
    QByteArray sha256; // identifies the bytes for the decode cache
    QSize size;        // CSS pixels of the box
};

// A run of the body that renders on its own: paragraphs split at blank lines, never inside a
// shortcode, a <pre> or an open block element. The unit of incremental updates.
struct PreviewBlock
{
    TextRange range;      // in the body
    int firstCaption = 0; // index into ShortcodeDocument::captions() of its first caption
    int captionCount = 0;
};

// What one block renders to: HTML 4 markup QTextDocument understands, and the images it uses.
struct RenderedBlock
{
    QString html;
    QList<PreviewImageRef> images;
};

// An article of an author's list, as the author page shows it.
struct AuthorPageEntry
{
    qint64 articleId = 0;
    QString title;
    QString excerpt;
    QDateTime date;
    QString statusLabel; // empty for published articles
};

// Turns an article body (WordPress classic-editor HTML with shortcodes) into the HTML 4 subset
// QTextDocument renders, the way the site's theme would show it: wpautop paragraphs, captions
// as images with text and credit beneath, library images for attachments, placeholders for
// anything missing or remote. Everything it emits is sanitised: no scripts, frames, event
// attributes or remote resources survive.
class PreviewRenderer
{
public:
    static constexpr int kMinImageWidth = 16;

    void setLibrary(PreviewLibrary library) { m_library = std::move(library); }
    void addToLibrary(const Image &image) { m_library.add(image); }
    const PreviewLibrary &library() const { return m_library; }
    void setColumnWidth(int pixels) { m_columnWidth = pixels; }
    int columnWidth() const { return m_columnWidth; }

    // The blocks of a parsed body, in order; together they cover the whole body.
    static QList<PreviewBlock> splitBody(const ShortcodeDocument &doc);

    RenderedBlock renderBlock(const ShortcodeDocument &doc, const PreviewBlock &block) const;
    // Every image the part of the body in range may show, as it names them (over-inclusive: a
    // name in text the page does not show as an image costs a lookup, nothing more).
    static QList<PreviewReference> references(const ShortcodeDocument &doc, TextRange range);
    // The lower-case basename of an image source, without query (what the library matches).
    static QString sourceFileName(const QString &src);

    // Headline, byline, date and excerpt of an article page.
    QString articleHeader(const Article &article, const QList<Author> &authors,
                          const QDateTime &now) const;
    // The whole article page in one string: header and every block (what a first render or a
    // plain QTextDocument::setHtml shows).
    QString articleHtml(const Article &article, const QList<Author> &authors, const QDateTime &now,
                        QList<PreviewImageRef> *images = nullptr) const;
    // An author's profile page with the list of their articles.
    QString authorPage(const Author &author, const QList<AuthorPageEntry> &articles,
                       const QDateTime &now, QList<PreviewImageRef> *images = nullptr) const;

    // Escapes or drops everything that must not reach the document: script/style/frames,
    // event attributes, javascript: links, remote images (replaced by placeholders).
    QString sanitize(const QString &html, QList<PreviewImageRef> *images) const;

    // "3 months ago", "in 2 days", "just now".
    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    // "21 December 2025".
    static QString absoluteDate(const QDateTime &when);
    // The first 55 words of a body's reader-visible text, as WordPress trims an excerpt.
    static QString excerptFromBody(const QString &body);

    static QUrl imageUrl(qint64 imageId, QSize size);
    static QUrl placeholderUrl(const QString &kind, QSize size, const QString &text);
    static QUrl captionUrl(int captionIndex);
    static QUrl authorUrl(qint64 authorId);
    static QUrl articleUrl(qint64 articleId);

private:
    QString renderCaption(const ShortcodeDocument &doc, int captionIndex,
                          QList<PreviewImageRef> *images) const;
    QString renderOther(const ShortcodeDocument &doc, int nodeIndex, QList<PreviewImageRef> *images) const;
    QString renderImgTag(QStringView tag, QList<PreviewImageRef> *images) const;
    // <img> markup for a library image shown at most width wide (never upscaled).
    QString libraryImage(const Image &image, int width, const QString &alt, QList<PreviewImageRef> *images,
                         QSize *shown = nullptr) const;
    QString placeholderImage(const QString &kind, int width, int height, const QString &text) const;
    QString avatar(qint64 imageId, int size, QList<PreviewImageRef> *images) const;

    PreviewLibrary m_library;
    int m_columnWidth = 760;
};

} // namespace byline
