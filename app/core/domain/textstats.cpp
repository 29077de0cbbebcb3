#include "textstats.h"

#include "shortcode/shortcodeparser.h"

namespace byline {

namespace {

// The handful of entities WordPress bodies commonly carry; others count as one character.
QString decodeEntity(QStringView name)
{
    if (name == u"nbsp")
        return QStringLiteral(" ");
    if (name == u"amp")
        return QStringLiteral("&");
    if (name == u"lt")
        return QStringLiteral("<");
    if (name == u"gt")
        return QStringLiteral(">");
    if (name == u"quot")
        return QStringLiteral("\"");
    if (name == u"mdash" || name == u"ndash")
        return QStringLiteral("-");
    return QStringLiteral("?");
}

void appendWithoutMarkup(QStringView text, QString &out)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('<')) {
            const qsizetype close = text.indexOf(QLatin1Char('>'), i + 1);
            if (close < 0) {
                out += text.mid(i); // a lone '<' is text
                return;
            }
            out += QLatin1Char(' ');
            i = close;
            continue;
        }
        if (c == QLatin1Char('&')) {
            const qsizetype semi = text.indexOf(QLatin1Char(';'), i + 1);
            if (semi > i + 1 && semi - i <= 10) {
                out += decodeEntity(text.mid(i + 1, semi - i - 1));
                i = semi;
                continue;
            }
        }
        out += c;
    }
}

} // namespace

QString TextStats::visibleText(const QString &body)
{
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QString text;
    text.reserve(body.size());
    for (const auto &segment : doc.segments()) {
        if (segment.node >= 0) {
            text += QLatin1Char(' ');
            continue;
        }
        appendWithoutMarkup(QStringView(body).mid(segment.range.begin, segment.range.end - segment.range.begin), text);
    }
    return text.simplified();
}

TextStats TextStats::ofBody(const QString &body)
{
    TextStats s;
    const QString text = visibleText(body);
    s.characters = int(text.size());
    bool inWord = false;
    for (const QChar c : text) {
        const bool wordChar = c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing;
        if (wordChar && !inWord)
            ++s.words;
        // Apostrophes and hyphens inside a word ("editor's", "high-altitude") do not split it.
        if (wordChar)
            inWord = true;
        else if (c != QLatin1Char('\'') && c != QChar(0x2019) && c != QLatin1Char('-'))
            inWord = false;
    }
    s.readingMinutes = s.words == 0 ? 0 : (s.words + kWordsPerMinute - 1) / kWordsPerMinute;
    return s;
}

} // namespace byline
