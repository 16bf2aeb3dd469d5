#pragma once

// A request body read into flat fields (name -> text), whatever shape its sender uses: a web
// form's JSON object or form encoding, a HubSpot contact (`properties`, each a value or
// {"value": ...}) or form submission (`fields`: [{name, value}]), or a Marketo lead (flat,
// under `lead`, or the one element of `result`). Only texts, numbers and true/false become
// fields; anything nested elsewhere is left out and named, so a mapping that points at it is
// refused rather than fed a fragment. The limits bound what one request may hold.

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include "store/intakerepository.h"

namespace handoff {

struct IntakeLimits
{
    qsizetype maxBodyBytes = 64 * 1024;
    int maxFields = 200;
    int maxNameLength = 100;
    int maxValueLength = 2000;
    // A connection must finish a request this long after it opened or was last answered:
    // one left idle, or sending a byte at a time, is closed.
    int requestTimeoutMs = 30'000;
    // Connections open at once, in all and from one address (a proxy in front counts as
    // one): past either the next is answered 503 and closed, so idle or slow connections
    // cannot use up the service's file descriptors (1,024 by default) and lock senders out.
    int maxConnections = 256;
    int maxConnectionsPerAddress = 64;
};

struct BodyFields
{
    QList<std::pair<QString, QString>> fields; // in the body's order
    QSet<QString> nested;                      // names whose value was an object or a list

    // The first field of that name, or a null string.
    QString value(const QString &name) const;
    bool contains(const QString &name) const;
};

// Reads `body` sent with `contentType`. Throws IntakeRejection: 413 too large, 415 a type it
// does not read, 400 malformed (with the byte where JSON broke), 422 too many or too long
// fields, or a control character in one.
BodyFields readBody(IntakeKind kind, const QByteArray &contentType, const QByteArray &body,
                    const IntakeLimits &limits = {});

} // namespace handoff
