#include "intake/intakehttpserver.h"

#include <sys/socket.h>

#include <memory>
#include <utility>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include "store/error.h"

Q_LOGGING_CATEGORY(intakeLog, "handoff.intake", QtInfoMsg)

namespace handoff {

namespace {

// What a request line and headers may take beside the largest body.
constexpr qint64 HeaderRoom = 64 * 1024;

// Counts what a connection sent since its last answer, and closes it when that is more than
// a request may be or takes too long. Runs before Qt's own reading of the socket (it is
// connected first), so what it drains never reaches the request parser.
class ConnectionGuard : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, qint64 maxRequestBytes, int timeoutMs)
        : QObject(socket)
        , m_socket(socket)
        , m_max(maxRequestBytes)
    {
        m_timeout.setSingleShot(true);
        m_timeout.setInterval(timeoutMs);
        connect(&m_timeout, &QTimer::timeout, socket, &QTcpSocket::abort);
        m_timeout.start();
        connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::received);
        connect(socket, &QIODevice::bytesWritten, this, &ConnectionGuard::answered);
    }

private:
    void received()
    {
        if (m_refused) {
            m_socket->readAll();
            return;
        }
        m_bytes += m_socket->bytesAvailable();
        if (m_bytes <= m_max)
            return;
        m_refused = true;
        m_socket->readAll();
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("error"),
                             QCoreApplication::translate("IntakeHttpServer",
                                                         "the request is larger than %1 bytes; "
                                                         "a body may hold at most %2")
                                 .arg(m_max)
                                 .arg(m_max - HeaderRoom)}})
                .toJson(QJsonDocument::Compact);
        m_socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                        "Connection: close\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body);
        // Closing at once, with the sender's bytes still arriving, would reset the
        // connection and could take the answer with it: the sender is told "no more" once
        // the answer is out, and what it still sends is read and dropped for a moment.
        m_timeout.stop();
        QTimer::singleShot(LingerMs, m_socket, &QTcpSocket::abort);
        qCInfo(intakeLog, "a connection sent more than %lld bytes; refused", m_max);
    }
    void answered()
    {
        if (m_refused) {
            if (m_socket->bytesToWrite() == 0 && !qobject_cast<QSslSocket *>(m_socket))
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
            return;
        }
        m_bytes = 0;
        m_timeout.start(); // the next request, or the connection's idleness, from now
    }

    static constexpr int LingerMs = 2000;

    QTcpSocket *m_socket;
    qint64 m_max;
    qint64 m_bytes = 0;
    bool m_refused = false;
    QTimer m_timeout;
};

// Answers a connection the service will not take with 503 and closes it once the answer is
// out (or after a moment, if the other side does not read).
void refuseConnection(QTcpSocket *socket, const QString &why)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"), why}}).toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                  "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
    QTimer::singleShot(2000, socket, &QTcpSocket::abort);
}

