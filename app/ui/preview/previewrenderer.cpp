#include "previewrenderer.h"

#include "render/wpautop.h"
#include "shortcode/shortcodeparser.h"
#include "shortcode/wpcompat.h"

#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace byline {

// Why HTML 4 tables and not <figure>: QTextDocument understands only an HTML 4 subset. It
// ignores <figure>, and CSS float works on nothing but tables and images. A caption therefore
// becomes a one-column table whose align="left|right|center" gives the float and centring the
// theme's .alignleft/.alignright/.aligncenter would, with the image in the first row and the
// caption text and credit beneath. The result is laid out by QTextBrowser, which runs no
// script and fetches nothing by itself (see PreviewDocument::loadResource).

namespace {

const QString kToken = QStringLiteral("bylinesc");

ShortcodeDocument parseBody(const QString &body)
{
    static const ShortcodeParser parser;
    return parser.parse(body);
}

struct Attribute
{
    QString name; // lower case
    QString value; // as written, entities left alone
};

struct Tag
{
    QString name; // lower case
    bool closing = false;
    bool selfClosing = false;
    QList<Attribute> attributes;
    qsizetype end = 0; // one past '>'

    QString attribute(QLatin1String n) const
    {
        for (const Attribute &a : attributes) {
            if (a.name == n)
                return a.value;
        }
        return QString();
    }
};

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char(':');
}

// Reads the tag starting at text[at] == '<'. False when it is not a tag (a lone '<').
bool parseTag(QStringView text, qsizetype at, Tag *tag)
{
    const qsizetype n = text.size();
    qsizetype i = at + 1;
    if (i < n && text[i] == QLatin1Char('/')) {
        tag->closing = true;
        ++i;
    }
    if (i >= n || !text[i].isLetter())
        return false;
    const qsizetype nameBegin = i;
    while (i < n && isNameChar(text[i]))
        ++i;
    tag->name = text.mid(nameBegin, i - nameBegin).toString().toLower();
    while (i < n) {
        while (i < n && (text[i].isSpace() || text[i] == QLatin1Char('/'))) {
            if (text[i] == QLatin1Char('/') && i + 1 < n && text[i + 1] == QLatin1Char('>'))
                tag->selfClosing = true;
            ++i;
        }
        if (i >= n)
            return false;
        if (text[i] == QLatin1Char('>')) {
            tag->end = i + 1;
            return true;
        }
        const qsizetype an = i;
        while (i < n && !text[i].isSpace() && text[i] != QLatin1Char('=') && text[i] != QLatin1Char('>')
               && text[i] != QLatin1Char('/'))
            ++i;
        Attribute attr;
        attr.name = text.mid(an, i - an).toString().toLower();
        while (i < n && text[i].isSpace())
            ++i;
        if (i < n && text[i] == QLatin1Char('=')) {
            ++i;
            while (i < n && text[i].isSpace())
                ++i;
            if (i < n && (text[i] == QLatin1Char('"') || text[i] == QLatin1Char('\''))) {
                const QChar q = text[i++];
                const qsizetype vb = i;
                while (i < n && text[i] != q)
                    ++i;
                if (i >= n)
                    return false;
                attr.value = text.mid(vb, i - vb).toString();
                ++i;
            } else {
                const qsizetype vb = i;
                while (i < n && !text[i].isSpace() && text[i] != QLatin1Char('>'))
                    ++i;
                attr.value = text.mid(vb, i - vb).toString();
            }
        }
        if (!attr.name.isEmpty())
            tag->attributes.append(attr);
        else if (i < n && text[i] != QLatin1Char('>'))
            ++i; // a stray character such as '"': skip it
    }
    return false;
}

qsizetype findClosing(QStringView text, qsizetype from, const QString &name)
{
    const QString needle = QStringLiteral("</") + name;
    const qsizetype at = text.indexOf(needle, from, Qt::CaseInsensitive);
    if (at < 0)
        return text.size();
    const qsizetype gt = text.indexOf(QLatin1Char('>'), at);
    return gt < 0 ? text.size() : gt + 1;
}

bool oneOf(const QString &name, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (name == QLatin1String(n))
            return true;
    }
    return false;
}

// Elements whose content is code or metadata, never reader text.
bool dropsContent(const QString &name)
{
    return oneOf(name, {"script", "style", "template", "noscript", "title", "head", "textarea", "svg", "math"});
}

// Elements that would load something from elsewhere: shown as a labelled box instead.
bool isEmbed(const QString &name)
{
    return oneOf(name, {"iframe", "object", "embed", "video", "audio", "frame", "frameset", "applet", "portal"});
}

