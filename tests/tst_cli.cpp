#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The handoff binary as a user runs it: exit codes, messages on stderr, parseable output.
class TestCli : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };

    static Run handoff(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(HANDOFF_BINARY), arguments);
        process.waitForFinished(120000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError())};
    }

    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const Run run = handoff({QStringLiteral("demo"), QStringLiteral("--db"), m_db,
                                 QStringLiteral("--leads"), QStringLiteral("600"),
                                 QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("600 leads"));
    }

    void helpAndVersion()
    {
        Run run = handoff({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *command : {"demo", "queue intent|interest", "explain"})
            QVERIFY2(run.out.contains(command), command);
        run = handoff({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("handoff "));
    }

    void usageMistakesExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << "unknown command";
        QTest::newRow("no queue named")
            << QStringList{QStringLiteral("queue"), QStringLiteral("--db"), QStringLiteral("x")}
            << "intent or interest";
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("queue"),    QStringLiteral("intent"),
                           QStringLiteral("--db"),     QStringLiteral("x"),
                           QStringLiteral("--format"), QStringLiteral("xml")}
            << "--format";
        QTest::newRow("bad limit")
            << QStringList{QStringLiteral("queue"),   QStringLiteral("interest"),
                           QStringLiteral("--db"),    QStringLiteral("x"),
                           QStringLiteral("--limit"), QStringLiteral("-3")}
            << "--limit";
        QTest::newRow("no db") << QStringList{QStringLiteral("explain"), QStringLiteral("3")}
                               << "--db FILE is required";
        QTest::newRow("bad lead id")
            << QStringList{QStringLiteral("explain"), QStringLiteral("--db"), QStringLiteral("x"),
                           QStringLiteral("abc")}
            << "LEAD_ID";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("demo"), QStringLiteral("--db"), QStringLiteral("x"),
                           QStringLiteral("--colour")}
            << "colour";
    }

    void usageMistakesExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = handoff(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void failuresExitWithOneAndSayWhat()
    {
        Run run =
            handoff({QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"),
                     m_dir.filePath(QStringLiteral("missing.sqlite"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("missing.sqlite: no such database")),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.sqlite"))));

        const QString garbage = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database at all, just some text that is long enough");
        file.close();
        run = handoff(
            {QStringLiteral("explain"), QStringLiteral("--db"), garbage, QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("not an SQLite database")), qPrintable(run.err));

        run = handoff(
            {QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("999999")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("there is no lead 999999")), qPrintable(run.err));

        run = handoff({QStringLiteral("demo"), QStringLiteral("--db"), m_db});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already holds leads")), qPrintable(run.err));
    }

    void queuesAsJson()
    {
        Run run =
            handoff({QStringLiteral("queue"), QStringLiteral("interest"), QStringLiteral("--db"),
                     m_db, QStringLiteral("--format"), QStringLiteral("json"),
                     QStringLiteral("--limit"), QStringLiteral("25")});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonArray interest = QJsonDocument::fromJson(run.out, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(interest.size(), 25);
        double previous = 1e9;
        for (const QJsonValue &v : interest) {
            const QJsonObject o = v.toObject();
            QVERIFY(o.value(QStringLiteral("score")).isDouble());
            QVERIFY(o.value(QStringLiteral("score")).toDouble() <= previous);
            previous = o.value(QStringLiteral("score")).toDouble();
            QVERIFY(!o.value(QStringLiteral("lead")).toString().isEmpty());
        }

        run = handoff({QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray intent = QJsonDocument::fromJson(run.out, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!intent.isEmpty());
        QVERIFY(!intent.first().toObject().value(QStringLiteral("asked_for")).toString().isEmpty());
    }

    void queueAsCsvHasAHeaderAndOneLinePerLead()
    {
        const Run run =
            handoff({QStringLiteral("queue"), QStringLiteral("interest"), QStringLiteral("--db"),
                     m_db, QStringLiteral("--format"), QStringLiteral("csv"),
                     QStringLiteral("--limit"), QStringLiteral("10")});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 11);
        QVERIFY(lines.first().startsWith("rank,lead_id,score"));
    }

    void explainAddsUp()
    {
        const Run run =
            handoff({QStringLiteral("explain"), QStringLiteral("--db"), m_db,
                     QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("7")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(o.value(QStringLiteral("lead_id")).toInt(), 7);
        double sum = 0;
        for (const QJsonValue &line : o.value(QStringLiteral("fit")).toArray())
            sum += line.toObject().value(QStringLiteral("points")).toDouble();
        for (const QJsonValue &line : o.value(QStringLiteral("engagement")).toArray())
            sum += line.toObject().value(QStringLiteral("points")).toDouble();
        QVERIFY(std::abs(sum - o.value(QStringLiteral("score")).toDouble()) < 1e-9);
        QVERIFY(!o.value(QStringLiteral("stage_history")).toArray().isEmpty());

        const Run text =
            handoff({QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("7")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Fit rules") && text.out.contains("Stage history"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
