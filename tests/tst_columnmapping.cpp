#include <QTest>

#include "errorof.h"
#include "io/columnmapping.h"

using namespace handoff;

// How a file's header is read: which system's export it is taken for, and why.
class TestColumnMapping : public QObject
{
    Q_OBJECT

private slots:
    // A Salesforce report's labels ("Created Date") fold to the API names ("CreatedDate"):
    // the preset whose labels match exactly must win, not tie.
    void exactLabelsOutrankFoldedOnes()
    {
        const QStringList header = {QStringLiteral("Lead ID"),      QStringLiteral("First Name"),
                                    QStringLiteral("Last Name"),    QStringLiteral("Title"),
                                    QStringLiteral("Company"),      QStringLiteral("Email"),
                                    QStringLiteral("Lead Source"),  QStringLiteral("Status"),
                                    QStringLiteral("Created Date"), QStringLiteral("Rating")};
        const auto ranking = ColumnMapping::rankPresets(header);
        QVERIFY(ranking.size() >= 2);
        QCOMPARE(ranking.first().name, QStringLiteral("salesforce-report"));
        QVERIFY(!ColumnMapping::isTie(ranking));
        QVERIFY(ranking.first().exact > ranking[1].exact);

        const ColumnMapping mapping = ColumnMapping::guess(header);
        QCOMPARE(mapping.preset, QStringLiteral("salesforce-report"));
        using Kind = ColumnTarget::Kind;
        QCOMPARE(mapping.indexOf(Kind::LeadField, QStringLiteral("external_id")), 0);
        QCOMPARE(mapping.indexOf(Kind::LeadField, QStringLiteral("stage")), 7);
        QCOMPARE(mapping.indexOf(Kind::LeadField, QStringLiteral("created_at")), 8);
    }

    void theApiExportStillReadsAsTheApiExport()
    {
        const QStringList header = {QStringLiteral("Id"),       QStringLiteral("FirstName"),
                                    QStringLiteral("LastName"), QStringLiteral("Email"),
                                    QStringLiteral("Company"),  QStringLiteral("LeadSource"),
                                    QStringLiteral("Status"),   QStringLiteral("CreatedDate")};
        QCOMPARE(ColumnMapping::rankPresets(header).first().name, QStringLiteral("salesforce"));
    }

    void equallyGoodPresetsAreATie()
    {
        QList<ColumnMapping::PresetMatch> ranking = {{QStringLiteral("a"), 4, 2},
                                                     {QStringLiteral("b"), 4, 2}};
        QVERIFY(ColumnMapping::isTie(ranking));
        ranking[1].exact = 1;
        QVERIFY(!ColumnMapping::isTie(ranking));
        QVERIFY(!ColumnMapping::isTie({{QStringLiteral("a"), 4, 2}}));
    }

    // A saved mapping comes back as it was written, labels and all; one saved before the
    // entries carried labels still reads, by position.
    void theJsonRoundTripsWithLabels()
    {
        const QStringList header = {QStringLiteral("Record ID"), QStringLiteral("Email"),
                                    QStringLiteral("Number of Pageviews"),
                                    QStringLiteral("Budget")};
        ColumnMapping mapping = ColumnMapping::guess(header, QStringLiteral("hubspot"));
        mapping.columns[3] = {ColumnTarget::Kind::StageReachedAt, QStringLiteral("sql")};
        const ColumnMapping back = ColumnMapping::fromJson(mapping.toJson(), 4);
        QCOMPARE(back.columns, mapping.columns);
        QCOMPARE(back.labels, header);
        QCOMPARE(back.preset, QStringLiteral("hubspot"));

        const QByteArray old = R"({"preset":"","columns":[{"kind":"lead_field","key":"email"},)"
                               R"({"kind":"ignore","key":""}]})";
        const ColumnMapping positional = ColumnMapping::fromJson(old, 2);
        QCOMPARE(positional.columns[0],
                 (ColumnTarget{ColumnTarget::Kind::LeadField, QStringLiteral("email")}));
        QVERIFY(positional.labels.isEmpty());
        const auto error = errorOf([&] { ColumnMapping::fromJson(old, 3); });
        QVERIFY(error);
        QCOMPARE(error->message(), QStringLiteral("the mapping has 2 columns, the file 3"));
        const auto unknown = errorOf([] {
            ColumnMapping::fromJson(R"({"columns":[{"kind":"ignore"},{"kind":"nonsense"}]})", 2);
        });
        QVERIFY(unknown);
        QCOMPARE(unknown->where().column, QStringLiteral("2"));
        QCOMPARE(unknown->message(), QStringLiteral("column 2: unknown kind 'nonsense'"));
    }
};

QTEST_GUILESS_MAIN(TestColumnMapping)
#include "tst_columnmapping.moc"