bool isAllowed(const QString &name)
{
    return oneOf(name, {"p",     "br",   "h1",     "h2",   "h3",         "h4",         "h5",     "h6",   "a",
                        "strong", "b",   "em",     "i",    "u",          "s",          "strike", "del",  "ins",
                        "sub",   "sup",  "span",   "div",  "blockquote", "ul",         "ol",     "li",   "dl",
                        "dt",    "dd",   "table",  "thead", "tbody",     "tfoot",      "tr",     "td",   "th",
                        "caption", "code", "pre",  "kbd",  "samp",       "tt",         "small",  "big",  "hr",
                        "cite",  "q",    "abbr",   "address", "center",  "figure",     "figcaption", "mark", "var"});
}

bool isAllowedAttribute(const QString &tag, const QString &attr)
{
    if (oneOf(attr, {"class", "title", "lang", "dir", "align", "valign"}))
        return true;
    if (tag == QLatin1String("a"))
        return oneOf(attr, {"href", "name"});
    if (tag == QLatin1String("ol"))
        return oneOf(attr, {"start", "type"});
    if (oneOf(tag, {"td", "th"}))
        return oneOf(attr, {"colspan", "rowspan", "width"});
    if (tag == QLatin1String("table"))
        return oneOf(attr, {"border", "cellpadding", "cellspacing", "width"});
    return false;
}

// Links open in the system browser only when clicked, and only these kinds of link.
bool isSafeHref(const QString &href)
{
    QString compact;
    for (const QChar c : href) {
        if (!c.isSpace() && c.unicode() >= 0x20)
            compact += c.toLower();
    }
    const qsizetype colon = compact.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return true;
    const qsizetype stop = [&] {
        qsizetype s = compact.size();
        for (QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
            const qsizetype at = compact.indexOf(c);
            if (at >= 0)
                s = std::min(s, at);
        }
        return s;
    }();
    if (colon > stop)
        return true; // relative URL with a colon later on
    const QString scheme = compact.left(colon);
    return oneOf(scheme, {"http", "https", "mailto", "tel"});
}

bool isSafeStyle(const QString &style)
{
    const QString s = style.toLower();
    return !s.contains(QLatin1String("url")) && !s.contains(QLatin1String("expression"))
        && !s.contains(QLatin1Char('@')) && !s.contains(QLatin1String("behavior"))
        && !s.contains(QLatin1String("script")) && !s.contains(QLatin1Char('\\'));
}

QString hostOf(const QString &url)
{
    const QUrl u = QUrl::fromUserInput(url);
    return u.host().isEmpty() ? url.left(60) : u.host();
}

bool isRemote(const QString &src)
{
    const QString s = src.trimmed().toLower();
    return s.startsWith(QLatin1String("http:")) || s.startsWith(QLatin1String("https:"))
        || s.startsWith(QLatin1String("//")) || s.startsWith(QLatin1String("ftp:"));
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

int wpImageClass(const QString &cls)
{
    static const QRegularExpression re(QStringLiteral("(?:^|\\s)wp-image-(\\d+)(?:\\s|$)"));
    const auto m = re.match(cls);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QString alignOf(const QString &cls)
{
    for (const char *a : {"alignleft", "alignright", "aligncenter", "alignnone"}) {
        if (cls.contains(QLatin1String(a)))
            return QLatin1String(a);
    }
    return QStringLiteral("alignnone");
}

// Which container elements are open, so a block is never cut inside one.
bool isContainer(const QString &name)
{
    return oneOf(name, {"table", "ul", "ol", "dl", "blockquote", "div", "pre", "figure", "section", "article",
                        "aside", "header", "footer", "nav", "details", "form", "fieldset", "address",
                        "video", "audio", "object", "script", "style", "iframe"});
}

} // namespace

void PreviewLibrary::add(const Image &image)
{
    byId.insert(image.id, image);
    if (image.wpAttachmentId > 0)
        byAttachmentId.insert(image.wpAttachmentId, image);
    if (!image.originalFileName.isEmpty())
        byFileName.insert(image.originalFileName.toLower(), image);
}

const Image *PreviewLibrary::attachment(qint64 attachmentId) const
{
    const auto it = byAttachmentId.constFind(attachmentId);
    return it == byAttachmentId.cend() ? nullptr : &*it;
}

QString PreviewRenderer::sourceFileName(const QString &src)
{
    QString name = src.trimmed();
    const qsizetype q = name.indexOf(QLatin1Char('?'));
    if (q >= 0)
        name.truncate(q);
    return name.mid(name.lastIndexOf(QLatin1Char('/')) + 1).toLower();
}

QList<PreviewReference> PreviewRenderer::references(const ShortcodeDocument &doc, TextRange range)
{
    QList<PreviewReference> out;
    const QString &src = doc.source();
    const auto inside = [&](const TextRange &r) { return r.begin >= range.begin && r.begin < range.end; };
    for (const Caption &c : doc.captions()) {
        if (inside(c.range))
            out.append({c.attachmentId, c.hasImage ? sourceFileName(c.imageSrc) : QString()});
    }
    for (const ShortcodeNode &node : doc.nodes()) {
        if (node.tag != QLatin1String("gallery") || !inside(node.range))
            continue;
        const QStringList ids = node.attribute(u"ids").split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &id : ids)
            out.append({id.trimmed().toLongLong(), QString()});
    }
    // Every <img> tag of the range, wherever it stands (captions' images come twice: harmless).
    static const QRegularExpression img(QStringLiteral("<img\\b[^>]*"), QRegularExpression::CaseInsensitiveOption);
    const QStringView text = QStringView(src).mid(range.begin, range.length());
    for (auto it = img.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        Tag tag;
        if (!parseTag(text.mid(m.capturedStart(), m.capturedLength() + 1), 0, &tag))
            continue;
        const QString source = tag.attribute(QLatin1String("src"));
        out.append({wpImageClass(tag.attribute(QLatin1String("class"))),
                    source.isEmpty() ? QString() : sourceFileName(source)});
    }
    return out;
}

