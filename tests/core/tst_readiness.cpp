#include "shortcode/shortcodeparser.h"
#include "testsupport.h"
#include "workflow/readiness.h"

#include <QTest>

using namespace byline;

namespace {

const qint64 kLibraryId = 7;
const int kAttachment = 35968;

Image libraryImage()
{
    Image img;
    img.id = kLibraryId;
    img.wpAttachmentId = kAttachment;
    img.width = 800;
    img.height = 600;
    img.creditLine = QStringLiteral("Reuters");
    img.altText = QStringLiteral("Tulips on Abai avenue");
    return img;
}

QString caption(const QString &credit, int width = 800,
                const QString &alt = QStringLiteral("Tulips"), int attachment = kAttachment,
                const QString &src = QStringLiteral("/wp-content/uploads/tulips.jpg"))
{
    const QString text = credit.isEmpty() ? QStringLiteral("Spring in Almaty.")
                                          : QStringLiteral("Spring in Almaty. Photo: ") + credit;
    return QStringLiteral(
               "[caption id=\"attachment_%1\" align=\"alignnone\" width=\"%2\"]<img src=\"%3\" "
               "alt=\"%4\" width=\"%2\" height=\"600\" class=\"size-full wp-image-%1\" /> "
               "%5[/caption]")
        .arg(attachment)
        .arg(width)
        .arg(src, alt, text);
}

Article goodArticle()
{
    Article a;
    a.id = 1;
    a.title = QStringLiteral("Spring comes to Almaty");
    a.slug = QStringLiteral("spring-almaty");
    a.excerpt = QStringLiteral("Tulips everywhere.");
    a.authorIds = {3};
    a.status = ArticleStatus::InEdit;
    a.body = QStringLiteral("<p>Intro.</p>\n") + caption(QStringLiteral("Reuters")) +
             QStringLiteral("\n<p>End.</p>");
    return a;
}

ReadinessContext context(const QList<Image> &library = {libraryImage()})
{
    ReadinessContext ctx;
    ctx.imageByAttachment = [library](qint64 attachment) -> std::optional<Image> {
        for (const Image &i : library) {
            if (i.wpAttachmentId == attachment)
                return i;
        }
        return std::nullopt;
    };
    ctx.baseUrl = QStringLiteral("https://news.example.kz");
    ctx.now = QDateTime(QDate(2026, 3, 1), QTime(4, 0), Qt::UTC);
    return ctx;
}

QList<ReadinessIssue> run(const Article &a, const ReadinessContext &ctx)
{
    return Readiness::check(a, ShortcodeParser().parse(a.body), ctx);
}

QList<ReadinessIssue> withRule(const QList<ReadinessIssue> &issues, const QString &rule)
{
    QList<ReadinessIssue> out;
    for (const ReadinessIssue &i : issues) {
        if (i.rule == rule)
            out.append(i);
    }
    return out;
}

QString describe(const QList<ReadinessIssue> &issues)
{
    QStringList s;
    for (const ReadinessIssue &i : issues)
        s << i.rule + QStringLiteral(": ") + i.message;
    return s.join(QLatin1Char('\n'));
}

} // namespace

// Each readiness rule with an article that passes it, one that fails it, and its fix applied.
class TestReadiness : public QObject
{
    Q_OBJECT
private slots:
    void goodArticlePasses();
    void missingFields_data();
    void missingFields();
    void missingCreditIsFixedFromTheLibrary();
    void mismatchedCreditOffersBothWays();
    void missingAltIsFixedFromTheLibrary();
    void captionWithoutLibraryImage();
    void captionWiderThanImage();
    void scheduledTimeMustBeAhead();
    void shortcodeErrorsBlock();
    void remoteImagesAreFlagged();
    void errorsBlockReadyAndScheduledOnly();
    void fixOfTheWrongKindIsRefused();
};

void TestReadiness::goodArticlePasses()
{
    const auto issues = run(goodArticle(), context());
    QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
}

void TestReadiness::missingFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("title") << QStringLiteral("title");
    QTest::newRow("slug") << QStringLiteral("slug");
    QTest::newRow("excerpt") << QStringLiteral("excerpt");
    QTest::newRow("authors") << QStringLiteral("authors");
}

