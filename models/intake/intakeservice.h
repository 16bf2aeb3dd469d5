#pragma once

// What `handoff serve` answers, without the network: a request in, a response out. It routes
// (GET /health; POST /v1/forms/NAME, /v1/hubspot/NAME, /v1/marketo/NAME), finds the source,
// checks its token or signature and its rate, reads and validates the body, and records the
// submission with its idempotency key. Every refusal is a 4xx whose body says what is wrong
// and where; nothing is written unless the whole submission is. The HTTP server
// (intakehttpserver.h) only carries bytes to and from here, so tests and the fuzz target
// call this directly. A team server's connection lost mid-request is opened again and the
// request tried once more: its idempotency key makes that safe even when the first try had
// committed.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include "intake/ratelimiter.h"
#include "intake/requestbody.h"

namespace handoff {

struct IntakeRequest
{
    QByteArray method;
    QString path;
    QByteArray signedUri;                  // the address as the sender called it (HubSpot signs it)
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    qint64 arrivalMs = 0;
};

struct IntakeResponse
{
    int status = 200;
    QJsonObject body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString logLine; // what happened, without anything personal
};

class Database;

class IntakeService
{
public:
    explicit IntakeService(Database &db, IntakeLimits limits = {});

    IntakeResponse handle(const IntakeRequest &request);

    // A body whose sender gives no idempotency key is known by its hash this long: a retry
    // within it is one submission, the same form sent again tomorrow is another.
    static constexpr qint64 BodyKeyHours = 24;
    // Every request's key is kept this long, then forgotten (forgetOldKeys()): senders retry
    // within days (HubSpot for three), and the table would otherwise grow for ever.
    static constexpr qint64 KeyKeptDays = 30;
    // Forgets the keys older than KeyKeptDays at `nowSeconds`; how many. Throws Error.
    qint64 forgetOldKeys(qint64 nowSeconds);

private:
    IntakeResponse health();
    IntakeResponse submit(IntakeKind kind, const QString &sourceName, const IntakeRequest &request);
    IntakeResponse submitOnce(IntakeKind kind, const QString &sourceName,
                              const IntakeRequest &request);
    // Whether a team server's lost connection came back (a file's never goes).
    bool reconnected();

    Database &m_db;
    IntakeLimits m_limits;
    RateLimiter m_rates;
};

} // namespace handoff
