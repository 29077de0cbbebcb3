#include "workflow/workflow.h"

#include <QTest>

using namespace byline;

Q_DECLARE_METATYPE(byline::ArticleStatus)

// The transition table, checked cell by cell, so a change to it is a deliberate one.
class TestWorkflow : public QObject
{
    Q_OBJECT
private slots:
    void everyPair_data();
    void everyPair();
    void allowedTargetsMatchCanMove();
    void roleKeysRoundTrip();
};

void TestWorkflow::everyPair_data()
{
    QTest::addColumn<ArticleStatus>("from");
    QTest::addColumn<ArticleStatus>("to");
    QTest::addColumn<bool>("allowed");

    using S = ArticleStatus;
    const S order[] = {S::Draft, S::InEdit, S::Ready, S::Scheduled, S::Published, S::Spiked};
    // Rows are "from", columns "to", in the order above.
    const bool table[6][6] = {
        /* draft     */ {false, true, false, false, false, true},
        /* edit      */ {true, false, true, false, false, true},
        /* ready     */ {false, true, false, true, true, true},
        /* scheduled */ {false, false, true, false, true, true},
        /* published */ {false, false, false, false, false, true},
        /* spiked    */ {true, false, false, false, false, false},
    };
    for (int i = 0; i < 6; ++i) {
        for (int j = 0; j < 6; ++j) {
            const QByteArray name =
                (statusKey(order[i]) + QStringLiteral("->") + statusKey(order[j])).toUtf8();
            QTest::newRow(name.constData()) << order[i] << order[j] << table[i][j];
        }
    }
}

void TestWorkflow::everyPair()
{
    QFETCH(ArticleStatus, from);
    QFETCH(ArticleStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(Workflow::canMove(from, to), allowed);
    QCOMPARE(Workflow::check(from, to).ok(), allowed);
    // A refused move always says why; an allowed one has a name for menus.
    QCOMPARE(Workflow::refusal(from, to).isEmpty(), allowed);
    QCOMPARE(Workflow::actionLabel(from, to).isEmpty(), !allowed);
    if (!allowed)
        QCOMPARE(Workflow::check(from, to).error(), Workflow::refusal(from, to));
}

void TestWorkflow::allowedTargetsMatchCanMove()
{
    for (ArticleStatus from : allStatuses()) {
        const QList<ArticleStatus> targets = Workflow::allowedTargets(from);
        for (ArticleStatus to : allStatuses())
            QCOMPARE(targets.contains(to), Workflow::canMove(from, to));
        // Every state can be killed, except the killed state itself.
        QCOMPARE(targets.contains(ArticleStatus::Spiked), from != ArticleStatus::Spiked);
    }
    QCOMPARE(Workflow::allowedTargets(ArticleStatus::Spiked),
             QList<ArticleStatus>{ArticleStatus::Draft});
}

void TestWorkflow::roleKeysRoundTrip()
{
    for (DeskRole r : {DeskRole::Editor, DeskRole::PhotoDesk, DeskRole::WebTeam}) {
        QCOMPARE(roleFromKey(roleKey(r)), std::optional<DeskRole>(r));
        QVERIFY(!roleLabel(r).isEmpty());
    }
    QCOMPARE(roleFromKey(QStringLiteral("intern")), std::nullopt);
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