void TestReadiness::missingFields()
{
    QFETCH(QString, field);
    Article a = goodArticle();
    if (field == QLatin1String("title"))
        a.title = QStringLiteral("  ");
    else if (field == QLatin1String("slug"))
        a.slug.clear();
    else if (field == QLatin1String("excerpt"))
        a.excerpt.clear();
    else
        a.authorIds.clear();
    const auto issues = run(a, context());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().rule, QStringLiteral("field.") + field);
    QCOMPARE(issues.first().field, field);
    QCOMPARE(issues.first().severity, ReadinessIssue::Severity::Error);
}

void TestReadiness::missingCreditIsFixedFromTheLibrary()
{
    Article a = goodArticle();
    a.body = caption(QString());
    const ShortcodeDocument doc = ShortcodeParser().parse(a.body);
    const auto issues =
        withRule(Readiness::check(a, doc, context()), QStringLiteral("image.credit"));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().offset, 0);
    QCOMPARE(issues.first().fixes.size(), 1);
    const ReadinessFix fix = issues.first().fixes.first();
    QCOMPARE(fix.kind, ReadinessFix::Kind::SetCaptionCredit);
    QCOMPARE(fix.value, QStringLiteral("Reuters"));
    auto fixed = Readiness::applyToBody(doc, fix);
    QVERIFY_OK(fixed);
    a.body = *fixed;
    QVERIFY(a.body.contains(QLatin1String("Photo: Reuters")));
    const auto after = run(a, context());
    QVERIFY2(after.isEmpty(), qPrintable(describe(after)));

    // Without a library credit there is nothing to offer.
    Image bare = libraryImage();
    bare.creditLine.clear();
    a.body = caption(QString());
    const auto noFix = withRule(run(a, context({bare})), QStringLiteral("image.credit"));
    QCOMPARE(noFix.size(), 1);
    QVERIFY(noFix.first().fixes.isEmpty());
}

void TestReadiness::mismatchedCreditOffersBothWays()
{
    Article a = goodArticle();
    a.body = caption(QStringLiteral("AFP"));
    const ShortcodeDocument doc = ShortcodeParser().parse(a.body);
    const auto issues =
        withRule(Readiness::check(a, doc, context()), QStringLiteral("image.credit-mismatch"));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().severity, ReadinessIssue::Severity::Warning);
    QCOMPARE(issues.first().fixes.size(), 2);

    // Either the caption takes the library's credit…
    auto body = Readiness::applyToBody(doc, issues.first().fixes.at(0));
    QVERIFY_OK(body);
    Article fixedArticle = a;
    fixedArticle.body = *body;
    QVERIFY(run(fixedArticle, context()).isEmpty());

    // …or the library takes the caption's.
    const ReadinessFix toLibrary = issues.first().fixes.at(1);
    QCOMPARE(toLibrary.kind, ReadinessFix::Kind::UpdateLibraryCredit);
    QCOMPARE(toLibrary.imageId, kLibraryId);
    auto image = Readiness::applyToImage(libraryImage(), toLibrary);
    QVERIFY_OK(image);
    QCOMPARE(image->creditLine, QStringLiteral("AFP"));
    QVERIFY(run(a, context({*image})).isEmpty());
}

void TestReadiness::missingAltIsFixedFromTheLibrary()
{
    Article a = goodArticle();
    a.body = caption(QStringLiteral("Reuters"), 800, QString());
    const ShortcodeDocument doc = ShortcodeParser().parse(a.body);
    const auto issues = withRule(Readiness::check(a, doc, context()), QStringLiteral("image.alt"));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().fixes.size(), 1);
    auto body = Readiness::applyToBody(doc, issues.first().fixes.first());
    QVERIFY_OK(body);
    QVERIFY(body->contains(QLatin1String("alt=\"Tulips on Abai avenue\"")));
    a.body = *body;
    QVERIFY(run(a, context()).isEmpty());
}

void TestReadiness::captionWithoutLibraryImage()
{
    Article a = goodArticle();
    a.body = caption(QStringLiteral("Reuters"), 800, QStringLiteral("Tulips"), 999);
    const auto issues = run(a, context());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().rule, QStringLiteral("caption.attachment"));
    QVERIFY(Readiness::hasErrors(issues));
}

