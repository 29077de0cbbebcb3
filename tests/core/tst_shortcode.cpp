#include "shortcode/captioneditor.h"
#include "shortcode/captionrenderer.h"
#include "shortcode/creditstyle.h"
#include "shortcode/shortcodeparser.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace byline;

using Attrs = QHash<QString, QString>;
Q_DECLARE_METATYPE(Attrs)

namespace {

const QString kCaption = QStringLiteral("A simple caption.");
const QString kHtmlContent = QStringLiteral(
    "A <strong class='classy'>bolded</strong> <em>caption</em> with a <a href=\"#\">link</a>.");
const QString kImgContent = QStringLiteral("<img src=\"pic.jpg\" id='anId' alt=\"pic\"/>");

const QString kTca = QStringLiteral(
    "[caption id=\"attachment_35968\" align=\"aligncenter\" width=\"960\"]<img "
    "class=\"size-full wp-image-35968\" src=\"https://example.org/steppe.jpg\" alt=\"Herders\" "
    "width=\"960\" height=\"640\" /> Image: TCA[/caption]");

QString readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll());
}

} // namespace

class TestShortcode : public QObject
{
    Q_OBJECT
private slots:
    void readsCaption();
    void captionWithoutImage();
    void grammar_data();
    void grammar();
    void attributes_data();
    void attributes();
    void wordpressCaptionTests_data();
    void wordpressCaptionTests();
    void rendersBothMarkups();
    void credit_data();
    void credit();
    void badInput_data();
    void badInput();
    void editChangesOnlyTheShortcode_data();
    void editChangesOnlyTheShortcode();
    void insertFromLibrary();
    void mixedFixture();
    void roundTripDemoArticles();
    void roundTripWxr();
};

void TestShortcode::readsCaption()
{
    const QString body = QStringLiteral("<p>Intro</p>\n") + kTca + QStringLiteral("\n<p>End</p>");
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.serialize(), body);
    QCOMPARE(doc.captions().size(), 1);
    const Caption &c = doc.captions().first();
    QCOMPARE(c.range.begin, 13);
    QCOMPARE(c.range.end, 13 + kTca.size());
    QCOMPARE(c.line, 2);
    QCOMPARE(c.column, 1);
    QCOMPARE(c.attachmentId, 35968);
    QCOMPARE(c.align, QStringLiteral("aligncenter"));
    QCOMPARE(c.width, 960);
    QVERIFY(c.hasImage);
    QCOMPARE(c.imageSrc, QStringLiteral("https://example.org/steppe.jpg"));
    QCOMPARE(c.imageAlt, QStringLiteral("Herders"));
    QCOMPARE(c.text, QStringLiteral("Image: TCA"));
    QCOMPARE(c.credit.style, CreditStyle::Image);
    QCOMPARE(c.credit.credit, QStringLiteral("TCA"));
    QVERIFY(c.credit.text.isEmpty());
    QVERIFY(doc.diagnostics().isEmpty());
}

void TestShortcode::captionWithoutImage()
{
    const QString body = QStringLiteral(
        "[caption id=\"attachment_35968\" align=\"aligncenter\" width=\"960\"] Image: TCA[/caption]");
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.captions().size(), 1);
    const Caption &c = doc.captions().first();
    QVERIFY(!c.hasImage);
    QCOMPARE(c.attachmentId, 35968);
    QCOMPARE(c.text, QStringLiteral("Image: TCA"));
    QCOMPARE(c.credit.credit, QStringLiteral("TCA"));
    QVERIFY(doc.diagnostics().isEmpty());
    // WordPress prints the content unchanged: there is no image to caption.
    QCOMPARE(CaptionRenderer::renderBody(doc, CaptionRenderer::Markup::Html5),
             QStringLiteral(" Image: TCA"));
}

