#include "render/wpautop.h"

#include <QTest>

using namespace byline;

// wpautop() and shortcode_unautop() against outputs traced through WordPress's own steps.
class TestWpautop : public QObject
{
    Q_OBJECT
private slots:
    void paragraphs_data();
    void paragraphs();
    void withoutLineBreaks();
    void standaloneShortcodeUnwrapped_data();
    void standaloneShortcodeUnwrapped();
    void malformedInputDoesNotCrash();
};

void TestWpautop::paragraphs_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("whitespace only") << QStringLiteral(" \n\t\n ") << QString();
    QTest::newRow("one line") << QStringLiteral("Hello") << QStringLiteral("<p>Hello</p>\n");
    QTest::newRow("blank line makes paragraphs")
        << QStringLiteral("One\n\nTwo") << QStringLiteral("<p>One</p>\n<p>Two</p>\n");
    QTest::newRow("several blank lines are one break")
        << QStringLiteral("One\n\n\n\n  \nTwo") << QStringLiteral("<p>One</p>\n<p>Two</p>\n");
    QTest::newRow("single newline becomes br")
        << QStringLiteral("Line one\nLine two") << QStringLiteral("<p>Line one<br />\nLine two</p>\n");
    QTest::newRow("CRLF line endings")
        << QStringLiteral("One\r\n\r\nTwo") << QStringLiteral("<p>One</p>\n<p>Two</p>\n");
    QTest::newRow("heading is not wrapped")
        << QStringLiteral("<h2>Title</h2>\nText") << QStringLiteral("<h2>Title</h2>\n<p>Text</p>\n");
    QTest::newRow("blockquote gets its paragraph inside")
        << QStringLiteral("<blockquote>Quote</blockquote>")
        << QStringLiteral("<blockquote><p>Quote</p></blockquote>\n");
    QTest::newRow("list items are not wrapped")
        << QStringLiteral("<ul>\n<li>One</li>\n<li>Two</li>\n</ul>")
        << QStringLiteral("<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n");
    QTest::newRow("hr stands alone")
        << QStringLiteral("A\n<hr />\nB") << QStringLiteral("<p>A</p>\n<hr />\n<p>B</p>\n");
    QTest::newRow("two br make a paragraph break")
        << QStringLiteral("A<br /><br />B") << QStringLiteral("<p>A</p>\n<p>B</p>\n");
    QTest::newRow("div keeps its text")
        << QStringLiteral("<div>Text</div>") << QStringLiteral("<div>Text</div>\n");
    QTest::newRow("pre is left alone")
        << QStringLiteral("<pre>a\n\nb</pre>\n\nText")
        << QStringLiteral("<pre>a\n\nb</pre>\n<p>Text</p>\n");
    QTest::newRow("newline inside a tag survives")
        << QStringLiteral("<a\nhref=\"x\">link</a> text")
        << QStringLiteral("<p><a\nhref=\"x\">link</a> text</p>\n");
    QTest::newRow("script keeps its newlines")
        << QStringLiteral("<script>a\nb</script>")
        << QStringLiteral("<p><script>a\nb</script></p>\n");
    QTest::newRow("inline markup stays in the paragraph")
        << QStringLiteral("Some <strong>bold</strong> text\n\nMore")
        << QStringLiteral("<p>Some <strong>bold</strong> text</p>\n<p>More</p>\n");
    QTest::newRow("cyrillic text")
        << QStringLiteral("Трамвай\n\nКараганда") << QStringLiteral("<p>Трамвай</p>\n<p>Караганда</p>\n");
}

void TestWpautop::paragraphs()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(wpautop(input), expected);
}

void TestWpautop::withoutLineBreaks()
{
    QCOMPARE(wpautop(QStringLiteral("A\nB"), false), QStringLiteral("<p>A\nB</p>\n"));
}

void TestWpautop::standaloneShortcodeUnwrapped_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("caption alone")
        << QStringLiteral("[caption id=\"a\"]<img src=\"x.jpg\" /> Text[/caption]\n\nAfter")
        << QStringLiteral("[caption id=\"a\"]<img src=\"x.jpg\" /> Text[/caption]\n<p>After</p>\n");
    QTest::newRow("self-closing")
        << QStringLiteral("[gallery ids=\"1,2\" /]") << QStringLiteral("[gallery ids=\"1,2\" /]\n");
    QTest::newRow("inline shortcode stays in the paragraph")
        << QStringLiteral("See [gallery ids=\"1\"] here")
        << QStringLiteral("<p>See [gallery ids=\"1\"] here</p>\n");
    QTest::newRow("unregistered tag is text")
        << QStringLiteral("[note]x[/note]") << QStringLiteral("<p>[note]x[/note]</p>\n");
    QTest::newRow("name must end at a boundary")
        << QStringLiteral("[captioned]") << QStringLiteral("<p>[captioned]</p>\n");
}

void TestWpautop::standaloneShortcodeUnwrapped()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QStringList tags{QStringLiteral("caption"), QStringLiteral("gallery"), QStringLiteral("embed")};
    QCOMPARE(shortcodeUnautop(wpautop(input), tags), expected);
}

void TestWpautop::malformedInputDoesNotCrash()
{
    const QStringList inputs{QStringLiteral("<p><p><div"), QStringLiteral("</pre><pre>x"),
                             QStringLiteral("<<<>>>\n\n<"), QStringLiteral("[caption]<img"),
                             QStringLiteral("<!-- open comment\n\nx"), QStringLiteral("<blockquote>\n\n")};
    for (const QString &in : inputs) {
        const QString out = shortcodeUnautop(wpautop(in), {QStringLiteral("caption")});
        QVERIFY2(!out.isEmpty(), qPrintable(in));
    }
}

QTEST_GUILESS_MAIN(TestWpautop)
#include "tst_wpautop.moc"
