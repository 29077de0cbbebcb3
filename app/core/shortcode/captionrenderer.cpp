#include "shortcode/captionrenderer.h"

#include "shortcode/wpcompat.h"

namespace byline {

namespace {

bool startsWithCI(QStringView text, qsizetype at, QStringView what)
{
    return at + what.size() <= text.size()
        && text.mid(at, what.size()).compare(what, Qt::CaseInsensitive) == 0;
}

bool isAsciiSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == 0x0B || u == '\f';
}

// The first "(<a …>\s*)?<img …>(\s*</a>)?" in content, case-insensitively; false if none.
bool findImagePart(QStringView content, qsizetype *begin, qsizetype *end)
{
    for (qsizetype i = content.indexOf(u'<'); i >= 0; i = content.indexOf(u'<', i + 1)) {
        qsizetype imgAt = -1;
        if (startsWithCI(content, i, u"<a ")) {
            const qsizetype gt = content.indexOf(u'>', i + 3);
            if (gt > i + 3) {
                qsizetype k = gt + 1;
                while (k < content.size() && isAsciiSpace(content.at(k)))
                    ++k;
                if (startsWithCI(content, k, u"<img "))
                    imgAt = k;
            }
        } else if (startsWithCI(content, i, u"<img ")) {
            imgAt = i;
        }
        if (imgAt < 0)
            continue;
        const qsizetype gt = content.indexOf(u'>', imgAt + 5);
        if (gt <= imgAt + 5)
            continue;
        qsizetype partEnd = gt + 1;
        qsizetype k = partEnd;
        while (k < content.size() && isAsciiSpace(content.at(k)))
            ++k;
        if (startsWithCI(content, k, u"</a>"))
            partEnd = k + 4;
        *begin = i;
        *end = partEnd;
        return true;
    }
    return false;
}

} // namespace

QString CaptionRenderer::render(const QHash<QString, QString> &attributes,
                                const QString &contentIn, Markup markup)
{
    QString content = contentIn.isNull() ? QString(QLatin1String("")) : contentIn;
    QString caption;
    if (attributes.contains(QStringLiteral("caption"))) {
        caption = attributes.value(QStringLiteral("caption"));
    } else {
        qsizetype b = 0;
        qsizetype e = 0;
        if (findImagePart(content, &b, &e)) {
            const QString rest = content.mid(e);
            const TextRange t = wp::phpTrimmed(rest, {0, rest.size()});
            caption = rest.mid(t.begin, t.length());
            content = content.mid(b, e - b);
        }
    }

    const QString rawId = attributes.value(QStringLiteral("id"));
    const QString rawCaptionId = attributes.value(QStringLiteral("caption_id"));
    const QString align = attributes.value(QStringLiteral("align"), QStringLiteral("alignnone"));
    const QString cls = attributes.value(QStringLiteral("class"));
    const qint64 width = wp::phpIntvalWide(attributes.value(QStringLiteral("width")));

    if (width < 1 || !wp::phpTruthy(caption))
        return content;

    QString id = rawId;
    QString idAttr;
    if (wp::phpTruthy(rawId)) {
        id = wp::sanitizeHtmlClass(rawId);
        idAttr = QLatin1String("id=\"") + wp::escAttr(id) + QLatin1String("\" ");
    }
    QString captionId;
    if (wp::phpTruthy(rawCaptionId))
        captionId = wp::sanitizeHtmlClass(rawCaptionId);
    else if (wp::phpTruthy(id))
        captionId = QLatin1String("caption-") + QString(id).replace(QLatin1Char('_'), QLatin1Char('-'));
    QString captionIdAttr;
    QString describedBy;
    if (wp::phpTruthy(captionId)) {
        captionIdAttr = QLatin1String("id=\"") + wp::escAttr(captionId) + QLatin1String("\" ");
        describedBy =
            QLatin1String("aria-describedby=\"") + wp::escAttr(captionId) + QLatin1String("\" ");
    }

    const QString joined = QLatin1String("wp-caption ") + align + QLatin1Char(' ') + cls;
    const TextRange t = wp::phpTrimmed(joined, {0, joined.size()});
    const QString cssClass = wp::escAttr(QStringView(joined).mid(t.begin, t.length()));

    const qint64 captionWidth = markup == Markup::Html5 ? width : width + 10;
    const QString style = QLatin1String("style=\"width: ") + QString::number(captionWidth)
        + QLatin1String("px\" ");

    if (markup == Markup::Html5) {
        return QLatin1String("<figure ") + idAttr + describedBy + style + QLatin1String("class=\"")
            + cssClass + QLatin1String("\">") + content + QLatin1String("<figcaption ")
            + captionIdAttr + QLatin1String("class=\"wp-caption-text\">") + caption
            + QLatin1String("</figcaption></figure>");
    }
    QString image = content;
    image.replace(QLatin1String("<img "), QLatin1String("<img ") + describedBy);
    return QLatin1String("<div ") + idAttr + style + QLatin1String("class=\"") + cssClass
        + QLatin1String("\">") + image + QLatin1String("<p ") + captionIdAttr
        + QLatin1String("class=\"wp-caption-text\">") + caption + QLatin1String("</p></div>");
}

QString CaptionRenderer::renderNode(const ShortcodeDocument &doc, int nodeIndex, Markup markup)
{
    const ShortcodeNode &node = doc.nodes().at(nodeIndex);
    QHash<QString, QString> atts;
    for (const ShortcodeAttribute &a : node.attributes) {
        if (!a.name.isEmpty())
            atts.insert(a.name, a.value);
    }
    const QString content = node.enclosing
        ? doc.source().mid(node.contentRange.begin, node.contentRange.length())
        : QString();
    return render(atts, content, markup);
}

QString CaptionRenderer::renderBody(const ShortcodeDocument &doc, Markup markup)
{
    QString out;
    out.reserve(doc.source().size() + doc.source().size() / 8);
    const QStringView src = doc.source();
    for (const ShortcodeDocument::Segment &s : doc.segments()) {
        const QStringView raw = src.mid(s.range.begin, s.range.length());
        if (s.node < 0) {
            out += raw;
            continue;
        }
        const ShortcodeNode &node = doc.nodes().at(s.node);
        switch (node.kind) {
        case ShortcodeNode::Kind::Caption:
            out += renderNode(doc, s.node, markup);
            break;
        case ShortcodeNode::Kind::Escaped:
            out += raw.mid(1, raw.size() - 2);
            break;
        default:
            out += raw;
        }
    }
    return out;
}

} // namespace byline
