// The intake service end to end, without the network: what a web form, a HubSpot and a
// Marketo webhook post becomes in the database, and every kind of bad request refused with a
// 4xx that says what is wrong, with nothing written. Runs on both backends.

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include "intake/intakeservice.h"
#include "intake/requestsignature.h"
#include "store/activityrepository.h"
#include "store/intakerepository.h"
#include "store/leadrepository.h"
#include "testdatabase.h"

using namespace handoff;

Q_DECLARE_METATYPE(IntakeRequest)

namespace {

constexpr qint64 NowMs = 1'780'000'000'000; // a fixed "now" every request arrives at
const QString Secret = QStringLiteral("s3cret-for-the-tests-only");

IntakeSource source(const QString &name, IntakeKind kind, const QString &mapping = {},
                    const QString &requestCode = {}, int perMinute = 600)
{
    IntakeSource s;
    s.name = name;
    s.kind = kind;
    s.secret = Secret;
    s.mapping = mapping;
    s.requestCode = requestCode;
    s.perMinute = perMinute;
    s.createdAt = NowMs / 1000;
    return s;
}

IntakeRequest post(const QString &path, const QByteArray &body,
                   const QByteArray &contentType = "application/json")
{
    IntakeRequest r;
    r.method = "POST";
    r.path = path;
    r.signedUri = "https://intake.example.com" + path.toUtf8();
    r.headers.insert("content-type", contentType);
    r.headers.insert("authorization", "Bearer " + Secret.toUtf8());
    r.body = body;
    r.arrivalMs = NowMs;
    return r;
}

// The same request signed as ours (X-Handoff-Signature), at `stampMs`, without the token.
IntakeRequest signedPost(const QString &path, const QByteArray &body, qint64 stampMs = NowMs)
{
    IntakeRequest r = post(path, body);
    r.headers.remove("authorization");
    const QByteArray stamp = QByteArray::number(stampMs / 1000);
    r.headers.insert("x-handoff-timestamp", stamp);
    r.headers.insert("x-handoff-signature",
                     requestsignature::handoff(Secret.toUtf8(), stamp, body));
    return r;
}

IntakeRequest hubspotPost(const QString &path, const QByteArray &body, qint64 stampMs = NowMs)
{
    IntakeRequest r = post(path, body);
    r.headers.remove("authorization");
    const QByteArray stamp = QByteArray::number(stampMs);
    r.headers.insert("x-hubspot-request-timestamp", stamp);
    r.headers.insert(
        "x-hubspot-signature-v3",
        requestsignature::hubspotV3(Secret.toUtf8(), "POST", r.signedUri, body, stamp));
    return r;
}

const QByteArray demoForm =
    R"({"email": "Ada@Example.com", "first_name": "Ada", "last_name": "Lovelace",
        "company": "Analytical Engines", "title": "CTO", "request": "Request a demo",
        "page": "/pricing", "campaign": "spring-launch", "consent": "yes"})";

} // namespace

