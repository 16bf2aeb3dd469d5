#pragma once

// The HMAC-SHA256 signatures a request may carry, and the bearer token, compared in constant
// time. HubSpot's v3: base64 of HMAC(secret, method + URI + body + timestamp) in
// X-HubSpot-Signature-v3, the timestamp (milliseconds) in X-HubSpot-Request-Timestamp. Ours,
// for forms and Marketo (whose webhooks cannot sign, so a relay in front of them does):
// "sha256=" + hex of HMAC(secret, timestamp + "." + body) in X-Handoff-Signature, the timestamp
// (seconds) in X-Handoff-Timestamp. A timestamp older than five minutes, or more than one
// ahead of this clock, is refused: a captured request cannot be played again later.

#include <QByteArray>
#include <QString>

namespace handoff::requestsignature {

inline constexpr qint64 MaxAgeMs = 5 * 60 * 1000;
inline constexpr qint64 MaxAheadMs = 60 * 1000;

QByteArray hubspotV3(const QByteArray &secret, const QByteArray &method, const QByteArray &uri,
                     const QByteArray &body, const QByteArray &timestampMs);
QByteArray handoff(const QByteArray &secret, const QByteArray &timestampSeconds,
                   const QByteArray &body);

// Whether two byte strings are equal, taking as long whatever their contents.
bool equal(const QByteArray &a, const QByteArray &b);

// Why a timestamp header is refused at `nowMs`, or empty when it is fine; `stampMs` its value.
QString timestampProblem(const QByteArray &header, qint64 scale, qint64 nowMs, qint64 *stampMs);

} // namespace handoff::requestsignature