const Image *PreviewLibrary::fileName(const QString &srcOrName) const
{
    const QString name = PreviewRenderer::sourceFileName(srcOrName);
    if (name.isEmpty())
        return nullptr;
    const auto it = byFileName.constFind(name);
    return it == byFileName.cend() ? nullptr : &*it;
}

const Image *PreviewLibrary::id(qint64 imageId) const
{
    const auto it = byId.constFind(imageId);
    return it == byId.cend() ? nullptr : &*it;
}

QUrl PreviewRenderer::imageUrl(qint64 imageId, QSize size)
{
    return QUrl(QStringLiteral("byline-image:%1/%2x%3").arg(imageId).arg(size.width()).arg(size.height()));
}

QUrl PreviewRenderer::placeholderUrl(const QString &kind, QSize size, const QString &text)
{
    QUrl url;
    url.setScheme(QStringLiteral("byline-placeholder"));
    url.setPath(kind);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("w"), QString::number(size.width()));
    q.addQueryItem(QStringLiteral("h"), QString::number(size.height()));
    q.addQueryItem(QStringLiteral("text"), text);
    url.setQuery(q);
    return url;
}

QUrl PreviewRenderer::captionUrl(int captionIndex)
{
    return QUrl(QStringLiteral("byline-caption:%1").arg(captionIndex));
}

QUrl PreviewRenderer::authorUrl(qint64 authorId)
{
    return QUrl(QStringLiteral("byline-author:%1").arg(authorId));
}

QUrl PreviewRenderer::articleUrl(qint64 articleId)
{
    return QUrl(QStringLiteral("byline-article:%1").arg(articleId));
}

QList<PreviewBlock> PreviewRenderer::splitBody(const ShortcodeDocument &doc)
{
    const QString &src = doc.source();
    QList<PreviewBlock> blocks;
    qsizetype start = 0;
    bool hasContent = false;
    int depth = 0;

    for (const ShortcodeDocument::Segment &seg : doc.segments()) {
        const bool isShortcode = seg.node >= 0
            && doc.nodes().at(seg.node).kind != ShortcodeNode::Kind::Unknown;
        if (isShortcode) {
            hasContent = true;
            continue;
        }
        qsizetype i = seg.range.begin;
        const qsizetype end = seg.range.end;
        while (i < end) {
            const QChar c = src.at(i);
            if (c == QLatin1Char('<')) {
                Tag tag;
                if (parseTag(QStringView(src).left(end), i, &tag) && isContainer(tag.name) && !tag.selfClosing) {
                    depth = tag.closing ? std::max(0, depth - 1) : depth + 1;
                    hasContent = true;
                    i = tag.end;
                    continue;
                }
            }
            if (c == QLatin1Char('\n') && depth == 0 && hasContent) {
                // A blank line: only whitespace up to the next newline.
                qsizetype j = i + 1;
                while (j < end && src.at(j) != QLatin1Char('\n') && src.at(j).isSpace())
                    ++j;
                if (j < end && src.at(j) == QLatin1Char('\n')) {
                    while (j < end && src.at(j).isSpace())
                        ++j;
                    blocks.append({{start, j}, 0, 0});
                    start = j;
                    hasContent = false;
                    i = j;
                    continue;
                }
            }
            if (!c.isSpace())
                hasContent = true;
            ++i;
        }
    }
    if (start < src.size() || blocks.isEmpty()) {
        if (!hasContent && !blocks.isEmpty())
            blocks.last().range.end = src.size();
        else
            blocks.append({{start, src.size()}, 0, 0});
    }

    // Captions per block; a block that ends in a floated caption is joined to the next one so
    // the following paragraph can wrap around the picture, as it does on the site.
    const QList<Caption> &captions = doc.captions();
    int ci = 0;
    QList<PreviewBlock> merged;
    for (PreviewBlock b : std::as_const(blocks)) {
        if (!merged.isEmpty()) {
            PreviewBlock &prev = merged.last();
            bool floatsAtEnd = false;
            if (prev.captionCount > 0) {
                const Caption &last = captions.at(prev.firstCaption + prev.captionCount - 1);
                const bool floats = last.align == QLatin1String("alignleft") || last.align == QLatin1String("alignright");
                floatsAtEnd = floats && QStringView(src).mid(last.range.end, prev.range.end - last.range.end).trimmed().isEmpty();
            }
            // Keep joining until the picture has about a column's height of text beside it.
            if (!floatsAtEnd && prev.captionCount > 0) {
                const Caption &last = captions.at(prev.firstCaption + prev.captionCount - 1);
                const bool floats = last.align == QLatin1String("alignleft") || last.align == QLatin1String("alignright");
                floatsAtEnd = floats && prev.range.end - last.range.end < 700;
            }
            if (floatsAtEnd) {
                prev.range.end = b.range.end;
                while (ci < captions.size() && captions.at(ci).range.begin < prev.range.end) {
                    ++prev.captionCount;
                    ++ci;
                }
                continue;
            }
        }
        b.firstCaption = ci;
        while (ci < captions.size() && captions.at(ci).range.begin < b.range.end) {
            ++b.captionCount;
            ++ci;
        }
        merged.append(b);
    }
    return merged;
}