void TestShortcode::grammar_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("kinds"); // top-level nodes as kind:tag
    QTest::addColumn<int>("captions");

    QTest::newRow("enclosing") << QStringLiteral("x [caption width=1]<img src=a> t[/caption] y")
                               << QStringList{QStringLiteral("caption:caption")} << 1;
    QTest::newRow("alias") << QStringLiteral("[wp_caption width=1]<img src=a> t[/wp_caption]")
                           << QStringList{QStringLiteral("caption:wp_caption")} << 1;
    QTest::newRow("self-closing slash") << QStringLiteral("[gallery ids=\"1,2\" /] text")
                                        << QStringList{QStringLiteral("other:gallery")} << 0;
    QTest::newRow("no closer") << QStringLiteral("[gallery] text [embed]u[/embed]")
                               << QStringList{QStringLiteral("other:gallery"),
                                              QStringLiteral("other:embed")}
                               << 0;
    QTest::newRow("boundary") << QStringLiteral("[captioned] [caption-x] [caption_y]")
                              << QStringList{QStringLiteral("unknown:captioned"),
                                             QStringLiteral("unknown:caption-x"),
                                             QStringLiteral("unknown:caption_y")}
                              << 0;
    QTest::newRow("escaped") << QStringLiteral("[[caption width=1]<img src=a> t[/caption]]")
                             << QStringList{QStringLiteral("escaped:caption")} << 0;
    QTest::newRow("escaped pair") << QStringLiteral("[[caption]] and [[/caption]]")
                                  << QStringList{QStringLiteral("escaped:caption")} << 0;
    QTest::newRow("case-sensitive") << QStringLiteral("[Caption width=1]x[/Caption]")
                                    << QStringList{} << 0;
    QTest::newRow("comment") << QStringLiteral("<!-- [caption width=1]<img src=a> t[/caption] -->")
                             << QStringList{} << 0;
    QTest::newRow("nested other") << QStringLiteral(
        "[caption id=\"attachment_1\" width=\"5\"][media-credit name=\"A\"]<img src=a>"
        "[/media-credit] t[/caption]")
                                  << QStringList{QStringLiteral("caption:caption")} << 1;
    QTest::newRow("unknown kept") << QStringLiteral("a [pullquote who=\"x\"]q[/pullquote] b")
                                  << QStringList{QStringLiteral("unknown:pullquote")} << 0;
}

void TestShortcode::grammar()
{
    QFETCH(QString, body);
    QFETCH(QStringList, kinds);
    QFETCH(int, captions);
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.serialize(), body);
    QStringList got;
    for (const ShortcodeDocument::Segment &s : doc.segments()) {
        if (s.node < 0)
            continue;
        const ShortcodeNode &n = doc.nodes().at(s.node);
        const char *k = n.kind == ShortcodeNode::Kind::Caption ? "caption"
            : n.kind == ShortcodeNode::Kind::Other             ? "other"
            : n.kind == ShortcodeNode::Kind::Unknown           ? "unknown"
                                                               : "escaped";
        got << QString::fromLatin1(k) + QLatin1Char(':') + n.tag;
    }
    QCOMPARE(got, kinds);
    QCOMPARE(doc.captions().size(), captions);
}

