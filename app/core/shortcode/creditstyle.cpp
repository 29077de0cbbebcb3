#include "shortcode/creditstyle.h"

#include <QList>

namespace byline {

namespace {

bool isSpace(QChar c)
{
    return c.isSpace();
}

// A word marker only counts at the start or after a space/punctuation, so "Photographer"
// or "re-image:" inside prose is not taken for a credit.
bool atWordStart(const QString &s, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = s.at(i - 1);
    return before.isSpace() || before.isPunct() || before == QLatin1Char('>');
}

struct Marker
{
    const char *word;
    CreditStyle style;
};

// Longer words first: "Photos:" must not be read as "Photo" + "s:".
const Marker kWordMarkers[] = {
    {"photos:", CreditStyle::Photos},
    {"photo:", CreditStyle::Photo},
    {"image:", CreditStyle::Image},
    {"credit:", CreditStyle::Credit},
};

bool isDomainChar(QChar c)
{
    return (c.unicode() < 128 && c.isLetterOrNumber()) || c == QLatin1Char('.')
        || c == QLatin1Char('-');
}

} // namespace

CaptionCredit splitCredit(const QString &caption)
{
    CaptionCredit out;
    const QString s = caption.trimmed();
    out.text = s;
    if (s.isEmpty())
        return out;

    // Pick the right-most marker: a credit is what ends the caption.
    qsizetype bestPos = -1;
    qsizetype bestLen = 0;
    CreditStyle bestStyle = CreditStyle::None;

    // Every word marker ends in ':', so only the colons need looking at, right to left.
    for (qsizetype colon = s.lastIndexOf(QLatin1Char(':')); colon > 0 && bestStyle == CreditStyle::None;
         colon = colon > 0 ? s.lastIndexOf(QLatin1Char(':'), colon - 1) : -1) {
        for (const Marker &m : kWordMarkers) {
            const QLatin1String word(m.word);
            const qsizetype at = colon + 1 - word.size();
            if (at < 0 || !atWordStart(s, at)
                || QStringView(s).mid(at, word.size()).compare(word, Qt::CaseInsensitive) != 0)
                continue;
            qsizetype len = word.size();
            while (at + len < s.size() && s.at(at + len) == QLatin1Char(' '))
                ++len;
            bestPos = at;
            bestLen = len;
            bestStyle = m.style;
            break;
        }
    }

    const qsizetype copy = s.lastIndexOf(QChar(0x00A9));
    if (copy >= 0 && copy > bestPos) {
        qsizetype len = 1;
        while (copy + len < s.size() && s.at(copy + len) == QLatin1Char(' '))
            ++len;
        bestPos = copy;
        bestLen = len;
        bestStyle = CreditStyle::Copyright;
    }

    // A bare "@domain.tld" closing the caption.
    const qsizetype at = s.lastIndexOf(QLatin1Char('@'));
    if (at >= 0 && at > bestPos && (at == 0 || s.at(at - 1).isSpace())) {
        const QStringView domain = QStringView(s).mid(at + 1);
        bool ok = domain.size() >= 3 && domain.contains(QLatin1Char('.'))
            && !domain.endsWith(QLatin1Char('.'));
        for (QChar c : domain)
            ok = ok && isDomainChar(c);
        if (ok) {
            bestPos = at;
            bestLen = 1;
            bestStyle = CreditStyle::Domain;
        }
    }

    if (bestStyle == CreditStyle::None || bestPos + bestLen >= s.size())
        return out;

    qsizetype textEnd = bestPos;
    while (textEnd > 0 && isSpace(s.at(textEnd - 1)))
        --textEnd;
    out.text = s.left(textEnd);
    out.separator = s.mid(textEnd, bestPos - textEnd);
    out.prefix = s.mid(bestPos, bestLen);
    out.credit = s.mid(bestPos + bestLen);
    out.style = bestStyle;
    return out;
}

QString joinCredit(const CaptionCredit &parts)
{
    if (parts.credit.isEmpty() || parts.style == CreditStyle::None)
        return parts.text;
    const QString prefix = parts.prefix.isEmpty() ? defaultCreditPrefix(parts.style) : parts.prefix;
    QString separator = parts.separator;
    if (parts.text.isEmpty())
        separator.clear();
    else if (separator.isEmpty())
        separator = QStringLiteral(" ");
    return parts.text + separator + prefix + parts.credit;
}

QString defaultCreditPrefix(CreditStyle style)
{
    switch (style) {
    case CreditStyle::None:
        return QString();
    case CreditStyle::Image:
        return QStringLiteral("Image: ");
    case CreditStyle::Photo:
        return QStringLiteral("Photo: ");
    case CreditStyle::Photos:
        return QStringLiteral("Photos: ");
    case CreditStyle::Credit:
        return QStringLiteral("Credit: ");
    case CreditStyle::Copyright:
        return QStringLiteral("\u00A9 ");
    case CreditStyle::Domain:
        return QStringLiteral("@");
    }
    return QString();
}

} // namespace byline
