#include "shortcode/wpcompat.h"

#include <cmath>
#include <limits>

namespace byline::wp {

namespace {

constexpr qint64 kIntLimit = std::numeric_limits<int>::max();

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

// PCRE's \s without the u flag.
bool isPcreSpace(QChar c)
{
    return isHtmlSpace(c);
}

// shortcode_parse_atts() first turns runs of these into one space.
bool isWpOddSpace(QChar c)
{
    return c.unicode() == 0x00A0 || c.unicode() == 0x200B;
}

bool isAttrSpace(QChar c)
{
    return isPcreSpace(c) || isWpOddSpace(c);
}

bool isAttrNameChar(QChar c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == QLatin1Char('_') || c == QLatin1Char('-');
}

bool validUnicode(qint64 i)
{
    return i == 0x9 || i == 0xA || i == 0xD || (i >= 0x20 && i <= 0xD7FF)
        || (i >= 0xE000 && i <= 0xFFFD) || (i >= 0x10000 && i <= 0x10FFFF);
}

// Every '<' must be closed by a '>' before the next '<'; otherwise WordPress blanks the value.
bool hasOnlyClosedTags(QStringView v)
{
    bool open = false;
    for (QChar c : v) {
        if (c == QLatin1Char('<')) {
            if (open)
                return false;
            open = true;
        } else if (c == QLatin1Char('>')) {
            open = false;
        }
    }
    return !open;
}

QString collapseOddSpaces(QStringView raw)
{
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (isWpOddSpace(raw.at(i))) {
            while (i + 1 < raw.size() && isWpOddSpace(raw.at(i + 1)))
                ++i;
            out += QLatin1Char(' ');
        } else {
            out += raw.at(i);
        }
    }
    return out;
}

} // namespace

qint64 phpIntvalWide(QStringView s)
{
    qsizetype i = 0;
    while (i < s.size() && (isPcreSpace(s.at(i))))
        ++i;
    const qsizetype start = i;
    if (i < s.size() && (s.at(i) == QLatin1Char('+') || s.at(i) == QLatin1Char('-')))
        ++i;
    const qsizetype digitsStart = i;
    while (i < s.size() && isAsciiDigit(s.at(i)))
        ++i;
    qsizetype intEnd = i;
    bool isFloat = false;
    if (i < s.size() && s.at(i) == QLatin1Char('.')) {
        qsizetype j = i + 1;
        while (j < s.size() && isAsciiDigit(s.at(j)))
            ++j;
        if (j > i + 1 || intEnd > digitsStart) {
            isFloat = j > i + 1;
            i = j;
        }
    }
    if (intEnd == digitsStart && !isFloat)
        return 0;
    if (i < s.size() && (s.at(i) == QLatin1Char('e') || s.at(i) == QLatin1Char('E'))) {
        qsizetype j = i + 1;
        if (j < s.size() && (s.at(j) == QLatin1Char('+') || s.at(j) == QLatin1Char('-')))
            ++j;
        if (j < s.size() && isAsciiDigit(s.at(j))) {
            while (j < s.size() && isAsciiDigit(s.at(j)))
                ++j;
            isFloat = true;
            i = j;
        }
    }
    const bool negative = s.at(start) == QLatin1Char('-');
    if (isFloat) {
        const double d = s.mid(start, i - start).toString().toDouble();
        if (!std::isfinite(d) || std::fabs(d) >= 9.2e18)
            return 0; // PHP gives an unspecified result here; 0 keeps the caption unrendered
        return static_cast<qint64>(d);
    }
    qint64 v = 0;
    for (qsizetype k = digitsStart; k < intEnd; ++k) {
        v = v * 10 + (s.at(k).unicode() - '0');
        if (v > (qint64(1) << 53)) {
            v = qint64(1) << 53; // saturate like PHP's strtol, far beyond any real width
            break;
        }
    }
    return negative ? -v : v;
}

int phpIntval(QStringView s)
{
    const qint64 v = phpIntvalWide(s);
    return int(qBound(-kIntLimit - 1, v, kIntLimit));
}

bool isPhpTrimChar(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == 0 || u == 0x0B;
}

TextRange phpTrimmed(QStringView text, TextRange range)
{
    qsizetype b = range.begin;
    qsizetype e = range.end;
    while (b < e && isPhpTrimChar(text.at(b)))
        ++b;
    while (e > b && isPhpTrimChar(text.at(e - 1)))
        --e;
    return {b, e};
}

QString sanitizeHtmlClass(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('%') && i + 2 < s.size() && isHexDigit(s.at(i + 1))
            && isHexDigit(s.at(i + 2))) {
            i += 2;
            continue;
        }
        if (isAttrNameChar(c))
            out += c;
    }
    return out;
}