void TestShortcode::attributes_data()
{
    QTest::addColumn<QString>("atts");
    QTest::addColumn<QStringList>("expected"); // name=value, positional as =value

    QTest::newRow("quotes") << QStringLiteral(" a=\"1\" b='2' c=3")
                            << QStringList{QStringLiteral("a=1"), QStringLiteral("b=2"),
                                           QStringLiteral("c=3")};
    QTest::newRow("case") << QStringLiteral(" ID=\"x\"") << QStringList{QStringLiteral("id=x")};
    QTest::newRow("positional") << QStringLiteral(" foo \"bar baz\" 'q'")
                                << QStringList{QStringLiteral("=foo"), QStringLiteral("=bar baz"),
                                               QStringLiteral("=q")};
    QTest::newRow("odd spaces") << QStringLiteral(" \u00a0id=\"a\"\u200b\u200bwidth=5")
                                << QStringList{QStringLiteral("id=a"), QStringLiteral("width=5")};
    QTest::newRow("space in quoted") << QStringLiteral(" a=\"x\u00a0\u00a0y\"")
                                     << QStringList{QStringLiteral("a=x y")};
    QTest::newRow("cslashes") << QStringLiteral(" a=\"x\\\"y\" b=\"\\x41\\n\"")
                              << QStringList{QStringLiteral("=a=\"x\"y\""),
                                             QStringLiteral("b=A\n")};
    QTest::newRow("unclosed html") << QStringLiteral(" a=\"<b\" b=\"<i>ok</i>\"")
                                   << QStringList{QStringLiteral("a="),
                                                  QStringLiteral("b=<i>ok</i>")};
    QTest::newRow("broken quote") << QStringLiteral(" id=\"attachment_1 width=\"5\"")
                                  << QStringList{QStringLiteral("=id=\"attachment_1"),
                                                 QStringLiteral("width=5")};
}

void TestShortcode::attributes()
{
    QFETCH(QString, atts);
    QFETCH(QStringList, expected);
    const QString body = QStringLiteral("[gallery") + atts + QStringLiteral("]");
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.nodes().size(), 1);
    QStringList got;
    for (const ShortcodeAttribute &a : doc.nodes().first().attributes)
        got << a.name + QLatin1Char('=') + a.value;
    QCOMPARE(got, expected);
}

// WordPress core's own img_caption_shortcode() cases (tests/phpunit/tests/media.php),
// checked as "output contains" the way they are asserted there, in both markups.
void TestShortcode::wordpressCaptionTests_data()
{
    QTest::addColumn<Attrs>("atts");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("exact");          // full expected output when known, else null
    QTest::addColumn<QStringList>("contains");   // substrings that must appear exactly once
    QTest::addColumn<QString>("html4Width");     // "width: N" expected without html5 support

    QTest::newRow("empty params") << Attrs{} << QString() << QString() << QStringList{} << QString();
    QTest::newRow("empty params but content") << Attrs{} << kCaption << kCaption << QStringList{}
                                              << QString();
    QTest::newRow("empty width") << Attrs{{QStringLiteral("width"), QStringLiteral("0")}} << kCaption
                                 << kCaption << QStringList{} << QString();
    QTest::newRow("empty caption") << Attrs{{QStringLiteral("caption"), QString()}} << QString()
                                   << QString(QLatin1String("")) << QStringList{} << QString();
    QTest::newRow("empty caption and content")
        << Attrs{{QStringLiteral("caption"), QString()}} << kCaption << kCaption << QStringList{}
        << QString();
    QTest::newRow("old format")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}, {QStringLiteral("caption"), kCaption}}
        << QString() << QString()
        << QStringList{QStringLiteral("alignnone"), kCaption} << QStringLiteral("width: 30");
    QTest::newRow("old format id and align")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")},
                 {QStringLiteral("caption"), kCaption},
                 {QStringLiteral("id"), QStringLiteral("\"myId")},
                 {QStringLiteral("align"), QStringLiteral("&myAlignment")}}
        << QString() << QString()
        << QStringList{QStringLiteral("wp-caption &amp;myAlignment"), QStringLiteral("id=\"myId\""),
                       kCaption}
        << QStringLiteral("width: 30");
    QTest::newRow("old format and class")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")},
                 {QStringLiteral("class"), QStringLiteral("some-class another-class")},
                 {QStringLiteral("caption"), kCaption}}
        << QString() << QString()
        << QStringList{QStringLiteral("wp-caption alignnone some-class another-class")}
        << QStringLiteral("width: 30");
    QTest::newRow("html caption")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}, {QStringLiteral("caption"), kHtmlContent}}
        << QString() << QString() << QStringList{kHtmlContent} << QStringLiteral("width: 30");
    QTest::newRow("new format")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}} << kImgContent + kHtmlContent
        << QString()
        << QStringList{kImgContent, QStringLiteral("class=\"wp-caption-text\">") + kHtmlContent}
        << QStringLiteral("width: 30");
    const QString linked = QStringLiteral("<a href='#'>") + kImgContent + QStringLiteral("</a>");
    QTest::newRow("new format linked image")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}} << linked + kHtmlContent << QString()
        << QStringList{linked, QStringLiteral("class=\"wp-caption-text\">") + kHtmlContent}
        << QStringLiteral("width: 30");
    QTest::newRow("new format linked image with newline")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}}
        << linked + QStringLiteral("\n\n") + kHtmlContent << QString()
        << QStringList{linked, QStringLiteral("class=\"wp-caption-text\">") + kHtmlContent}
        << QStringLiteral("width: 30");
    QTest::newRow("aria-describedby")
        << Attrs{{QStringLiteral("width"), QStringLiteral("20")}, {QStringLiteral("id"), QStringLiteral("myId")}}
        << kImgContent + kHtmlContent << QString()
        << QStringList{QStringLiteral("aria-describedby=\"caption-myId\"")}
        << QStringLiteral("width: 30");
}

