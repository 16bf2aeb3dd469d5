// What a console makes of the team server's pushes: the tables a commit wrote, the handoffs
// it named, and "read everything" for whatever it cannot read (anyone who may connect may
// notify the channel).

#include <QTest>

#include "store/serverchanges.h"

using namespace handoff;

class TestServerChanges : public QObject
{
    Q_OBJECT

private slots:
    void aTableNamedIsTheOnlyOneTouched()
    {
        ServerChanges heard;
        QVERIFY(heard.isEmpty());
        heard.note(QStringLiteral("leads"));
        QVERIFY(!heard.isEmpty());
        QVERIFY(heard.touches(QStringLiteral("leads")));
        QVERIFY(!heard.touches(QStringLiteral("activities")));
        QVERIFY(!heard.touches(QStringLiteral("handoffs")));
    }

    void handoffsNamedAreGatheredAcrossPushes()
    {
        ServerChanges heard;
        heard.note(QStringLiteral("handoffs:7,12"));
        heard.note(QStringLiteral("handoffs:12,40"));
        QVERIFY(heard.touches(QStringLiteral("handoffs")));
        QVERIFY(heard.handoffsNamed());
        QCOMPARE(heard.handoffIds(), (QSet<qint64>{7, 12, 40}));
    }

    // More rows than a payload names: every open handoff is read again.
    void handoffsWithoutIdsMeanAllOfThem()
    {
        ServerChanges heard;
        heard.note(QStringLiteral("handoffs:7"));
        heard.note(QStringLiteral("handoffs"));
        QVERIFY(heard.touches(QStringLiteral("handoffs")));
        QVERIFY(!heard.handoffsNamed());
    }

    void whatCannotBeReadMeansEverything_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::newRow("empty") << QString();
        QTest::newRow("not a table name") << QStringLiteral("Leads; DROP TABLE leads");
        QTest::newRow("too long") << QString(64, QLatin1Char('a'));
        QTest::newRow("text for an id") << QStringLiteral("handoffs:7,x");
        QTest::newRow("empty id") << QStringLiteral("handoffs:7,,8");
        QTest::newRow("negative id") << QStringLiteral("handoffs:-3");
        QTest::newRow("id too large") << QStringLiteral("handoffs:99999999999999999999");
    }

    void whatCannotBeReadMeansEverything()
    {
        QFETCH(QString, payload);
        ServerChanges heard;
        heard.note(payload);
        QVERIFY(heard.touches(QStringLiteral("handoffs")));
        QVERIFY(!heard.handoffsNamed());
        QVERIFY(heard.touches(QStringLiteral("leads")));
    }
};

QTEST_GUILESS_MAIN(TestServerChanges)
#include "tst_serverchanges.moc"
