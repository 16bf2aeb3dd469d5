#include <QTest>

#include "errorof.h"
#include "scoring/scoringmodel.h"

using namespace handoff;

class TestScoringModel : public QObject
{
    Q_OBJECT

private slots:
    void standardModelSurvivesAJsonRoundTrip()
    {
        const ScoringModel model = ScoringModel::standard();
        QVERIFY(ScoringModel::fromJson(model.toJson()) == model);
    }

    void fitGrades()
    {
        const ScoringModel m = ScoringModel::standard();
        QCOMPARE(m.fitGrade(m.gradeA), QLatin1Char('A'));
        QCOMPARE(m.fitGrade(m.gradeA - 0.1), QLatin1Char('B'));
        QCOMPARE(m.fitGrade(m.gradeC), QLatin1Char('C'));
        QCOMPARE(m.fitGrade(-5), QLatin1Char('D'));
    }

    void conditions_data()
    {
        QTest::addColumn<QByteArray>("condition");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("matches");
        QTest::newRow("equals ignores case")
            << QByteArray(R"({"field":"seniority","op":"equals","values":["VP"]})") << "vp" << true;
        QTest::newRow("equals whole value")
            << QByteArray(R"({"field":"seniority","op":"equals","values":["VP"]})") << "SVP"
            << false;
        QTest::newRow("contains")
            << QByteArray(R"({"field":"title","op":"contains","values":["student","intern"]})")
            << "MBA Student" << true;
        QTest::newRow("one of") << QByteArray(
                                       R"({"field":"country","op":"one_of","values":["US","DE"]})")
                                << "de" << true;
        QTest::newRow("range inside")
            << QByteArray(R"({"field":"company_size","op":"range","min":200,"max":5000})") << "200"
            << true;
        QTest::newRow("range above")
            << QByteArray(R"({"field":"company_size","op":"range","min":200,"max":5000})") << "5001"
            << false;
        QTest::newRow("open range")
            << QByteArray(R"({"field":"company_size","op":"range","min":5001})") << "90000" << true;
        QTest::newRow("range unknown")
            << QByteArray(R"({"field":"company_size","op":"range","min":1})") << "" << false;
        // A custom number as the export wrote it: the suggester's bands must match it.
        QTest::newRow("range, thousands separator")
            << QByteArray(R"({"field":"custom:Time on site","op":"range","min":1000,"max":1999})")
            << "1,200" << true;
        QTest::newRow("range, percent")
            << QByteArray(R"({"field":"custom:Conversion","op":"range","min":10,"max":20})")
            << "12.5%" << true;
        QTest::newRow("range, placeholder")
            << QByteArray(R"({"field":"custom:Score","op":"range","max":5})") << "N/A" << false;
    }

    void conditions()
    {
        QFETCH(QByteArray, condition);
        QFETCH(QString, value);
        QFETCH(bool, matches);
        const QByteArray json = R"({"mql_threshold":50,"half_life_days":30,"fit_rules":[)" +
                                condition.chopped(1) + R"(,"points":5}]})";
        const ScoringModel model = ScoringModel::fromJson(json);
        QCOMPARE(model.fitRules.first().when.matches(value), matches);
    }

    void invalidModelsAreRefusedSayingWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\"mql_threshold\": ")
                                  << "not valid JSON at offset";
        QTest::newRow("no threshold")
            << QByteArray(R"({"half_life_days":30})") << "mql_threshold must be a number";
        QTest::newRow("negative half-life")
            << QByteArray(R"({"mql_threshold":1,"half_life_days":-2})") << "half_life_days";
        QTest::newRow("unknown field")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"fit_rules":[{"field":"shoe_size","op":"equals","values":["9"],"points":1}]})")
            << "fit_rules[0]: field 'shoe_size'";
        QTest::newRow("bad operator")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"fit_rules":[{"field":"title","op":"like","values":["x"],"points":1}]})")
            << "fit_rules[0]: op 'like'";
        QTest::newRow("range backwards")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"fit_rules":[{"field":"company_size","op":"range","min":9,"max":1,"points":1}]})")
            << "min 9 is above max 1";
        QTest::newRow("points missing")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"activities":[{"type":"page_view"}]})")
            << "activities[0]: points must be a number";
        QTest::newRow("type twice")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"activities":[{"type":"a","points":1},{"type":"a","points":2}]})")
            << "activities[1]: type 'a' is listed twice";
        QTest::newRow("negative cap")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"activities":[{"type":"a","points":1,"cap":-1}]})")
            << "activities[0]: cap";
        QTest::newRow("reason missing")
            << QByteArray(
                   R"({"mql_threshold":1,"half_life_days":1,"disqualification":[{"field":"email_domain","op":"one_of","values":["x.com"]}]})")
            << "disqualification[0]: reason is missing";
    }

    void invalidModelsAreRefusedSayingWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto error = errorOf([&] { ScoringModel::fromJson(json); });
        QVERIFY(error);
        QVERIFY2(error->message().contains(message), qPrintable(error->message()));
    }

    // A bad rule's JSON path is where() the Error is, as its record, and leads the message.
    void aBadRuleIsNamedByItsPath()
    {
        const QByteArray json =
            R"({"mql_threshold":1,"half_life_days":1,"fit_rules":[)"
            R"({"field":"title","op":"contains","values":["vp"],"points":5},)"
            R"({"field":"title","op":"equals","values":["a","b"],"points":5}]})";
        auto error = errorOf([&] { ScoringModel::fromJson(json); });
        QVERIFY(error);
        QCOMPARE(error->where().record, QStringLiteral("fit_rules[1]"));
        QCOMPARE(error->problem(), QStringLiteral("equals takes exactly one value"));
        QCOMPARE(error->whatToDo(), QStringLiteral("use one_of for several"));
        QCOMPARE(error->message(), QStringLiteral("fit_rules[1]: equals takes exactly one value; "
                                                  "use one_of for several"));

        error = errorOf([] {
            ScoringModel::fromJson(
                R"({"mql_threshold":1,"half_life_days":1,"disqualification":[)"
                R"({"field":"email_domain","op":"one_of","values":["x.com"],"reason":"spam"},)"
                R"({"field":"email_domain","op":"one_of","values":["y.com"],"points":2}]})");
        });
        QVERIFY(error);
        QCOMPARE(error->where().record, QStringLiteral("disqualification[1]"));
        QCOMPARE(error->message(), QStringLiteral("disqualification[1]: reason is missing"));

        error = errorOf(
            [] { ScoringModel::fromJson(R"({"mql_threshold":"high","half_life_days":1})"); });
        QVERIFY(error);
        QCOMPARE(error->where().record, QStringLiteral("model"));
        QCOMPARE(error->message(), QStringLiteral("model: mql_threshold must be a number"));
    }
};

QTEST_GUILESS_MAIN(TestScoringModel)
#include "tst_scoringmodel.moc"