void TestShortcode::wordpressCaptionTests()
{
    QFETCH(Attrs, atts);
    QFETCH(QString, content);
    QFETCH(QString, exact);
    QFETCH(QStringList, contains);
    QFETCH(QString, html4Width);
    for (auto markup : {CaptionRenderer::Markup::Html5, CaptionRenderer::Markup::Html4}) {
        const QString out = CaptionRenderer::render(atts, content, markup);
        if (!exact.isNull() || (contains.isEmpty() && content.isNull()))
            QCOMPARE(out, exact.isNull() ? QString(QLatin1String("")) : exact);
        for (const QString &s : contains)
            QCOMPARE(out.count(s), 1);
        if (!contains.isEmpty())
            QCOMPARE(out.count(QStringLiteral("wp-caption")), 2);
        if (!html4Width.isEmpty())
            QCOMPARE(out.count(markup == CaptionRenderer::Markup::Html5 ? QStringLiteral("width: 20")
                                                                        : html4Width),
                     1);
    }
}

void TestShortcode::rendersBothMarkups()
{
    const ShortcodeDocument doc = ShortcodeParser().parse(kTca);
    const QString img = QStringLiteral(
        "<img class=\"size-full wp-image-35968\" src=\"https://example.org/steppe.jpg\" "
        "alt=\"Herders\" width=\"960\" height=\"640\" />");
    QCOMPARE(CaptionRenderer::renderBody(doc, CaptionRenderer::Markup::Html5),
             QStringLiteral("<figure id=\"attachment_35968\" aria-describedby=\"caption-attachment-35968\" "
                            "style=\"width: 960px\" class=\"wp-caption aligncenter\">")
                 + img
                 + QStringLiteral("<figcaption id=\"caption-attachment-35968\" "
                                  "class=\"wp-caption-text\">Image: TCA</figcaption></figure>"));
    QCOMPARE(CaptionRenderer::renderBody(doc, CaptionRenderer::Markup::Html4),
             QStringLiteral("<div id=\"attachment_35968\" style=\"width: 970px\" class=\"wp-caption "
                            "aligncenter\"><img aria-describedby=\"caption-attachment-35968\" ")
                 + img.mid(5)
                 + QStringLiteral("<p id=\"caption-attachment-35968\" class=\"wp-caption-text\">Image: "
                                  "TCA</p></div>"));
    // [[caption]] pairs with the first [/caption] like any opener, so the escape spans both
    // halves and loses only its outer brackets; unknown shortcodes are untouched.
    const ShortcodeDocument esc =
        ShortcodeParser().parse(QStringLiteral("[[caption]]x[[/caption]] [foo a=1]"));
    QCOMPARE(CaptionRenderer::renderBody(esc, CaptionRenderer::Markup::Html5),
             QStringLiteral("[caption]]x[[/caption] [foo a=1]"));
    // caption_id wins, ids are sanitised, a "0" id gives no id at all.
    QCOMPARE(CaptionRenderer::render({{QStringLiteral("width"), QStringLiteral("7px")},
                                      {QStringLiteral("id"), QStringLiteral("a%20b!c")},
                                      {QStringLiteral("caption_id"), QStringLiteral("cap_1")},
                                      {QStringLiteral("caption"), QStringLiteral("t")}},
                                     QString(), CaptionRenderer::Markup::Html5),
             QStringLiteral("<figure id=\"abc\" aria-describedby=\"cap_1\" style=\"width: 7px\" "
                            "class=\"wp-caption alignnone\"><figcaption id=\"cap_1\" "
                            "class=\"wp-caption-text\">t</figcaption></figure>"));
    QCOMPARE(CaptionRenderer::render({{QStringLiteral("width"), QStringLiteral("7")},
                                      {QStringLiteral("id"), QStringLiteral("0")},
                                      {QStringLiteral("caption"), QStringLiteral("t")}},
                                     QString(), CaptionRenderer::Markup::Html5),
             QStringLiteral("<figure style=\"width: 7px\" class=\"wp-caption alignnone\"><figcaption "
                            "class=\"wp-caption-text\">t</figcaption></figure>"));
}