RenderedBlock PreviewRenderer::renderBlock(const ShortcodeDocument &doc, const PreviewBlock &block) const
{
    RenderedBlock out;
    const QString &src = doc.source();
    QString text;
    text.reserve(block.range.length() + 16);
    QList<int> tokens; // node index per token
    for (const ShortcodeDocument::Segment &seg : doc.segments()) {
        if (seg.range.end <= block.range.begin || seg.range.begin >= block.range.end)
            continue;
        const qsizetype b = std::max(seg.range.begin, block.range.begin);
        const qsizetype e = std::min(seg.range.end, block.range.end);
        if (seg.node < 0) {
            text += QStringView(src).mid(b, e - b);
            continue;
        }
        const ShortcodeNode &node = doc.nodes().at(seg.node);
        if (node.kind == ShortcodeNode::Kind::Unknown) {
            text += QStringView(src).mid(b, e - b);
        } else if (node.kind == ShortcodeNode::Kind::Escaped) {
            QStringView raw = QStringView(src).mid(b, e - b);
            if (raw.startsWith(QLatin1Char('[')) && raw.endsWith(QLatin1Char(']')) && raw.size() >= 2)
                raw = raw.mid(1, raw.size() - 2);
            text += raw;
        } else {
            text += QStringLiteral("[%1 %2]").arg(kToken).arg(tokens.size());
            tokens.append(seg.node);
        }
    }

    QString html = shortcodeUnautop(wpautop(text), {kToken});
    html = sanitize(html, &out.images);
    if (!tokens.isEmpty()) {
        QHash<int, int> captionOfNode;
        for (int i = block.firstCaption; i < block.firstCaption + block.captionCount && i < doc.captions().size(); ++i)
            captionOfNode.insert(doc.captions().at(i).node, i);
        for (int t = 0; t < tokens.size(); ++t) {
            const int node = tokens.at(t);
            const auto it = captionOfNode.constFind(node);
            const QString rendered = it != captionOfNode.cend() ? renderCaption(doc, *it, &out.images)
                                                                 : renderOther(doc, node, &out.images);
            html.replace(QStringLiteral("[%1 %2]").arg(kToken).arg(t), rendered);
        }
    }
    out.html = html;
    return out;
}

QString PreviewRenderer::libraryImage(const Image &image, int width, const QString &alt,
                                      QList<PreviewImageRef> *images, QSize *shown) const
{
    int w = width > 0 ? width : (image.width > 0 ? image.width : m_columnWidth);
    w = std::min(w, m_columnWidth);
    if (image.width > 0)
        w = std::min(w, image.width); // never upscaled
    w = std::max(w, kMinImageWidth);
    const int h = image.width > 0 && image.height > 0
        ? std::max(1, int(std::lround(double(w) * image.height / image.width)))
        : w * 2 / 3;
    const QSize size(w, h);
    const QUrl url = imageUrl(image.id, size);
    if (images)
        images->append({url, image.id, image.sha256, size});
    if (shown)
        *shown = size;
    return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\" alt=\"%4\" />")
        .arg(esc(url.toString()))
        .arg(w)
        .arg(h)
        .arg(wp::escAttr(alt.isEmpty() ? image.altText : alt));
}

QString PreviewRenderer::placeholderImage(const QString &kind, int width, int height, const QString &text) const
{
    const int w = std::clamp(width, kMinImageWidth, m_columnWidth);
    const int h = std::max(kMinImageWidth, height);
    const QUrl url = placeholderUrl(kind, QSize(w, h), text);
    return QStringLiteral("<img class=\"placeholder %1\" src=\"%2\" width=\"%3\" height=\"%4\" alt=\"%5\" />")
        .arg(kind, esc(url.toString(QUrl::FullyEncoded)))
        .arg(w)
        .arg(h)
        .arg(esc(text));
}

