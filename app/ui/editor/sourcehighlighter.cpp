#include "sourcehighlighter.h"

#include "shortcode/shortcodedocument.h"

#include <QRegularExpression>
#include <QTextDocument>

namespace byline {

namespace {
enum BlockState { Normal = 0, InComment = 1 };
}

SourceHighlighter::SourceHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    m_tag.setForeground(QColor(0x1d, 0x4e, 0x89));
    m_tag.setFontWeight(QFont::DemiBold);
    m_attribute.setForeground(QColor(0x8a, 0x4b, 0x08));
    m_value.setForeground(QColor(0x2e, 0x7d, 0x32));
    m_entity.setForeground(QColor(0x6a, 0x1b, 0x9a));
    m_comment.setForeground(Qt::gray);
    m_comment.setFontItalic(true);
    m_shortcode.setForeground(QColor(0xb0, 0x1e, 0x5a));
    m_shortcode.setBackground(QColor(0xfc, 0xef, 0xf4));
    m_problem.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    m_problem.setUnderlineColor(Qt::red);
}

void SourceHighlighter::setDiagnostics(const QList<ShortcodeDiagnostic> &diagnostics)
{
    QList<Marked> marks;
    const QString text = document()->toPlainText();
    for (const ShortcodeDiagnostic &d : diagnostics) {
        const int begin = int(d.offset);
        // Underline to the closing bracket of the shortcode, or the end of the line.
        int end = int(text.indexOf(QLatin1Char(']'), begin));
        const int eol = int(text.indexOf(QLatin1Char('\n'), begin));
        if (end < 0 || (eol >= 0 && eol < end))
            end = eol < 0 ? int(text.size()) : eol;
        else
            ++end;
        marks.append({begin, std::max(end, begin + 1)});
    }
    if (marks.size() == m_marks.size()) {
        bool same = true;
        for (int i = 0; i < marks.size() && same; ++i)
            same = marks[i].begin == m_marks[i].begin && marks[i].end == m_marks[i].end;
        if (same)
            return;
    }
    m_marks = marks;
    rehighlight();
}

void SourceHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression tagRe(QStringLiteral("</?[A-Za-z][A-Za-z0-9-]*|/?>"));
    static const QRegularExpression attrRe(QStringLiteral("\\b([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(\"[^\"]*\"|'[^']*')"));
    static const QRegularExpression entityRe(QStringLiteral("&[#A-Za-z0-9]+;"));
    static const QRegularExpression shortcodeRe(QStringLiteral("\\[\\[?/?[A-Za-z][-A-Za-z0-9_]*(\\s[^\\]]*)?\\]\\]?"));

    auto applyAll = [&](const QRegularExpression &re, const QTextCharFormat &f) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), f);
        }
    };
    applyAll(tagRe, m_tag);
    for (auto it = attrRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), m_attribute);
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), m_value);
    }
    applyAll(entityRe, m_entity);
    for (auto it = shortcodeRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_shortcode);
    }

    // Comments may span blocks.
    int start = previousBlockState() == InComment ? 0 : int(text.indexOf(QLatin1String("<!--")));
    setCurrentBlockState(Normal);
    while (start >= 0) {
        const int end = int(text.indexOf(QLatin1String("-->"), start));
        if (end < 0) {
            setFormat(start, int(text.size()) - start, m_comment);
            setCurrentBlockState(InComment);
            break;
        }
        setFormat(start, end + 3 - start, m_comment);
        start = int(text.indexOf(QLatin1String("<!--"), end + 3));
    }

    const int blockStart = currentBlock().position();
    const int blockEnd = blockStart + int(text.size());
    for (const Marked &m : std::as_const(m_marks)) {
        const int b = std::max(m.begin, blockStart);
        const int e = std::min(m.end, blockEnd);
        for (int i = b; i < e; ++i) {
            QTextCharFormat f = format(i - blockStart);
            f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            f.setUnderlineColor(Qt::red);
            setFormat(i - blockStart, 1, f);
        }
    }
}

} // namespace byline