void TestShortcode::credit_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("credit");
    QTest::addColumn<int>("style");
    QTest::addColumn<QString>("prefix");

    QTest::newRow("image") << QStringLiteral("Herders. Image: TCA") << QStringLiteral("Herders.")
                           << QStringLiteral("TCA") << int(CreditStyle::Image)
                           << QStringLiteral("Image: ");
    QTest::newRow("photo") << QStringLiteral("Market. Photo: Reuters") << QStringLiteral("Market.")
                           << QStringLiteral("Reuters") << int(CreditStyle::Photo)
                           << QStringLiteral("Photo: ");
    QTest::newRow("photos") << QStringLiteral("Two views Photos: AP, AFP")
                            << QStringLiteral("Two views") << QStringLiteral("AP, AFP")
                            << int(CreditStyle::Photos) << QStringLiteral("Photos: ");
    QTest::newRow("credit") << QStringLiteral("Dam Credit: Jane Doe") << QStringLiteral("Dam")
                            << QStringLiteral("Jane Doe") << int(CreditStyle::Credit)
                            << QStringLiteral("Credit: ");
    QTest::newRow("copyright tight") << QStringLiteral("Bridge \u00a9AFP") << QStringLiteral("Bridge")
                                     << QStringLiteral("AFP") << int(CreditStyle::Copyright)
                                     << QStringLiteral("\u00a9");
    QTest::newRow("copyright spaced") << QStringLiteral("Bridge \u00a9 AFP")
                                      << QStringLiteral("Bridge") << QStringLiteral("AFP")
                                      << int(CreditStyle::Copyright) << QStringLiteral("\u00a9 ");
    QTest::newRow("domain") << QStringLiteral("Flooded fields @worldbank.org")
                            << QStringLiteral("Flooded fields") << QStringLiteral("worldbank.org")
                            << int(CreditStyle::Domain) << QStringLiteral("@");
    QTest::newRow("none") << QStringLiteral("Photographers at work") << QStringLiteral("Photographers at work")
                          << QString() << int(CreditStyle::None) << QString();
    QTest::newRow("email is no credit") << QStringLiteral("Write to me@example.org")
                                        << QStringLiteral("Write to me@example.org") << QString()
                                        << int(CreditStyle::None) << QString();
}

void TestShortcode::credit()
{
    QFETCH(QString, caption);
    QFETCH(QString, text);
    QFETCH(QString, credit);
    QFETCH(int, style);
    QFETCH(QString, prefix);
    const CaptionCredit parts = splitCredit(caption);
    QCOMPARE(parts.text, text);
    QCOMPARE(parts.credit, credit);
    QCOMPARE(int(parts.style), style);
    QCOMPARE(parts.prefix, prefix);
    QCOMPARE(joinCredit(parts), caption);
}

