#pragma once

#include "shortcode/shortcodedocument.h"

#include <QList>
#include <QString>
#include <QStringView>

// The few PHP and WordPress string functions the caption code depends on, re-implemented so
// our output matches theirs character for character.
namespace byline::wp {

// PHP's (int) cast of a string: leading whitespace, sign, digits, optional fraction/exponent;
// anything unparsable is 0. Clamped to int.
int phpIntval(QStringView s);
qint64 phpIntvalWide(QStringView s); // the same, unclamped (for width + 10 arithmetic)

// PHP's truthiness of a string: "" and "0" are false.
inline bool phpTruthy(QStringView s)
{
    return !s.isEmpty() && s != u"0";
}

// PHP's trim() character set: space, \t, \n, \r, \0 and \x0B (not \f, not U+00A0).
bool isPhpTrimChar(QChar c);
TextRange phpTrimmed(QStringView text, TextRange range);

// sanitize_html_class() without a fallback: drops %XX octets, then keeps [A-Za-z0-9_-].
QString sanitizeHtmlClass(QStringView s);

// esc_attr(): escapes < > " ' and any & that does not already start an entity.
QString escAttr(QStringView s);

// PHP's stripcslashes().
QString stripCSlashes(QStringView s);

// shortcode_parse_atts() over text[range], with the ranges of every token kept.
// malformed is set when quotes do not pair up, so an editor can warn about it.
QList<ShortcodeAttribute> parseShortcodeAttributes(QStringView text, TextRange range,
                                                   bool *malformed = nullptr);

// The value of one attribute in an HTML start tag such as <img src="…" alt='…'>, or a null
// QString when absent.
QString htmlTagAttribute(QStringView tag, QStringView name);
// PCRE's \s without the u flag: the whitespace WordPress's patterns skip.
inline bool isHtmlSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == 0x0B || u == '\f';
}

// Calls visit(name, value) for each attribute of an HTML start tag in order, as
// htmlTagAttribute() reads them (a value is null when the attribute has none), until visit
// returns false. Reads several attributes in one pass.
template<typename Visit>
void forEachHtmlTagAttribute(QStringView tag, Visit visit)
{
    qsizetype i = 0;
    const qsizetype n = tag.size();
    if (i < n && tag.at(i) == QLatin1Char('<'))
        ++i;
    while (i < n && !isHtmlSpace(tag.at(i)) && tag.at(i) != QLatin1Char('>'))
        ++i; // element name
    while (i < n) {
        while (i < n && (isHtmlSpace(tag.at(i)) || tag.at(i) == QLatin1Char('/')))
            ++i;
        if (i >= n || tag.at(i) == QLatin1Char('>'))
            break;
        const qsizetype nameBegin = i;
        while (i < n && !isHtmlSpace(tag.at(i)) && tag.at(i) != QLatin1Char('=')
               && tag.at(i) != QLatin1Char('>'))
            ++i;
        const QStringView attrName = tag.mid(nameBegin, i - nameBegin);
        while (i < n && isHtmlSpace(tag.at(i)))
            ++i;
        QStringView value;
        if (i < n && tag.at(i) == QLatin1Char('=')) {
            ++i;
            while (i < n && isHtmlSpace(tag.at(i)))
                ++i;
            if (i < n && (tag.at(i) == QLatin1Char('"') || tag.at(i) == QLatin1Char('\''))) {
                const QChar q = tag.at(i);
                const qsizetype vb = ++i;
                while (i < n && tag.at(i) != q)
                    ++i;
                value = tag.mid(vb, i - vb);
                if (i < n)
                    ++i;
            } else {
                const qsizetype vb = i;
                while (i < n && !isHtmlSpace(tag.at(i)) && tag.at(i) != QLatin1Char('>'))
                    ++i;
                value = tag.mid(vb, i - vb);
            }
        }
        if (!visit(attrName, value))
            return;
    }
}


} // namespace byline::wp
