#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "demonewsroom.h"
#include "imageprobe.h"
#include "imagerepository.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace byline;

// The demo newsroom: everything the brief promises is in it, and an existing file is refused.
class TestDemoNewsroom : public QObject
{
    Q_OBJECT
private slots:
    void createsCompleteNewsroom();
    void refusesExistingFile();
    void probeRejectsCorruptImage();
};

void TestDemoNewsroom::createsCompleteNewsroom()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.byline"));
    const auto counts = DemoNewsroom::create(path);
    QVERIFY_OK(counts);
    QVERIFY(counts->authors >= 3);
    QVERIFY(counts->articles >= 12);
    QVERIFY(counts->images >= 10);

    auto db = Database::open(path);
    QVERIFY_OK(db);
    AuthorRepository authors(**db);
    const auto all = authors.all();
    QVERIFY_OK(all);
    for (const Author &a : *all) {
        QVERIFY2(!a.roleLine.isEmpty(), qPrintable(a.slug));
        QVERIFY2(!a.bio.isEmpty(), qPrintable(a.slug));
        QVERIFY2(a.avatarImageId > 0, qPrintable(a.slug));
    }

    ArticleRepository articles(**db);
    const auto page = articles.page(ArticleQuery(), 0, 1000);
    QVERIFY_OK(page);
    QSet<QString> statuses;
    int futureScheduled = 0;
    bool captionWithoutImg = false;
    bool atDomainCredit = false;
    bool imageColonCredit = false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const ArticleSummary &s : *page) {
        statuses.insert(statusKey(s.status));
        if (s.status == ArticleStatus::Scheduled && s.scheduledAt > now)
            ++futureScheduled;
        const Article a = articles.get(s.id).value();
        QVERIFY2(!a.authorIds.isEmpty(), qPrintable(a.slug));
        if (a.body.contains(QRegularExpression(QStringLiteral("\\[caption[^\\]]*\\]\\s*[^<\\s][^\\[]*\\[/caption\\]"))))
            captionWithoutImg = true;
        if (a.body.contains(QRegularExpression(QStringLiteral("\\s@[a-z0-9.-]+\\.[a-z]+\\[/caption\\]"))))
            atDomainCredit = true;
        if (a.body.contains(QRegularExpression(QStringLiteral("Image: [^\\[]+\\[/caption\\]"))))
            imageColonCredit = true;
    }
    QCOMPARE(statuses.size(), allStatuses().size());
    QVERIFY(futureScheduled >= 2);
    QVERIFY(captionWithoutImg);
    QVERIFY(atDomainCredit);
    QVERIFY(imageColonCredit);

    ImageRepository images(**db);
    const auto library = images.all();
    QVERIFY_OK(library);
    int withAttachment = 0;
    for (const Image &m : *library) {
        QVERIFY(m.width > 0 && m.height > 0);
        QVERIFY(m.mimeType == QLatin1String("image/jpeg") || m.mimeType == QLatin1String("image/png"));
        if (m.wpAttachmentId > 0)
            ++withAttachment;
        const auto bytes = images.bytes(m.id);
        QVERIFY_OK(bytes);
        QCOMPARE(ImageRepository::digest(*bytes), m.sha256);
    }
    QCOMPARE(withAttachment, library->size());
}

void TestDemoNewsroom::refusesExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taken.byline"));
    QVERIFY_OK(Database::open(path));
    const QByteArray before = testsupport::fileHash(path);
    const auto again = DemoNewsroom::create(path);
    QVERIFY(!again.ok());
    QVERIFY(again.error().contains(QLatin1String("already exists")));
    QCOMPARE(testsupport::fileHash(path), before);
}

void TestDemoNewsroom::probeRejectsCorruptImage()
{
    const QByteArray notAnImage = QByteArray("\xff\xd8\xff\xe0", 4) + QByteArray(100, '\0');
    const auto probe = ImageProbe::read(notAnImage, QStringLiteral("broken.jpg"));
    QVERIFY(!probe.ok());
    QVERIFY(probe.error().contains(QLatin1String("broken.jpg")));
}

QTEST_GUILESS_MAIN(TestDemoNewsroom)
#include "tst_demonewsroom.moc"
