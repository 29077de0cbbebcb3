#include "render/wpautop.h"

#include <QHash>
#include <QRegularExpression>

namespace byline {

namespace {

// The element names WordPress treats as blocks: never wrapped in <p>, and a line break is
// never turned into <br /> right next to them.
const QString &blockNames()
{
    static const QString names = QStringLiteral(
        "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
        "form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|"
        "aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)");
    return names;
}

QRegularExpression re(const QString &pattern,
                      QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption)
{
    QRegularExpression r(pattern, options);
    r.optimize();
    return r;
}

// Applies fn to the text inside every tag and comment (not to the text between them), the way
// wp_replace_in_html_tags() does, so newlines inside a tag are not read as paragraph breaks.
QString replaceNewlinesInTags(const QString &text)
{
    if (!text.contains(QLatin1Char('<')))
        return text;
    QString out;
    out.reserve(text.size() + 64);
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const qsizetype lt = text.indexOf(QLatin1Char('<'), i);
        if (lt < 0) {
            out += QStringView(text).mid(i);
            break;
        }
        out += QStringView(text).mid(i, lt - i);
        qsizetype end;
        if (QStringView(text).mid(lt).startsWith(u"<!--")) {
            end = text.indexOf(QLatin1String("-->"), lt + 4);
            end = end < 0 ? n : end + 3;
        } else {
            end = text.indexOf(QLatin1Char('>'), lt + 1);
            end = end < 0 ? n : end + 1;
        }
        const QStringView element = QStringView(text).mid(lt, end - lt);
        if (element.contains(QLatin1Char('\n'))) {
            for (const QChar c : element) {
                if (c == QLatin1Char('\n'))
                    out += QLatin1String(" <!-- wpnl --> ");
                else
                    out += c;
            }
        } else {
            out += element;
        }
        i = end;
    }
    return out;
}

// PHP's trim($s, "\n").
QStringView trimNewlines(QStringView s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && s[b] == QLatin1Char('\n'))
        ++b;
    while (e > b && s[e - 1] == QLatin1Char('\n'))
        --e;
    return s.mid(b, e - b);
}

} // namespace