void TestShortcode::badInput_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("message"); // a fragment of the expected diagnostic
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("unclosed bracket") << QStringLiteral("ok\n  [caption id=\"attachment_1\" width=\"5\"")
                                      << QStringLiteral("never closed with ']'") << 2 << 3;
    QTest::newRow("no closer") << QStringLiteral("[caption id=\"attachment_1\" width=\"5\"]<img src=a> t")
                               << QStringLiteral("never closed with [/caption]") << 1 << 1;
    QTest::newRow("stray closer") << QStringLiteral("text\n[/caption]")
                                  << QStringLiteral("has no opening") << 2 << 1;
    QTest::newRow("nested") << QStringLiteral(
        "[caption id=\"attachment_1\" width=\"5\"]<img src=a> a [caption id=\"attachment_2\" "
        "width=\"5\"]<img src=b> b[/caption] c[/caption]")
                            << QStringLiteral("inside another caption") << 1 << 52;
    QTest::newRow("broken quotes") << QStringLiteral(
        "[caption id=\"attachment_1 width=\"5\"]<img src=a> t[/caption]")
                                   << QStringLiteral("malformed") << 1 << 1;
    QTest::newRow("non-numeric width") << QStringLiteral(
        "[caption id=\"attachment_1\" width=\"wide\"]<img src=a> t[/caption]")
                                       << QStringLiteral("not a positive whole number") << 1 << 1;
    QTest::newRow("missing id") << QStringLiteral("[caption width=\"5\"]<img src=a> t[/caption]")
                                << QStringLiteral("no id") << 1 << 1;
    QTest::newRow("text before image") << QStringLiteral(
        "[caption id=\"attachment_1\" width=\"5\"]lost <img src=a> t[/caption]")
                                       << QStringLiteral("dropped") << 1 << 38;
    QTest::newRow("wrong case") << QStringLiteral("[Caption id=\"attachment_1\"]")
                                << QStringLiteral("case-sensitive") << 1 << 1;
}

void TestShortcode::badInput()
{
    QFETCH(QString, body);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.serialize(), body);
    bool found = false;
    for (const ShortcodeDiagnostic &d : doc.diagnostics()) {
        if (d.message.contains(message)) {
            found = true;
            QCOMPARE(d.line, line);
            QCOMPARE(d.column, column);
        }
    }
    if (!found) {
        for (const ShortcodeDiagnostic &d : doc.diagnostics())
            qWarning() << d.offset << d.message;
    }
    QVERIFY(found);
}

void TestShortcode::editChangesOnlyTheShortcode_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<int>("field"); // 0 text, 1 credit, 2 align, 3 width
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("text") << kTca << 0 << QStringLiteral("Herders near Kokshetau.")
                          << QString(kTca).replace(QStringLiteral("> Image: TCA"),
                                                   QStringLiteral("> Herders near Kokshetau. Image: TCA"));
    QTest::newRow("credit") << kTca << 1 << QStringLiteral("Reuters")
                            << QString(kTca).replace(QStringLiteral("Image: TCA"),
                                                     QStringLiteral("Image: Reuters"));
    QTest::newRow("align") << kTca << 2 << QStringLiteral("alignleft")
                           << QString(kTca).replace(QStringLiteral("aligncenter"),
                                                    QStringLiteral("alignleft"));
    QTest::newRow("width") << kTca << 3 << QStringLiteral("640")
                           << QString(kTca).replace(QStringLiteral("width=\"960\"]"),
                                                    QStringLiteral("width=\"640\"]"));
    QTest::newRow("add align") << QStringLiteral("[caption id='attachment_2' width=5]<img src=a> t[/caption]")
                               << 2 << QStringLiteral("alignright")
                               << QStringLiteral("[caption id='attachment_2' width=5 align=\"alignright\"]"
                                                 "<img src=a> t[/caption]");
    QTest::newRow("legacy text") << QStringLiteral("[caption width=\"5\" caption=\"Old\"]<img src=a>[/caption]")
                                 << 0 << QStringLiteral("Say \"hi\"")
                                 << QStringLiteral("[caption width=\"5\" caption=\"Say &quot;hi&quot;\"]"
                                                   "<img src=a>[/caption]");
    QTest::newRow("credit on bare caption")
        << QStringLiteral("[caption id=\"attachment_3\" width=\"5\"]<img src=a> Dam[/caption]") << 1
        << QStringLiteral("AP")
        << QStringLiteral("[caption id=\"attachment_3\" width=\"5\"]<img src=a> Dam Photo: AP[/caption]");
}

