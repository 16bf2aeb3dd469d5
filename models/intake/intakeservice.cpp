#include "intake/intakeservice.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QLoggingCategory>
#include <QUrl>

#include "intake/fieldmapping.h"
#include "intake/intakerejection.h"
#include "intake/requestsignature.h"
#include "store/database.h"
#include "store/error.h"
#include "store/intakerepository.h"

Q_LOGGING_CATEGORY(intakeServiceLog, "handoff.intake.service", QtInfoMsg)

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("IntakeService", text);
}

IntakeResponse answer(int status, QJsonObject body, QString logLine = {})
{
    IntakeResponse response;
    response.status = status;
    response.body = std::move(body);
    response.logLine = std::move(logLine);
    return response;
}

IntakeResponse refusal(const IntakeRejection &rejection)
{
    QJsonObject body{{QStringLiteral("error"), rejection.message()}};
    if (!rejection.field().isEmpty())
        body.insert(QStringLiteral("field"), rejection.field());
    IntakeResponse response = answer(rejection.status(), body);
    if (rejection.status() == 401)
        response.headers.emplaceBack("WWW-Authenticate", "Bearer");
    return response;
}

// A signature as a request carries it: the headers it came in, what its timestamp counts in
// (1: milliseconds, 1000: seconds), and what it should have been.
struct SignedRequest
{
    QByteArray given;
    QString signatureHeader;
    QByteArray stamp;
    QString stampHeader;
    qint64 stampScale;
    QByteArray expected;
    QString mismatch;
};

// The signed time in milliseconds; throws IntakeRejection (401) for a stale or future
// timestamp, then for a signature that does not match.
qint64 verifySigned(const SignedRequest &r, qint64 arrivalMs)
{
    qint64 stampMs = 0;
    if (const QString problem =
            requestsignature::timestampProblem(r.stamp, r.stampScale, arrivalMs, &stampMs);
        !problem.isEmpty())
        throw IntakeRejection(401, problem, r.stampHeader);
    if (!requestsignature::equal(r.given, r.expected))
        throw IntakeRejection(401, r.mismatch, r.signatureHeader);
    return stampMs;
}

// When the request was signed, in milliseconds; nullopt when it came with the bearer token.
// Throws IntakeRejection (401) when it is neither.
std::optional<qint64> authenticate(const IntakeSource &source, const IntakeRequest &request)
{
    namespace signature = requestsignature;
    const QByteArray secret = source.secret.toUtf8();
    const auto header = [&](const char *name) { return request.headers.value(name); };
    if (source.kind == IntakeKind::HubSpot) {
        const QByteArray given = header("x-hubspot-signature-v3");
        const QByteArray stamp = header("x-hubspot-request-timestamp");
        if (given.isEmpty() || stamp.isEmpty())
            throw IntakeRejection(401, tr("a HubSpot request must carry X-HubSpot-Signature-v3 "
                                          "and X-HubSpot-Request-Timestamp"));
        const QByteArray uri = QByteArray::fromPercentEncoding(request.signedUri);
        return verifySigned({given, QStringLiteral("X-HubSpot-Signature-v3"), stamp,
                             QStringLiteral("X-HubSpot-Request-Timestamp"), 1,
                             signature::hubspotV3(secret, request.method, uri, request.body, stamp),
                             tr("the signature does not match this request and the source's "
                                "secret")},
                            request.arrivalMs);
    }
    if (const QByteArray given = header("x-handoff-signature"); !given.isEmpty()) {
        const QByteArray stamp = header("x-handoff-timestamp");
        if (stamp.isEmpty())
            throw IntakeRejection(401, tr("a signed request must carry X-Handoff-Timestamp"));
        return verifySigned({given, QStringLiteral("X-Handoff-Signature"), stamp,
                             QStringLiteral("X-Handoff-Timestamp"), 1000,
                             signature::handoff(secret, stamp, request.body),
                             tr("the signature does not match the body and the source's secret")},
                            request.arrivalMs);
    }
    const QByteArray authorization = header("authorization");
    if (authorization.isEmpty())
        throw IntakeRejection(401, tr("the request carries neither a signature nor a token"));
    if (!authorization.startsWith("Bearer ") ||
        !signature::equal(authorization.mid(7).trimmed(), secret))
        throw IntakeRejection(401, tr("the token is not this source's"));
    return std::nullopt;
}