QString PreviewRenderer::renderImgTag(QStringView tagText, QList<PreviewImageRef> *images) const
{
    Tag tag;
    if (!parseTag(tagText, 0, &tag))
        return QString();
    const QString src = tag.attribute(QLatin1String("src"));
    const QString cls = tag.attribute(QLatin1String("class"));
    const QString alt = tag.attribute(QLatin1String("alt"));
    const int widthAttr = wp::phpIntval(tag.attribute(QLatin1String("width")));
    const int heightAttr = wp::phpIntval(tag.attribute(QLatin1String("height")));

    const Image *image = nullptr;
    if (const int att = wpImageClass(cls))
        image = m_library.attachment(att);
    if (!image && !src.isEmpty())
        image = m_library.fileName(src);

    QString img;
    if (image) {
        img = libraryImage(*image, widthAttr, alt, images);
    } else {
        const int w = std::min(widthAttr > 0 ? widthAttr : 300, m_columnWidth);
        const int h = widthAttr > 0 && heightAttr > 0 ? int(std::lround(double(w) * heightAttr / widthAttr)) : w * 2 / 3;
        QString why;
        if (src.trimmed().isEmpty())
            why = QStringLiteral("Image without a source");
        else if (isRemote(src))
            why = QStringLiteral("Remote image not loaded: %1").arg(hostOf(src));
        else
            why = QStringLiteral("Image not in the library: %1").arg(src.mid(src.lastIndexOf(QLatin1Char('/')) + 1));
        img = placeholderImage(isRemote(src) ? QStringLiteral("remote") : QStringLiteral("missing"), w, h, why);
    }
    // Plain images float the way the theme floats .alignleft/.alignright.
    const QString align = alignOf(cls);
    if (align == QLatin1String("alignleft") || align == QLatin1String("alignright")) {
        img.insert(4, QStringLiteral(" style=\"float: %1\"")
                          .arg(align == QLatin1String("alignleft") ? QStringLiteral("left") : QStringLiteral("right")));
    }
    return img;
}

QString PreviewRenderer::sanitize(const QString &html, QList<PreviewImageRef> *images) const
{
    QString out;
    out.reserve(html.size() + 64);
    const QStringView text(html);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype lt = text.indexOf(QLatin1Char('<'), i);
        if (lt < 0) {
            out += text.mid(i);
            break;
        }
        out += text.mid(i, lt - i);
        if (text.mid(lt).startsWith(u"<!")) { // comments, doctype, CDATA: nothing to show
            const bool comment = text.mid(lt).startsWith(u"<!--");
            const qsizetype end = comment ? text.indexOf(u"-->", lt + 4) : text.indexOf(QLatin1Char('>'), lt);
            i = end < 0 ? n : end + (comment ? 3 : 1);
            continue;
        }
        Tag tag;
        if (!parseTag(text, lt, &tag)) {
            out += QLatin1String("&lt;");
            i = lt + 1;
            continue;
        }
        i = tag.end;
        const QString &name = tag.name;
        if (dropsContent(name)) {
            if (!tag.closing && !tag.selfClosing)
                i = findClosing(text, i, name);
            continue;
        }
        if (isEmbed(name)) {
            if (tag.closing)
                continue;
            QString src = tag.attribute(QLatin1String("src"));
            if (src.isEmpty())
                src = tag.attribute(QLatin1String("data"));
            out += QStringLiteral("<table class=\"embed\" width=\"100%\" cellpadding=\"12\"><tr><td>"
                                  "Embedded %1 not loaded in the preview%2</td></tr></table>")
                       .arg(esc(name), src.isEmpty() ? QString() : esc(QString(QStringLiteral(": ") + hostOf(src))));
            if (!tag.selfClosing && !oneOf(name, {"embed", "frame"}))
                i = findClosing(text, i, name);
            continue;
        }
        if (name == QLatin1String("img")) {
            if (!tag.closing)
                out += renderImgTag(text.mid(lt, tag.end - lt), images);
            continue;
        }
        if (!isAllowed(name))
            continue; // the tag goes, its text stays
        if (tag.closing) {
            out += QStringLiteral("</%1>").arg(name);
            continue;
        }
        out += QLatin1Char('<');
        out += name;
        for (const Attribute &a : std::as_const(tag.attributes)) {
            bool keep = isAllowedAttribute(name, a.name);
            if (a.name == QLatin1String("style"))
                keep = isSafeStyle(a.value);
            if (a.name == QLatin1String("href"))
                keep = isSafeHref(a.value);
            if (!keep)
                continue;
            out += QLatin1Char(' ');
            out += a.name;
            out += QLatin1String("=\"");
            out += wp::escAttr(a.value);
            out += QLatin1Char('"');
        }
        out += tag.selfClosing ? QLatin1String(" />") : QLatin1String(">");
    }
    return out;
}

