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

using namespace handoff;

// The handoff binary as a user runs it: exit codes, messages on stderr, parseable output.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Run = CliRun;
    static Run handoff(const QStringList &arguments) { return runHandoff(arguments); }

    QTemporaryDir m_dir;
    QString m_db;

    QString writeFile(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    // An export whose id column neither a preset nor the id detector knows (its handles are
    // not shaped like ids): without --map it becomes a custom field.
    QString prospectsFile(const QString &name, const QByteArray &rows = {}) const
    {
        return writeFile(name,
                         "Prospect ID,Email,First Name,Notes\n" +
                             (rows.isEmpty() ? QByteArray("ann-lee,ann@one.example,Ann,met at "
                                                          "fair\nbob-ray,bob@two.example,Bob,\n")
                                             : rows));
    }
    static QString sql(const QString &db, const QString &statement)
    {
        return runSqliteShell(db, statement);
    }

private slots:
    // The team's hours: shown, set day by day, and checked before they are stored.
    void hoursAreShownAndSet()
    {
        const QString db = m_dir.filePath(QStringLiteral("hours.sqlite"));
        QVERIFY(QFile::copy(m_db, db));
        const auto hours = [&](const QStringList &more) {
            return handoff(QStringList{QStringLiteral("hours"), QStringLiteral("--db"), db} + more);
        };
        Run run = hours({});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("Mon-Sun 00:00-24:00 UTC; the SLA counts every minute\n"));

        // The days not named close: the weekend is not worked.
        run = hours({QStringLiteral("--zone"), QStringLiteral("Europe/Berlin"),
                     QStringLiteral("--hours"), QStringLiteral("mon-fri=09:00-17:30"),
                     QStringLiteral("--holiday"), QStringLiteral("2026-12-25"),
                     QStringLiteral("--sla-counts"), QStringLiteral("working"),
                     QStringLiteral("--as"), QStringLiteral("max")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, QByteArray("Mon-Fri 09:00-17:30 Europe/Berlin, 1 holiday; the SLA "
                                     "counts working time only\n  2026-12-25\n"));
        QCOMPARE(sql(db, QStringLiteral("SELECT actor, action FROM audit_log WHERE action = "
                                        "'calendar.set'")),
                 QStringLiteral("max|calendar.set"));

        for (const QStringList &bad :
             {QStringList{QStringLiteral("--hours"), QStringLiteral("weekdays=09:00-17:00")},
              QStringList{QStringLiteral("--hours"), QStringLiteral("mon=9-5")},
              QStringList{QStringLiteral("--zone"), QStringLiteral("Mars/Olympus")},
              QStringList{QStringLiteral("--holiday"), QStringLiteral("25.12.2026")},
              QStringList{QStringLiteral("--hours"), QStringLiteral("mon-sun=closed")}}) {
            run = hours(bad);
            QVERIFY2(run.exitCode != 0, qPrintable(bad.join(u' ')));
            QVERIFY2(!run.err.isEmpty(), qPrintable(bad.join(u' ')));
        }
        QVERIFY(hours({}).out.startsWith("Mon-Fri 09:00-17:30 Europe/Berlin"));
        // Once set, a day changes alone.
        run = hours({QStringLiteral("--hours"), QStringLiteral("sat=10:00-14:00")});
        QVERIFY(run.out.startsWith("Mon-Fri 09:00-17:30, Sat 10:00-14:00 Europe/Berlin"));
    }

    // Routing: shown, set for the team and per rep, and a bad option changes nothing.
    void routingIsShownAndSet()
    {
        const QString db = m_dir.filePath(QStringLiteral("routing.sqlite"));
        QVERIFY(QFile::copy(m_db, db));
        sql(db, QStringLiteral("INSERT INTO profiles (name, role, created_at) VALUES ('Ana', "
                               "'sales', 1), ('Mia', 'marketing', 1)"));
        const auto routing = [&](const QStringList &more) {
            return handoff(QStringList{QStringLiteral("routing"), QStringLiteral("--db"), db} +
                           more);
        };
        Run run = routing({});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("Routing: off (reps claim hand-raisers themselves)\n"
                                   "Claim timeout: none\n"));
        run = routing(
            {QStringLiteral("--mode"), QStringLiteral("weighted"),
             QStringLiteral("--claim-timeout"), QStringLiteral("20"), QStringLiteral("--rep"),
             QStringLiteral("Ana"), QStringLiteral("--available"), QStringLiteral("--weight"),
             QStringLiteral("3"), QStringLiteral("--territory"), QStringLiteral("country=DE,AT"),
             QStringLiteral("--as"), QStringLiteral("max")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out, QByteArray("Routing: weighted among reps on shift\n"
                                     "Claim timeout: 20 min without a first contact\n"
                                     "  Ana                  on shift  weight 3   country in DE, "
                                     "AT\n"));
        QCOMPARE(sql(db, QStringLiteral("SELECT actor || ':' || action FROM audit_log WHERE "
                                        "action LIKE 'routing.%' ORDER BY id")),
                 QStringLiteral("max:routing.set\nmax:routing.rep"));
        for (const QStringList &bad :
             {QStringList{QStringLiteral("--mode"), QStringLiteral("fastest")},
              QStringList{QStringLiteral("--claim-timeout"), QStringLiteral("-5")},
              QStringList{QStringLiteral("--weight"), QStringLiteral("2")},
              QStringList{QStringLiteral("--mode"), QStringLiteral("off"), QStringLiteral("--rep"),
                          QStringLiteral("Mia"), QStringLiteral("--available")},
              QStringList{QStringLiteral("--mode"), QStringLiteral("off"), QStringLiteral("--rep"),
                          QStringLiteral("Ana"), QStringLiteral("--territory"),
                          QStringLiteral("email=x")},
              QStringList{QStringLiteral("--rep"), QStringLiteral("Ana"),
                          QStringLiteral("--weight"), QStringLiteral("500")}}) {
            run = routing(bad);
            QVERIFY2(run.exitCode != 0, qPrintable(bad.join(u' ')));
            QVERIFY2(!run.err.isEmpty(), qPrintable(bad.join(u' ')));
        }
        // None of those changed anything: the mode is still weighted, Ana still weight 3.
        QVERIFY(routing({}).out.contains("weighted among reps on shift"));
        QVERIFY(routing({}).out.contains("weight 3"));
    }

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
        run = handoff({QStringLiteral("migrate"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option : {"usage: handoff migrate --from FILE.sqlite --to postgresql://",
                                   "--from", "--to", "--force"})
            QVERIFY2(run.out.contains(option), run.out.constData());
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

    // What a file manager does with a double-click: `handoff FILE` (the menu entry's %f).
    void opensTheConsoleOnAFileByName()
    {
        const QString picture = m_dir.filePath(QStringLiteral("by-name.png"));
        Run run = handoff({m_db, QStringLiteral("--screenshot"), picture});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(picture));
        // Opened, never created: a name that is not there is refused, and nothing appears.
        const QString missing = m_dir.filePath(QStringLiteral("not-there.sqlite"));
        run = handoff({missing, QStringLiteral("--screenshot"), picture});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no such file")), qPrintable(run.err));
        QVERIFY(!QFile::exists(missing));
        for (const QStringList &twice :
             {QStringList{m_db, m_db}, QStringList{m_db, QStringLiteral("--db"), m_db}}) {
            run = handoff(twice + QStringList{QStringLiteral("--screenshot"), picture});
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(QStringLiteral("name one database")), qPrintable(run.err));
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
        QTest::newRow("migrate: nowhere to")
            << QStringList{QStringLiteral("migrate"), QStringLiteral("--from"), QStringLiteral("x")}
            << "--from FILE and --to postgresql://... are both required";
        QTest::newRow("migrate: a file to a file")
            << QStringList{QStringLiteral("migrate"), QStringLiteral("--from"), QStringLiteral("x"),
                           QStringLiteral("--to"), QStringLiteral("y.sqlite")}
            << "to copy a file to a file, use 'handoff backup'";
        QTest::newRow("migrate: from a server")
            << QStringList{QStringLiteral("migrate"), QStringLiteral("--from"),
                           QStringLiteral("postgresql://h/a"), QStringLiteral("--to"),
                           QStringLiteral("postgresql://h/b")}
            << "--from names a lead database file, not a server";
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
        const QString leads = writeFile(
            QStringLiteral("two.csv"),
            "Email,First Name,Company\nann@one.example,Ann,One\nbob@two.example,Bob,Two\n");
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, leads});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Imported as batch 1 (undo with: handoff undo-import --db " +
                                  db.toUtf8() + " 1)"),
                 run.out.constData());

        for (const QString &file :
             {leads, writeFile(QStringLiteral("header.csv"), "Email,First Name,Company\n")}) {
            run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, file});
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.out.contains("Nothing to import"), run.out.constData());
            QVERIFY(!run.out.contains("batch 2"));
        }
        const QString refused =
            writeFile(QStringLiteral("refused.csv"),
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
        const QString leads = writeFile(QStringLiteral("history-leads.csv"),
                                        "Email,First Name\nold@hand.example,Old\n");
        const QString activities =
            writeFile(QStringLiteral("history-activities.csv"),
                      "Email,Activity,Date\nold@hand.example,demo_request,2024-03-01 10:00\n");
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

    // explain shows what each fit rule read and what the file said: the country as the
    // rule compares it with the spelling it came as, a seniority derived from the title with
    // that title, a size range with its text; the JSON carries the same as "origin".
    void explainShowsTheRawValueBesideTheNormalisedOne()
    {
        const QString db = m_dir.filePath(QStringLiteral("normalised.sqlite"));
        const QString leads = writeFile(QStringLiteral("normalised-leads.csv"),
                                        "Email,First Name,Job Title,Country,Number of Employees\n"
                                        "ann@gmail.com,Ann,VP of Marketing,USA,\"1,001-5,000\"\n");
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, leads});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("ann@gmail.com")});
        QCOMPARE(run.exitCode, 0);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral(R"(\+20 Seniority is one of C-level, VP \[VP \(from the )"
                                    R"(title "VP of Marketing"\)\])"))),
                 run.out.constData());
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral(R"(\+5 Country is one of US, GB, DE, CA, NL \[US \(USA\)\])"))),
                 run.out.constData());
        QVERIFY2(out.contains(QStringLiteral("Company size from 200 to 5000 [1001 (1,001-5,000)]")),
                 run.out.constData());
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral(R"(-5 Free e-mail is yes \[yes \(gmail\.com\)\])"))),
                 run.out.constData());
        run = handoff({QStringLiteral("explain"), QStringLiteral("--db"), db,
                       QStringLiteral("--format"), QStringLiteral("json"),
                       QStringLiteral("ann@gmail.com")});
        bool sawCountry = false;
        const QJsonArray fit =
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("fit")).toArray();
        for (const QJsonValue &v : fit) {
            const QJsonObject line = v.toObject();
            if (line.value(QStringLiteral("rule"))
                    .toString()
                    .startsWith(QStringLiteral("Country"))) {
                sawCountry = true;
                QCOMPARE(line.value(QStringLiteral("value")).toString(), QStringLiteral("US"));
                QCOMPARE(line.value(QStringLiteral("origin")).toString(), QStringLiteral("USA"));
            }
        }
        QVERIFY2(sawCountry, run.out.constData());
    }

    // A file without dates: explain says the request is undated history (not "raised today"),
    // shows the history and the activities as undated, and says how the score counts them.
    void explainSaysWhatIsUndated()
    {
        const QString db = m_dir.filePath(QStringLiteral("undated.sqlite"));
        const QString leads = writeFile(QStringLiteral("undated-leads.csv"),
                                        "Email,Lifecycle Stage,TotalVisits,Last Activity\n"
                                        "ann@undated.example,opportunity,4,Demo requested\n");
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
        const QString csv =
            writeFile(QStringLiteral("report.csv"),
                      "Lead ID,First Name,Last Name,Email,Lead Source,Status,Created Date\n"
                      "00Q1,Ann,Lee,ann@report.example,Web,MQL,2026-01-05\n");
        const QString db = m_dir.filePath(QStringLiteral("report.sqlite"));
        QCOMPARE(handoff({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode, 0);
        const Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                                 QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("Read as salesforce-report (7 columns recognised, 7 by their "
                                  "exact label); runner-up "),
                 run.out.constData());
        // A dry run never makes a database; for one not made yet it checks against an
        // empty one.
        const QString none = m_dir.filePath(QStringLiteral("never-made.sqlite"));
        const Run check = handoff({QStringLiteral("import"), QStringLiteral("--db"), none, csv,
                                   QStringLiteral("--dry-run")});
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.contains("does not exist yet") && check.out.contains("1 new"),
                 check.out.constData());
        QVERIFY(!QFile::exists(none));
        // Nor does an import that writes nothing: a first import whose rows are all refused.
        const QString refused =
            writeFile(QStringLiteral("all-refused.csv"), "Email,First Name\nnot-an-address,Ann\n");
        const Run failed =
            handoff({QStringLiteral("import"), QStringLiteral("--db"), none, refused});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains(QStringLiteral("was not kept")), qPrintable(failed.err));
        QVERIFY(!QFile::exists(none));
        QVERIFY(!QFile::exists(none + QStringLiteral("-wal")));
    }

    // An id column no preset recognises is read as the external id when told so: the lead is
    // then found by it, and a second file with new e-mails updates rather than duplicates.
    void mapReadsAColumnAsTheFieldNamed()
    {
        const QString db = m_dir.filePath(QStringLiteral("mapped.sqlite"));
        const QString csv = prospectsFile(QStringLiteral("prospects.csv"));
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                           QStringLiteral("--map"), QStringLiteral("Prospect ID=external_id"),
                           QStringLiteral("--map"), QStringLiteral("notes=ignore")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        QVERIFY2(run.out.contains("2 new"), run.out.constData());
        QCOMPARE(sql(db, QStringLiteral("SELECT group_concat(external_id) FROM leads")),
                 QStringLiteral("ann-lee,bob-ray"));
        // Neither the id nor the ignored notes were kept as custom fields.
        QCOMPARE(sql(db, QStringLiteral("SELECT count(*) FROM lead_custom_fields")),
                 QStringLiteral("0"));
        run = handoff(
            {QStringLiteral("explain"), QStringLiteral("--db"), db, QStringLiteral("bob-ray")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("bob@two.example"));

        // Without --map the same file keeps both columns as custom fields.
        const QString plain = m_dir.filePath(QStringLiteral("unmapped.sqlite"));
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), plain, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(sql(plain, QStringLiteral("SELECT count(*) FROM leads WHERE external_id "
                                           "IS NOT NULL AND external_id <> ''")),
                 QStringLiteral("0"));
        QCOMPARE(sql(plain, QStringLiteral("SELECT group_concat(DISTINCT name) FROM "
                                           "lead_custom_fields ORDER BY name")),
                 QStringLiteral("Notes,Prospect ID"));

        // Where the importer found an id column by itself, --map may take it away; then the
        // import no longer claims leads are known by it.
        const QString ids =
            writeFile(QStringLiteral("detected.csv"),
                      "Prospect ID,Email\nP-1,ann@one.example\nP-2,bob@two.example\n");
        run = handoff({QStringLiteral("import"), ids, QStringLiteral("--show-mapping")});
        QVERIFY2(run.out.contains("Leads are known by Prospect ID"), run.out.constData());
        run = handoff({QStringLiteral("import"), ids, QStringLiteral("--show-mapping"),
                       QStringLiteral("--map"), QStringLiteral("Prospect ID=custom")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(!run.out.contains("Leads are known by"), run.out.constData());
        QVERIFY2(run.out.contains("custom_field:Prospect ID"), run.out.constData());
    }

    void importHelpExplainsTheMappingOptions()
    {
        const Run run = handoff({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *text : {"--map <COLUMN=FIELD>", "--mapping <FILE.json>", "--show-mapping",
                                 "activity_count:TYPE", "stage_reached_at:STAGE"})
            QVERIFY2(run.out.contains(text), text);
    }

    void mapMistakesExitWithTwoAndWriteNothing_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown column")
            << QStringLiteral("Prospekt ID=external_id")
            << QStringLiteral("--map 'Prospekt ID=external_id': no column named 'Prospekt ID' in "
                              "bad-map.csv (did you mean 'Prospect ID'?); its columns are: "
                              "'Prospect ID', 'Email', 'First Name', 'Notes'");
        QTest::newRow("unknown field")
            << QStringLiteral("Prospect ID=externalid")
            << QStringLiteral("unknown field 'externalid'; did you mean 'external_id'? the fields "
                              "are: external_id, email");
        QTest::newRow("malformed")
            << QStringLiteral("Prospect ID") << QStringLiteral("write COLUMN=FIELD");
    }

    void mapMistakesExitWithTwoAndWriteNothing()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        const QString csv = prospectsFile(QStringLiteral("bad-map.csv"));
        // Into a database that does not exist yet: it is not made.
        const QString fresh = m_dir.filePath(QStringLiteral("never-mapped.sqlite"));
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), fresh, csv,
                           QStringLiteral("--map"), spec});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(!QFile::exists(fresh));
        QVERIFY(!run.out.contains("Created"));
        // Into one that does: no batch, no lead.
        const QString db = m_dir.filePath(QStringLiteral("map-mistakes.sqlite"));
        if (!QFile::exists(db))
            QCOMPARE(handoff({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode, 0);
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                       QStringLiteral("--map"), spec});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(sql(db, QStringLiteral("SELECT (SELECT count(*) FROM import_batches) + "
                                        "(SELECT count(*) FROM leads)")),
                 QStringLiteral("0"));
    }

    void showMappingPrintsEachColumnAndWritesNothing()
    {
        const QString csv = prospectsFile(QStringLiteral("show.csv"));
        const QString none = m_dir.filePath(QStringLiteral("not-made-by-show.sqlite"));
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), none, csv,
                           QStringLiteral("--show-mapping"), QStringLiteral("--map"),
                           QStringLiteral("#1=external_id")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!QFile::exists(none));
        const QList<QByteArray> lines = run.out.split('\n');
        QVERIFY2(run.out.startsWith("Read by generic column names"), run.out.constData());
        const auto line = [&](const QByteArray &start) {
            for (const QByteArray &l : lines) {
                if (l.startsWith(start))
                    return l.simplified();
            }
            return QByteArray();
        };
        QCOMPARE(line("#1"), QByteArray("#1 Prospect ID external_id External id ann-lee · "
                                        "bob-ray"));
        QCOMPARE(line("#2"), QByteArray("#2 Email email E-mail ann@one.example · "
                                        "bob@two.example"));
        QCOMPARE(line("#4"), QByteArray("#4 Notes custom_field:Notes Custom field \"Notes\" "
                                        "met at fair ·"));

        // An existing database is only read: no batch, no lead, the file unchanged.
        const QString db = m_dir.filePath(QStringLiteral("shown.sqlite"));
        QCOMPARE(handoff({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode, 0);
        const QString before = sql(db, QStringLiteral("PRAGMA data_version"));
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                       QStringLiteral("--show-mapping"), QStringLiteral("--format"),
                       QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonParseError error;
        const QJsonArray columns = QJsonDocument::fromJson(run.out, &error)
                                       .object()
                                       .value(QStringLiteral("columns"))
                                       .toArray();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(columns.size(), 4);
        QCOMPARE(columns[1].toObject().value(QStringLiteral("column")).toString(),
                 QStringLiteral("Email"));
        QCOMPARE(columns[1].toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("email"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
        QCOMPARE(sql(db, QStringLiteral("SELECT (SELECT count(*) FROM import_batches) + "
                                        "(SELECT count(*) FROM leads)")),
                 QStringLiteral("0"));
    }

    // --show-mapping --format json > m.json; edit; --mapping m.json: the edit is what imports.
    void aShownMappingEditedImportsAsEdited()
    {
        const QString csv = prospectsFile(QStringLiteral("roundtrip.csv"));
        Run run = handoff({QStringLiteral("import"), csv, QStringLiteral("--show-mapping"),
                           QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonObject mapping = QJsonDocument::fromJson(run.out).object();
        QJsonArray columns = mapping.value(QStringLiteral("columns")).toArray();
        QCOMPARE(columns.size(), 4);
        // The edit: the id column becomes the external id, the notes are dropped; and the
        // entries are reordered, since they are matched by label.
        columns[0] = QJsonObject{{QStringLiteral("column"), QStringLiteral("Notes")},
                                 {QStringLiteral("kind"), QStringLiteral("ignore")},
                                 {QStringLiteral("key"), QString()}};
        columns[3] = QJsonObject{{QStringLiteral("column"), QStringLiteral("Prospect ID")},
                                 {QStringLiteral("kind"), QStringLiteral("lead_field")},
                                 {QStringLiteral("key"), QStringLiteral("external_id")}};
        mapping.insert(QStringLiteral("columns"), columns);
        const QString json = writeFile(QStringLiteral("roundtrip.json"),
                                       QJsonDocument(mapping).toJson(QJsonDocument::Indented));
        const QString db = m_dir.filePath(QStringLiteral("roundtrip.sqlite"));
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                       QStringLiteral("--mapping"), json});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.out)));
        QCOMPARE(sql(db, QStringLiteral("SELECT group_concat(external_id) FROM leads")),
                 QStringLiteral("ann-lee,bob-ray"));
        QCOMPARE(sql(db, QStringLiteral("SELECT count(*) FROM lead_custom_fields")),
                 QStringLiteral("0"));
    }

    void aBrokenMappingFileSaysWhereAndWritesNothing()
    {
        const QString csv = prospectsFile(QStringLiteral("broken-mapping.csv"));
        const QString json = writeFile(QStringLiteral("broken.json"),
                                       "{\n  \"columns\": [\n"
                                       "    {\"column\": \"Email\", \"kind\": \"lead_field\"\n"
                                       "  ]\n}\n");
        const QString db = m_dir.filePath(QStringLiteral("broken-mapping.sqlite"));
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                           QStringLiteral("--mapping"), json});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(json + QStringLiteral(", line 4, column 3: not valid JSON")),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(db));

        const QString elsewhere = writeFile(
            QStringLiteral("elsewhere.json"),
            R"({"columns": [{"column": "Lead Score", "kind": "custom_field", "key": ""}]})");
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, csv,
                       QStringLiteral("--mapping"), elsewhere});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(elsewhere + QStringLiteral(", entry 1: no column named 'Lead "
                                                             "Score' in broken-mapping.csv")),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(db));
    }

    // A mapping used for an import is saved like the dialog's: the next file with that header
    // is read the same way without any flag.
    void aMappingUsedOnceIsUsedAgainWithoutFlags()
    {
        const QString db = m_dir.filePath(QStringLiteral("remembered.sqlite"));
        Run run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db,
                           prospectsFile(QStringLiteral("week1.csv")), QStringLiteral("--map"),
                           QStringLiteral("Prospect ID=external_id")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("The mapping is saved"), run.out.constData());
        // Next week: Ann has a new address; found by her id, she is updated, not duplicated.
        const QString week2 =
            prospectsFile(QStringLiteral("week2.csv"),
                          "ann-lee,ann@new.example,Ann,\ncy-moss,cy@three.example,Cy,\n");
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, week2,
                       QStringLiteral("--show-mapping")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("Read with the mapping saved for this file's header"),
                 run.out.constData());
        run = handoff({QStringLiteral("import"), QStringLiteral("--db"), db, week2});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("Read with the mapping saved for this file's header"),
                 run.out.constData());
        QVERIFY2(run.out.contains("1 new, 1 updated"), run.out.constData());
        QCOMPARE(sql(db, QStringLiteral("SELECT email FROM leads WHERE external_id = 'ann-lee'")),
                 QStringLiteral("ann@new.example"));
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

        const QString csv =
            writeFile(QStringLiteral("first.csv"), "Email,First Name\nfirst@new.example,First\n");
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

    // Once a hand-raiser is reached the clock stops, as in the console: "contacted in 4:22",
    // not the time since the hand was raised still counting.
    void theIntentQueueStopsTheClockAtFirstContact()
    {
        const QString db = m_dir.filePath(QStringLiteral("contacted.sqlite"));
        QVERIFY(QFile::copy(m_db, db));
        const QString id = sql(db, QStringLiteral("SELECT id FROM handoffs WHERE trigger = "
                                                  "'intent' AND outcome IS NULL AND "
                                                  "first_contact_at IS NULL ORDER BY id LIMIT 1"));
        QVERIFY(!id.isEmpty());
        sql(db, QStringLiteral("UPDATE handoffs SET first_contact_at = raised_at + 262 "
                               "WHERE id = %1")
                    .arg(id));
        const QString leadId =
            sql(db, QStringLiteral("SELECT lead_id FROM handoffs WHERE id = %1").arg(id));
        const Run run =
            handoff({QStringLiteral("queue"), QStringLiteral("intent"), QStringLiteral("--db"), db,
                     QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QStringList waiting;
        for (const QJsonValue &v : QJsonDocument::fromJson(run.out).array()) {
            const QJsonObject o = v.toObject();
            if (QString::number(o.value(QStringLiteral("lead_id")).toInteger()) == leadId)
                QCOMPARE(o.value(QStringLiteral("waiting")).toString(),
                         QStringLiteral("contacted in 4:22"));
            waiting << o.value(QStringLiteral("waiting")).toString();
        }
        QCOMPARE(waiting.count(QStringLiteral("contacted in 4:22")), 1);
        // The others, not reached, still count: a plain time waited.
        QVERIFY(waiting.size() > 1);
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
        const QString csv =
            writeFile(QStringLiteral("ids.csv"),
                      "Id,Email,Company\n"
                      "7f3c2a10-0000-4000-8000-000000000001,Ann.Lee@Example.com,Acme\n"
                      "7f3c2a10-0000-4000-8000-000000000002,,Initech\n");
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