template <typename Server> class GuardedServer : public Server
{
public:
    GuardedServer(qint64 maxRequestBytes, const IntakeLimits &limits, QObject *parent)
        : Server(parent)
        , m_max(maxRequestBytes)
        , m_limits(limits)
    {}
    QTcpSocket *nextPendingConnection() override
    {
        while (QTcpSocket *socket = Server::nextPendingConnection()) {
            const QHostAddress peer = socket->peerAddress();
            if (m_open >= m_limits.maxConnections) {
                refuseConnection(socket, QCoreApplication::translate(
                                             "IntakeHttpServer",
                                             "the service has %1 connections open, the most it "
                                             "takes; try again in a few seconds")
                                             .arg(m_open));
                qCInfo(intakeLog, "a connection refused: %d open", m_open);
                continue;
            }
            if (m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
                refuseConnection(socket, QCoreApplication::translate(
                                             "IntakeHttpServer",
                                             "this address has %1 connections open, the most "
                                             "one address may; try again in a few seconds")
                                             .arg(m_perAddress.value(peer)));
                qCInfo(intakeLog, "a connection refused: %d open from its address",
                       m_perAddress.value(peer));
                continue;
            }
            count(socket, peer);
            new ConnectionGuard(socket, m_max, m_limits.requestTimeoutMs);
            return socket;
        }
        return nullptr;
    }

private:
    // Counted until the connection closes or the socket goes, whichever comes first.
    void count(QTcpSocket *socket, const QHostAddress &peer)
    {
        ++m_open;
        ++m_perAddress[peer];
        auto closed = std::make_shared<bool>(false);
        const auto uncount = [this, peer, closed] {
            if (std::exchange(*closed, true))
                return;
            --m_open;
            if (--m_perAddress[peer] <= 0)
                m_perAddress.remove(peer);
        };
        QObject::connect(socket, &QAbstractSocket::disconnected, this, uncount);
        QObject::connect(socket, &QObject::destroyed, this, uncount);
    }

    qint64 m_max;
    IntakeLimits m_limits;
    int m_open = 0;
    QHash<QHostAddress, int> m_perAddress;
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    using enum QHttpServerRequest::Method;
    switch (method) {
    case Get:
        return "GET";
    case Head:
        return "HEAD";
    case Post:
        return "POST";
    case Put:
        return "PUT";
    case Delete:
        return "DELETE";
    case Patch:
        return "PATCH";
    case Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}

QHttpServerResponder::StatusCode statusCode(int status)
{
    return static_cast<QHttpServerResponder::StatusCode>(status);
}

} // namespace

IntakeHttpServer::IntakeHttpServer(IntakeService &service, IntakeLimits limits, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_service(service)
    , m_limits(limits)
{}

quint16 IntakeHttpServer::listen(const QHostAddress &address, quint16 port,
                                 const QSslConfiguration &tls)
{
    const qint64 maxRequest = m_limits.maxBodyBytes + HeaderRoom;
    QTcpServer *server = nullptr;
    m_tls = !tls.localCertificate().isNull();
    if (m_tls) {
        auto *sslServer = new GuardedServer<QSslServer>(maxRequest, m_limits, this);
        sslServer->setSslConfiguration(tls);
        server = sslServer;
    } else {
        server = new GuardedServer<QTcpServer>(maxRequest, m_limits, this);
    }
    if (!server->listen(address, port)) {
        const QString problem = server->errorString();
        delete server;
        throw Error(QCoreApplication::translate("IntakeHttpServer", "cannot listen on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(problem));
    }
    bind(server);
    return server->serverPort();
}

bool IntakeHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer took;
    took.start();
    IntakeRequest in;
    in.method = methodName(request.method());
    in.path = request.url().path();
    for (const auto &[name, value] : request.headers())
        in.headers.insert(name.toLower(), value);
    in.body = request.body();
    in.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    // The address as the sender called it: the Host header as sent (Qt's url() adds a port
    // the sender never named) and the path and query as they came.
    const QByteArray pathAndQuery =
        request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    if (m_publicUrl.isValid()) {
        QByteArray base = m_publicUrl.toEncoded();
        while (base.endsWith('/'))
            base.chop(1);
        in.signedUri = base + pathAndQuery;
    } else {
        in.signedUri = (m_tls ? QByteArray("https://") : QByteArray("http://")) +
                       in.headers.value("host") + pathAndQuery;
    }

    const IntakeResponse out = m_service.handle(in);
    const QByteArray body = QJsonDocument(out.body).toJson(QJsonDocument::Compact);
    QHttpServerResponder responder = makeResponder(request, socket);
    const std::pair<QByteArray, QByteArray> type{"Content-Type", "application/json"};
    if (out.headers.isEmpty())
        responder.write(body, {type}, statusCode(out.status));
    else
        responder.write(body, {type, out.headers.first()}, statusCode(out.status));
    // What a sender chose (a path, a field's name) cannot start a line of its own.
    QString line =
        out.logLine.isEmpty() ? in.path + u' ' + QString::number(out.status) : out.logLine;
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    qCInfo(intakeLog, "%s %s %lld ms", in.method.constData(), qUtf8Printable(line), took.elapsed());
    return true;
}

void IntakeHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace handoff
