#include "slug.h"

#include <QHash>

namespace byline {

namespace {

// Russian letters follow a common news-site romanisation; the Kazakh-only letters follow the
// 2021 Latin alphabet without its diacritics (ә→a, ғ→g, қ→q, ң→n, ө→o, ұ→u, ү→u, һ→h, і→i).
const QHash<QChar, QString> &cyrillicTable()
{
    static const QHash<QChar, QString> table = [] {
        QHash<QChar, QString> t;
        const struct
        {
            char16_t from;
            const char *to;
        } pairs[] = {
            {u'а', "a"},  {u'б', "b"},  {u'в', "v"},  {u'г', "g"},   {u'д', "d"},
            {u'е', "e"},  {u'ё', "yo"}, {u'ж', "zh"}, {u'з', "z"},   {u'и', "i"},
            {u'й', "y"},  {u'к', "k"},  {u'л', "l"},  {u'м', "m"},   {u'н', "n"},
            {u'о', "o"},  {u'п', "p"},  {u'р', "r"},  {u'с', "s"},   {u'т', "t"},
            {u'у', "u"},  {u'ф', "f"},  {u'х', "kh"}, {u'ц', "ts"},  {u'ч', "ch"},
            {u'ш', "sh"}, {u'щ', "shch"}, {u'ъ', ""}, {u'ы', "y"},   {u'ь', ""},
            {u'э', "e"},  {u'ю', "yu"}, {u'я', "ya"}, {u'ә', "a"},   {u'ғ', "g"},
            {u'қ', "q"},  {u'ң', "n"},  {u'ө', "o"},  {u'ұ', "u"},   {u'ү', "u"},
            {u'һ', "h"},  {u'і', "i"},
        };
        for (const auto &p : pairs)
            t.insert(QChar(p.from), QString::fromLatin1(p.to));
        return t;
    }();
    return table;
}

} // namespace

QString slugify(const QString &text, int maxLength)
{
    const auto &table = cyrillicTable();
    QString out;
    out.reserve(text.size());
    bool pendingHyphen = false;
    auto append = [&](const QString &piece) {
        if (piece.isEmpty())
            return;
        if (pendingHyphen && !out.isEmpty())
            out += QLatin1Char('-');
        pendingHyphen = false;
        out += piece;
    };

    for (const QChar raw : text) {
        const QChar c = raw.toLower();
        const auto it = table.constFind(c);
        if (it != table.constEnd()) {
            append(it.value());
            continue;
        }
        if (c.unicode() < 128) {
            if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c.isDigit())
                append(QString(c));
            else if (c == QLatin1Char('\''))
                continue; // "editor's" → "editors"
            else
                pendingHyphen = true;
            continue;
        }
        // Latin letters with diacritics: keep the base letter.
        const QString decomposed = QString(c).normalized(QString::NormalizationForm_KD);
        QString base;
        for (const QChar d : decomposed) {
            if (d.unicode() < 128 && d.isLetterOrNumber())
                base += d.toLower();
        }
        if (base.isEmpty())
            pendingHyphen = true;
        else
            append(base);
    }
    if (out.size() > maxLength) {
        out.truncate(maxLength);
        const int cut = out.lastIndexOf(QLatin1Char('-'));
        if (cut > maxLength / 2)
            out.truncate(cut);
        while (out.endsWith(QLatin1Char('-')))
            out.chop(1);
    }
    return out;
}

} // namespace byline
