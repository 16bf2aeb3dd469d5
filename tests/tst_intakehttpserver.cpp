// The intake service on a real socket on loopback: what a sender sees (status, JSON, headers),
// HubSpot's signature over the address it called, TLS with a certificate, and the guard Qt
// HttpServer lacks: a request larger than the limit is answered 413 and its connection closed
// long before the sender has sent it all, and a request left unfinished is dropped.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

#include "intake/intakehttpserver.h"
#include "intake/requestsignature.h"
#include "store/activityrepository.h"
#include "store/intakerepository.h"
#include "store/leadrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

const QString Secret = QStringLiteral("s3cret-for-the-tests-only");

struct Reply
{
    int status = 0;
    QJsonObject body;
    QByteArray contentType;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

} // namespace

class TestIntakeHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        IntakeRepository sources(m_db->connection());
        for (const auto &[name, kind] : {std::pair{QStringLiteral("website"), IntakeKind::Form},
                                         std::pair{QStringLiteral("crm"), IntakeKind::HubSpot}}) {
            IntakeSource s;
            s.name = name;
            s.kind = kind;
            s.secret = Secret;
            sources.save(s, QStringLiteral("test"));
        }
        m_service = std::make_unique<IntakeService>(m_db->db());
        m_server = std::make_unique<IntakeHttpServer>(*m_service, IntakeLimits{});
    }
    void cleanup()
    {
        m_server.reset();
        m_service.reset();
        m_db.reset();
    }

    void aPostedFormIsAnsweredWithTheLead()
    {
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        const Reply r = send(QStringLiteral("http://127.0.0.1:%1/v1/forms/website").arg(port),
                             R"({"email": "ada@example.com", "request": "demo"})",
                             {{"Authorization", "Bearer " + Secret.toUtf8()}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.contentType, QByteArray("application/json"));
        QCOMPARE(r.body.value(QStringLiteral("request")).toString(),
                 QStringLiteral("demo_request"));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 1);

        const Reply refused = send(QStringLiteral("http://127.0.0.1:%1/v1/forms/website").arg(port),
                                   R"({"email": "ada@example.com"})", {});
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.body.value(QStringLiteral("error")).toString().contains(u"token"));
    }

    void theHealthEndpointAnswersGet()
    {
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(u"status").toString(),
                 QStringLiteral("ok"));
        reply->deleteLater();
    }

    void hubSpotSignsTheAddressItCalled()
    {
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1/hubspot/crm").arg(port);
        const QByteArray body = R"({"properties": {"email": {"value": "grace@navy.example"}}})";
        const QByteArray stamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const auto headers = [&](const QByteArray &signedUrl) {
            return QList<std::pair<QByteArray, QByteArray>>{
                {"X-HubSpot-Request-Timestamp", stamp},
                {"X-HubSpot-Signature-v3",
                 requestsignature::hubspotV3(Secret.toUtf8(), "POST", signedUrl, body, stamp)}};
        };
        QCOMPARE(send(url, body, headers("https://elsewhere.example/v1/hubspot/crm")).status, 401);
        QCOMPARE(send(url, body, headers(url.toUtf8())).status, 201);
        // Behind a proxy, the address senders call is the one given.
        m_server->setPublicUrl(QUrl(QStringLiteral("https://intake.example.com/")));
        QCOMPARE(send(url, body, headers("https://intake.example.com/v1/hubspot/crm")).status, 201);
        QCOMPARE(send(url, body, headers("https://intake.example.com/v1/hubspot/crm")).status, 200);
    }

    // HubSpot calls a public address without a port: what it signed is exactly that.
    void hubSpotsSignatureHoldsForAHostWithoutAPort()
    {
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        const QByteArray body = R"({"properties": {"email": {"value": "kay@example.net"}}})";
        const QByteArray stamp = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const QByteArray signature = requestsignature::hubspotV3(
            Secret.toUtf8(), "POST", "http://intake.example.com/v1/hubspot/crm?portal=7", body,
            stamp);
        QTcpSocket socket;
        QSignalSpy connected(&socket, &QAbstractSocket::connected);
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(connected.wait(5000));
        socket.write("POST /v1/hubspot/crm?portal=7 HTTP/1.1\r\nHost: intake.example.com\r\n"
                     "Content-Type: application/json\r\nX-HubSpot-Request-Timestamp: " +
                     stamp + "\r\nX-HubSpot-Signature-v3: " + signature +
                     "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n{"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 201"), answer.constData());
    }

    void tooLargeARequestIsCutOffEarly()
    {
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        // The client runs on the server's thread, so it only ever waits in the event loop.
        QTcpSocket socket;
        QSignalSpy connected(&socket, &QAbstractSocket::connected);
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(connected.wait(5000));
        const qint64 declared = 50 * 1024 * 1024;
        socket.write(
            "POST /v1/forms/website HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
            Secret.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(declared) + "\r\n\r\n{\"email\": \"");
        // Keeps sending while the connection is open, until 50 MB have gone.
        const QByteArray chunk(64 * 1024, 'a');
        qint64 sent = 0;
        QByteArray answer;
        const auto sendMore = [&] {
            // As curl does: a sender told no stops sending.
            if (answer.isEmpty() && sent < declared &&
                socket.state() == QAbstractSocket::ConnectedState &&
                socket.bytesToWrite() < chunk.size()) {
                socket.write(chunk);
                sent += chunk.size();
            }
        };
        connect(&socket, &QIODevice::bytesWritten, this, sendMore);
        connect(&socket, &QIODevice::readyRead, this, [&] { answer += socket.readAll(); });
        QSignalSpy closed(&socket, &QAbstractSocket::disconnected);
        sendMore();
        QVERIFY(closed.wait(20000));
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY2(sent < 4 * 1024 * 1024, qPrintable(QString::number(sent)));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 0);
    }

    void aConnectionThatDoesNotFinishARequestIsClosed_data()
    {
        QTest::addColumn<QByteArray>("sends");
        QTest::newRow("nothing at all") << QByteArray();
        QTest::newRow("half a request line") << QByteArray("POST /v1/forms/web");
        QTest::newRow("headers, then half the body")
            << QByteArray("POST /v1/forms/website HTTP/1.1\r\nHost: x\r\nContent-Length: "
                          "100\r\n\r\n{\"email\"");
    }
    void aConnectionThatDoesNotFinishARequestIsClosed()
    {
        QFETCH(QByteArray, sends);
        IntakeLimits limits;
        limits.requestTimeoutMs = 300;
        m_server = std::make_unique<IntakeHttpServer>(*m_service, limits);
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        QTcpSocket socket;
        QSignalSpy connected(&socket, &QAbstractSocket::connected);
        QSignalSpy closed(&socket, &QAbstractSocket::disconnected);
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(connected.wait(5000));
        if (!sends.isEmpty())
            socket.write(sends);
        QElapsedTimer took;
        took.start();
        QVERIFY(closed.wait(5000));
        QVERIFY2(took.elapsed() >= 200, qPrintable(QString::number(took.elapsed())));
    }

    // Idle connections cannot lock senders out: past the connections the service takes at
    // once, in all or from one address, the next is answered 503 and closed; once one of
    // them closes, a sender is served again.
    void connectionsPastTheLimitAreRefused_data()
    {
        QTest::addColumn<bool>("perAddress");
        QTest::newRow("in all") << false;
        QTest::newRow("from one address") << true;
    }
    void connectionsPastTheLimitAreRefused()
    {
        QFETCH(bool, perAddress);
        IntakeLimits limits;
        (perAddress ? limits.maxConnectionsPerAddress : limits.maxConnections) = 2;
        m_server = std::make_unique<IntakeHttpServer>(*m_service, limits);
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0);
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 2; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(idle.back()->waitForConnected(5000));
            QTest::qWait(50); // taken by the server, in this order
        }
        QTcpSocket third;
        QSignalSpy closed(&third, &QAbstractSocket::disconnected);
        third.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(third.waitForConnected(5000));
        QVERIFY(closed.wait(5000));
        const QByteArray answer = third.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 503"), answer.constData());
        QVERIFY(answer.contains("Retry-After: 5"));
        QVERIFY2(answer.contains(perAddress ? "this address has 2 connections open"
                                            : "the service has 2 connections open"),
                 answer.constData());
        for (const auto &socket : idle)
            QCOMPARE(socket->state(), QAbstractSocket::ConnectedState); // untouched

        idle.front()->disconnectFromHost();
        QTest::qWait(100); // the server sees it go
        const Reply r = send(QStringLiteral("http://127.0.0.1:%1/v1/forms/website").arg(port),
                             R"({"email": "ada@example.com", "request": "demo"})",
                             {{"Authorization", "Bearer " + Secret.toUtf8()}});
        QCOMPARE(r.status, 201);
    }

    void servesOverTls()
    {
        QSslConfiguration tls;
        tls.setLocalCertificateChain(QSslCertificate::fromPath(
            QStringLiteral(HANDOFF_TEST_DATA "/intake/localhost-cert.pem")));
        QFile keyFile(QStringLiteral(HANDOFF_TEST_DATA "/intake/localhost-key.pem"));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        QVERIFY(!tls.localCertificate().isNull() && !tls.privateKey().isNull());
        const quint16 port = m_server->listen(QHostAddress::LocalHost, 0, tls);
        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1/v1/forms/website").arg(port)));
        QSslConfiguration client = QSslConfiguration::defaultConfiguration();
        client.setCaCertificates(tls.localCertificateChain()); // trust the test's own certificate
        request.setSslConfiguration(client);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer " + Secret.toUtf8());
        QNetworkReply *reply = network.post(request, R"({"email": "tls@example.com"})");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        reply->deleteLater();
        // Plain HTTP to the TLS port gets nowhere.
        const Reply plain = send(QStringLiteral("http://127.0.0.1:%1/v1/forms/website").arg(port),
                                 R"({"email": "plain@example.com"})",
                                 {{"Authorization", "Bearer " + Secret.toUtf8()}});
        QCOMPARE(plain.status, 0);
        QCOMPARE(LeadRepository(m_db->connection()).count(), 1);
    }

private:
    Reply send(const QString &url, const QByteArray &body,
               const QList<std::pair<QByteArray, QByteArray>> &headers)
    {
        QNetworkAccessManager network;
        QNetworkRequest request{QUrl(url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setTransferTimeout(10000);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = network.post(request, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = QJsonDocument::fromJson(reply->readAll()).object();
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        r.error = reply->error();
        delete reply;
        return r;
    }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<IntakeService> m_service;
    std::unique_ptr<IntakeHttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestIntakeHttpServer)
#include "tst_intakehttpserver.moc"
