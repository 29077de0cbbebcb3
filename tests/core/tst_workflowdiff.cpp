#include "workflow/revisiondiff.h"

#include <QTest>

using namespace byline;
using K = DiffChunk::Kind;

namespace {
QString side(const QList<DiffChunk> &chunks, K skip)
{
    QString out;
    for (const DiffChunk &c : chunks) {
        if (c.kind != skip)
            out += c.text;
    }
    return out;
}
} // namespace

// Word diffs between revisions, and restoring an old revision's content.
class TestWorkflowDiff : public QObject
{
    Q_OBJECT
private slots:
    void rebuildsBothSides_data();
    void rebuildsBothSides();
    void oneWordReplaced();
    void tagsAreWholeUnits();
    void identicalTextIsOneChunk();
    void restoredKeepsVersionAndStatus();
};

void TestWorkflowDiff::rebuildsBothSides_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("empty to text") << QString() << QStringLiteral("Hello world");
    QTest::newRow("text to empty") << QStringLiteral("Hello world") << QString();
    QTest::newRow("kazakh") << QStringLiteral("Алматыда көктем келді.")
                            << QStringLiteral("Алматыға ерте көктем келді!");
    QTest::newRow("html") << QStringLiteral("<p>The <em>old</em> mayor spoke.</p>")
                          << QStringLiteral("<p>The new mayor <strong>spoke</strong> today.</p>");
    QTest::newRow("caption")
        << QStringLiteral(
               "[caption width=\"800\"]<img src=\"a.jpg\" /> Tulips. Photo: AFP[/caption]")
        << QStringLiteral(
               "[caption width=\"640\"]<img src=\"a.jpg\" /> Tulips. Photo: Reuters[/caption]");
}

void TestWorkflowDiff::rebuildsBothSides()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    const QList<DiffChunk> chunks = RevisionDiff::words(a, b);
    QCOMPARE(side(chunks, K::Added), a);
    QCOMPARE(side(chunks, K::Removed), b);
    for (int i = 1; i < chunks.size(); ++i)
        QVERIFY(chunks.at(i).kind != chunks.at(i - 1).kind);
}

void TestWorkflowDiff::oneWordReplaced()
{
    const QList<DiffChunk> chunks =
        RevisionDiff::words(QStringLiteral("The cat sat down"), QStringLiteral("The dog sat down"));
    const QList<DiffChunk> expected{{K::Same, QStringLiteral("The ")},
                                    {K::Removed, QStringLiteral("cat")},
                                    {K::Added, QStringLiteral("dog")},
                                    {K::Same, QStringLiteral(" sat down")}};
    QCOMPARE(chunks, expected);
}

void TestWorkflowDiff::tagsAreWholeUnits()
{
    const QList<DiffChunk> chunks = RevisionDiff::words(QStringLiteral("<a href=\"x\">link</a>"),
                                                        QStringLiteral("<a href=\"y\">link</a>"));
    QCOMPARE(chunks.size(), 3);
    QCOMPARE(chunks.at(0), (DiffChunk{K::Removed, QStringLiteral("<a href=\"x\">")}));
    QCOMPARE(chunks.at(1), (DiffChunk{K::Added, QStringLiteral("<a href=\"y\">")}));
    QCOMPARE(chunks.at(2), (DiffChunk{K::Same, QStringLiteral("link</a>")}));
}

void TestWorkflowDiff::identicalTextIsOneChunk()
{
    const QString text = QStringLiteral("Nothing changed here.");
    QCOMPARE(RevisionDiff::words(text, text), QList<DiffChunk>{(DiffChunk{K::Same, text})});
    QVERIFY(RevisionDiff::words(QString(), QString()).isEmpty());
}

void TestWorkflowDiff::restoredKeepsVersionAndStatus()
{
    Article current;
    current.id = 4;
    current.title = QStringLiteral("New");
    current.body = QStringLiteral("new body");
    current.status = ArticleStatus::Ready;
    current.rowVersion = 9;
    Revision old;
    old.title = QStringLiteral("Old");
    old.excerpt = QStringLiteral("old excerpt");
    old.body = QStringLiteral("old body");
    old.status = ArticleStatus::Draft;
    old.rowVersion = 2;
    const Article r = RevisionDiff::restored(current, old);
    QCOMPARE(r.title, old.title);
    QCOMPARE(r.excerpt, old.excerpt);
    QCOMPARE(r.body, old.body);
    QCOMPARE(r.status, ArticleStatus::Ready); // status moves only through the workflow
    QCOMPARE(r.rowVersion, 9);                // saved on top of the current version
}

QTEST_GUILESS_MAIN(TestWorkflowDiff)
#include "tst_workflowdiff.moc"
