#include "intake/requestsignature.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>

namespace handoff::requestsignature {

namespace {

QByteArray hmac(const QByteArray &secret, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256);
}

} // namespace

QByteArray hubspotV3(const QByteArray &secret, const QByteArray &method, const QByteArray &uri,
                     const QByteArray &body, const QByteArray &timestampMs)
{
    return hmac(secret, method + uri + body + timestampMs).toBase64();
}

QByteArray handoff(const QByteArray &secret, const QByteArray &timestampSeconds,
                   const QByteArray &body)
{
    return "sha256=" + hmac(secret, timestampSeconds + '.' + body).toHex();
}

bool equal(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QString timestampProblem(const QByteArray &header, qint64 scale, qint64 nowMs, qint64 *stampMs)
{
    bool number = false;
    const qint64 stamp = header.toLongLong(&number);
    if (!number || stamp <= 0 || stamp > std::numeric_limits<qint64>::max() / scale)
        return QCoreApplication::translate("RequestSignature", "the timestamp '%1' is not a number")
            .arg(QString::fromLatin1(header.left(40)));
    *stampMs = stamp * scale;
    if (nowMs - *stampMs > MaxAgeMs)
        return QCoreApplication::translate("RequestSignature",
                                           "the timestamp is %1 s old; a signed request must "
                                           "arrive within %2 s")
            .arg((nowMs - *stampMs) / 1000)
            .arg(MaxAgeMs / 1000);
    if (*stampMs - nowMs > MaxAheadMs)
        return QCoreApplication::translate("RequestSignature",
                                           "the timestamp is %1 s ahead of this server's clock")
            .arg((*stampMs - nowMs) / 1000);
    return {};
}

} // namespace handoff::requestsignature
