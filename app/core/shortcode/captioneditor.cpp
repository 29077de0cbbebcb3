#include "shortcode/captioneditor.h"

#include "shortcode/wpcompat.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>

namespace byline {

namespace {

struct Replacement
{
    TextRange range;
    QString text;
};

// Attribute values may not hold the shortcode's own delimiters, and WordPress unescapes
// backslashes in them.
QString escapeAttributeValue(const QString &value, QChar quote)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('"') && quote != QLatin1Char('\''))
            out += QLatin1String("&quot;");
        else if (c == QLatin1Char('\'') && quote == QLatin1Char('\''))
            out += QLatin1String("&#039;");
        else if (c == QLatin1Char('['))
            out += QLatin1String("&#91;");
        else if (c == QLatin1Char(']'))
            out += QLatin1String("&#93;");
        else
            out += c;
    }
    return out;
}

// Caption text must not end the shortcode early.
QString escapeContentText(const QString &text, const QString &tag)
{
    QString out = text;
    out.replace(QLatin1String("[/") + tag + QLatin1Char(']'),
                QLatin1String("&#91;/") + tag + QLatin1Char(']'));
    return out;
}

void setAttribute(const QString &source, const ShortcodeNode &node, const QString &name,
                  const QString &value, QList<Replacement> *out, QString *pendingInsert)
{
    const ShortcodeAttribute *last = nullptr;
    for (const ShortcodeAttribute &a : node.attributes) {
        if (a.name == name)
            last = &a;
    }
    if (last) {
        const QString current = source.mid(last->valueRange.begin, last->valueRange.length());
        if (current == value)
            return;
        if (last->quote.isNull()) {
            bool bareOk = !value.isEmpty();
            for (QChar c : value)
                bareOk = bareOk && !c.isSpace() && c != QLatin1Char('"') && c != QLatin1Char('\'')
                    && c != QLatin1Char(']') && c != QLatin1Char('[') && c != QLatin1Char('\\')
                    && c != QLatin1Char('/');
            out->append({last->valueRange,
                         bareOk ? value
                                : QLatin1Char('"') + escapeAttributeValue(value, QLatin1Char('"'))
                                    + QLatin1Char('"')});
        } else {
            out->append({last->valueRange, escapeAttributeValue(value, last->quote)});
        }
        return;
    }
    *pendingInsert += QLatin1Char(' ') + name + QLatin1String("=\"")
        + escapeAttributeValue(value, QLatin1Char('"')) + QLatin1Char('"');
}

QString escUrl(const QString &url)
{
    QString u = url;
    while (!u.isEmpty() && u.at(0) == QLatin1Char(' '))
        u.remove(0, 1);
    u.replace(QLatin1Char(' '), QLatin1String("%20"));
    QString kept;
    for (QChar c : std::as_const(u)) {
        const char16_t x = c.unicode();
        const bool ok = x >= 0x80 || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z')
            || (x >= '0' && x <= '9') || QStringView(u"-~+_.?#=!&;,/:%@$|*'()[]\\").contains(c);
        if (ok)
            kept += c;
    }
    QString out = wp::escAttr(kept); // normalises entities and escapes quotes
    out.replace(QLatin1String("&amp;"), QLatin1String("&#038;"));
    return out;
}

} // namespace

QString CaptionEditor::apply(const ShortcodeDocument &doc, int captionIndex,
                             const CaptionEdit &edit, bool *ok)
{
    if (ok)
        *ok = false;
    const QString &source = doc.source();
    if (captionIndex < 0 || captionIndex >= doc.captions().size())
        return source;
    const Caption &cap = doc.captions().at(captionIndex);
    const ShortcodeNode &node = doc.nodes().at(cap.node);

    QList<Replacement> replacements;
    QString insertAttributes;

    if (edit.text || edit.credit || edit.creditStyle) {
        CaptionCredit parts = cap.credit;
        if (edit.text)
            parts.text = *edit.text;
        if (edit.credit)
            parts.credit = *edit.credit;
        if (edit.creditStyle && *edit.creditStyle != parts.style) {
            parts.style = *edit.creditStyle;
            parts.prefix = defaultCreditPrefix(parts.style);
        }
        if (parts.style == CreditStyle::None && !parts.credit.isEmpty()) {
            parts.style = CreditStyle::Photo;
            parts.prefix = defaultCreditPrefix(parts.style);
        }
        const QString newText = joinCredit(parts);
        if (newText != cap.text) {
            if (cap.legacyAttribute) {
                const ShortcodeAttribute *attr = nullptr;
                for (const ShortcodeAttribute &a : node.attributes) {
                    if (a.name == u"caption")
                        attr = &a;
                }
                const QChar quote = attr->quote.isNull() ? QLatin1Char('"') : attr->quote;
                const QString escaped = escapeAttributeValue(newText, quote);
                replacements.append({attr->valueRange, attr->quote.isNull()
                                                           ? quote + escaped + quote
                                                           : escaped});
            } else if (node.enclosing) {
                QString text = escapeContentText(newText, node.tag);
                const TextRange r = cap.textRange;
                if (r.length() == 0 && cap.hasImage && !text.isEmpty()
                    && (r.begin == 0 || !source.at(r.begin - 1).isSpace()))
                    text.prepend(QLatin1Char(' '));
                replacements.append({r, text});
            } else {
                return source;
            }
        }
    }
    if (edit.align)
        setAttribute(source, node, QStringLiteral("align"), *edit.align, &replacements,
                     &insertAttributes);
    if (edit.width)
        setAttribute(source, node, QStringLiteral("width"), QString::number(*edit.width),
                     &replacements, &insertAttributes);
    if (!insertAttributes.isEmpty()) {
        qsizetype at = node.attributesRange.begin;
        for (const ShortcodeAttribute &a : node.attributes)
            at = std::max(at, a.range.end);
        replacements.append({{at, at}, insertAttributes});
    }

    std::sort(replacements.begin(), replacements.end(),
              [](const Replacement &a, const Replacement &b) {
                  return a.range.begin > b.range.begin;
              });
    QString out = source;
    for (const Replacement &r : std::as_const(replacements))
        out.replace(r.range.begin, r.range.length(), r.text);
    if (ok)
        *ok = true;
    return out;
}

