#include "previewdocument.h"

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QUrlQuery>

namespace byline {

PreviewDocument::PreviewDocument(QObject *parent) : QTextDocument(parent)
{
    setPlaceholderColors(m_background, m_text);
}

void PreviewDocument::setPlaceholderColors(const QColor &background, const QColor &text)
{
    m_background = background;
    m_text = text;
    // Until its pixels are decoded an image box is a flat tint of its final size.
    m_loading = QImage(1, 1, QImage::Format_RGB32);
    m_loading.fill(background);
}

int PreviewDocument::remoteRequestCount() const
{
    int n = 0;
    for (const QUrl &u : m_refused) {
        const QString s = u.scheme().toLower();
        if (s == QLatin1String("http") || s == QLatin1String("https") || s == QLatin1String("ftp"))
            ++n;
    }
    return n;
}

QImage PreviewDocument::drawPlaceholder(QSize size, const QString &text, const QColor &background,
                                        const QColor &foreground)
{
    QImage image(size.expandedTo(QSize(1, 1)), QImage::Format_RGB32);
    image.fill(background);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QPen pen(foreground);
    pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    p.drawRect(image.rect().adjusted(0, 0, -1, -1));
    if (!text.isEmpty() && size.width() > 60 && size.height() > 30) {
        QFont f = p.font();
        f.setPixelSize(std::max(11, std::min(16, size.width() / 28)));
        p.setFont(f);
        p.setPen(foreground);
        p.drawText(image.rect().adjusted(12, 8, -12, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
    }
    p.end();
    return image;
}

QVariant PreviewDocument::loadResource(int type, const QUrl &name)
{
    // The base class is never called: it would ask the parent QTextBrowser, which reads files.
    const QString scheme = name.scheme();
    if (scheme == QLatin1String("byline-image"))
        return m_loading; // decoded pixels arrive later through addResource()
    if (scheme == QLatin1String("byline-placeholder")) {
        const QUrlQuery q(name);
        const QSize size(q.queryItemValue(QStringLiteral("w")).toInt(), q.queryItemValue(QStringLiteral("h")).toInt());
        QImage image;
        if (name.path() == QLatin1String("avatar")) {
            image = QImage(size.expandedTo(QSize(1, 1)), QImage::Format_RGB32);
            image.fill(m_background);
        } else {
            image = drawPlaceholder(size, q.queryItemValue(QStringLiteral("text"), QUrl::FullyDecoded),
                                    m_background, m_text);
        }
        addResource(type, name, image);
        return image;
    }
    m_refused.append(name);
    if (type == ImageResource)
        return drawPlaceholder(QSize(240, 80), tr("Not loaded: %1").arg(name.host()), m_background, m_text);
    return QByteArray(); // style sheets and anything else: empty, and nothing is fetched
}

} // namespace byline