QString PreviewRenderer::renderCaption(const ShortcodeDocument &doc, int captionIndex,
                                       QList<PreviewImageRef> *images) const
{
    const Caption &c = doc.captions().at(captionIndex);
    const QString &src = doc.source();

    const Image *image = c.attachmentId > 0 ? m_library.attachment(c.attachmentId) : nullptr;
    if (!image && c.hasImage && !c.imageSrc.isEmpty())
        image = m_library.fileName(c.imageSrc);

    QString imgTagText;
    QString linkHref;
    if (c.hasImage && c.imageRange.isValid()) {
        const QStringView whole = QStringView(src).mid(c.imageRange.begin, c.imageRange.length());
        const qsizetype imgAt = whole.indexOf(u"<img", 0, Qt::CaseInsensitive);
        if (imgAt >= 0) {
            const qsizetype gt = whole.indexOf(QLatin1Char('>'), imgAt);
            imgTagText = whole.mid(imgAt, (gt < 0 ? whole.size() : gt + 1) - imgAt).toString();
        }
        if (c.linked) {
            const QString href = wp::htmlTagAttribute(whole, u"href");
            if (isSafeHref(href))
                linkHref = href;
        }
    }
    const int imgWidthAttr = wp::phpIntval(wp::htmlTagAttribute(imgTagText, u"width"));
    const int imgHeightAttr = wp::phpIntval(wp::htmlTagAttribute(imgTagText, u"height"));
    const int wanted = c.width > 0 ? c.width : imgWidthAttr;

    QString picture;
    QSize shown;
    if (image) {
        picture = libraryImage(*image, wanted, c.imageAlt, images, &shown);
    } else {
        const int w = std::min(wanted > 0 ? wanted : 300, m_columnWidth);
        const int h = imgWidthAttr > 0 && imgHeightAttr > 0 ? int(std::lround(double(w) * imgHeightAttr / imgWidthAttr))
                                                             : w * 2 / 3;
        QString why;
        if (c.attachmentId > 0)
            why = QStringLiteral("Image missing from the library: attachment %1").arg(c.attachmentId);
        else if (c.hasImage && isRemote(c.imageSrc))
            why = QStringLiteral("Remote image not loaded: %1").arg(hostOf(c.imageSrc));
        else
            why = QStringLiteral("No image for this caption");
        picture = placeholderImage(QStringLiteral("missing"), w, h, why);
        shown = QSize(std::clamp(w, kMinImageWidth, m_columnWidth), h);
    }
    const QString captionHref = esc(captionUrl(captionIndex).toString());
    picture = QStringLiteral("<a href=\"%1\">%2</a>")
                  .arg(linkHref.isEmpty() ? captionHref : wp::escAttr(linkHref), picture);

    QString align;
    // QTextDocument floats a table for CSS float only; align="right" would merely push it over.
    if (c.align == QLatin1String("alignleft"))
        align = QStringLiteral(" style=\"float: left\"");
    else if (c.align == QLatin1String("alignright"))
        align = QStringLiteral(" style=\"float: right\"");
    else if (c.align == QLatin1String("aligncenter"))
        align = QStringLiteral(" align=\"center\"");

    const QString alignClass = c.align.isEmpty() ? QStringLiteral("alignnone") : wp::sanitizeHtmlClass(c.align);
    QString html = QStringLiteral("<table class=\"wp-caption %1\"%2 width=\"%3\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\">"
                                  "<tr><td class=\"wp-caption-image\">%4</td></tr>")
                       .arg(alignClass, align)
                       .arg(shown.width())
                       .arg(picture);
    const QString text = sanitize(c.credit.text, nullptr);
    if (!text.trimmed().isEmpty()) {
        // The text is a link to the caption so a click anywhere on it selects it in the editor;
        // a caption that carries its own link keeps it instead.
        const QString body = text.contains(QLatin1String("<a "))
            ? text
            : QStringLiteral("<a class=\"caption-link\" href=\"%1\">%2</a>").arg(captionHref, text);
        html += QStringLiteral("<tr><td class=\"wp-caption-text\">%1</td></tr>").arg(body);
    }
    if (c.credit.style != CreditStyle::None && !c.credit.credit.isEmpty()) {
        html += QStringLiteral("<tr><td class=\"wp-caption-credit\">%1</td></tr>")
                    .arg(sanitize(QString(c.credit.prefix + c.credit.credit), nullptr));
    }
    html += QLatin1String("</table>");
    return html;
}

