#include "bodyeditor.h"

#include "sourcehighlighter.h"

#include "shortcode/shortcodeparser.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace byline {

// Paints the line numbers in the editor's left margin.
class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(BodyEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    BodyEditor *m_editor;
};

BodyEditor::BodyEditor(QWidget *parent)
    : QPlainTextEdit(parent), m_lineNumbers(new LineNumberArea(this)), m_highlighter(new SourceHighlighter(document()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setAccessibleName(tr("Article body"));
    setTabChangesFocus(false);
    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(150);
    connect(&m_parseTimer, &QTimer::timeout, this, &BodyEditor::reparseNow);
    connect(this, &QPlainTextEdit::textChanged, &m_parseTimer, qOverload<>(&QTimer::start));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &BodyEditor::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    updateMargins();
}

void BodyEditor::reparseNow()
{
    m_parseTimer.stop();
    m_parsed = ShortcodeParser().parse(toPlainText());
    m_highlighter->setDiagnostics(m_parsed.diagnostics());
    emit parsed(m_parsed);
}

QString BodyEditor::diagnosticAt(int position) const
{
    const QString text = m_parsed.source();
    for (const ShortcodeDiagnostic &d : m_parsed.diagnostics()) {
        int end = int(text.indexOf(QLatin1Char(']'), d.offset));
        const int eol = int(text.indexOf(QLatin1Char('\n'), d.offset));
        if (end < 0 || (eol >= 0 && eol < end))
            end = eol < 0 ? int(text.size()) : eol;
        if (position >= d.offset && position <= end)
            return d.message;
    }
    return {};
}

void BodyEditor::replaceRange(int begin, int end, const QString &text)
{
    QTextCursor c(document());
    c.beginEditBlock();
    c.setPosition(begin);
    c.setPosition(end, QTextCursor::KeepAnchor);
    c.insertText(text);
    c.endEditBlock();
}

bool BodyEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFromGlobal(help->globalPos());
        const QString message = diagnosticAt(cursorForPosition(inViewport).position());
        if (message.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), message, this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

int BodyEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(digits, 3);
}

void BodyEditor::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void BodyEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void BodyEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter p(m_lineNumbers);
    p.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    p.setPen(palette().color(QPalette::PlaceholderText));
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int width = m_lineNumbers->width() - 6;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top())
            p.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight, QString::number(number));
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

} // namespace byline
