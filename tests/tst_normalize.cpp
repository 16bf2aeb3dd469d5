#include <QTest>

#include "scoring/leadfields.h"
#include "scoring/normalize.h"
#include "scoring/scoringmodel.h"
#include "store/lead.h"

using namespace handoff;

// What a rule sees for what a file said: countries, seniorities, e-mail kinds, read through
// leadfields as the scoring does.
class TestNormalize : public QObject
{
    Q_OBJECT

private slots:
    void countriesBecomeTheirIsoCode_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("code");
        const auto row = [](const char *given, const char *code) {
            QTest::newRow(given) << QString::fromUtf8(given) << QString::fromLatin1(code);
        };
        row("USA", "US");
        row("usa", "US");
        row("U.S.", "US");
        row("U.S.A.", "US");
        row("US", "US");
        row("United States", "US");
        row("United States of America", "US");
        row("UNITED STATES", "US");
        row("UNITED KINGDOM", "GB");
        row("UK", "GB");
        row("England", "GB");
        row("Great Britain", "GB");
        row("GBR", "GB");
        row("gb", "GB");
        row("GERMANY", "DE");
        row("Deutschland", "DE");
        row("de", "DE");
        row("DEU", "DE");
        row(" Germany ", "DE");
        row("The Netherlands", "NL");
        row("Holland", "NL");
        row("España", "ES");
        row("France", "FR");
        row("canada", "CA");
        row("India", "IN");
        row("Österreich", "AT");
        row("Schweiz", "CH");
        row("Brasil", "BR");
        // Not a country: as given, trimmed.
        row(" Atlantis ", "Atlantis");
        row("EMEA", "EMEA");
        row("", "");
    }
    void countriesBecomeTheirIsoCode()
    {
        QFETCH(QString, given);
        QFETCH(QString, code);
        QCOMPARE(normalize::country(given), code);
        Lead lead;
        lead.country = given;
        QCOMPARE(leadfields::value(lead, QStringLiteral("country")), code);
    }

    // The standard model's country rule matches every spelling of its countries.
    void theStandardCountryRuleMatchesRealSpellings()
    {
        const ScoringModel standard = ScoringModel::standard();
        const FitRule *countryRule = nullptr;
        for (const FitRule &r : standard.fitRules) {
            if (r.when.field == QLatin1String("country"))
                countryRule = &r;
        }
        QVERIFY(countryRule);
        for (const char *spelling : {"USA", "United States", "UNITED KINGDOM", "UK", "GERMANY",
                                     "Deutschland", "Canada", "Netherlands"}) {
            Lead lead;
            lead.country = QString::fromLatin1(spelling);
            QVERIFY2(countryRule->when.matches(leadfields::value(lead, QStringLiteral("country"))),
                     spelling);
        }
        Lead elsewhere;
        elsewhere.country = QStringLiteral("India");
        QVERIFY(
            !countryRule->when.matches(leadfields::value(elsewhere, QStringLiteral("country"))));
    }

    void seniorityComesFromTheTitle_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("seniority");
        const auto row = [](const char *title, const char *seniority) {
            QTest::newRow(title) << QString::fromUtf8(title) << QString::fromLatin1(seniority);
        };
        row("VP of Marketing", "VP");
        row("Vice President, Sales", "VP");
        row("SVP Engineering", "VP");
        row("EVP & General Counsel", "VP");
        row("V.P. Operations", "VP");
        row("Head of Growth", "VP");
        row("CEO", "C-level");
        row("ceo & co-founder", "C-level");
        row("Chief Revenue Officer", "C-level");
        row("Founder", "C-level");
        row("Owner", "C-level");
        row("President", "C-level");
        row("Managing Director", "C-level");
        row("CTO", "C-level");
        row("Geschäftsführer", "C-level");
        row("Director of IT", "Director");
        row("Sr. Director, Demand Generation", "Director");
        row("Marketing Manager", "Manager");
        row("Product Owner", "Individual contributor"); // not the company's owner
        row("Team Lead Support", "Manager");
        row("Data Analyst", "Individual contributor");
        row("Software Engineer", "Individual contributor");
        row("Account Executive", "Individual contributor");
        row("MBA Student", "Student");
        row("Marketing Intern", "Student");
        row("Internal Communications", ""); // "intern" only as a word
        row("Chef", "");
        row("", "");
    }
    void seniorityComesFromTheTitle()
    {
        QFETCH(QString, title);
        QFETCH(QString, seniority);
        QCOMPARE(normalize::seniorityFromTitle(title), seniority);
        Lead lead;
        lead.title = title;
        QCOMPARE(leadfields::value(lead, QStringLiteral("seniority")), seniority);
    }

    // The lead's own seniority wins over the title, in the standard vocabulary when it is a
    // known spelling of one; the panel and explain say where a derived one came from.
    void aLeadsOwnSeniorityIsKept()
    {
        Lead lead;
        lead.title = QStringLiteral("VP of Marketing");
        lead.seniority = QStringLiteral("Director");
        QCOMPARE(leadfields::value(lead, QStringLiteral("seniority")), QStringLiteral("Director"));
        QCOMPARE(leadfields::origin(lead, QStringLiteral("seniority")), QString());
        lead.seniority = QStringLiteral("VP-Level");
        QCOMPARE(leadfields::value(lead, QStringLiteral("seniority")), QStringLiteral("VP"));
        QCOMPARE(leadfields::shown(lead, QStringLiteral("seniority")),
                 QStringLiteral("VP (VP-Level)"));
        lead.seniority = QStringLiteral("Partner-ish");
        QCOMPARE(leadfields::value(lead, QStringLiteral("seniority")),
                 QStringLiteral("Partner-ish"));
        lead.seniority.clear();
        QCOMPARE(leadfields::shown(lead, QStringLiteral("seniority")),
                 QStringLiteral("VP (from the title \"VP of Marketing\")"));
        lead.country = QStringLiteral("USA");
        QCOMPARE(leadfields::shown(lead, QStringLiteral("country")), QStringLiteral("US (USA)"));
        lead.country = QStringLiteral("US");
        QCOMPARE(leadfields::shown(lead, QStringLiteral("country")), QStringLiteral("US"));
    }

    void mailKinds_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("freeMail");
        QTest::addColumn<QString>("disposable");
        QTest::newRow("gmail") << "ann@gmail.com"
                               << "yes"
                               << "no";
        QTest::newRow("any case") << "Ann@GMail.Com"
                                  << "yes"
                                  << "no";
        QTest::newRow("outlook") << "bob@outlook.com"
                                 << "yes"
                                 << "no";
        QTest::newRow("company") << "cem@acme.example"
                                 << "no"
                                 << "no";
        QTest::newRow("mailinator") << "x@mailinator.com"
                                    << "no"
                                    << "yes";
        QTest::newRow("none") << ""
                              << ""
                              << "";
    }
    void mailKinds()
    {
        QFETCH(QString, email);
        QFETCH(QString, freeMail);
        QFETCH(QString, disposable);
        Lead lead;
        lead.email = email;
        QCOMPARE(leadfields::value(lead, QStringLiteral("free_mail")), freeMail);
        QCOMPARE(leadfields::value(lead, QStringLiteral("disposable_mail")), disposable);
        QVERIFY(leadfields::names().contains(QStringLiteral("free_mail")));
    }

    // The standard model takes points off a free-mail address and disqualifies a throwaway.
    void theStandardModelReadsTheMailKinds()
    {
        const ScoringModel standard = ScoringModel::standard();
        double freeMailPoints = 0;
        for (const FitRule &r : standard.fitRules) {
            Lead lead;
            lead.email = QStringLiteral("ann@gmail.com");
            Lead company;
            company.email = QStringLiteral("ann@acme.example");
            if (r.when.matches(leadfields::value(lead, r.when.field)) &&
                !r.when.matches(leadfields::value(company, r.when.field)))
                freeMailPoints += r.points;
        }
        QCOMPARE(freeMailPoints, -5.0);
        Lead throwaway;
        throwaway.email = QStringLiteral("x@trashmail.com");
        bool disqualified = false;
        for (const DisqualificationRule &r : standard.disqualifications)
            disqualified |= r.when.matches(leadfields::value(throwaway, r.when.field));
        QVERIFY(disqualified);
    }
};

QTEST_GUILESS_MAIN(TestNormalize)
#include "tst_normalize.moc"