// The request's idempotency key, and the time before which that key no longer counts (0:
// never forgotten). A signed request is known by what its signature covers: the sender's
// event id, else the signature itself. Never by the Idempotency-Key header, which nothing
// signs: a captured request replayed with a new header would otherwise be a new request.
std::pair<QString, qint64> idempotencyKey(const IntakeRequest &request, const QString &eventId,
                                          bool isSigned)
{
    if (isSigned) {
        if (!eventId.isEmpty())
            return {QStringLiteral("event:") + eventId.left(200), 0};
        const QByteArray signature = request.headers.value("x-hubspot-signature-v3") +
                                     request.headers.value("x-handoff-signature");
        return {QStringLiteral("signature:") +
                    QString::fromLatin1(
                        QCryptographicHash::hash(signature, QCryptographicHash::Sha256).toHex()),
                0};
    }
    const QByteArray given = request.headers.value("idempotency-key");
    if (!given.isEmpty()) {
        const bool printable =
            std::all_of(given.begin(), given.end(), [](char c) { return c > 0x20 && c < 0x7f; });
        if (given.size() > 200 || !printable)
            throw IntakeRejection(400,
                                  tr("Idempotency-Key must be 1 to 200 printable ASCII "
                                     "characters without spaces"),
                                  QStringLiteral("Idempotency-Key"));
        return {QStringLiteral("key:") + QString::fromLatin1(given), 0};
    }
    if (!eventId.isEmpty())
        return {QStringLiteral("event:") + eventId.left(200), 0};
    const QByteArray hash = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256);
    return {QStringLiteral("body:") + QString::fromLatin1(hash.toHex()),
            request.arrivalMs / 1000 - IntakeService::BodyKeyHours * 3600};
}

} // namespace

IntakeService::IntakeService(Database &db, IntakeLimits limits)
    : m_db(db)
    , m_limits(limits)
{}

IntakeResponse IntakeService::handle(const IntakeRequest &request)
{
    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts == QStringList{QStringLiteral("health")}) {
        if (request.method != "GET" && request.method != "HEAD") {
            IntakeResponse response = answer(405, {{QStringLiteral("error"), tr("use GET")}});
            response.headers.emplaceBack("Allow", "GET, HEAD");
            return response;
        }
        return health();
    }
    static const QHash<QString, IntakeKind> kinds = {
        {QStringLiteral("forms"), IntakeKind::Form},
        {QStringLiteral("hubspot"), IntakeKind::HubSpot},
        {QStringLiteral("marketo"), IntakeKind::Marketo},
    };
    if (parts.size() != 3 || parts[0] != u"v1" || !kinds.contains(parts[1]))
        return answer(404, {{QStringLiteral("error"),
                             tr("nothing here; post to /v1/forms/NAME, /v1/hubspot/NAME or "
                                "/v1/marketo/NAME")}});
    if (request.method != "POST") {
        IntakeResponse response = answer(405, {{QStringLiteral("error"), tr("use POST")}});
        response.headers.emplaceBack("Allow", "POST");
        return response;
    }
    return submit(kinds.value(parts[1]), parts[2], request);
}

IntakeResponse IntakeService::health()
{
    try {
        if (!m_db.isConnected() && !reconnected())
            throw Error(tr("the team server cannot be reached"));
        const qint64 sources = IntakeRepository(m_db.connection()).sourceCount();
        return answer(200, {{QStringLiteral("status"), QStringLiteral("ok")},
                            {QStringLiteral("sources"), sources}});
    } catch (const Error &e) {
        return answer(503,
                      {{QStringLiteral("status"), QStringLiteral("unavailable")},
                       {QStringLiteral("error"), e.message()}},
                      QStringLiteral("health: the database is unavailable"));
    }
}

bool IntakeService::reconnected()
{
    try {
        m_db.reconnect();
        return true;
    } catch (const Error &) {
        return false;
    }
}

IntakeResponse IntakeService::submit(IntakeKind kind, const QString &sourceName,
                                     const IntakeRequest &request)
{
    if (m_db.isServer() && !m_db.isConnected())
        reconnected();
    IntakeResponse response = submitOnce(kind, sourceName, request);
    if (response.status == 503 && m_db.isServer() && !m_db.isConnected() && reconnected())
        response = submitOnce(kind, sourceName, request);
    return response;
}

