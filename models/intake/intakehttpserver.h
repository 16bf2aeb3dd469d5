#pragma once

// The intake service on the network: Qt HttpServer carrying each request to IntakeService
// and its answer back as JSON, over TLS when a certificate is given. Qt reads a whole request
// before handing it over and sets no limits of its own, so every connection is guarded here:
// one that sends more than a request may hold is answered 413 and closed as soon as it
// crosses the line, and one that has not finished a request 30 s after it opened or was last
// answered (idle, or sending a byte at a time) is closed; past the connections open at once
// it takes in all or from one address, the next is answered 503 and closed.

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QUrl>

#include "intake/intakeservice.h"

Q_DECLARE_LOGGING_CATEGORY(intakeLog)

namespace handoff {

class IntakeHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    IntakeHttpServer(IntakeService &service, IntakeLimits limits, QObject *parent = nullptr);

    // Listens on `address`:`port` (0: any free port), with TLS when `tls` has a certificate.
    // Returns the port; throws Error when it cannot listen.
    quint16 listen(const QHostAddress &address, quint16 port,
                   const QSslConfiguration &tls = QSslConfiguration());
    // The address senders call, when a proxy stands in front (HubSpot signs the address it
    // called); by default the request's own Host and scheme.
    void setPublicUrl(const QUrl &url) { m_publicUrl = url; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    IntakeService &m_service;
    IntakeLimits m_limits;
    bool m_tls = false;
    QUrl m_publicUrl;
};

} // namespace handoff