QString escAttr(QStringView s)
{
    bool special = false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '&' || u == '<' || u == '>' || u == '"' || u == '\'') {
            special = true;
            break;
        }
    }
    if (!special)
        return s.toString();

    QString out;
    out.reserve(s.size() + 16);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        switch (u) {
        case '<':
            out += QLatin1String("&lt;");
            continue;
        case '>':
            out += QLatin1String("&gt;");
            continue;
        case '"':
            out += QLatin1String("&quot;");
            continue;
        case '\'':
            out += QLatin1String("&#039;");
            continue;
        case '&':
            break;
        default:
            out += QChar(u);
            continue;
        }
        // An existing entity is kept (numeric ones normalised as wp_kses_normalize_entities does).
        qsizetype j = i + 1;
        if (j < s.size() && isAsciiLetter(s.at(j))) {
            qsizetype k = j;
            while (k < s.size() && k - j < 8 && isAsciiLetter(s.at(k)))
                ++k;
            qsizetype letters = k - j;
            while (k < s.size() && k - j - letters < 2 && isAsciiDigit(s.at(k)))
                ++k;
            if (letters >= 2 && k < s.size() && s.at(k) == QLatin1Char(';')) {
                out += s.mid(i, k - i + 1);
                i = k;
                continue;
            }
        } else if (j < s.size() && s.at(j) == QLatin1Char('#')) {
            const bool hex = j + 1 < s.size()
                && (s.at(j + 1) == QLatin1Char('x') || s.at(j + 1) == QLatin1Char('X'));
            qsizetype k = j + (hex ? 2 : 1);
            const qsizetype digitsStart = k;
            while (k < s.size() && (hex ? isHexDigit(s.at(k)) : isAsciiDigit(s.at(k)))
                   && k - digitsStart < (hex ? 6 : 7))
                ++k;
            if (k > digitsStart && k < s.size() && s.at(k) == QLatin1Char(';')) {
                const QString digits = s.mid(digitsStart, k - digitsStart).toString();
                bool ok = false;
                const qint64 value = digits.toLongLong(&ok, hex ? 16 : 10);
                if (ok && validUnicode(value)) {
                    QString trimmed = digits;
                    while (trimmed.startsWith(QLatin1Char('0')))
                        trimmed.remove(0, 1);
                    if (hex) {
                        out += QLatin1String("&#x") + trimmed + QLatin1Char(';');
                    } else {
                        out += QLatin1String("&#") + trimmed.rightJustified(3, QLatin1Char('0'))
                            + QLatin1Char(';');
                    }
                    i = k;
                    continue;
                }
            }
        }
        out += QLatin1String("&amp;");
    }
    return out;
}

QString stripCSlashes(QStringView s)
{
    if (!s.contains(QLatin1Char('\\')))
        return s.toString();
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= s.size()) {
            out += c;
            continue;
        }
        ++i;
        const char16_t n = s.at(i).unicode();
        switch (n) {
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 'a':
            out += QChar(0x07);
            break;
        case 'v':
            out += QChar(0x0B);
            break;
        case 'b':
            out += QChar(0x08);
            break;
        case 'f':
            out += QChar(0x0C);
            break;
        case 'x':
            if (i + 1 < s.size() && isHexDigit(s.at(i + 1))) {
                int v = 0;
                int taken = 0;
                while (taken < 2 && i + 1 < s.size() && isHexDigit(s.at(i + 1))) {
                    const char16_t h = s.at(i + 1).unicode();
                    v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                    ++i;
                    ++taken;
                }
                out += QChar(v);
                break;
            }
            out += QChar(n);
            break;
        default:
            if (n >= '0' && n <= '7') {
                int v = n - '0';
                int taken = 1;
                while (taken < 3 && i + 1 < s.size() && s.at(i + 1).unicode() >= '0'
                       && s.at(i + 1).unicode() <= '7') {
                    v = v * 8 + (s.at(i + 1).unicode() - '0');
                    ++i;
                    ++taken;
                }
                out += QChar(v & 0xFF);
            } else {
                out += QChar(n);
            }
        }
    }
    return out;
}