void TestReadiness::captionWiderThanImage()
{
    Article a = goodArticle();
    a.body = caption(QStringLiteral("Reuters"), 1200);
    const ShortcodeDocument doc = ShortcodeParser().parse(a.body);
    const auto issues = Readiness::check(a, doc, context());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().rule, QStringLiteral("caption.width"));
    auto body = Readiness::applyToBody(doc, issues.first().fixes.first());
    QVERIFY_OK(body);
    a.body = *body;
    QVERIFY(a.body.contains(QLatin1String("width=\"800\"]")));
    QVERIFY(run(a, context()).isEmpty());
}

void TestReadiness::scheduledTimeMustBeAhead()
{
    Article a = goodArticle();
    ReadinessContext ctx = context();
    ctx.target = ArticleStatus::Scheduled;
    QCOMPARE(withRule(run(a, ctx), QStringLiteral("schedule.time")).size(), 1); // no time at all
    a.scheduledAt = ctx.now.addSecs(-60);
    const auto past = withRule(run(a, ctx), QStringLiteral("schedule.time"));
    QCOMPARE(past.size(), 1);
    QCOMPARE(past.first().field, QStringLiteral("scheduledAt"));
    a.scheduledAt = ctx.now.addSecs(3600);
    QVERIFY(run(a, ctx).isEmpty());
    // Moving to ready does not look at the time.
    a.scheduledAt = QDateTime();
    ctx.target = ArticleStatus::Ready;
    QVERIFY(run(a, ctx).isEmpty());
}

void TestReadiness::shortcodeErrorsBlock()
{
    Article a = goodArticle();
    a.body = QStringLiteral("<p>Intro.</p>[caption id=\"attachment_35968\" width=\"800\"");
    const auto issues = withRule(run(a, context()), QStringLiteral("shortcode.error"));
    QVERIFY(!issues.isEmpty());
    QVERIFY(issues.first().offset >= 0);
    QVERIFY(Readiness::blocksStatus(issues, ArticleStatus::Ready));
}

void TestReadiness::remoteImagesAreFlagged()
{
    Article a = goodArticle();
    a.body = QStringLiteral(
        "<p><img src=\"https://news.example.kz/wp-content/uploads/own.jpg\" alt=\"own\"/></p>"
        "<p><img alt=\"hot\" src='http://other.example.com/hot.jpg'></p>");
    const auto issues = run(a, context());
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().rule, QStringLiteral("image.remote"));
    QCOMPARE(issues.first().offset, a.body.indexOf(QLatin1String("http://other")));
    a.body = QStringLiteral("<p><img src=\"/wp-content/uploads/own.jpg\" alt=\"own\"></p>");
    QVERIFY(run(a, context()).isEmpty());
}

void TestReadiness::errorsBlockReadyAndScheduledOnly()
{
    Article a = goodArticle();
    a.excerpt.clear();
    const auto issues = run(a, context());
    for (ArticleStatus to : allStatuses()) {
        const bool blocked = to == ArticleStatus::Ready || to == ArticleStatus::Scheduled ||
                             to == ArticleStatus::Published;
        QCOMPARE(Readiness::blocksStatus(issues, to), blocked);
        QCOMPARE(Readiness::gate(issues, to).ok(), !blocked);
        QCOMPARE(Readiness::blockReason(issues, to).isEmpty(), !blocked);
    }
    QVERIFY(
        Readiness::blockReason(issues, ArticleStatus::Ready).contains(QLatin1String("excerpt")));
    // Warnings alone never block.
    Article w = goodArticle();
    w.body = caption(QStringLiteral("AFP"));
    QVERIFY(!Readiness::blocksStatus(run(w, context()), ArticleStatus::Scheduled));
}

void TestReadiness::fixOfTheWrongKindIsRefused()
{
    const ShortcodeDocument doc = ShortcodeParser().parse(caption(QStringLiteral("AFP")));
    ReadinessFix library;
    library.kind = ReadinessFix::Kind::UpdateLibraryCredit;
    library.imageId = kLibraryId;
    QVERIFY(!Readiness::applyToBody(doc, library).ok());
    ReadinessFix body;
    body.kind = ReadinessFix::Kind::SetCaptionCredit;
    body.captionIndex = 5;
    QVERIFY(!Readiness::applyToBody(doc, body).ok());
    QVERIFY(!Readiness::applyToImage(libraryImage(), body).ok());
    library.imageId = 99;
    QVERIFY(!Readiness::applyToImage(libraryImage(), library).ok());
}

QTEST_GUILESS_MAIN(TestReadiness)
#include "tst_readiness.moc"