QString wpautop(const QString &input, bool br)
{
    if (input.trimmed().isEmpty())
        return QString();

    QString text = input + QLatin1Char('\n');

    // <pre> keeps its own line breaks: swap each for a placeholder and put it back at the end.
    QHash<QString, QString> preTags;
    if (text.contains(QLatin1String("<pre"))) {
        const QStringList parts = text.split(QStringLiteral("</pre>"));
        QString rebuilt;
        for (qsizetype p = 0; p + 1 < parts.size(); ++p) {
            const QString &part = parts[p];
            const qsizetype start = part.indexOf(QLatin1String("<pre"));
            if (start < 0) { // a stray </pre>: WordPress drops it the same way
                rebuilt += part;
                continue;
            }
            const QString name = QStringLiteral("<pre wp-pre-tag-%1></pre>").arg(preTags.size());
            preTags.insert(name, QString(part.mid(start) + QStringLiteral("</pre>")));
            rebuilt += QStringView(part).left(start);
            rebuilt += name;
        }
        rebuilt += parts.last();
        text = rebuilt;
    }

    static const QRegularExpression doubleBr = re(QStringLiteral("<br\\s*/?>\\s*<br\\s*/?>"));
    static const QRegularExpression blockOpen = re(QStringLiteral("(<") + blockNames() + QStringLiteral("[\\s/>])"));
    static const QRegularExpression blockClose = re(QStringLiteral("(</") + blockNames() + QStringLiteral(">)"));
    static const QRegularExpression hr = re(QStringLiteral("(<hr\\s*?/?>)"));
    static const QRegularExpression manyBreaks = re(QStringLiteral("\\n\\n+"));
    static const QRegularExpression paragraphSplit = re(QStringLiteral("\\n\\s*\\n"));
    static const QRegularExpression emptyP = re(QStringLiteral("<p>\\s*</p>"));
    static const QRegularExpression unclosedP = re(QStringLiteral("<p>([^<]+)</(div|address|form)>"));
    static const QRegularExpression wrappedBlock =
        re(QStringLiteral("<p>\\s*(</?") + blockNames() + QStringLiteral("[^>]*>)\\s*</p>"));
    static const QRegularExpression wrappedLi = re(QStringLiteral("<p>(<li.+?)</p>"));
    static const QRegularExpression pBlockquote =
        re(QStringLiteral("<p><blockquote([^>]*)>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression pBeforeBlock =
        re(QStringLiteral("<p>\\s*(</?") + blockNames() + QStringLiteral("[^>]*>)"));
    static const QRegularExpression blockBeforeEndP =
        re(QStringLiteral("(</?") + blockNames() + QStringLiteral("[^>]*>)\\s*</p>"));
    static const QRegularExpression preserveNewlines =
        re(QStringLiteral("<(script|style|svg|math).*?</\\1>"), QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression lineBreak = re(QStringLiteral("(?<!<br />)\\s*\\n"));
    static const QRegularExpression brAfterBlock =
        re(QStringLiteral("(</?") + blockNames() + QStringLiteral("[^>]*>)\\s*<br />"));
    static const QRegularExpression brBeforeBlock =
        re(QStringLiteral("<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"));
    static const QRegularExpression trailingNewlineP = re(QStringLiteral("\\n</p>$"));

    text.replace(doubleBr, QStringLiteral("\n\n"));
    text.replace(blockOpen, QStringLiteral("\n\n\\1"));
    text.replace(blockClose, QStringLiteral("\\1\n\n"));
    text.replace(hr, QStringLiteral("\\1\n\n"));
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    text = replaceNewlinesInTags(text);

    if (text.contains(QLatin1String("<option"))) {
        static const QRegularExpression before = re(QStringLiteral("\\s*<option"));
        static const QRegularExpression after = re(QStringLiteral("</option>\\s*"));
        text.replace(before, QStringLiteral("<option"));
        text.replace(after, QStringLiteral("</option>"));
    }
    if (text.contains(QLatin1String("</object>"))) {
        static const QRegularExpression open = re(QStringLiteral("(<object[^>]*>)\\s*"));
        static const QRegularExpression close = re(QStringLiteral("\\s*</object>"));
        static const QRegularExpression inner = re(QStringLiteral("\\s*(</?(?:param|embed)[^>]*>)\\s*"));
        text.replace(open, QStringLiteral("\\1"));
        text.replace(close, QStringLiteral("</object>"));
        text.replace(inner, QStringLiteral("\\1"));
    }
    if (text.contains(QLatin1String("<source")) || text.contains(QLatin1String("<track"))) {
        static const QRegularExpression open = re(QStringLiteral("([<\\[](?:audio|video)[^>\\]]*[>\\]])\\s*"));
        static const QRegularExpression close = re(QStringLiteral("\\s*([<\\[]/(?:audio|video)[>\\]])"));
        static const QRegularExpression inner = re(QStringLiteral("\\s*(<(?:source|track)[^>]*>)\\s*"));
        text.replace(open, QStringLiteral("\\1"));
        text.replace(close, QStringLiteral("\\1"));
        text.replace(inner, QStringLiteral("\\1"));
    }
    if (text.contains(QLatin1String("<figcaption"))) {
        static const QRegularExpression open = re(QStringLiteral("\\s*(<figcaption[^>]*>)"));
        static const QRegularExpression close = re(QStringLiteral("</figcaption>\\s*"));
        text.replace(open, QStringLiteral("\\1"));
        text.replace(close, QStringLiteral("</figcaption>"));
    }

    text.replace(manyBreaks, QStringLiteral("\n\n"));

    QString paragraphs;
    paragraphs.reserve(text.size() + text.size() / 8);
    const QStringList pieces = text.split(paragraphSplit, Qt::SkipEmptyParts);
    for (const QString &piece : pieces) {
        paragraphs += QLatin1String("<p>");
        paragraphs += trimNewlines(piece);
        paragraphs += QLatin1String("</p>\n");
    }
    text = paragraphs;

    text.replace(emptyP, QString());
    text.replace(unclosedP, QStringLiteral("<p>\\1</p></\\2>"));
    text.replace(wrappedBlock, QStringLiteral("\\1"));
    text.replace(wrappedLi, QStringLiteral("\\1"));
    text.replace(pBlockquote, QStringLiteral("<blockquote\\1><p>"));
    text.replace(QLatin1String("</blockquote></p>"), QLatin1String("</p></blockquote>"));
    text.replace(pBeforeBlock, QStringLiteral("\\1"));
    text.replace(blockBeforeEndP, QStringLiteral("\\1"));

    if (br) {
        // Newlines inside script/style/svg/math are code, not line breaks.
        if (text.contains(QLatin1String("<script")) || text.contains(QLatin1String("<style"))
            || text.contains(QLatin1String("<svg")) || text.contains(QLatin1String("<math"))) {
            QString kept;
            qsizetype last = 0;
            auto it = preserveNewlines.globalMatch(text);
            while (it.hasNext()) {
                const auto m = it.next();
                kept += QStringView(text).mid(last, m.capturedStart() - last);
                kept += m.captured().replace(QLatin1Char('\n'), QLatin1String("<WPPreserveNewline />"));
                last = m.capturedEnd();
            }
            kept += QStringView(text).mid(last);
            text = kept;
        }
        text.replace(QLatin1String("<br>"), QLatin1String("<br />"));
        text.replace(QLatin1String("<br/>"), QLatin1String("<br />"));
        text.replace(lineBreak, QStringLiteral("<br />\n"));
        text.replace(QLatin1String("<WPPreserveNewline />"), QLatin1String("\n"));
    }

    text.replace(brAfterBlock, QStringLiteral("\\1"));
    text.replace(brBeforeBlock, QStringLiteral("\\1"));
    text.replace(trailingNewlineP, QStringLiteral("</p>"));

    for (auto it = preTags.cbegin(); it != preTags.cend(); ++it)
        text.replace(it.key(), it.value());

    if (text.contains(QLatin1String("<!-- wpnl -->"))) {
        text.replace(QLatin1String(" <!-- wpnl --> "), QLatin1String("\n"));
        text.replace(QLatin1String("<!-- wpnl -->"), QLatin1String("\n"));
    }
    return text;
}

QString shortcodeUnautop(const QString &html, const QStringList &tags)
{
    if (tags.isEmpty() || !html.contains(QLatin1String("<p>")))
        return html;
    thread_local QHash<QString, QRegularExpression> cache;
    const QString key = tags.join(QLatin1Char('|'));
    auto it = cache.find(key);
    if (it == cache.end()) {
        QStringList quoted;
        for (const QString &t : tags)
            quoted << QRegularExpression::escape(t);
        // A paragraph holding nothing but one shortcode: an opening tag (self-closed or not),
        // optionally followed by content up to its own closing tag.
        const QString pattern = QStringLiteral(
            "<p>\\s*+(\\[(%1)(?![\\w-])[^\\]/]*(?:/(?!\\])[^\\]/]*)*?(?:/\\]|\\](?:[^\\[]*+"
            "(?:\\[(?!/\\2\\])[^\\[]*+)*+\\[/\\2\\])?))\\s*+</p>")
                                    .arg(quoted.join(QLatin1Char('|')));
        it = cache.insert(key, re(pattern, QRegularExpression::DotMatchesEverythingOption));
    }
    QString out = html;
    out.replace(*it, QStringLiteral("\\1"));
    return out;
}

} // namespace byline