QString captionShortcodeForImage(const ImageInsert &image)
{
    // get_image_tag(): src, alt, width/height when known, then the classes.
    QString hw;
    if (image.width)
        hw += QLatin1String("width=\"") + QString::number(image.width) + QLatin1String("\" ");
    if (image.height)
        hw += QLatin1String("height=\"") + QString::number(image.height) + QLatin1String("\" ");
    const QString alignClass = QLatin1String("align") + wp::escAttr(image.align) + QLatin1Char(' ');
    const QString sizeAndId = QLatin1String("size-") + wp::escAttr(image.size)
        + QLatin1String(" wp-image-") + QString::number(image.attachmentId);
    auto imgTag = [&](const QString &cls) -> QString {
        return QLatin1String("<img src=\"") + escUrl(image.src) + QLatin1String("\" alt=\"")
            + wp::escAttr(image.alt) + QLatin1String("\" ") + hw + QLatin1String("class=\"") + cls
            + QLatin1String("\" />");
    };
    auto linked = [&](const QString &img) -> QString {
        if (image.linkUrl.isEmpty())
            return img;
        QString rel;
        if (image.linkToAttachmentPage)
            rel = QLatin1String(" rel=\"attachment wp-att-") + QString::number(image.attachmentId)
                + QLatin1Char('"');
        return QLatin1String("<a href=\"") + escUrl(image.linkUrl) + QLatin1Char('"') + rel
            + QLatin1Char('>') + img + QLatin1String("</a>");
    };

    CaptionCredit parts;
    parts.text = image.caption.trimmed();
    parts.credit = image.credit.trimmed();
    parts.style = parts.credit.isEmpty() ? CreditStyle::None
        : image.creditStyle == CreditStyle::None ? CreditStyle::Photo
                                                 : image.creditStyle;
    parts.prefix = defaultCreditPrefix(parts.style);
    QString caption = joinCredit(parts);

    if (!wp::phpTruthy(caption) || image.width <= 0)
        return linked(imgTag(alignClass + sizeAndId));

    // image_add_caption(): one line per caption, line breaks inside tags become spaces and the
    // remaining ones <br />; the image loses its align class to the shortcode.
    caption.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    caption.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    static const QRegularExpression tagRe(QStringLiteral("<[a-zA-Z0-9]+(?: [^<>]+>)*"));
    static const QRegularExpression breaksInTag(QStringLiteral("[\\r\\n\\t]+"));
    QString cleaned;
    qsizetype last = 0;
    for (auto it = tagRe.globalMatch(caption); it.hasNext();) {
        const auto m = it.next();
        cleaned += QStringView(caption).mid(last, m.capturedStart() - last);
        cleaned += m.captured().replace(breaksInTag, QStringLiteral(" "));
        last = m.capturedEnd();
    }
    cleaned += QStringView(caption).mid(last);
    static const QRegularExpression lineBreak(QStringLiteral("[ \\n\\t]*\\n[ \\t]*"));
    cleaned.replace(lineBreak, QStringLiteral("<br />"));

    static const QRegularExpression knownAlign(QStringLiteral("^align(none|left|right|center)\\s?"));
    QString cls = alignClass + sizeAndId;
    cls.remove(knownAlign);
    const QString align = image.align.isEmpty() ? QStringLiteral("none") : image.align;
    const QString id = image.attachmentId > 0
        ? QLatin1String("attachment_") + QString::number(image.attachmentId)
        : QString();
    return QLatin1String("[caption id=\"") + id + QLatin1String("\" align=\"align") + align
        + QLatin1String("\" width=\"") + QString::number(image.width) + QLatin1String("\"]")
        + linked(imgTag(cls)) + QLatin1Char(' ') + cleaned + QLatin1String("[/caption]");
}

} // namespace byline
