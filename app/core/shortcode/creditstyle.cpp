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

    // The right-most marker wins: a credit is what ends the caption. One backward pass stops
    // at the first marker that decides it, so a usual caption costs a few characters.
    qsizetype bestPos = -1;
    qsizetype bestLen = 0;
    CreditStyle bestStyle = CreditStyle::None;
    auto spacesAfter = [&](qsizetype from) {
        qsizetype len = 0;
        while (from + len < s.size() && s.at(from + len) == QLatin1Char(' '))
            ++len;
        return len;
    };
    // A bare "@domain.tld" closing the caption.
    auto isDomainCredit = [&](qsizetype at) {
        if (at > 0 && !s.at(at - 1).isSpace())
            return false;
        const QStringView domain = QStringView(s).mid(at + 1);
        bool ok = domain.size() >= 3 && domain.contains(QLatin1Char('.'))
            && !domain.endsWith(QLatin1Char('.'));
        for (QChar c : domain)
            ok = ok && isDomainChar(c);
        return ok;
    };
    for (qsizetype i = s.size() - 1; i >= 0 && bestStyle == CreditStyle::None; --i) {
        const char16_t u = s.at(i).unicode();
        if (u == 0x00A9) {
            bestPos = i;
            bestLen = 1 + spacesAfter(i + 1);
            bestStyle = CreditStyle::Copyright;
        } else if (u == '@') {
            if (isDomainCredit(i)) {
                bestPos = i;
                bestLen = 1;
                bestStyle = CreditStyle::Domain;
            }
        } else if (u == ':' && i > 0) {
            // Every word marker ends in ':'.
            for (const Marker &m : kWordMarkers) {
                const QLatin1String word(m.word);
                const qsizetype at = i + 1 - word.size();
                if (at < 0 || !atWordStart(s, at)
                    || QStringView(s).mid(at, word.size()).compare(word, Qt::CaseInsensitive) != 0)
                    continue;
                bestPos = at;
                bestLen = word.size() + spacesAfter(at + word.size());
                bestStyle = m.style;
                break;
            }
        }
    }

    if (bestStyle == CreditStyle::None || bestPos + bestLen >= s.size())
        return out;

    qsizetype textEnd = bestPos;
    while (textEnd > 0 && isSpace(s.at(textEnd - 1)))
        --textEnd;
    out.text = s.left(textEnd);
    // The usual separator and markers come from static text instead of new allocations.
    const QStringView separator = QStringView(s).mid(textEnd, bestPos - textEnd);
    out.separator = separator == u" " ? QStringLiteral(" ") : separator.toString();
    const QStringView prefix = QStringView(s).mid(bestPos, bestLen);
    const QString usual = defaultCreditPrefix(bestStyle);
    out.prefix = prefix == usual ? usual : prefix.toString();
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

CreditStyle creditStyleFromHouseStyle(const QString &houseStyle)
{
    const QString s = houseStyle.trimmed();
    if (s.startsWith(QLatin1String("Photos:")))
        return CreditStyle::Photos;
    if (s.startsWith(QLatin1String("Photo:")))
        return CreditStyle::Photo;
    if (s.startsWith(QLatin1String("Credit:")))
        return CreditStyle::Credit;
    if (s.startsWith(QChar(0x00A9)))
        return CreditStyle::Copyright;
    if (s.startsWith(QLatin1Char('@')))
        return CreditStyle::Domain;
    return CreditStyle::Image;
}

} // namespace byline