void TestShortcode::editChangesOnlyTheShortcode()
{
    QFETCH(QString, caption);
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const QString before = QStringLiteral("<p>First [gallery ids=\"1\"] par.</p>\n[caption width=1]"
                                          "<img src=z> other[/caption]\n");
    const QString after = QStringLiteral("\n<p>Last \u00a9 line.</p>");
    const QString body = before + caption + after;
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.captions().size(), 2);
    CaptionEdit edit;
    if (field == 0)
        edit.text = value;
    else if (field == 1)
        edit.credit = value;
    else if (field == 2)
        edit.align = value;
    else
        edit.width = value.toInt();
    bool ok = false;
    const QString out = CaptionEditor::apply(doc, 1, edit, &ok);
    QVERIFY(ok);
    const TextRange r = doc.captions().at(1).range;
    QCOMPARE(out.left(r.begin), body.left(r.begin));
    QVERIFY(out.endsWith(body.mid(r.end)));
    QCOMPARE(out, before + expected + after);
    // The edit reads back as written.
    const ShortcodeDocument re = ShortcodeParser().parse(out);
    QCOMPARE(re.captions().size(), 2);
    if (field == 0 && !re.captions().at(1).legacyAttribute)
        QCOMPARE(re.captions().at(1).credit.text, value);
    if (field == 1)
        QCOMPARE(re.captions().at(1).credit.credit, value);
}

void TestShortcode::insertFromLibrary()
{
    ImageInsert img;
    img.attachmentId = 35968;
    img.src = QStringLiteral("https://example.org/wp-content/uploads/steppe.jpg");
    img.alt = QStringLiteral("Herders & horses");
    img.width = 960;
    img.height = 640;
    img.align = QStringLiteral("center");
    img.caption = QStringLiteral("Herders near Kokshetau.\nSpring");
    img.credit = QStringLiteral("TCA");
    img.creditStyle = CreditStyle::Image;
    QCOMPARE(captionShortcodeForImage(img),
             QStringLiteral("[caption id=\"attachment_35968\" align=\"aligncenter\" width=\"960\"]"
                            "<img src=\"https://example.org/wp-content/uploads/steppe.jpg\" "
                            "alt=\"Herders &amp; horses\" width=\"960\" height=\"640\" "
                            "class=\"size-full wp-image-35968\" /> Herders near Kokshetau.<br />"
                            "Spring Image: TCA[/caption]"));
    img.caption.clear();
    img.credit.clear();
    QCOMPARE(captionShortcodeForImage(img),
             QStringLiteral("<img src=\"https://example.org/wp-content/uploads/steppe.jpg\" "
                            "alt=\"Herders &amp; horses\" width=\"960\" height=\"640\" "
                            "class=\"aligncenter size-full wp-image-35968\" />"));
    img.caption = QStringLiteral("Linked");
    img.linkUrl = QStringLiteral("https://example.org/?attachment_id=35968&x=1");
    img.linkToAttachmentPage = true;
    const QString linked = captionShortcodeForImage(img);
    QVERIFY(linked.contains(QStringLiteral(
        "<a href=\"https://example.org/?attachment_id=35968&#038;x=1\" rel=\"attachment "
        "wp-att-35968\"><img ")));
    // What we insert, we read back.
    const ShortcodeDocument doc = ShortcodeParser().parse(linked);
    QCOMPARE(doc.captions().size(), 1);
    QCOMPARE(doc.captions().first().attachmentId, 35968);
    QVERIFY(doc.captions().first().linked);
    QCOMPARE(doc.captions().first().text, QStringLiteral("Linked"));
    QVERIFY(doc.diagnostics().isEmpty());
}

