#pragma once

#include <QList>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace byline {

struct ShortcodeDiagnostic;

// Colours HTML tags, attributes, entities, comments and shortcodes in an article body, and
// underlines the places the shortcode engine complains about.
class SourceHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit SourceHighlighter(QTextDocument *document);

    // Offsets are into the whole document; each is underlined from offset to the end of its
    // shortcode or line.
    void setDiagnostics(const QList<ShortcodeDiagnostic> &diagnostics);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Marked
    {
        int begin = 0;
        int end = 0;
    };
    QList<Marked> m_marks;
    QTextCharFormat m_tag, m_attribute, m_value, m_entity, m_comment, m_shortcode, m_problem;
};

} // namespace byline
