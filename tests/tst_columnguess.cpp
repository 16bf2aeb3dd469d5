#include <QTest>

#include "io/columnmapping.h"

using namespace handoff;

// ColumnMapping::guess on headers as CRMs and spreadsheets write them: each column's lead
// field, count or custom field, and what happens when two columns claim the same field.
class TestColumnGuess : public QObject
{
    Q_OBJECT

private:
    using Kind = ColumnTarget::Kind;

    static ColumnTarget field(const char *key)
    {
        return {Kind::LeadField, QString::fromLatin1(key)};
    }
    static ColumnTarget custom(const QString &name) { return {Kind::CustomField, name}; }

private slots:
    void realCrmHeadersBecomeLeadFields()
    {
        const QStringList header = {
            QStringLiteral("First Name"),     QStringLiteral("Last Name"),
            QStringLiteral("E-mail Address"), QStringLiteral("Company Name"),
            QStringLiteral("Lead Source"),    QStringLiteral("Number of Pageviews"),
            QStringLiteral("Lifecycle Stage")};
        const ColumnMapping mapping = ColumnMapping::guess(header);
        QCOMPARE(mapping.columns.size(), header.size());
        QCOMPARE(mapping.labels, header);
        QCOMPARE(mapping.columns[0], field("first_name"));
        QCOMPARE(mapping.columns[1], field("last_name"));
        // Not any system's own label: read by the generic names, spaces and hyphens aside.
        QCOMPARE(mapping.columns[2], field("email"));
        QCOMPARE(mapping.columns[3], field("company"));
        QCOMPARE(mapping.columns[4], field("channel"));
        QCOMPARE(mapping.columns[5],
                 (ColumnTarget{Kind::ActivityCount, QStringLiteral("page_view")}));
        QCOMPARE(mapping.columns[6], field("stage"));
        QCOMPARE(mapping.preset, QStringLiteral("hubspot"));
    }

    void caseSpacesAndPunctuationDoNotMatter()
    {
        const ColumnMapping mapping =
            ColumnMapping::guess({QStringLiteral("  EMAIL address "), QStringLiteral("lead_source"),
                                  QStringLiteral("company size")});
        QCOMPARE(mapping.columns[0], field("email"));
        QCOMPARE(mapping.columns[1], field("channel"));
        QCOMPARE(mapping.columns[2], field("company_size"));
    }

    void unknownColumnsAreKeptAsCustomFieldsAndBlankOnesIgnored()
    {
        const ColumnMapping mapping = ColumnMapping::guess(
            {QStringLiteral("Email"), QStringLiteral(" Favourite Colour "), QString()});
        QCOMPARE(mapping.columns[1], custom(QStringLiteral("Favourite Colour")));
        QCOMPARE(mapping.columns[2], ColumnTarget{});
    }

    // Two columns that both read as the e-mail: the first is the lead's, the second is kept
    // aside under its own label, never read into the same field twice.
    void aSecondColumnForTheSameFieldIsKeptAside()
    {
        const ColumnMapping mapping =
            ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("E-mail"),
                                  QStringLiteral("Lead Source"), QStringLiteral("Lead Origin")});
        QCOMPARE(mapping.columns[0], field("email"));
        QCOMPARE(mapping.columns[1], custom(QStringLiteral("E-mail")));
        QCOMPARE(mapping.columns[2], field("channel"));
        QCOMPARE(mapping.columns[3], custom(QStringLiteral("Lead Origin")));
        QCOMPARE(mapping.indexOf(Kind::LeadField, QStringLiteral("email")), 0);
    }

    void aRepeatedLabelIsReadOnce()
    {
        const ColumnMapping mapping =
            ColumnMapping::guess({QStringLiteral("Email"), QStringLiteral("Email")});
        QCOMPARE(mapping.columns[0], field("email"));
        QCOMPARE(mapping.columns[1], custom(QStringLiteral("Email")));
    }

    // A header every system could have written: a tie, no preset named, the fields still read.
    void anAmbiguousHeaderNamesNoPreset()
    {
        const QStringList header = {QStringLiteral("Email"), QStringLiteral("Country")};
        QVERIFY(ColumnMapping::isTie(ColumnMapping::rankPresets(header)));
        const ColumnMapping mapping = ColumnMapping::guess(header);
        QVERIFY(mapping.preset.isEmpty());
        QCOMPARE(mapping.columns[0], field("email"));
        QCOMPARE(mapping.columns[1], field("country"));
    }

    void aForcedPresetReadsItsOwnLabels()
    {
        const QStringList header = {QStringLiteral("FirstName"), QStringLiteral("Company"),
                                    QStringLiteral("Email")};
        const ColumnMapping mapping = ColumnMapping::guess(header, QStringLiteral("salesforce"));
        QCOMPARE(mapping.preset, QStringLiteral("salesforce"));
        QCOMPARE(mapping.columns[0], field("first_name"));
        QCOMPARE(mapping.columns[1], field("company"));
        QCOMPARE(mapping.columns[2], field("email"));
    }
};

QTEST_GUILESS_MAIN(TestColumnGuess)
#include "tst_columnguess.moc"
