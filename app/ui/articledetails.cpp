#include "articledetails.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace byline {

namespace {
QString timeLine(const QString &label, const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return QStringLiteral("<b>%1</b> %2 <span style='color:gray'>(%3 UTC)</span><br>")
        .arg(label.toHtmlEscaped(), QLocale().toString(t.toLocalTime(), QLocale::LongFormat).toHtmlEscaped(),
             t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}
} // namespace

ArticleDetails::ArticleDetails(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_meta(new QLabel(this)), m_excerpt(new QLabel(this)),
      m_body(new QPlainTextEdit(this))
{
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setAccessibleName(tr("Article title"));
    m_meta->setWordWrap(true);
    m_meta->setTextFormat(Qt::RichText);
    m_meta->setAccessibleName(tr("Article details"));
    m_excerpt->setWordWrap(true);
    m_excerpt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_excerpt->setAccessibleName(tr("Excerpt"));
    QFont italic = font();
    italic.setItalic(true);
    m_excerpt->setFont(italic);
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_body->setAccessibleName(tr("Article body source"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_meta);
    layout->addWidget(m_excerpt);
    layout->addWidget(m_body, 1);
    clear();
}

void ArticleDetails::showArticle(const Article &article, const QStringList &authorNames)
{
    m_title->setText(article.title.isEmpty() ? tr("(untitled)") : article.title);
    QString meta = QStringLiteral("<b>%1</b> %2 &nbsp; <b>%3</b> %4<br>")
                       .arg(tr("Status:"), statusLabel(article.status).toHtmlEscaped(), tr("Slug:"),
                            article.slug.toHtmlEscaped());
    meta += QStringLiteral("<b>%1</b> %2<br>")
                .arg(tr("By:"), (authorNames.isEmpty() ? tr("no author yet") : authorNames.join(QLatin1String(", ")))
                                    .toHtmlEscaped());
    if (!article.tags.isEmpty())
        meta += QStringLiteral("<b>%1</b> %2<br>").arg(tr("Tags:"), article.tags.join(QLatin1String(", ")).toHtmlEscaped());
    meta += timeLine(tr("Scheduled:"), article.scheduledAt);
    meta += timeLine(tr("Published:"), article.publishedAt);
    meta += timeLine(tr("Embargo until:"), article.embargoAt);
    meta += timeLine(tr("Updated:"), article.updatedAt);
    m_meta->setText(meta);
    m_excerpt->setText(article.excerpt);
    m_excerpt->setVisible(!article.excerpt.isEmpty());
    m_body->setPlainText(article.body);
    setEnabled(true);
}

void ArticleDetails::clear()
{
    m_title->setText(tr("No article selected"));
    m_meta->clear();
    m_excerpt->clear();
    m_excerpt->hide();
    m_body->clear();
}

QString ArticleDetails::shownTitle() const
{
    return m_title->text();
}

QString ArticleDetails::shownBody() const
{
    return m_body->toPlainText();
}

} // namespace byline
