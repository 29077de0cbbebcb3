#pragma once

#include <QString>

namespace byline {

// URL slugs as a news site uses them: lower-case ASCII letters, digits and single hyphens.
// Russian and Kazakh Cyrillic is transliterated, Latin diacritics are dropped.
QString slugify(const QString &text, int maxLength = 80);

// The first of base, base-2, base-3, … for which taken() is false.
template<typename Pred>
QString uniqueSlug(const QString &base, Pred taken)
{
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + QLatin1Char('-') + QString::number(n);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace byline
