#include <QTest>

#include "io/keyindex.h"

using namespace handoff;

// The import's key-to-lead index: every key it was given is found again with its value,
// nothing else is, through growth, removals and non-ASCII keys.
class TestKeyIndex : public QObject
{
    Q_OBJECT

private slots:
    void findsWhatItWasGivenAndNothingElse()
    {
        KeyIndex index;
        QVERIFY(!index.find(u"anna@acme.example"));
        index.insert(u"anna@acme.example", 7);
        index.insert(u"ben@beta.example", 8);
        QCOMPARE(index.find(u"anna@acme.example"), std::optional<qint64>(7));
        QCOMPARE(index.find(u"ben@beta.example"), std::optional<qint64>(8));
        QVERIFY(!index.find(u"Anna@acme.example")); // keys are exact; callers fold case
        QVERIFY(!index.find(u"anna@acme.exampl"));
        QVERIFY(!index.find(u""));
        QCOMPARE(index.size(), 2);
    }

    void insertingAgainGivesTheKeyANewValue()
    {
        KeyIndex index;
        index.insert(u"101", 1);
        index.insert(u"101", -4); // a dry run's new lead
        QCOMPARE(index.find(u"101"), std::optional<qint64>(-4));
        QCOMPARE(index.size(), 1);
    }

    void aRemovedKeyIsGoneAndCanComeBack()
    {
        KeyIndex index;
        for (int i = 0; i < 100; ++i)
            index.insert(QString::number(i), i);
        for (int i = 0; i < 100; i += 2)
            index.remove(QString::number(i));
        for (int i = 0; i < 100; ++i)
            QCOMPARE(index.contains(QString::number(i)), i % 2 == 1);
        index.insert(u"42", 4200);
        QCOMPARE(index.find(u"42"), std::optional<qint64>(4200));
        QCOMPARE(index.size(), 51);
    }

    void nonAsciiKeysAreTheirOwn()
    {
        KeyIndex index;
        index.insert(u"høga@pardot.example", 1);
        index.insert(u"hoga@pardot.example", 2);
        index.insert(u"李@example.cn", 3);
        QCOMPARE(index.find(u"høga@pardot.example"), std::optional<qint64>(1));
        QCOMPARE(index.find(u"hoga@pardot.example"), std::optional<qint64>(2));
        QCOMPARE(index.find(u"李@example.cn"), std::optional<qint64>(3));
        QVERIFY(!index.find(u"h\u00f8ga@pardot.exampl"));
    }

    void aHundredThousandKeysThroughGrowthAndChurn()
    {
        KeyIndex index;
        constexpr int Keys = 100000;
        for (int i = 0; i < Keys; ++i)
            index.insert(QStringLiteral("lead%1@co%2.example").arg(i).arg(i % 97), i);
        // Churn: a third removed and given back under new values, which leaves removed
        // slots behind for the probes to step over.
        for (int i = 0; i < Keys; i += 3)
            index.remove(QStringLiteral("lead%1@co%2.example").arg(i).arg(i % 97));
        for (int i = 0; i < Keys; i += 3)
            index.insert(QStringLiteral("lead%1@co%2.example").arg(i).arg(i % 97), -i);
        QCOMPARE(index.size(), Keys);
        for (int i = 0; i < Keys; ++i) {
            const auto found = index.find(QStringLiteral("lead%1@co%2.example").arg(i).arg(i % 97));
            QVERIFY(found);
            QCOMPARE(*found, i % 3 == 0 ? -i : i);
        }
        QVERIFY(!index.find(u"lead100000@co92.example"));
        // UTF-8 bytes and 16-byte slots: a QHash<QString, qint64> of these keys takes about
        // 120 bytes a key (measured with mallinfo2); this, with a third of the keys written
        // twice and the table just grown, under 100.
        QVERIFY2(index.memoryBytes() < size_t(Keys) * 100,
                 qPrintable(QString::number(index.memoryBytes())));
    }
};

QTEST_GUILESS_MAIN(TestKeyIndex)
#include "tst_keyindex.moc"
