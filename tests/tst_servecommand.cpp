// `handoff intake` and `handoff serve` as a user runs them: sources added, listed and
// removed (with the audit log naming who, never the secret), bad options refused with exit 2,
// and the real service answering a post, watching a drop folder and stopping cleanly on
// SIGTERM.

#include <csignal>

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"
#include "testdatabase.h"

using namespace handoff;

class TestServeCommand : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = m_dir->filePath(QStringLiteral("leads.sqlite"));
        QCOMPARE(runHandoff({QStringLiteral("init"), QStringLiteral("--db"), m_db}).exitCode, 0);
    }

    void badOptionsAreUsageMistakes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("no action") << QStringList{} << "say list, add NAME or remove NAME";
        QTest::newRow("a name that cannot be in an address")
            << QStringList{QStringLiteral("add"), QStringLiteral("Web Site")} << "lower-case";
        QTest::newRow("unknown kind")
            << QStringList{QStringLiteral("add"), QStringLiteral("w"), QStringLiteral("--kind"),
                           QStringLiteral("salesforce")}
            << "--kind must be form, hubspot or marketo";
        QTest::newRow("unknown target")
            << QStringList{QStringLiteral("add"), QStringLiteral("w"), QStringLiteral("--map"),
                           QStringLiteral("Salary=salary")}
            << "'salary', which is not one of";
        QTest::newRow("short secret")
            << QStringList{QStringLiteral("add"), QStringLiteral("w"), QStringLiteral("--secret"),
                           QStringLiteral("hunter2")}
            << "at least 16";
        QTest::newRow("secret twice")
            << QStringList{QStringLiteral("add"),           QStringLiteral("w"),
                           QStringLiteral("--secret"),      QStringLiteral("0123456789abcdef0"),
                           QStringLiteral("--secret-file"), QStringLiteral("/dev/null")}
            << "cannot both be given";
        QTest::newRow("secret file missing")
            << QStringList{QStringLiteral("add"), QStringLiteral("w"),
                           QStringLiteral("--secret-file"), QStringLiteral("/nonexistent/secret")}
            << "--secret-file: /nonexistent/secret cannot be read";
        QTest::newRow("unknown request")
            << QStringList{QStringLiteral("add"), QStringLiteral("w"), QStringLiteral("--request"),
                           QStringLiteral("lunch")}
            << "--request must be";
    }
    void badOptionsAreUsageMistakes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const CliRun run = runHandoff(
            QStringList{QStringLiteral("intake"), QStringLiteral("--db"), m_db} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
        QCOMPARE(runSqliteShell(m_db, QStringLiteral("SELECT count(*) FROM intake_sources")),
                 QStringLiteral("0"));
    }

    void sourcesAreAddedListedAndRemoved()
    {
        const CliRun added = runHandoff(
            {QStringLiteral("intake"), QStringLiteral("--db"), m_db, QStringLiteral("add"),
             QStringLiteral("website"), QStringLiteral("--request"), QStringLiteral("demo"),
             QStringLiteral("--map"), QStringLiteral("Work email=email"), QStringLiteral("--as"),
             QStringLiteral("mia")});
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(added.out.contains("posts to /v1/forms/website"), added.out.constData());
        const QByteArray secret = added.out.mid(added.out.lastIndexOf(' ') + 1).trimmed();
        QVERIFY2(secret.size() >= 40, added.out.constData());

        const CliRun listed = runHandoff(
            {QStringLiteral("intake"), QStringLiteral("--db"), m_db, QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains("website\tform\t/v1/forms/website"));
        QVERIFY(!listed.out.contains(secret));
        const QString audit =
            runSqliteShell(m_db, QStringLiteral("SELECT actor, action, detail FROM audit_log"));
        QVERIFY2(audit.startsWith(QStringLiteral("mia|intake.source.save|website (form)")),
                 qPrintable(audit));
        QVERIFY(!audit.contains(QString::fromLatin1(secret)));

        QCOMPARE(runHandoff({QStringLiteral("intake"), QStringLiteral("--db"), m_db,
                             QStringLiteral("remove"), QStringLiteral("website")})
                     .exitCode,
                 0);
        const CliRun again = runHandoff({QStringLiteral("intake"), QStringLiteral("--db"), m_db,
                                         QStringLiteral("remove"), QStringLiteral("website")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("no intake source is named 'website'")),
                 qPrintable(again.err));
    }

    void theServiceTakesAPostAndADroppedFileAndStopsOnSigterm()
    {
        // The secret from a file, kept off the command line other users can see.
        const QString secret = QStringLiteral("a-secret-long-enough-for-it");
        const QString secretFile = m_dir->filePath(QStringLiteral("secret.txt"));
        {
            QFile file(secretFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(secret.toUtf8() + "\n");
        }
        const CliRun added = runHandoff({QStringLiteral("intake"), QStringLiteral("--db"), m_db,
                                         QStringLiteral("add"), QStringLiteral("website"),
                                         QStringLiteral("--secret-file"), secretFile});
        QCOMPARE(added.exitCode, 0);
        QVERIFY2(!added.out.contains("secret"), added.out.constData()); // not printed back
        const QString drop = m_dir->filePath(QStringLiteral("drop"));
        QVERIFY(QDir().mkpath(drop));
        QProcess serve;
        serve.start(QStringLiteral(HANDOFF_BINARY),
                    {QStringLiteral("serve"), QStringLiteral("--db"), m_db,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--drop-folder"), drop});
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += serve.readAllStandardOutput()).contains("watching"),
                                 10000);
        const qsizetype at = banner.indexOf("http://127.0.0.1:");
        QVERIFY2(at >= 0, banner.constData());
        QVERIFY(banner.contains("POST /v1/forms/website"));
        const int port = banner.mid(at + 17).split(' ').first().toInt();

        QNetworkAccessManager network;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/v1/forms/website").arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("Authorization", "Bearer " + secret.toUtf8());
        QNetworkReply *reply =
            network.post(request, R"({"email": "ada@example.com", "request": "demo"})");
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        delete reply;
        QCOMPARE(runSqliteShell(m_db, QStringLiteral("SELECT email FROM leads")),
                 QStringLiteral("ada@example.com"));

        QVERIFY(!writeTestFile(*m_dir, QStringLiteral("drop/export.csv"),
                               "Email,First Name\ngrace@example.com,Grace\n")
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(drop + QStringLiteral("/done/export.csv")), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(
            runSqliteShell(m_db, QStringLiteral("SELECT count(*) FROM leads")), QStringLiteral("2"),
            5000);

        ::kill(pid_t(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        QVERIFY(serve.readAllStandardOutput().contains("stopped"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestServeCommand)
#include "tst_servecommand.moc"