class TestIntakeService : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        IntakeRepository sources(m_db->connection());
        sources.save(source(QStringLiteral("website"), IntakeKind::Form), QStringLiteral("test"));
        sources.save(source(QStringLiteral("crm"), IntakeKind::HubSpot), QStringLiteral("test"));
        sources.save(source(QStringLiteral("mkto"), IntakeKind::Marketo), QStringLiteral("test"));
        m_service = std::make_unique<IntakeService>(m_db->db());
    }
    void cleanup()
    {
        m_service.reset();
        m_db.reset();
    }

    void aFormPostBecomesAHandRaiserAskingNow()
    {
        const IntakeResponse r =
            m_service->handle(post(QStringLiteral("/v1/forms/website"), demoForm));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.value(QStringLiteral("new_lead")).toBool(), true);
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("demo_request"));
        const qint64 leadId = r.body.value(QStringLiteral("lead")).toInteger();
        const Lead lead = *LeadRepository(m_db->connection()).find(leadId);
        QCOMPARE(lead.email, QStringLiteral("Ada@Example.com"));
        QCOMPARE(lead.lastName, QStringLiteral("Lovelace"));
        QCOMPARE(lead.company, QStringLiteral("Analytical Engines"));
        QCOMPARE(lead.channel, QStringLiteral("spring-launch"));
        QCOMPARE(lead.createdAt, NowMs / 1000);
        QCOMPARE(LeadRepository(m_db->connection())
                     .customFields(leadId)
                     .value(IntakeRepository::consentField()),
                 QStringLiteral("yes"));
        const QList<Activity> activities = ActivityRepository(m_db->connection()).forLead(leadId);
        QCOMPARE(activities.size(), 1);
        QCOMPARE(activities[0].typeId, activityTypeId(m_db->db(), QStringLiteral("demo_request")));
        // An unsigned request's clock starts when it arrived.
        QCOMPARE(activities[0].occurredAt, NowMs / 1000);
        QCOMPARE(activities[0].asset, QStringLiteral("/pricing"));
        // The log line names the lead by number only.
        QVERIFY(!r.logLine.contains(QStringLiteral("Ada")));
        QVERIFY(!r.logLine.contains(QStringLiteral("example.com"), Qt::CaseInsensitive));
    }

    void aFormEncodedPostIsReadToo()
    {
        const IntakeResponse r = m_service->handle(
            post(QStringLiteral("/v1/forms/website"),
                 "email=bo%40example.org&first_name=B%C3%B8rge&request=get+a+quote",
                 "application/x-www-form-urlencoded; charset=UTF-8"));
        QCOMPARE(r.status, 201);
        const Lead lead = *LeadRepository(m_db->connection())
                               .find(r.body.value(QStringLiteral("lead")).toInteger());
        QCOMPARE(lead.firstName, QStringLiteral("Børge"));
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("quote_request"));
    }

    void aKnownLeadKeepsWhatItHasAndGetsTheActivity()
    {
        Lead known = makeLead(QStringLiteral("ada@example.com"));
        known.company = QStringLiteral("From the CRM");
        const qint64 id = LeadRepository(m_db->connection()).insert(known);
        const IntakeResponse r =
            m_service->handle(post(QStringLiteral("/v1/forms/website"), demoForm));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.value(QStringLiteral("lead")).toInteger(), id);
        QCOMPARE(r.body.value(QStringLiteral("new_lead")).toBool(), false);
        const Lead lead = *LeadRepository(m_db->connection()).find(id);
        QCOMPARE(lead.company, QStringLiteral("From the CRM")); // kept
        QCOMPARE(lead.lastName, QStringLiteral("Lovelace"));    // was empty: filled
        QCOMPARE(LeadRepository(m_db->connection()).count(), 1);
    }

    void aSignedRequestsClockIsItsOwn()
    {
        const qint64 sentMs = NowMs - 90'000; // signed 90 s before it arrived (a slow relay)
        const IntakeResponse r =
            m_service->handle(signedPost(QStringLiteral("/v1/forms/website"), demoForm, sentMs));
        QCOMPARE(r.status, 201);
        const qint64 leadId = r.body.value(QStringLiteral("lead")).toInteger();
        QCOMPARE(ActivityRepository(m_db->connection()).forLead(leadId)[0].occurredAt,
                 sentMs / 1000);
    }

    void aHubSpotContactIsReadFromItsProperties()
    {
        const QByteArray body = R"({"objectId": 901, "properties": {
            "email": {"value": "grace@navy.example"}, "firstname": {"value": "Grace"},
            "lastname": {"value": "Hopper"}, "jobtitle": {"value": "Rear Admiral"},
            "request": {"value": "Contact sales"}}, "submittedAt": 1779999990000})";
        const IntakeResponse r =
            m_service->handle(hubspotPost(QStringLiteral("/v1/hubspot/crm"), body));
        QCOMPARE(r.status, 201);
        const qint64 leadId = r.body.value(QStringLiteral("lead")).toInteger();
        const Lead lead = *LeadRepository(m_db->connection()).find(leadId);
        QCOMPARE(lead.title, QStringLiteral("Rear Admiral"));
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("contact_request"));
        // Signed: the form's own time (milliseconds in the body) is when they asked.
        QCOMPARE(ActivityRepository(m_db->connection()).forLead(leadId)[0].occurredAt,
                 qint64(1'779'999'990));
    }

    void aHubSpotFormSubmissionIsReadFromItsFields()
    {
        const QByteArray body = R"({"fields": [{"name": "email", "value": "kay@example.net"},
            {"name": "firstname", "value": "Kay"}, {"name": "interest", "value": "x"}],
            "context": {"pageUri": "https://www.example.com/demo"}})";
        const IntakeResponse r =
            m_service->handle(hubspotPost(QStringLiteral("/v1/hubspot/crm"), body));
        QCOMPARE(r.status, 201);
        const qint64 leadId = r.body.value(QStringLiteral("lead")).toInteger();
        QCOMPARE(ActivityRepository(m_db->connection()).forLead(leadId)[0].asset,
                 QStringLiteral("https://www.example.com/demo"));
        // No request field for HubSpot by default, and none set on the source: an interest.
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(), QStringLiteral("form_submit"));
    }

    void aMarketoLeadIsReadFromResult()
    {
        IntakeRepository(m_db->connection())
            .save(source(QStringLiteral("mkto"), IntakeKind::Marketo,
                         QStringLiteral(R"({"Request_Type__c": "request"})")),
                  QStringLiteral("test"));
        const QByteArray body = R"({"result": [{"email": "lin@example.org", "firstName": "Lin",
            "lastName": "Wei", "company": "Acme", "Request_Type__c": "Free trial"}]})";
        const IntakeResponse r =
            m_service->handle(signedPost(QStringLiteral("/v1/marketo/mkto"), body));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("trial_signup"));
    }

    void aSourcesDefaultRequestApplies()
    {
        IntakeRepository(m_db->connection())
            .save(source(QStringLiteral("demo-page"), IntakeKind::Form, {},
                         QStringLiteral("demo_request")),
                  QStringLiteral("test"));
        const IntakeResponse r = m_service->handle(
            post(QStringLiteral("/v1/forms/demo-page"), R"({"email": "x@example.com"})"));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("demo_request"));
    }

    void aRetriedRequestIsOneLeadAndOneActivity_data()
    {
        QTest::addColumn<QByteArray>("idempotencyKey");
        QTest::newRow("the sender's key") << QByteArray("retry-7f3a");
        QTest::newRow("no key: the body's hash") << QByteArray();
    }
    void aRetriedRequestIsOneLeadAndOneActivity()
    {
        QFETCH(QByteArray, idempotencyKey);
        IntakeRequest request = post(QStringLiteral("/v1/forms/website"), demoForm);
        if (!idempotencyKey.isEmpty())
            request.headers.insert("idempotency-key", idempotencyKey);
        const IntakeResponse first = m_service->handle(request);
        request.arrivalMs += 30'000;
        const IntakeResponse retry = m_service->handle(request);
        QCOMPARE(first.status, 201);
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.body.value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(retry.body.value(QStringLiteral("lead")),
                 first.body.value(QStringLiteral("lead")));
        QCOMPARE(retry.body.value(QStringLiteral("activity")),
                 first.body.value(QStringLiteral("activity")));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 1);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 1);
    }

    void theSameFormSentAgainNextWeekIsANewRequest()
    {
        IntakeRequest request = post(QStringLiteral("/v1/forms/website"), demoForm);
        QCOMPARE(m_service->handle(request).status, 201);
        request.arrivalMs += 7 * 24 * 3600 * 1000LL;
        QCOMPARE(m_service->handle(request).status, 201);
        QCOMPARE(LeadRepository(m_db->connection()).count(), 1);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 2);
    }

    // Keys are kept 30 days: a retry within them is the same request, and the table does not
    // grow for ever.
    void oldKeysAreForgotten()
    {
        IntakeRequest request = post(QStringLiteral("/v1/forms/website"), demoForm);
        request.headers.insert("idempotency-key", "retry-old");
        QCOMPARE(m_service->handle(request).status, 201);
        const qint64 at = request.arrivalMs / 1000;
        QCOMPARE(m_service->forgetOldKeys(at + 29 * 24 * 3600), 0);
        request.arrivalMs += 29LL * 24 * 3600 * 1000;
        QCOMPARE(m_service->handle(request).status, 200); // still known: a retry
        QCOMPARE(m_service->forgetOldKeys(at + 31 * 24 * 3600), 1);
        QCOMPARE(IntakeRepository(m_db->connection()).requestCount(), 0);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 1); // what it wrote stays
    }

    void badRequestsAreRefusedAndWriteNothing_data()
    {
        QTest::addColumn<IntakeRequest>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("says");

        const QString form = QStringLiteral("/v1/forms/website");
        QTest::newRow("unknown form")
            << post(QStringLiteral("/v1/forms/nope"), demoForm) << 404 << QString()
            << QStringLiteral("no form source is named 'nope'");
        QTest::newRow("a form's name under another kind")
            << post(QStringLiteral("/v1/hubspot/website"), demoForm) << 404 << QString()
            << QStringLiteral("no hubspot source");
        IntakeRequest wrongToken = post(form, demoForm);
        wrongToken.headers.insert("authorization", "Bearer guess");
        QTest::newRow("wrong token") << wrongToken << 401 << QString() << QStringLiteral("token");
        IntakeRequest noAuth = post(form, demoForm);
        noAuth.headers.remove("authorization");
        QTest::newRow("no token, no signature")
            << noAuth << 401 << QString() << QStringLiteral("neither a signature nor a token");
        IntakeRequest forged = signedPost(form, demoForm);
        forged.body.replace("Ada", "Eve");
        QTest::newRow("signature of another body")
            << forged << 401 << QStringLiteral("X-Handoff-Signature")
            << QStringLiteral("does not match");
        QTest::newRow("stale timestamp")
            << signedPost(form, demoForm, NowMs - 6 * 60'000) << 401
            << QStringLiteral("X-Handoff-Timestamp") << QStringLiteral("360 s old");
        QTest::newRow("timestamp from the future")
            << signedPost(form, demoForm, NowMs + 10 * 60'000) << 401
            << QStringLiteral("X-Handoff-Timestamp") << QStringLiteral("ahead");
        QTest::newRow("HubSpot unsigned")
            << post(QStringLiteral("/v1/hubspot/crm"), R"({"email":"a@b.example"})") << 401
            << QString() << QStringLiteral("X-HubSpot-Signature-v3");
        IntakeRequest hubspotStale = hubspotPost(QStringLiteral("/v1/hubspot/crm"),
                                                 R"({"email":"a@b.example"})", NowMs - 301'000);
        QTest::newRow("HubSpot stale")
            << hubspotStale << 401 << QStringLiteral("X-HubSpot-Request-Timestamp")
            << QStringLiteral("old");
        QTest::newRow("too large")
            << post(form, "{\"email\":\"a@b.example\",\"x\":\"" + QByteArray(70'000, 'x') + "\"}")
            << 413 << QString() << QStringLiteral("the most a request may send is 65536");
        QTest::newRow("malformed JSON") << post(form, R"({"email": "a@b.example",})") << 400
                                        << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("JSON but a list")
            << post(form, R"([1, 2])") << 400 << QString() << QStringLiteral("not an object");
        QTest::newRow("XML") << post(form, "<lead/>", "text/xml") << 415 << QString()
                             << QStringLiteral("text/xml");
        QTest::newRow("missing e-mail") << post(form, R"({"first_name": "Ada"})") << 422
                                        << QStringLiteral("email") << QStringLiteral("no e-mail");
        QTest::newRow("not an e-mail")
            << post(form, R"({"email": "ada at example"})") << 422 << QStringLiteral("email")
            << QStringLiteral("is not an e-mail address");
        QTest::newRow("unknown request")
            << post(form, R"({"email": "a@b.example", "request": "free lunch"})") << 422
            << QStringLiteral("request") << QStringLiteral("'free lunch' is not a request");
        QTest::newRow("consent neither yes nor no")
            << post(form, R"({"email": "a@b.example", "consent": "maybe"})") << 422
            << QStringLiteral("consent") << QStringLiteral("neither yes nor no");
        QTest::newRow("e-mail as an object")
            << post(form, R"({"email": {"first": "a@b.example"}})") << 422
            << QStringLiteral("email") << QStringLiteral("an object or a list");
        QTest::newRow("a field too long")
            << post(form,
                    "{\"email\":\"a@b.example\",\"company\":\"" + QByteArray(2001, 'c') + "\"}")
            << 422 << QStringLiteral("company") << QStringLiteral("longer than 2000");
        QTest::newRow("a control character")
            << post(form, R"({"email": "a@b.example", "company": "A\u0000B"})") << 422
            << QStringLiteral("company") << QStringLiteral("control character");
        QTest::newRow("form-encoded, not UTF-8")
            << post(form, "email=a%40b.example&company=%FF", "application/x-www-form-urlencoded")
            << 400 << QString() << QStringLiteral("not UTF-8");
        IntakeRequest badKey = post(form, demoForm);
        badKey.headers.insert("idempotency-key", "has spaces in it");
        QTest::newRow("bad idempotency key") << badKey << 400 << QStringLiteral("Idempotency-Key")
                                             << QStringLiteral("printable ASCII");
        IntakeRequest get = post(form, demoForm);
        get.method = "GET";
        QTest::newRow("GET a form") << get << 405 << QString() << QStringLiteral("POST");
        QTest::newRow("elsewhere") << post(QStringLiteral("/admin"), demoForm) << 404 << QString()
                                   << QStringLiteral("/v1/forms/NAME");
    }
    void badRequestsAreRefusedAndWriteNothing()
    {
        QFETCH(IntakeRequest, request);
        QFETCH(int, status);
        QFETCH(QString, field);
        QFETCH(QString, says);
        const IntakeResponse r = m_service->handle(request);
        QCOMPARE(r.status, status);
        QVERIFY2(r.body.value(QStringLiteral("error")).toString().contains(says),
                 qPrintable(r.body.value(QStringLiteral("error")).toString()));
        QCOMPARE(r.body.value(QStringLiteral("field")).toString(), field);
        QCOMPARE(LeadRepository(m_db->connection()).count(), 0);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 0);
        QCOMPARE(IntakeRepository(m_db->connection()).requestCount(), 0);
    }

    void aSourceOverItsRateIsToldWhenToComeBack()
    {
        IntakeRepository(m_db->connection())
            .save(source(QStringLiteral("slow"), IntakeKind::Form, {}, {}, 2),
                  QStringLiteral("test"));
        const auto send = [&](int n, qint64 atMs) {
            IntakeRequest r =
                post(QStringLiteral("/v1/forms/slow"),
                     QStringLiteral(R"({"email": "p%1@example.com"})").arg(n).toUtf8());
            r.arrivalMs = atMs;
            return m_service->handle(r);
        };
        QCOMPARE(send(1, NowMs).status, 201);
        QCOMPARE(send(2, NowMs).status, 201);
        const IntakeResponse third = send(3, NowMs + 1000);
        QCOMPARE(third.status, 429);
        QCOMPARE(third.headers.value(0).first, QByteArray("Retry-After"));
        QCOMPARE(third.headers.value(0).second, QByteArray("29"));
        // Other sources are not held up by it.
        QCOMPARE(m_service->handle(post(QStringLiteral("/v1/forms/website"), demoForm)).status,
                 201);
        QCOMPARE(send(4, NowMs + 31'000).status, 201);
        QCOMPARE(LeadRepository(m_db->connection()).count(), 4);
    }

    void theHealthEndpointSaysTheDatabaseAnswers()
    {
        IntakeRequest r;
        r.method = "GET";
        r.path = QStringLiteral("/health");
        const IntakeResponse ok = m_service->handle(r);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(ok.body.value(QStringLiteral("sources")).toInt(), 3);
    }

    void aFailedWriteKeepsNothing()
    {
        // The activity is refused after the lead went in (a trigger stands in for a full disk
        // or a lost connection): the transaction takes the lead and the key back with it, and
        // the log names no one.
        QSqlQuery refuse(m_db->connection());
        QVERIFY(refuse.exec(
            m_db->isServer()
                ? QStringLiteral("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$BEGIN RAISE EXCEPTION 'disk full'; END$$; CREATE TRIGGER "
                                 "refuse BEFORE INSERT ON activities FOR EACH ROW EXECUTE "
                                 "FUNCTION refuse()")
                : QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON activities BEGIN "
                                 "SELECT RAISE(ABORT, 'disk full'); END")));
        const IntakeResponse r =
            m_service->handle(post(QStringLiteral("/v1/forms/website"), demoForm));
        QCOMPARE(r.status, 503);
        QVERIFY(
            r.body.value(QStringLiteral("error")).toString().contains(u"nothing of it was kept"));
        QVERIFY(!r.logLine.contains(QStringLiteral("Ada")));
        QVERIFY(!r.logLine.contains(QStringLiteral("disk full")));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 0);
        QCOMPARE(IntakeRepository(m_db->connection()).requestCount(), 0);
    }

    // A signed request's key comes from what the signature covers, never from the header
    // nothing signs: replayed with a new Idempotency-Key, it is still the same request.
    void aCapturedSignedRequestReplayedWithANewKeyIsTheSameRequest()
    {
        IntakeRequest captured = signedPost(QStringLiteral("/v1/forms/website"), demoForm);
        captured.headers.insert("idempotency-key", "first");
        QCOMPARE(m_service->handle(captured).status, 201);
        captured.headers.insert("idempotency-key", "second");
        captured.arrivalMs += 60'000;
        const IntakeResponse replay = m_service->handle(captured);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.body.value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 1);
        // Signed again (a new timestamp), the same form is a new request.
        QCOMPARE(
            m_service
                ->handle(signedPost(QStringLiteral("/v1/forms/website"), demoForm, NowMs + 1000))
                .status,
            201);
        QCOMPARE(ActivityRepository(m_db->connection()).count(), 2);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<IntakeService> m_service;
};

QTEST_GUILESS_MAIN(TestIntakeService)
#include "tst_intakeservice.moc"
