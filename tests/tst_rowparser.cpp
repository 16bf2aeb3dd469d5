#include <QTest>

#include "io/columnmapping.h"
#include "io/rowparser.h"
#include "scoring/activitycatalogue.h"

using namespace handoff;

// RowParser on one row at a time: which lead fields a row gives, how cells are cleaned, and
// how a value it cannot use is reported (file, line, column, value, reason).
class TestRowParser : public QObject
{
    Q_OBJECT

private:
    static constexpr int PageView = 7;
    const ActivityCatalogue m_types{{{PageView, QStringLiteral("page_view"),
                                      QStringLiteral("Page view"), ActivityKind::Interest}}};
    const QStringList m_header = {QStringLiteral("Email"),
                                  QStringLiteral("First Name"),
                                  QStringLiteral("Company Name"),
                                  QStringLiteral("Number of Employees"),
                                  QStringLiteral("Number of Pageviews"),
                                  QStringLiteral("Converted"),
                                  QStringLiteral("Lead Source"),
                                  QStringLiteral("Favourite Colour")};

    RowParser parser() const
    {
        return RowParser(QStringLiteral("leads.csv"), m_header, ColumnMapping::guess(m_header),
                         m_types);
    }

    static bool gives(const ParsedRow &row, QStringView field)
    {
        return row.given.contains(requiredLeadField(field));
    }

private slots:
    void aGoodRowGivesTrimmedFields()
    {
        QList<ImportProblem> problems;
        const auto row = parser().parse(
            2,
            {QStringLiteral("  ann@acme.example "), QStringLiteral(" Ann "), QStringLiteral("Acme"),
             QStringLiteral("1,098"), QStringLiteral(" 4 "), QStringLiteral("yes"),
             QStringLiteral("Webinar"), QStringLiteral(" teal ")},
            0, &problems);
        QVERIFY(problems.isEmpty());
        QVERIFY(row);
        QCOMPARE(row->line, 2);
        QCOMPARE(row->lead.email, QStringLiteral("ann@acme.example"));
        QCOMPARE(row->lead.firstName, QStringLiteral("Ann"));
        QCOMPARE(row->lead.company, QStringLiteral("Acme"));
        QCOMPARE(row->lead.companySize, 1098);
        QCOMPARE(row->lead.channel, QStringLiteral("Webinar"));
        QVERIFY(gives(*row, u"email"));
        QVERIFY(gives(*row, u"first_name"));
        QVERIFY(gives(*row, u"company_size"));
        QCOMPARE(row->activityCounts.value(PageView), 4);
        QVERIFY(row->converted);
        QCOMPARE(row->custom.value(QStringLiteral("Favourite Colour")), QStringLiteral("teal"));
    }

    // An empty cell says nothing: the field is not "present", so an update keeps what the
    // lead had; placeholders count as empty.
    void emptyCellsGiveNoField()
    {
        QList<ImportProblem> problems;
        const auto row =
            parser().parse(3,
                           {QStringLiteral("bo@beta.example"), QString(), QStringLiteral("   "),
                            QStringLiteral("N/A"), QString(), QString(), QString(), QString()},
                           0, &problems);
        QVERIFY(problems.isEmpty());
        QVERIFY(row);
        QVERIFY(gives(*row, u"email"));
        QVERIFY(!gives(*row, u"first_name"));
        QVERIFY(!gives(*row, u"company"));
        QVERIFY(!gives(*row, u"company_size"));
        QVERIFY(!row->lead.companySize);
        QVERIFY(row->activityCounts.isEmpty());
        QVERIFY(!row->converted);
        QVERIFY(row->custom.isEmpty());
    }

    void aShortRowReadsTheColumnsItHas()
    {
        QList<ImportProblem> problems;
        const auto row = parser().parse(4, {QStringLiteral("cy@gamma.example")}, 0, &problems);
        QVERIFY(row);
        QVERIFY(problems.isEmpty());
        for (const LeadField &field : leadFields()) // the e-mail, and nothing else
            QCOMPARE(row->given.contains(field), field.name() == QLatin1String("email"));
    }

    // Every bad cell of the row is reported, each with its column, value and reason.
    void badValuesAreReportedWithTheirColumn()
    {
        QList<ImportProblem> problems;
        const auto row = parser().parse(5,
                                        {QStringLiteral("dee@delta.example"), QString(), QString(),
                                         QStringLiteral("lots"), QStringLiteral("-3"),
                                         QStringLiteral("perhaps"), QString(), QString()},
                                        0, &problems);
        QVERIFY(!row);
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems[0].column, QStringLiteral("Number of Employees"));
        QCOMPARE(problems[0].value, QStringLiteral("lots"));
        QVERIFY(problems[0].reason.contains(QLatin1String("number of employees")));
        QCOMPARE(problems[1].column, QStringLiteral("Number of Pageviews"));
        QCOMPARE(problems[1].value, QStringLiteral("-3"));
        QCOMPARE(problems[2].column, QStringLiteral("Converted"));
        for (const ImportProblem &p : problems) {
            QCOMPARE(p.file, QStringLiteral("leads.csv"));
            QCOMPARE(p.line, 5);
            QCOMPARE(p.severity, ImportProblem::Severity::Rejection);
        }
        QCOMPARE(problems[2].describe(),
                 QStringLiteral("leads.csv, line 5, column Converted: 'perhaps' is not yes or no"));
    }

    void aBadEmailWithoutAnIdRejectsTheRow()
    {
        QList<ImportProblem> problems;
        const auto row =
            parser().parse(6,
                           {QStringLiteral("carl-at-nowhere"), QStringLiteral("Carl"), QString(),
                            QString(), QString(), QString(), QString(), QString()},
                           0, &problems);
        QVERIFY(!row);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].column, QStringLiteral("Email"));
        QCOMPARE(problems[0].value, QStringLiteral("carl-at-nowhere"));
    }

    void aRowWithoutIdentityIsRejectedAsAWhole()
    {
        QList<ImportProblem> problems;
        const auto row = parser().parse(7,
                                        {QString(), QStringLiteral("Nemo"), QString(), QString(),
                                         QString(), QString(), QString(), QString()},
                                        0, &problems);
        QVERIFY(!row);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems[0].column.isEmpty());
    }

    void valuesBeyondTheLastColumnRejectTheRow()
    {
        QStringList fields(m_header.size(), QString());
        fields[0] = QStringLiteral("eve@epsilon.example");
        fields << QStringLiteral("stray");
        QList<ImportProblem> problems;
        QVERIFY(!parser().parse(8, fields, 1, &problems));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].value, QStringLiteral("stray"));
    }
};

QTEST_GUILESS_MAIN(TestRowParser)
#include "tst_rowparser.moc"
