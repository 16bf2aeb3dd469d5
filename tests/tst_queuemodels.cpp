#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "console.h"
#include "demogenerator.h"
#include "testdatabase.h"

class TestQueueModels : public QObject
{
    Q_OBJECT

private slots:
    void queuesShowTheDemoWorld()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {800, 3, 0, 26}).run();
        Console console(t.path());
        IntentQueueModel *intent = console.intentQueue();
        InterestQueueModel *interest = console.interestQueue();
        QAbstractItemModelTester intentTester(
            intent, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester interestTester(
            interest, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(intent->rowCount() > 0);
        QVERIFY(interest->rowCount() > 100);
        QCOMPARE(intent->columnCount(), int(IntentQueueModel::ColumnCount));

        // Interest: highest score first, the flag for those above the threshold agreeing.
        double previous = 1e9;
        for (int row = 0; row < interest->rowCount(); ++row) {
            const double score = interest->index(row, InterestQueueModel::Score)
                                     .data(InterestQueueModel::SortRole)
                                     .toDouble();
            QVERIFY(score <= previous);
            previous = score;
            const bool above =
                interest->index(row, 0).data(InterestQueueModel::AboveThresholdRole).toBool();
            QCOMPARE(above, score >= console.engine().scores().model().mqlThreshold);
        }
        // Intent: every row names a lead, unclaimed ones first.
        bool seenClaimed = false;
        for (int row = 0; row < intent->rowCount(); ++row) {
            QVERIFY(!intent->index(row, IntentQueueModel::LeadName).data().toString().isEmpty());
            const bool claimed =
                intent->index(row, IntentQueueModel::ClaimedBy).data().toString() !=
                QLatin1String("unclaimed");
            QVERIFY(!seenClaimed || claimed);
            seenClaimed = seenClaimed || claimed;
        }
        QVERIFY(intent->leadIdAt(0) > 0);
    }

    void theClockTicksTheWaitingColumnOnly()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {400, 3, 0, 26}).run();
        Console console(t.path());
        IntentQueueModel *intent = console.intentQueue();
        QSignalSpy changed(intent, &QAbstractItemModel::dataChanged);
        const QString before = intent->index(0, IntentQueueModel::Waiting).data().toString();
        const qint64 raisedAt =
            intent->index(0, 0).data(IntentQueueModel::RaisedAtRole).toLongLong();
        intent->setNow(raisedAt + 3 * 3600 + 125);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].toModelIndex().column(), int(IntentQueueModel::Waiting));
        QCOMPARE(changed[0][1].toModelIndex().column(), int(IntentQueueModel::Waiting));
        QCOMPARE(intent->index(0, IntentQueueModel::Waiting).data().toString(),
                 QStringLiteral("3h 02m"));
        QVERIFY(before != QStringLiteral("3h 02m"));
    }
};

QTEST_GUILESS_MAIN(TestQueueModels)
#include "tst_queuemodels.moc"