QString PreviewRenderer::renderOther(const ShortcodeDocument &doc, int nodeIndex, QList<PreviewImageRef> *images) const
{
    const ShortcodeNode &node = doc.nodes().at(nodeIndex);
    const QString &src = doc.source();
    const QString content = node.contentRange.isValid()
        ? src.mid(node.contentRange.begin, node.contentRange.length())
        : QString();

    if (node.tag == QLatin1String("gallery")) {
        const QStringList ids = node.attribute(u"ids").split(QLatin1Char(','), Qt::SkipEmptyParts);
        int columns = wp::phpIntval(node.attribute(u"columns"));
        if (columns <= 0)
            columns = 3;
        columns = std::min<int>(columns, std::max<int>(1, int(ids.size())));
        const int cell = std::max(kMinImageWidth, (m_columnWidth - 8 * (columns - 1)) / std::max(1, columns));
        QString html = QStringLiteral("<table class=\"gallery\" width=\"100%\" cellspacing=\"8\" cellpadding=\"0\"><tr>");
        int col = 0;
        for (const QString &id : ids) {
            if (col == columns) {
                html += QLatin1String("</tr><tr>");
                col = 0;
            }
            const qint64 att = id.trimmed().toLongLong();
            const Image *image = m_library.attachment(att);
            html += QLatin1String("<td>");
            html += image ? libraryImage(*image, cell, QString(), images)
                          : placeholderImage(QStringLiteral("missing"), cell, cell * 2 / 3,
                                             QStringLiteral("Image missing from the library: attachment %1").arg(att));
            html += QLatin1String("</td>");
            ++col;
        }
        if (ids.isEmpty())
            html += QLatin1String("<td class=\"embed\">Gallery without images</td>");
        html += QLatin1String("</tr></table>");
        return html;
    }
    if (node.tag == QLatin1String("media-credit")) {
        QString credit = node.attribute(u"name");
        if (credit.isEmpty())
            credit = node.attribute(u"link");
        QString html = sanitize(content, images);
        if (!credit.isEmpty())
            html += QStringLiteral("<p class=\"media-credit\">%1</p>").arg(esc(credit));
        return html;
    }
    // embed, audio, video, playlist: media from elsewhere, never fetched here.
    QString target = content.trimmed();
    if (target.isEmpty())
        target = node.attribute(u"src");
    if (target.isEmpty())
        target = node.attribute(u"mp3");
    if (target.isEmpty())
        target = node.attribute(u"mp4");
    QString label = QStringLiteral("Embedded %1 not loaded in the preview").arg(esc(node.tag));
    if (!target.isEmpty()) {
        const QString link = isSafeHref(target) && isRemote(target)
            ? QStringLiteral("<a href=\"%1\">%2</a>").arg(wp::escAttr(target), esc(target))
            : esc(target);
        label += QStringLiteral("<br />") + link;
    }
    return QStringLiteral("<table class=\"embed\" width=\"100%\" cellpadding=\"12\"><tr><td>%1</td></tr></table>").arg(label);
}

QString PreviewRenderer::avatar(qint64 imageId, int size, QList<PreviewImageRef> *images) const
{
    if (const Image *image = m_library.id(imageId)) {
        // Avatars are square crops on the site; the library keeps them square already.
        const QUrl url = imageUrl(image->id, QSize(size, size));
        if (images)
            images->append({url, image->id, image->sha256, QSize(size, size)});
        return QStringLiteral("<img class=\"avatar\" src=\"%1\" width=\"%2\" height=\"%2\" />").arg(esc(url.toString())).arg(size);
    }
    return QStringLiteral("<img class=\"avatar\" src=\"%1\" width=\"%2\" height=\"%2\" />")
        .arg(esc(placeholderUrl(QStringLiteral("avatar"), QSize(size, size), QString()).toString(QUrl::FullyEncoded)))
        .arg(size);
}

QString PreviewRenderer::absoluteDate(const QDateTime &when)
{
    return QLocale(QLocale::English).toString(when.toLocalTime().date(), QStringLiteral("d MMMM yyyy"));
}

QString PreviewRenderer::relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QString();
    const qint64 secs = when.secsTo(now);
    const bool future = secs < 0;
    const qint64 s = future ? -secs : secs;
    auto phrase = [&](qint64 count, const char *unit) {
        const QString u = QLatin1String(unit) + (count == 1 ? QString() : QStringLiteral("s"));
        return future ? QStringLiteral("in %1 %2").arg(count).arg(u) : QStringLiteral("%1 %2 ago").arg(count).arg(u);
    };
    if (s < 60)
        return future ? QStringLiteral("in a moment") : QStringLiteral("just now");
    if (s < 3600)
        return phrase(s / 60, "minute");
    if (s < 86400)
        return phrase(s / 3600, "hour");
    const qint64 days = s / 86400;
    if (days < 7)
        return phrase(days, "day");
    if (days < 30)
        return phrase(days / 7, "week");
    if (days < 365)
        return phrase(std::max<qint64>(1, days / 30), "month");
    return phrase(days / 365, "year");
}

QString PreviewRenderer::excerptFromBody(const QString &body)
{
    const ShortcodeDocument doc = parseBody(body);
    QString text;
    for (const ShortcodeDocument::Segment &seg : doc.segments()) {
        if (seg.node < 0)
            text += QStringView(body).mid(seg.range.begin, seg.range.length());
        else
            text += QLatin1Char(' ');
    }
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.replace(tags, QStringLiteral(" "));
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    constexpr int kWords = 55; // WordPress's excerpt_length
    if (words.size() <= kWords)
        return words.join(QLatin1Char(' '));
    return QString(words.mid(0, kWords).join(QLatin1Char(' ')) + QStringLiteral("\u2026"));
}