void TestShortcode::mixedFixture()
{
    const QString body = readFile(QStringLiteral(BYLINE_TEST_DATA "/shortcode/mixed-body.html"));
    QVERIFY(!body.isEmpty());
    const ShortcodeDocument doc = ShortcodeParser().parse(body);
    QCOMPARE(doc.serialize(), body);
    // The commented-out caption is invisible to WordPress, and so to us.
    QCOMPARE(doc.captions().size(), 4);
    QCOMPARE(doc.captions().at(0).attachmentId, 4101);
    QVERIFY(doc.captions().at(0).linked);
    QCOMPARE(doc.captions().at(0).credit.credit, QStringLiteral("Aigerim Sadykova"));
    QCOMPARE(doc.captions().at(0).line, 3);
    QVERIFY(!doc.captions().at(1).hasImage);
    QCOMPARE(doc.captions().at(1).credit.style, CreditStyle::Image);
    QCOMPARE(doc.captions().at(2).credit.style, CreditStyle::Copyright);
    QStringList messages;
    for (const ShortcodeDiagnostic &d : doc.diagnostics())
        messages << QString::number(d.line) + QLatin1Char(':') + d.message.left(24);
    QCOMPARE(messages,
             (QStringList{QStringLiteral("9:Caption width \"wide\" is "),
                          QStringLiteral("10:[/caption] has no openin"),
                          QStringLiteral("11:[caption] is never close")}));
}

void TestShortcode::roundTripDemoArticles()
{
    const QDir dir(QStringLiteral(BYLINE_SOURCE_DIR "/resources/demo/articles"));
    const QStringList files = dir.entryList({QStringLiteral("*.html")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("no demo articles in resources/demo/articles yet");
    int captions = 0;
    for (const QString &name : files) {
        const QString body = readFile(dir.filePath(name));
        const ShortcodeDocument doc = ShortcodeParser().parse(body);
        QVERIFY2(doc.serialize() == body, qPrintable(name));
        captions += int(doc.captions().size());
        for (int i = 0; i < doc.captions().size(); ++i) {
            CaptionEdit edit;
            edit.credit = QStringLiteral("Byline");
            bool ok = false;
            const QString out = CaptionEditor::apply(doc, i, edit, &ok);
            const TextRange r = doc.captions().at(i).range;
            QVERIFY2(out.left(r.begin) == body.left(r.begin), qPrintable(name));
            QVERIFY2(out.endsWith(QStringView(body).mid(r.end)), qPrintable(name));
        }
    }
    qInfo("%d demo articles, %d captions round-tripped", int(files.size()), captions);
}

void TestShortcode::roundTripWxr()
{
    const QDir dir(QStringLiteral(BYLINE_SHARED_FIXTURES "/wxr"));
    if (!dir.exists())
        QSKIP("shared WXR fixtures not found (BYLINE_SHARED_FIXTURES/wxr)");
    int bodies = 0;
    int captions = 0;
    for (const QString &name : dir.entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.qualifiedName() == u"content:encoded") {
                const QString body = xml.readElementText();
                if (xml.hasError())
                    break; // malformed.xml: keep what was readable
                const ShortcodeDocument doc = ShortcodeParser().parse(body);
                QVERIFY2(doc.serialize() == body, qPrintable(name));
                ++bodies;
                captions += int(doc.captions().size());
            }
        }
    }
    if (bodies == 0)
        QSKIP("no content:encoded in the WXR fixtures");
    qInfo("%d WXR bodies, %d captions round-tripped", bodies, captions);
}

QTEST_GUILESS_MAIN(TestShortcode)
#include "tst_shortcode.moc"
