#pragma once

#include "shortcode/shortcodedocument.h"

#include <QPlainTextEdit>
#include <QTimer>

namespace byline {

class SourceHighlighter;

// The article body's source editor: line numbers, HTML and shortcode colouring, and the
// shortcode engine's diagnostics underlined with their message on hover. The body is parsed
// again shortly after typing stops; parsed() hands the result to whoever shows captions.
class BodyEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit BodyEditor(QWidget *parent = nullptr);

    const ShortcodeDocument &parsedDocument() const { return m_parsed; }
    // Parses now instead of waiting for the pause after typing.
    void reparseNow();
    // The diagnostic message at a document position, empty when there is none.
    QString diagnosticAt(int position) const;
    // Replaces [begin, end) with text as one undoable step.
    void replaceRange(int begin, int end, const QString &text);
    int lineNumberAreaWidth() const;

signals:
    void parsed(const byline::ShortcodeDocument &document);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateMargins();

    QWidget *m_lineNumbers;
    SourceHighlighter *m_highlighter;
    QTimer m_parseTimer;
    ShortcodeDocument m_parsed;
};

} // namespace byline