QString PreviewRenderer::articleHeader(const Article &article, const QList<Author> &authors, const QDateTime &now) const
{
    QString html;
    html += QStringLiteral("<h1 class=\"headline\">%1</h1>").arg(esc(article.title));
    if (!authors.isEmpty()) {
        html += QLatin1String("<table class=\"byline\" cellspacing=\"0\" cellpadding=\"0\"><tr>");
        for (const Author &a : authors) {
            const QString href = esc(authorUrl(a.id).toString());
            html += QStringLiteral("<td class=\"byline-avatar\"><a href=\"%1\">%2</a></td>"
                                   "<td class=\"byline-author\"><a class=\"author-name\" href=\"%1\">%3</a><br />"
                                   "<span class=\"role\">%4</span></td>")
                        .arg(href, avatar(a.avatarImageId, 48, nullptr), esc(a.displayName), esc(a.roleLine));
        }
        html += QLatin1String("</tr></table>");
    }
    QDateTime date = article.publishedAt;
    QString state;
    if (!date.isValid() && article.scheduledAt.isValid()) {
        date = article.scheduledAt;
        state = QStringLiteral("Scheduled");
    }
    if (!date.isValid()) {
        date = article.updatedAt.isValid() ? article.updatedAt : article.createdAt;
        state = QStringLiteral("Not published \u00b7 last saved");
    }
    if (date.isValid()) {
        html += QStringLiteral("<p class=\"dateline\">%1%2 <span class=\"ago\">\u00b7 %3</span></p>")
                    .arg(state.isEmpty() ? QString() : QString(esc(state) + QLatin1Char(' ')), esc(absoluteDate(date)),
                         esc(relativeTime(date, now)));
    }
    if (!article.excerpt.trimmed().isEmpty())
        html += QStringLiteral("<p class=\"excerpt\">%1</p>").arg(sanitize(article.excerpt, nullptr));
    html += QLatin1String("<hr class=\"rule\" />");
    return html;
}

QString PreviewRenderer::articleHtml(const Article &article, const QList<Author> &authors, const QDateTime &now,
                                     QList<PreviewImageRef> *images) const
{
    QString html = articleHeader(article, authors, now);
    const ShortcodeDocument doc = parseBody(article.body);
    for (const PreviewBlock &b : splitBody(doc)) {
        RenderedBlock r = renderBlock(doc, b);
        html += r.html;
        if (images)
            images->append(r.images);
    }
    return html;
}

QString PreviewRenderer::authorPage(const Author &author, const QList<AuthorPageEntry> &articles,
                                    const QDateTime &now, QList<PreviewImageRef> *images) const
{
    QString html;
    html += QStringLiteral("<p class=\"breadcrumb\">Our People \u203a %1</p>").arg(esc(author.displayName));
    html += QStringLiteral("<table class=\"profile\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
                           "<td class=\"profile-avatar\">%1</td><td class=\"profile-name\">"
                           "<h1 class=\"author-title\">%2</h1><p class=\"role\">%3</p></td></tr></table>")
                .arg(avatar(author.avatarImageId, 112, images), esc(author.displayName), esc(author.roleLine));
    html += QStringLiteral("<div class=\"bio\">%1</div>").arg(wpautop(esc(author.bio)));
    if (!author.links.isEmpty()) {
        QStringList links;
        for (const AuthorLink &l : author.links) {
            if (isSafeHref(l.url))
                links << QStringLiteral("<a href=\"%1\">%2</a>").arg(wp::escAttr(l.url), esc(l.label));
        }
        html += QStringLiteral("<p class=\"links\">%1</p>").arg(links.join(QStringLiteral(" \u00b7 ")));
    }
    html += QLatin1String("<h2 class=\"section\">Articles</h2>");
    if (articles.isEmpty())
        html += QLatin1String("<p class=\"entry-meta\">No articles yet.</p>");
    for (const AuthorPageEntry &e : articles) {
        html += QStringLiteral("<h3 class=\"entry-title\"><a href=\"%1\">%2</a></h3>")
                    .arg(esc(articleUrl(e.articleId).toString()), esc(e.title));
        if (!e.excerpt.isEmpty())
            html += QStringLiteral("<p class=\"entry-excerpt\">%1</p>").arg(sanitize(e.excerpt, nullptr));
        QString meta = esc(relativeTime(e.date, now));
        if (!e.statusLabel.isEmpty())
            meta += QStringLiteral(" \u00b7 <span class=\"status\">%1</span>").arg(esc(e.statusLabel));
        html += QStringLiteral("<p class=\"entry-meta\">%1</p><hr class=\"entry-rule\" />").arg(meta);
    }
    return html;
}

} // namespace byline