QList<ShortcodeAttribute> parseShortcodeAttributes(QStringView text, TextRange range,
                                                   bool *malformed)
{
    QList<ShortcodeAttribute> out;
    out.reserve(6); // a caption has four or five; one allocation instead of several
    bool bad = false;
    const qsizetype end = range.end;
    auto skipSpaces = [&](qsizetype p) {
        while (p < end && isAttrSpace(text.at(p)))
            ++p;
        return p;
    };
    // "(?:\s|$)" after a token: one whitespace, where a run of odd spaces counts as one.
    auto separatorOk = [&](qsizetype p) { return p >= end || isAttrSpace(text.at(p)); };
    auto consumeSeparator = [&](qsizetype p) {
        if (p >= end)
            return p;
        if (isWpOddSpace(text.at(p))) {
            while (p < end && isWpOddSpace(text.at(p)))
                ++p;
            return p;
        }
        return p + 1;
    };
    auto add = [&](qsizetype tokenBegin, qsizetype tokenEnd, TextRange name, TextRange value,
                   QChar quote) {
        ShortcodeAttribute a;
        if (name.isValid()) {
            // The usual names come from static text, so most attributes allocate no name.
            static const QString kCommon[] = {
                QStringLiteral("id"),    QStringLiteral("align"),      QStringLiteral("width"),
                QStringLiteral("class"), QStringLiteral("caption_id"), QStringLiteral("caption"),
                QStringLiteral("ids"),   QStringLiteral("columns"),    QStringLiteral("size"),
                QStringLiteral("link"),  QStringLiteral("height"),     QStringLiteral("src")};
            const QStringView raw = text.mid(name.begin, name.length());
            for (const QString &common : kCommon) {
                if (raw == common) {
                    a.name = common;
                    break;
                }
            }
            if (a.name.isNull()) {
                a.name = raw.toString();
                for (QChar &ch : a.name) {
                    if (ch.unicode() >= 'A' && ch.unicode() <= 'Z')
                        ch = QChar(ch.unicode() | 0x20); // PHP's strtolower() is ASCII-only
                }
            }
        }
        // PHP's empty() treats a name of "0" as missing and the attribute is dropped.
        if (name.isValid() && a.name == u"0")
            return;
        a.range = {tokenBegin, tokenEnd};
        a.valueRange = value;
        a.quote = quote;
        const QStringView raw = text.mid(value.begin, value.length());
        bool plain = true;
        for (QChar ch : raw)
            plain = plain && !isWpOddSpace(ch) && ch != QLatin1Char('\\');
        a.value = plain ? raw.toString() : stripCSlashes(collapseOddSpaces(raw));
        if (a.value.contains(QLatin1Char('<')) && !hasOnlyClosedTags(a.value))
            a.value.clear();
        out.append(std::move(a));
    };

    qsizetype i = range.begin;
    while (i < end) {
        const QChar c = text.at(i);
        if (isAttrSpace(c)) {
            ++i;
            continue;
        }
        if (isAttrNameChar(c)) {
            qsizetype j = i;
            while (j < end && isAttrNameChar(text.at(j)))
                ++j;
            const qsizetype eq = skipSpaces(j);
            if (eq < end && text.at(eq) == QLatin1Char('=')) {
                const qsizetype v = skipSpaces(eq + 1);
                if (v < end && (text.at(v) == QLatin1Char('"') || text.at(v) == QLatin1Char('\''))) {
                    const QChar q = text.at(v);
                    qsizetype close = v + 1;
                    while (close < end && text.at(close) != q)
                        ++close;
                    if (close < end && separatorOk(close + 1)) {
                        add(i, close + 1, {i, j}, {v + 1, close}, q);
                        i = consumeSeparator(close + 1);
                        continue;
                    }
                } else if (v < end) {
                    qsizetype w = v;
                    while (w < end && !isAttrSpace(text.at(w)) && text.at(w) != QLatin1Char('"')
                           && text.at(w) != QLatin1Char('\''))
                        ++w;
                    if (w > v && separatorOk(w)) {
                        add(i, w, {i, j}, {v, w}, QChar());
                        i = consumeSeparator(w);
                        continue;
                    }
                }
            }
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            qsizetype close = i + 1;
            while (close < end && text.at(close) != c)
                ++close;
            if (close < end && separatorOk(close + 1)) {
                if (close > i + 1)
                    add(i, close + 1, {}, {i + 1, close}, c);
                i = consumeSeparator(close + 1);
                continue;
            }
        }
        qsizetype w = i;
        while (w < end && !isAttrSpace(text.at(w)))
            ++w;
        const QStringView token = text.mid(i, w - i);
        if (token.contains(QLatin1Char('"')) || token.contains(QLatin1Char('\''))
            || token.contains(QLatin1Char('=')))
            bad = true;
        add(i, w, {}, {i, w}, QChar());
        i = consumeSeparator(w);
    }
    if (malformed)
        *malformed = bad;
    return out;
}

QString htmlTagAttribute(QStringView tag, QStringView name)
{
    QString found;
    forEachHtmlTagAttribute(tag, [&](QStringView attrName, QStringView value) {
        if (attrName.compare(name, Qt::CaseInsensitive) != 0)
            return true;
        found = value.isNull() ? QString(QLatin1String("")) : value.toString();
        return false;
    });
    return found;
}

} // namespace byline::wp