IntakeResponse IntakeService::submitOnce(IntakeKind kind, const QString &sourceName,
                                         const IntakeRequest &request)
{
    const QString where = request.path;
    try {
        IntakeRepository repository(m_db.connection());
        const std::optional<IntakeSource> source = repository.source(sourceName);
        if (!source || source->kind != kind)
            throw IntakeRejection(404, tr("no %1 source is named '%2'")
                                           .arg(intakekind::toString(kind), sourceName.left(80)));
        if (request.body.size() > m_limits.maxBodyBytes)
            throw IntakeRejection(413, tr("the body is %1 bytes; the most a request may send "
                                          "is %2")
                                           .arg(request.body.size())
                                           .arg(m_limits.maxBodyBytes));
        const std::optional<qint64> signedAtMs = authenticate(*source, request);
        int retryAfter = 0;
        if (!m_rates.take(source->id, source->perMinute, request.arrivalMs, &retryAfter)) {
            IntakeResponse response = refusal(IntakeRejection(
                429, tr("more than %1 requests a minute from this source; try again in %2 s")
                         .arg(source->perMinute)
                         .arg(retryAfter)));
            response.headers.emplaceBack("Retry-After", QByteArray::number(retryAfter));
            response.logLine = QStringLiteral("%1 429 rate").arg(where);
            return response;
        }
        const BodyFields fields =
            readBody(kind, request.headers.value("content-type"), request.body, m_limits);
        const FieldMapping mapping(kind, source->mapping);
        IntakeSubmission submission = mapping.submission(fields, source->requestCode);
        // Only a signed request's own times are believed: the form's, else the signature's.
        submission.askedAt = request.arrivalMs / 1000;
        if (signedAtMs) {
            submission.askedAt = *signedAtMs / 1000;
            if (const auto sent = mapping.submittedAt(fields)) {
                if (*sent * 1000 > *signedAtMs + requestsignature::MaxAheadMs ||
                    request.arrivalMs / 1000 - *sent > 7 * 24 * 3600)
                    throw IntakeRejection(422,
                                          tr("the submission time is later than the "
                                             "signature's or more than 7 days old"),
                                          QStringLiteral("submitted_at"));
                submission.askedAt = *sent;
            }
        }
        const auto [key, keptSince] =
            idempotencyKey(request, mapping.eventId(fields), signedAtMs.has_value());
        const IntakeRecord record =
            repository.record(*source, key, submission, request.arrivalMs / 1000, keptSince);
        QJsonObject body{{QStringLiteral("lead"), record.leadId},
                         {QStringLiteral("activity"), record.activityId},
                         {QStringLiteral("duplicate"), record.duplicate}};
        if (!record.duplicate) {
            body.insert(QStringLiteral("new_lead"), record.newLead);
            body.insert(QStringLiteral("request"), submission.requestCode);
            body.insert(
                QStringLiteral("asked_at"),
                QDateTime::fromSecsSinceEpoch(submission.askedAt, Qt::UTC).toString(Qt::ISODate));
        }
        return answer(record.duplicate ? 200 : 201, body,
                      QStringLiteral("%1 %2 lead %3%4")
                          .arg(where)
                          .arg(record.duplicate ? 200 : 201)
                          .arg(record.leadId)
                          .arg(record.duplicate ? QStringLiteral(" (duplicate)")
                               : record.newLead ? QStringLiteral(" (new)")
                                                : QString()));
    } catch (const IntakeRejection &rejection) {
        IntakeResponse response = refusal(rejection);
        response.logLine =
            QStringLiteral("%1 %2 %3")
                .arg(where)
                .arg(rejection.status())
                .arg(rejection.field().isEmpty() ? QStringLiteral("-") : rejection.field());
        return response;
    } catch (const Error &e) {
        // The database's words may quote the row (PostgreSQL's DETAIL does): they go to the
        // debug log only; the sender learns it can try again.
        qCDebug(intakeServiceLog, "%s: %s", qUtf8Printable(where), qUtf8Printable(e.message()));
        return answer(503,
                      {{QStringLiteral("error"),
                        tr("the submission could not be stored; nothing of it was kept, try "
                           "again")}},
                      QStringLiteral("%1 503 the database refused the write").arg(where));
    }
}

qint64 IntakeService::forgetOldKeys(qint64 nowSeconds)
{
    return IntakeRepository(m_db.connection())
        .forgetRequestsBefore(nowSeconds - KeyKeptDays * 24 * 3600);
}

} // namespace handoff
