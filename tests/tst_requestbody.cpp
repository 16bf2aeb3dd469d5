// Reading a request body into fields, and mapping them onto a submission: the shapes each
// sender uses, a source's own mapping over the defaults, and what is refused.

#include <QTest>

#include "intake/fieldmapping.h"
#include "intake/intakerejection.h"
#include "intake/requestbody.h"

using namespace handoff;

namespace {

int statusOf(const std::function<void()> &work)
{
    try {
        work();
    } catch (const IntakeRejection &r) {
        return r.status();
    }
    return 0;
}

} // namespace

class TestRequestBody : public QObject
{
    Q_OBJECT

private slots:
    void jsonScalarsBecomeTexts()
    {
        const BodyFields f = readBody(
            IntakeKind::Form, "application/json; charset=utf-8",
            R"({"a": "x", "n": 1780000000123, "f": 2.5, "b": true, "z": null, "o": {"k": 1}, "l": [1]})");
        QCOMPARE(f.value(QStringLiteral("a")), QStringLiteral("x"));
        QCOMPARE(f.value(QStringLiteral("n")), QStringLiteral("1780000000123"));
        QCOMPARE(f.value(QStringLiteral("f")), QStringLiteral("2.5"));
        QCOMPARE(f.value(QStringLiteral("b")), QStringLiteral("true"));
        // Beyond what an integer holds, a number keeps its exponent (found by the fuzzer).
        QCOMPARE(readBody(IntakeKind::Form, "application/json", R"({"t": 6e32, "u": -1e300})")
                     .value(QStringLiteral("t")),
                 QStringLiteral("6e+32"));
        QVERIFY(f.contains(QStringLiteral("z")));
        QVERIFY(!f.value(QStringLiteral("z")).isNull()); // present, empty
        QVERIFY(f.value(QStringLiteral("missing")).isNull());
        QCOMPARE(f.nested, (QSet<QString>{QStringLiteral("o"), QStringLiteral("l")}));
    }

    void marketoShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("flat") << QByteArray(R"({"email": "m@x.example"})");
        QTest::newRow("lead") << QByteArray(R"({"lead": {"email": "m@x.example"}})");
        QTest::newRow("result") << QByteArray(R"({"result": [{"email": "m@x.example"}]})");
    }
    void marketoShapes()
    {
        QFETCH(QByteArray, body);
        QCOMPARE(
            readBody(IntakeKind::Marketo, "application/json", body).value(QStringLiteral("email")),
            QStringLiteral("m@x.example"));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("two Marketo leads")
            << int(IntakeKind::Marketo) << QByteArray("application/json")
            << QByteArray(R"({"result": [{}, {}]})") << 422;
        QTest::newRow("HubSpot fields entry without a name")
            << int(IntakeKind::HubSpot) << QByteArray("application/json")
            << QByteArray(R"({"fields": [{"value": "x"}]})") << 422;
        QTest::newRow("form encoding to HubSpot")
            << int(IntakeKind::HubSpot) << QByteArray("application/x-www-form-urlencoded")
            << QByteArray("email=a") << 415;
        QTest::newRow("no content type")
            << int(IntakeKind::Form) << QByteArray() << QByteArray("{}") << 415;
        QTest::newRow("a field without a name")
            << int(IntakeKind::Form) << QByteArray("application/x-www-form-urlencoded")
            << QByteArray("=x") << 422;
        QByteArray many = "{";
        for (int i = 0; i < 201; ++i)
            many += (i ? ",\"f" : "\"f") + QByteArray::number(i) + "\":1";
        QTest::newRow("201 fields")
            << int(IntakeKind::Form) << QByteArray("application/json") << many + "}" << 422;
        QTest::newRow("a long name") << int(IntakeKind::Form) << QByteArray("application/json")
                                     << "{\"" + QByteArray(101, 'n') + "\":1}" << 422;
        QTest::newRow("truncated JSON")
            << int(IntakeKind::Form) << QByteArray("application/json")
            << QByteArray("{\"email\": \"a@") /* unbalanced on purpose */ << 400;
    }
    void refusals()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QCOMPARE(statusOf([&] { readBody(IntakeKind(kind), type, body); }), status);
    }

    void aSourcesMappingComesBeforeTheDefaults()
    {
        const FieldMapping mapping(IntakeKind::Form,
                                   QStringLiteral(R"({"Work email": "email", "email": "ignore"})"));
        const BodyFields f = readBody(
            IntakeKind::Form, "application/json",
            R"({"email": "private@home.example", "Work email": "ada@work.example", "full_name": "Ada King Lovelace"})");
        const IntakeSubmission s = mapping.submission(f, {});
        QCOMPARE(s.lead.email, QStringLiteral("ada@work.example"));
        QCOMPARE(s.lead.firstName, QStringLiteral("Ada"));
        QCOMPARE(s.lead.lastName, QStringLiteral("King Lovelace"));
        QCOMPARE(s.requestCode, QStringLiteral("form_submit"));
    }

    void mappingsAreCheckedBeforeTheyAreStored()
    {
        QVERIFY(FieldMapping::check(QStringLiteral(R"({"Work email": "email"})")).isEmpty());
        QVERIFY(FieldMapping::check(QStringLiteral(R"({"x": "salary"})")).contains(u"'salary'"));
        QVERIFY(FieldMapping::check(QStringLiteral(R"({"x": 1})")).contains(u"not one of"));
        QVERIFY(FieldMapping::check(QStringLiteral("[1]")).contains(u"not a JSON object"));
        QVERIFY(FieldMapping::check(QStringLiteral("{")).contains(u"not valid JSON"));
    }

    void whatWasAskedFor_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("demo") << "Request a demo"
                              << "demo_request";
        QTest::newRow("code") << "quote_request"
                              << "quote_request";
        QTest::newRow("trial") << "Start free TRIAL"
                               << "trial_signup";
        QTest::newRow("pricing") << "See pricing"
                                 << "pricing_request";
        QTest::newRow("sales") << "Talk to sales"
                               << "contact_request";
        QTest::newRow("unknown") << "newsletter"
                                 << "";
    }
    void whatWasAskedFor()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QCOMPARE(FieldMapping::requestCodeFor(text), code);
    }

    void submissionTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: refused
        QTest::newRow("seconds") << "1780000000" << qint64(1'780'000'000);
        QTest::newRow("milliseconds") << "1780000000999" << qint64(1'780'000'000);
        QTest::newRow("ISO with zone") << "2026-05-28T20:26:40+00:00" << qint64(1'780'000'000);
        QTest::newRow("ISO without a zone") << "2026-05-28T20:26:40" << qint64(-1);
        QTest::newRow("words") << "yesterday" << qint64(-1);
    }
    void submissionTimes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const FieldMapping mapping(IntakeKind::Form, {});
        BodyFields f;
        f.fields.append({QStringLiteral("submitted_at"), text});
        if (seconds < 0)
            QCOMPARE(statusOf([&] { mapping.submittedAt(f); }), 422);
        else
            QCOMPARE(mapping.submittedAt(f).value_or(0), seconds);
    }
};

QTEST_GUILESS_MAIN(TestRequestBody)
#include "tst_requestbody.moc"
