#include "domain/textstats.h"

#include <QTest>

using namespace byline;

// Word, character and reading-time counts leave captions, shortcodes and markup out.
class TestTextStats : public QObject
{
    Q_OBJECT
private slots:
    void counts_data();
    void counts();
    void readingTimeRoundsUp();
};

void TestTextStats::counts_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("words");
    QTest::addColumn<QString>("visible");
    QTest::newRow("empty") << QString() << 0 << QString();
    QTest::newRow("plain") << QStringLiteral("Three plain words") << 3 << QStringLiteral("Three plain words");
    QTest::newRow("markup") << QStringLiteral("<p>Bold <strong>move</strong></p>\n\n<h2>Next</h2>") << 3
                            << QStringLiteral("Bold move Next");
    QTest::newRow("caption excluded")
        << QStringLiteral("Before [caption id=\"attachment_1\" width=\"300\"]<img src=\"a.jpg\" /> Not counted Image: TCA[/caption] after")
        << 2 << QStringLiteral("Before after");
    QTest::newRow("apostrophe and hyphen") << QStringLiteral("The editor's high-altitude rink") << 4
                                           << QStringLiteral("The editor's high-altitude rink");
    QTest::newRow("entities") << QStringLiteral("Tom&nbsp;&amp;&nbsp;Jerry") << 2 << QStringLiteral("Tom & Jerry");
    QTest::newRow("cyrillic and kazakh") << QStringLiteral("Қазақ тілі және русский язык") << 5
                                         << QStringLiteral("Қазақ тілі және русский язык");
    QTest::newRow("unclosed caption keeps text") << QStringLiteral("[caption id=\"x\"]Some words") << 2
                                                 << QStringLiteral("Some words");
}

void TestTextStats::counts()
{
    QFETCH(QString, body);
    QFETCH(int, words);
    QFETCH(QString, visible);
    const TextStats s = TextStats::ofBody(body);
    QCOMPARE(TextStats::visibleText(body), visible);
    QCOMPARE(s.words, words);
    QCOMPARE(s.characters, int(visible.size()));
}

void TestTextStats::readingTimeRoundsUp()
{
    QCOMPARE(TextStats::ofBody(QStringLiteral("one")).readingMinutes, 1);
    const QString body = QStringLiteral("word ").repeated(TextStats::kWordsPerMinute + 1);
    QCOMPARE(TextStats::ofBody(body).readingMinutes, 2);
}

QTEST_GUILESS_MAIN(TestTextStats)
#include "tst_textstats.moc"
