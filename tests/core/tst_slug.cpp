#include "domain/slug.h"

#include <QSet>
#include <QTest>

using namespace byline;

class TestSlug : public QObject
{
    Q_OBJECT
private slots:
    void slugify_data();
    void slugify();
    void truncatesAtWordBoundary();
    void uniqueSlugCounts();
};

void TestSlug::slugify_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("slug");
    QTest::newRow("plain") << QStringLiteral("Contemporary Art Opens") << QStringLiteral("contemporary-art-opens");
    QTest::newRow("punctuation") << QStringLiteral("  Poverty: falls, 8.5%!  ") << QStringLiteral("poverty-falls-8-5");
    QTest::newRow("apostrophe") << QStringLiteral("The editor's desk") << QStringLiteral("the-editors-desk");
    QTest::newRow("russian") << QStringLiteral("Щедрая осень в Алматы") << QStringLiteral("shchedraya-osen-v-almaty");
    QTest::newRow("kazakh") << QStringLiteral("Қазақстан өңірлері") << QStringLiteral("qazaqstan-onirleri");
    QTest::newRow("diacritics") << QStringLiteral("Café Müller à Genève") << QStringLiteral("cafe-muller-a-geneve");
    QTest::newRow("only symbols") << QStringLiteral("!!! ???") << QString();
}

void TestSlug::slugify()
{
    QFETCH(QString, text);
    QFETCH(QString, slug);
    QCOMPARE(byline::slugify(text), slug);
}

void TestSlug::truncatesAtWordBoundary()
{
    const QString s = byline::slugify(QStringLiteral("alpha beta gamma delta epsilon"), 20);
    QCOMPARE(s, QStringLiteral("alpha-beta-gamma"));
}

void TestSlug::uniqueSlugCounts()
{
    const QSet<QString> taken{QStringLiteral("news"), QStringLiteral("news-2")};
    QCOMPARE(uniqueSlug(QStringLiteral("news"), [&](const QString &s) { return taken.contains(s); }),
             QStringLiteral("news-3"));
    QCOMPARE(uniqueSlug(QStringLiteral("fresh"), [&](const QString &s) { return taken.contains(s); }),
             QStringLiteral("fresh"));
}

QTEST_GUILESS_MAIN(TestSlug)
#include "tst_slug.moc"
