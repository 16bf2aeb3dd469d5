#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"

// The handoff binary as a user runs it: exit codes, messages on stderr, parseable output.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Run = CliRun;
    static Run handoff(const QStringList &arguments) { return runHandoff(arguments); }

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
        // Every subcommand explains itself (it used to say "Unknown option 'help'").
        for (const char *command : {"demo", "queue", "explain", "import", "undo-import", "model",
                                    "backtest", "suggest", "report", "check", "backup"}) {
            run = handoff({QString::fromLatin1(command), QStringLiteral("--help")});
            QVERIFY2(run.exitCode == 0, command);
            QVERIFY2(run.out.startsWith("usage: handoff " + QByteArray(command)),
                     run.out.constData());
            QVERIFY2(run.out.contains("--db"), command);
        }
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
        QTest::newRow("two leads")
            << QStringList{QStringLiteral("explain"), QStringLiteral("--db"), QStringLiteral("x"),
                           QStringLiteral("3"), QStringLiteral("4")}
            << "name exactly one LEAD";
        QTest::newRow("report: bad week")
            << QStringList{QStringLiteral("report"),   QStringLiteral("--db"),
                           QStringLiteral("x"),        QStringLiteral("--week"),
                           QStringLiteral("2026-W60"), QStringLiteral("--out"),
                           QStringLiteral("r.pdf")}
            << "--week must be an ISO week";
        QTest::newRow("report: bad paper")
            << QStringList{QStringLiteral("report"), QStringLiteral("--db"),
                           QStringLiteral("x"),      QStringLiteral("--page"),
                           QStringLiteral("a3"),     QStringLiteral("--out"),
                           QStringLiteral("r.pdf")}
            << "--page must be a4 or letter";
        QTest::newRow("report: no output")
            << QStringList{QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("x")}
            << "--out FILE is required";
        QTest::newRow("backtest: bad window")
            << QStringList{QStringLiteral("backtest"), QStringLiteral("--db"),
                           QStringLiteral("x"),        QStringLiteral("--model"),
                           QStringLiteral("m.json"),   QStringLiteral("--window"),
                           QStringLiteral("0")}
            << "--window";
        QTest::newRow("model: unknown action")
            << QStringList{QStringLiteral("model"), QStringLiteral("publish"),
                           QStringLiteral("--db"), QStringLiteral("x"), QStringLiteral("m.json")}
            << "export or import";
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
        QVERIFY2(run.err.contains(QStringLiteral("no lead has the number, external id or e-mail "
                                                 "'999999'")),
                 qPrintable(run.err));

        run = handoff({QStringLiteral("demo"), QStringLiteral("--db"), m_db});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
    }

    // A header-only file, or one that changes nothing, writes no batch (which would block
    // undoing the batch before it); a file whose every row is refused exits 1.
    void importsThatWriteNothingSaySoAndLeaveNoBatch()
    {
        const QString db = m_dir.filePath(QStringLiteral("nothing.sqlite"));
        QCOMPARE(handoff({QStringLiteral("demo"), QStringLiteral("--db"), db,
                          QStringLiteral("--leads"), QStringLiteral("50")})
                     .exitCode,
                 0);
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            const QString path = m_dir.filePath(name);
            QFile file(path);
            if (file.open(QIODevice::WriteOnly))
                file.write(bytes);
            return path;
        };
        const QString leads =
            write(QStringLiteral("two.csv"),
                  "Email,First Name,Company\nann@one.example,Ann,One\nbob@two.example,Bob,Two\n");
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, leads});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Imported as batch 1 (undo with: handoff undo-import --db " +
                                  db.toUtf8() + " 1)"),
                 run.out.constData());

        for (const QString &file :
             {leads, write(QStringLiteral("header.csv"), "Email,First Name,Company\n")}) {
            run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, file});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.out.contains("Nothing to import"), run.out.constData());
            QVERIFY(!run.out.contains("batch 2"));
        }
        const QString refused = write(QStringLiteral("refused.csv"),
                                      "Email,First Name\nnot-an-address,Ann\nalso-not-one,Bob\n");
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, refused});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("every one of the 2 rows was rejected")),
                 qPrintable(run.err));
        // Batch 1 is still the last one, so it can be undone.
        run = handoff(
            {QStringLiteral("undo-import"), QStringLiteral("--db"), db, QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void aProgramGivenAsACsvIsRefusedWithNothingWritten()
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("ls"));
        QVERIFY(!program.isEmpty());
        const Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), m_db, program});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("is not a text file")), qPrintable(run.err));
        QVERIFY(!run.out.contains("ELF"));
        QVERIFY(!run.out.contains("batch"));
    }

    // An imported request for a demo from long ago is history: explain says it opened no
    // handoff, and why.
    void explainSaysWhenARaisedHandIsHistory()
    {
        const QString db = m_dir.filePath(QStringLiteral("history.sqlite"));
        const QString leads = m_dir.filePath(QStringLiteral("history-leads.csv"));
        const QString activities = m_dir.filePath(QStringLiteral("history-activities.csv"));
        {
            QFile file(leads);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,First Name\nold@hand.example,Old\n");
            QFile events(activities);
            QVERIFY(events.open(QIODevice::WriteOnly));
            events.write("Email,Activity,Date\nold@hand.example,demo_request,2024-03-01 10:00\n");
        }
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, leads,
                           QStringLiteral("--activities"), activities});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("old@hand.example")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Raised a hand on 2024-03-01 10:00: history, older than the "
                                  "14-day intake window, so it opened no handoff"),
                 run.out.constData());
    }

    // A file without dates: explain says the request is undated history (not "raised today"),
    // shows the history and the activities as undated, and says how the score counts them.
    void explainSaysWhatIsUndated()
    {
        const QString db = m_dir.filePath(QStringLiteral("undated.sqlite"));
        const QString leads = m_dir.filePath(QStringLiteral("undated-leads.csv"));
        {
            QFile file(leads);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,Lifecycle Stage,TotalVisits,Last Activity\n"
                       "ann@undated.example,opportunity,4,Demo requested\n");
        }
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, leads});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("ann@undated.example")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Raised a hand at a time nobody knows: undated history"),
                 run.out.constData());
        QVERIFY2(run.out.contains("4 undated, counted as the oldest (faded to nothing)"),
                 run.out.constData());
        QVERIFY2(QString::fromUtf8(run.out).contains(
                     QRegularExpression(QStringLiteral("undated +suspect -> opportunity"))),
                 run.out.constData());
        QVERIFY2(!run.out.contains(QDate::currentDate().toString(Qt::ISODate).toUtf8()),
                 run.out.constData()); // nothing claims to have happened today
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("--format"), QStringLiteral("json"),
                       QStringLiteral("ann@undated.example")});
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        const QJsonObject first =
            o.value(QStringLiteral("activities")).toArray().first().toObject();
        QVERIFY(first.value(QStringLiteral("undated")).toBool());
        QVERIFY(first.value(QStringLiteral("occurred_at")).isNull());
    }

    void importSaysWhichExportItTookTheFileFor()
    {
        const QString csv = m_dir.filePath(QStringLiteral("report.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Lead ID,First Name,Last Name,Email,Lead Source,Status,Created Date\n"
                       "00Q1,Ann,Lee,ann@report.example,Web,MQL,2026-01-05\n");
        }
        const QString db = m_dir.filePath(QStringLiteral("report.sqlite"));
        QCOMPARE(handoff({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode, 0);
        const Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                                 QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("Read as salesforce-report (7 columns recognised, 7 by their "
                                  "exact label); runner-up "),
                 run.out.constData());
        // A dry run never makes a database.
        const QString none = m_dir.filePath(QStringLiteral("never-made.sqlite"));
        QCOMPARE(handoff({QStringLiteral("import"), QStringLiteral("--db"), none, csv,
                          QStringLiteral("--dry-run")})
                     .exitCode,
                 1);
        QVERIFY(!QFile::exists(none));
        // Nor does an import that writes nothing: a first import whose rows are all refused.
        const QString refused = m_dir.filePath(QStringLiteral("all-refused.csv"));
        {
            QFile file(refused);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,First Name\nnot-an-address,Ann\n");
        }
        const Run failed =
            handoff({QStringLiteral("import"), QStringLiteral("--db"), none, refused});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains(QStringLiteral("was not kept")), qPrintable(failed.err));
        QVERIFY(!QFile::exists(none));
        QVERIFY(!QFile::exists(none + QStringLiteral("-wal")));
    }

    void initAndAFirstImportCreateTheDatabase()
    {
        const QString made = m_dir.filePath(QStringLiteral("made-by-init.sqlite"));
        Run run = handoff({QStringLiteral("init"), QStringLiteral("--db"), made});
        QCOMPARE(run.exitCode, 0);
        run = handoff(
            {QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"), made});
        QCOMPARE(run.exitCode, 0);
        // init never touches a file that is there.
        run = handoff({QStringLiteral("init"), QStringLiteral("--db"), made});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("already exists")));

        const QString csv = m_dir.filePath(QStringLiteral("first.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,First Name\nfirst@new.example,First\n");
        }
        const QString fresh = m_dir.filePath(QStringLiteral("made-by-import.sqlite"));
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), fresh, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("Created"));
        QVERIFY(run.out.contains("1 new"));
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

    // A lead is found by what a person has at hand: its e-mail in any case, or the id of the
    // system it came from.
    void explainFindsALeadByEmailOrExternalId()
    {
        const QString db = m_dir.filePath(QStringLiteral("ids.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("ids.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Id,Email,Company\n"
                       "7f3c2a10-0000-4000-8000-000000000001,Ann.Lee@Example.com,Acme\n"
                       "7f3c2a10-0000-4000-8000-000000000002,,Initech\n");
        }
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                           QStringLiteral("--preset"), QStringLiteral("salesforce")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        for (const QString &key : {QStringLiteral("ann.lee@EXAMPLE.com"), QStringLiteral("1")}) {
            run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db, key});
            QVERIFY2(run.exitCode == 0, qPrintable(key + run.err));
            QVERIFY(run.out.contains("Ann.Lee@Example.com"));
        }
        // A lead with no name and no e-mail goes by its external id.
        const QString bare = QStringLiteral("7f3c2a10-0000-4000-8000-000000000002");
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db, bare});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(bare.toUtf8()), run.out.constData());
        run = handoff(
            {QStringLiteral("queue"), QStringLiteral("interest"), QStringLiteral("--db"), db});
        QVERIFY2(run.out.contains(bare.toUtf8()), run.out.constData());
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("nobody@example.com")});
        QCOMPARE(run.exitCode, 1);
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

    void modelExportThenImportMakesADraft()
    {
        const QString file = m_dir.filePath(QStringLiteral("live.json"));
        Run run = handoff({QStringLiteral("model"), QStringLiteral("export"),
                           QStringLiteral("--db"), m_db, file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile exported(file);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QJsonObject model = QJsonDocument::fromJson(exported.readAll()).object();
        QCOMPARE(model.value(QStringLiteral("mql_threshold")).toDouble(), 65.0);

        model.insert(QStringLiteral("mql_threshold"), 72);
        const QString edited = m_dir.filePath(QStringLiteral("edited.json"));
        QFile out(edited);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(model).toJson());
        out.close();
        // A draft needs an author the console knows: a new name needs its role.
        run = handoff({QStringLiteral("model"), QStringLiteral("import"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--as"), QStringLiteral("Mia"), edited});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("there is no profile 'Mia'")),
                 qPrintable(run.err));
        run = handoff({QStringLiteral("model"), QStringLiteral("import"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--as"), QStringLiteral("Mia"),
                       QStringLiteral("--role"), QStringLiteral("marketing"), edited});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("as draft version 2 by Mia"), run.out.constData());
        // The imported draft exports as it came in; the live model is untouched.
        const QString again = m_dir.filePath(QStringLiteral("again.json"));
        run = handoff({QStringLiteral("model"), QStringLiteral("export"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--version"), QStringLiteral("2"), again});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile reread(again);
        QVERIFY(reread.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(reread.readAll())
                     .object()
                     .value(QStringLiteral("mql_threshold"))
                     .toDouble(),
                 72.0);

        // A broken file says where it is broken and stores nothing.
        model.insert(QStringLiteral("half_life_days"), QStringLiteral("long"));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(model).toJson());
        out.close();
        run = handoff({QStringLiteral("model"), QStringLiteral("import"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--as"), QStringLiteral("Mia"), edited});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("edited.json: not a scoring model")) &&
                     run.err.contains(QStringLiteral("half_life_days")),
                 qPrintable(run.err));
        run = handoff({QStringLiteral("model"), QStringLiteral("export"), QStringLiteral("--db"),
                       m_db, QStringLiteral("--version"), QStringLiteral("3"), again});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("version 3 does not exist")), qPrintable(run.err));
    }

    void backtestComparesAModelFileWithTheLiveModel()
    {
        const QString file = m_dir.filePath(QStringLiteral("bt-live.json"));
        Run run = handoff({QStringLiteral("model"), QStringLiteral("export"),
                           QStringLiteral("--db"), m_db, file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = handoff({QStringLiteral("backtest"), QStringLiteral("--db"), m_db,
                       QStringLiteral("--model"), file, QStringLiteral("--window"),
                       QStringLiteral("26"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QVERIFY(result.value(QStringLiteral("leads")).toInt() > 100);
        // The live model tried against itself gives the same figures on both sides.
        const QJsonObject live = result.value(QStringLiteral("live")).toObject();
        QCOMPARE(result.value(QStringLiteral("model")).toObject(), live);
        QVERIFY(live.value(QStringLiteral("precision")).toDouble() > 0);
        QVERIFY(live.value(QStringLiteral("auc")).toDouble() > 0.5);
        QCOMPARE(live.value(QStringLiteral("mqls_per_week")).toArray().size(), 27);

        run = handoff({QStringLiteral("backtest"), QStringLiteral("--db"), m_db});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--model FILE.json is required")),
                 qPrintable(run.err));
    }

    void reportWritesAPdfOfSeveralPages()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        const Run run =
            handoff({QStringLiteral("report"), QStringLiteral("--db"), m_db,
                     QStringLiteral("--out"), pdf, QStringLiteral("--page"), QStringLiteral("a4")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("pages (A4)"), run.out.constData());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
