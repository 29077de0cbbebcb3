#pragma once

#include <QColor>
#include <QImage>
#include <QList>
#include <QTextDocument>
#include <QUrl>

namespace byline {

// The preview's document: resources come only from what the preview put there (decoded library
// images, drawn placeholders). Any other URL, above all http(s), is refused and counted, so the
// preview can never reach the network however hostile the article body is.
class PreviewDocument : public QTextDocument
{
    Q_OBJECT
public:
    explicit PreviewDocument(QObject *parent = nullptr);

    // URLs of every refused request (anything not byline-image: or byline-placeholder:).
    const QList<QUrl> &refusedRequests() const { return m_refused; }
    int remoteRequestCount() const;
    void setPlaceholderColors(const QColor &background, const QColor &text);

    static QImage drawPlaceholder(QSize size, const QString &text, const QColor &background,
                                  const QColor &foreground);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    QList<QUrl> m_refused;
    QColor m_background = QColor(0xe9, 0xe6, 0xe1);
    QColor m_text = QColor(0x5a, 0x55, 0x4e);
    QImage m_loading;
};

} // namespace byline
