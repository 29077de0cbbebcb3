#include "searchtext.h"

#include "domain/textstats.h"

#include "shortcode/shortcodeparser.h"

#include <QHash>

namespace byline {

namespace {

// Inline elements join the text around them ("wo<b>rd</b>" is one word); every other tag
// separates words, as a browser would lay them out.
bool isInlineTag(QStringView name)
{
    static const QStringList inlineTags = {
        QStringLiteral("a"),    QStringLiteral("abbr"), QStringLiteral("b"),     QStringLiteral("em"),
        QStringLiteral("i"),    QStringLiteral("mark"), QStringLiteral("small"), QStringLiteral("span"),
        QStringLiteral("strong"), QStringLiteral("sub"), QStringLiteral("sup"),  QStringLiteral("u")};
    for (const QString &t : inlineTags) {
        if (name.compare(t, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString decodeEntity(QStringView name)
{
    if (name.startsWith(u'#')) {
        bool ok = false;
        const uint code = name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X')
                              ? name.mid(2).toUInt(&ok, 16)
                              : name.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10FFFF)
            return {};
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    static const QHash<QString, QString> named = {
        {QStringLiteral("amp"), QStringLiteral("&")},      {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},       {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},     {QStringLiteral("nbsp"), QStringLiteral(" ")},
        {QStringLiteral("mdash"), QStringLiteral("\u2014")}, {QStringLiteral("ndash"), QStringLiteral("\u2013")},
        {QStringLiteral("hellip"), QStringLiteral("\u2026")}, {QStringLiteral("laquo"), QStringLiteral("\u00AB")},
        {QStringLiteral("raquo"), QStringLiteral("\u00BB")}, {QStringLiteral("copy"), QStringLiteral("\u00A9")},
        {QStringLiteral("rsquo"), QStringLiteral("\u2019")}, {QStringLiteral("lsquo"), QStringLiteral("\u2018")},
        {QStringLiteral("rdquo"), QStringLiteral("\u201D")}, {QStringLiteral("ldquo"), QStringLiteral("\u201C")}};
    return named.value(name.toString());
}

void appendSpace(QString &out)
{
    if (!out.isEmpty() && out.back() != QLatin1Char(' '))
        out += QLatin1Char(' ');
}

} // namespace

void SearchText::appendVisibleHtml(QStringView html, QString &out)
{
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = html.at(i);
        if (c == u'<') {
            if (html.mid(i, 4) == u"<!--") {
                const qsizetype end = html.indexOf(u"-->", i + 4);
                i = end < 0 ? n : end + 3;
                appendSpace(out);
                continue;
            }
            const qsizetype end = html.indexOf(u'>', i + 1);
            if (end < 0) { // a lone "<" is text
                out += c;
                ++i;
                continue;
            }
            qsizetype nameStart = i + 1;
            if (nameStart < end && html.at(nameStart) == u'/')
                ++nameStart;
            qsizetype nameEnd = nameStart;
            while (nameEnd < end && html.at(nameEnd).isLetterOrNumber())
                ++nameEnd;
            if (nameEnd == nameStart) { // "a < b" is text, not a tag
                out += c;
                ++i;
                continue;
            }
            if (!isInlineTag(html.mid(nameStart, nameEnd - nameStart)))
                appendSpace(out);
            i = end + 1;
            continue;
        }
        if (c == u'&') {
            const qsizetype semi = html.indexOf(u';', i + 1);
            if (semi > i + 1 && semi - i <= 10) {
                const QString decoded = decodeEntity(html.mid(i + 1, semi - i - 1));
                if (!decoded.isEmpty()) {
                    if (decoded == QLatin1String(" "))
                        appendSpace(out);
                    else
                        out += decoded;
                    i = semi + 1;
                    continue;
                }
            }
        }
        if (c.isSpace())
            appendSpace(out);
        else
            out += c;
        ++i;
    }
}

namespace {

const ShortcodeParser &bodyParser()
{
    static const ShortcodeParser parser;
    return parser;
}

QString textOf(const ShortcodeDocument &doc, const QString &body)
{
    QHash<int, int> captionOfNode;
    for (int i = 0; i < doc.captions().size(); ++i)
        captionOfNode.insert(doc.captions().at(i).node, i);

    QString out;
    out.reserve(body.size());
    const QStringView source(body);
    for (const ShortcodeDocument::Segment &s : doc.segments()) {
        if (s.node < 0) {
            SearchText::appendVisibleHtml(source.mid(s.range.begin, s.range.length()), out);
            continue;
        }
        // Shortcode syntax is not text; a caption's words are.
        const auto caption = captionOfNode.constFind(s.node);
        if (caption != captionOfNode.cend()) {
            appendSpace(out);
            SearchText::appendVisibleHtml(doc.captions().at(*caption).text, out);
        }
        appendSpace(out);
    }
    while (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

QString creditsOf(const ShortcodeDocument &doc)
{
    QStringList credits;
    for (const Caption &c : doc.captions()) {
        if (c.credit.credit.isEmpty())
            continue;
        QString text;
        SearchText::appendVisibleHtml(c.credit.credit, text);
        if (!text.isEmpty() && !credits.contains(text))
            credits << text;
    }
    return credits.join(QLatin1Char('\n'));
}

int missingCreditsOf(const ShortcodeDocument &doc)
{
    int missing = 0;
    for (const Caption &c : doc.captions()) {
        if (c.credit.style == CreditStyle::None || c.credit.credit.trimmed().isEmpty())
            ++missing;
    }
    return missing;
}

} // namespace

QString SearchText::bodyText(const QString &body)
{
    return textOf(bodyParser().parse(body), body);
}

QString SearchText::captionCredits(const QString &body)
{
    // Most bodies have no caption at all; skip the parse for them.
    if (!body.contains(QLatin1String("caption")))
        return {};
    return creditsOf(bodyParser().parse(body));
}

int SearchText::wordCount(const QString &body)
{
    return TextStats::ofBody(body).words;
}

int SearchText::captionsWithoutCredit(const QString &body)
{
    if (!body.contains(QLatin1String("caption")))
        return 0;
    return missingCreditsOf(bodyParser().parse(body));
}

SearchText::Derived SearchText::derive(const QString &body)
{
    // One parse for the three figures that read the shortcodes.
    const ShortcodeDocument doc = bodyParser().parse(body);
    Derived d;
    d.text = textOf(doc, body);
    d.credits = creditsOf(doc);
    d.words = wordCount(body);
    d.missingCredits = missingCreditsOf(doc);
    return d;
}

} // namespace byline
