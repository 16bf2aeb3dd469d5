// Moving a team from a lead database file to a PostgreSQL team server (handoff migrate,
// TeamMigration): everything arrives, what a console shows is the same on both, the server's
// ids go on after the copied ones, a database holding a team's data is not overwritten by
// accident, and a copy that fails leaves the server as it was. Runs in the team server's
// ctest run only (tests/CMakeLists.txt); without a server it skips.

#include <algorithm>

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "clirun.h"
#include "demo/demodatabase.h"
#include "errorof.h"
#include "queues/console.h"
#include "queues/leadqueues.h"
#include "scoring/scoringengine.h"
#include "store/databaselocation.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/teammigration.h"
#include "store/teamrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

// The demo's clock, so both sides score at the same moment.
constexpr qint64 Now = 1'790'000'000;

QStringList tablesOf(const QString &file)
{
    const QString tables = runSqliteShell(
        file, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite%' ORDER BY name"));
    return tables.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Every row of a table as text, sorted: NULL told apart from an empty text, numbers as the
// driver reads them.
QStringList rowsOf(const QSqlDatabase &db, const QString &table, const QString &columns = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM %2")
                        .arg(columns.isEmpty() ? QStringLiteral("*") : columns, table)))
        qFatal("%s: %s", qPrintable(table), qPrintable(query.lastError().text()));
    QStringList rows;
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values.append(query.isNull(i) ? QStringLiteral("<null>") : query.value(i).toString());
        rows.append(values.join(QLatin1Char('|')));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// The file's columns of a table: what the copy holds the same (the server may have more of
// its own, such as the database user of an audit entry).
QString fileColumnsOf(const QString &file, const QString &table)
{
    return runSqliteShell(file, QStringLiteral("SELECT group_concat(name, ', ') FROM "
                                               "pragma_table_info('%1')")
                                    .arg(table));
}

// Whether the server holds every row of the file as the file holds it, table by table.
void compareWithFile(const QString &file, const QString &address, const QStringList &tables)
{
    Database source(file, Database::Open::ReadOnly);
    Database team(address, Database::Open::ReadOnly);
    for (const QString &table : tables) {
        if (table == QLatin1String("history_stamp")) // an identity of its own, see below
            continue;
        const QString columns = fileColumnsOf(file, table);
        QCOMPARE(rowsOf(team.connection(), table, columns),
                 rowsOf(source.connection(), table, columns));
    }
}

// The whole content of a server database, table by table: what "left as it was" compares.
QStringList contentOf(const QString &address, const QStringList &tables)
{
    Database db(address, Database::Open::ReadOnly);
    QStringList content;
    for (const QString &table : tables) {
        content += QStringLiteral("== ") + table;
        content += rowsOf(db.connection(), table);
    }
    return content;
}

qint64 countOf(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !query.next())
        qFatal("%s: %s", qPrintable(table), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

QString makeDemo(const QTemporaryDir &dir, const QString &name, int leads, quint64 seed)
{
    const QString path = dir.filePath(name);
    DemoOptions options;
    options.leads = leads;
    options.seed = seed;
    options.now = Now;
    if (!DemoDatabase::create(path, options))
        qFatal("demo %s not made", qPrintable(name));
    return path;
}

// The queues as a console orders them: the sales view's leads, and the interest queue's
// leads and scores.
QStringList queuesOf(const QString &location)
{
    Database db(location, Database::Open::ReadOnly);
    ScoringEngine engine;
    engine.load(db, Now);
    const QList<Handoff> open = HandoffRepository(db.connection()).openAll();
    QStringList shown;
    for (const IntentQueueEntry &entry : queues::sales(engine, open))
        shown.append(QStringLiteral("sales %1").arg(entry.handoff.leadId));
    for (const int row : queues::interest(engine, open))
        shown.append(QStringLiteral("interest %1 %2")
                         .arg(engine.leads().id(row))
                         .arg(engine.scores().score(row), 0, 'f', 6));
    return shown;
}

} // namespace

class TestMigrate : public QObject
{
    Q_OBJECT

private:
    QString m_server;
    QTemporaryDir m_dir;
    QString m_teamA; // a demo team
    QString m_teamB; // another one, smaller
    QStringList m_tables;

    // A copy of team B with one thing wrong in it, written by the sqlite3 shell.
    QString brokenTeamB(const QString &name, const QString &statement) const
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_teamB, path))
            qFatal("cannot copy %s", qPrintable(m_teamB));
        const QString said = runSqliteShell(path, statement);
        if (said.startsWith(QLatin1String("sqlite3 failed")))
            qFatal("%s", qPrintable(said));
        return path;
    }

private slots:
    void initTestCase()
    {
        m_server = testServerAddress();
        if (m_server.isEmpty())
            QSKIP("no test server (the team server's ctest run starts one)");
        m_teamA = makeDemo(m_dir, QStringLiteral("team-a.sqlite"), 1500, 3);
        m_teamB = makeDemo(m_dir, QStringLiteral("team-b.sqlite"), 600, 7);
        // Rows in the tables a demo leaves empty, so their copy is seen too.
        const QString said = runSqliteShell(
            m_teamA,
            QStringLiteral(
                "INSERT INTO profiles (name, role, created_at) VALUES ('Ann', 'sales', 1);"
                "INSERT INTO lead_custom_fields VALUES (5, 'Budget', '10k'), (5, 'Note', '');"
                "INSERT INTO lead_qualification (lead_id, goals, updated_at) VALUES (5, "
                "'tab\there, line\nbreak, back\\slash', 2);"
                "INSERT INTO meeting_targets (sla_minutes, mqls_per_week, accept_rate, "
                "marketing_share_low, marketing_share_high, set_at) VALUES (15, 40, 0.1, 0.25, "
                "0.5, 3);"
                "INSERT INTO meetings (week, held_at, saved_at) VALUES ('2026-W47', 4, 4);"
                "INSERT INTO meeting_actions (meeting_id, position, text) VALUES (1, 0, 'Call "
                "Ann ✓');"
                "INSERT INTO import_mappings VALUES ('sig', '{}', 5, 'Ann');"
                "INSERT INTO model_signoffs VALUES (1, 'marketing', 'Ann', 6);"
                "INSERT INTO import_batches (id, file_name, imported_at) VALUES (1, 'x.csv', 7);"
                // History an import wrote: it names the batch, a table the file keeps later.
                "UPDATE activities SET import_batch_id = 1 WHERE id <= 3;"
                "UPDATE stage_history SET import_batch_id = 1 WHERE id <= 3;"
                "INSERT INTO import_lead_changes VALUES (1, 5, 0, '{}');"
                // Held until long after the tests' clock: no console releases it.
                "INSERT INTO pending_handovers VALUES (6, 1, 55.5, 2000000000);"
                "INSERT INTO intake_sources (name, kind, secret, created_at) VALUES ('web', "
                "'form', 'a-secret-0123456789', 8);"
                "INSERT INTO intake_requests VALUES (1, 'key:retry-1', 9, 5, 1);"
                "INSERT INTO business_calendar VALUES (1, '{\"zone\": \"Europe/Berlin\"}', "
                "10, 'Ann');"
                "INSERT INTO routing_settings VALUES (1, 'weighted', 15, 11, 'Ann');"
                "INSERT INTO rep_routing VALUES ('Bo', 1, 12, 3, 'country', 'DE\nAT');"
                "INSERT INTO routing_events (handoff_id, lead_id, kind, rep, at, due_at) "
                "VALUES (1, 5, 'sla_passed', 'Bo', 13, 12);"));
        QVERIFY2(said.isEmpty(), qPrintable(said));
        m_tables = tablesOf(m_teamA);
        QVERIFY(m_tables.contains(QStringLiteral("leads")));
    }

    // Every table arrives whole, ids and all, and the queues a console shows are the same.
    void aDemoTeamArrivesWhole()
    {
        ServerTestDatabase server(m_server);
        int progressCalls = 0;
        const TeamMigration::Result result =
            TeamMigration::copy(m_teamA, server.address(), TeamMigration::Existing::Refuse,
                                [&](const QString &, qint64 done, qint64 total) {
                                    QVERIFY(done <= total);
                                    ++progressCalls;
                                });
        QVERIFY(result.createdSchema);
        QCOMPARE(result.replacedRows, 0);
        QCOMPARE(result.tables.size(), m_tables.size());
        QVERIFY(progressCalls >= m_tables.size());

        Database file(m_teamA, Database::Open::ReadOnly);
        Database team(server.address(), Database::Open::Existing);
        QCOMPARE(team.schemaVersion(), Database::SchemaVersion);
        for (const QString &table : std::as_const(m_tables))
            QVERIFY2(countOf(file.connection(), table) > 0, qPrintable(table));
        compareWithFile(m_teamA, server.address(), m_tables);
        if (QTest::currentTestFailed())
            return;
        // The server's audit log names the database user behind every entry: for what the
        // file recorded, the one who migrated it.
        QCOMPARE(rowsOf(team.connection(), QStringLiteral("audit_log"),
                        QStringLiteral("DISTINCT db_user")),
                 QStringList{DatabaseLocation::parse(m_server).userName()});
        // The copy is a database of its own: a console's saved state for another is not
        // taken for it. What the history counted comes along.
        QCOMPARE(
            rowsOf(team.connection(), QStringLiteral("history_stamp"), QStringLiteral("rewrites")),
            rowsOf(file.connection(), QStringLiteral("history_stamp"), QStringLiteral("rewrites")));
        QVERIFY(rowsOf(team.connection(), QStringLiteral("history_stamp"),
                       QStringLiteral("database_id")) != rowsOf(file.connection(),
                                                                QStringLiteral("history_stamp"),
                                                                QStringLiteral("database_id")));

        QCOMPARE(HandoffRepository(team.connection()).openAll(),
                 HandoffRepository(file.connection()).openAll());
        const auto live = ModelRepository(team.connection()).live();
        QVERIFY(live);
        QCOMPARE(live->id, ModelRepository(file.connection()).live()->id);
        QCOMPARE(live->definition, ModelRepository(file.connection()).live()->definition);
        const QStringList queues = queuesOf(m_teamA);
        QVERIFY(queues.size() > 100);
        QCOMPARE(queuesOf(server.address()), queues);
    }

    // New rows on the server take ids after the copied ones, in every table with an id.
    void theServersIdsGoOnAfterTheCopy()
    {
        ServerTestDatabase server(m_server);
        TeamMigration::copy(m_teamB, server.address(), TeamMigration::Existing::Refuse);
        Database team(server.address(), Database::Open::Existing);
        Database file(m_teamB, Database::Open::ReadOnly);
        const qint64 lastLead =
            runSqliteShell(m_teamB, QStringLiteral("SELECT max(id) FROM leads")).toLongLong();
        QVERIFY(lastLead >= 600);
        LeadRepository leads(team.connection());
        const qint64 lead = leads.insert(makeLead(QStringLiteral("new@team.example")));
        QCOMPARE(lead, lastLead + 1);
        const qint64 lastActivity =
            runSqliteShell(m_teamB, QStringLiteral("SELECT max(id) FROM activities")).toLongLong();
        const qint64 activity =
            ActivityRepository(team.connection())
                .insert(
                    {0, lead, activityTypeId(team, QStringLiteral("demo_request")), Now, {}, {}});
        QCOMPARE(activity, lastActivity + 1);
        QCOMPARE(LeadRepository(team.connection()).count(),
                 LeadRepository(file.connection()).count() + 1);
    }

    // A database holding a team's data is refused, untouched, with what it holds; --force
    // replaces it with the file's.
    // `handoff demo` onto a team server: the same world a file gets, in an empty database
    // there; a database that holds leads is refused and left as it was.
    void aDemoIsMadeOnAServerAsInAFile()
    {
        ServerTestDatabase server(m_server);
        const CliRun made =
            runHandoff({QStringLiteral("demo"), QStringLiteral("--db"), server.address(),
                        QStringLiteral("--leads"), QStringLiteral("300"), QStringLiteral("--seed"),
                        QStringLiteral("5")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY2(made.out.startsWith(server.address().toUtf8() + ": 300 leads"),
                 made.out.constData());
        const QString file = m_dir.filePath(QStringLiteral("same-seed.sqlite"));
        QCOMPARE(runHandoff({QStringLiteral("demo"), QStringLiteral("--db"), file,
                             QStringLiteral("--leads"), QStringLiteral("300"),
                             QStringLiteral("--seed"), QStringLiteral("5")})
                     .exitCode,
                 0);
        {
            Database onFile(file, Database::Open::ReadOnly);
            Database onServer(server.address(), Database::Open::ReadOnly);
            for (const char *table : {"leads", "activities", "handoffs", "stage_history"})
                QCOMPARE(countOf(onServer.connection(), QString::fromLatin1(table)),
                         countOf(onFile.connection(), QString::fromLatin1(table)));
        }

        const QStringList before = contentOf(server.address(), {QStringLiteral("leads")});
        const CliRun again =
            runHandoff({QStringLiteral("demo"), QStringLiteral("--db"), server.address(),
                        QStringLiteral("--leads"), QStringLiteral("10")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("already holds leads")), qPrintable(again.err));
        QCOMPARE(contentOf(server.address(), {QStringLiteral("leads")}), before);
    }

    void aServerDatabaseWithDataIsReplacedOnlyWithForce()
    {
        ServerTestDatabase server(m_server);
        TeamMigration::copy(m_teamA, server.address(), TeamMigration::Existing::Refuse);
        {
            Database team(server.address(), Database::Open::Existing);
            LeadRepository(team.connection())
                .insert(makeLead(QStringLiteral("only@server.example")));
            // The team's members are the server's own, not the file's.
            QSqlQuery member(team.connection());
            QVERIFY(member.exec(QStringLiteral("INSERT INTO team_members (db_user, role) VALUES "
                                               "('ann', 'sales')")));
        }
        const QStringList before = contentOf(server.address(), m_tables);
        const CliRun refused = runHandoff({QStringLiteral("migrate"), QStringLiteral("--from"),
                                           m_teamB, QStringLiteral("--to"), server.address()});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("already holds a Handoff database: 1501 "
                                                     "leads")),
                 qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("--force")), qPrintable(refused.err));
        QCOMPARE(contentOf(server.address(), m_tables), before);

        const CliRun replaced =
            runHandoff({QStringLiteral("migrate"), QStringLiteral("--from"), m_teamB,
                        QStringLiteral("--to"), server.address(), QStringLiteral("--force")});
        QVERIFY2(replaced.exitCode == 0, qPrintable(replaced.err));
        QVERIFY2(replaced.out.contains("Replaced what it held: 1501 leads"),
                 replaced.out.constData());
        QVERIFY2(replaced.out.contains("Every table's count matches"), replaced.out.constData());
        QVERIFY2(replaced.err.contains(QStringLiteral("activities: ")), qPrintable(replaced.err));
        compareWithFile(m_teamB, server.address(), m_tables);
        Database team(server.address(), Database::Open::Existing);
        QCOMPARE(rowsOf(team.connection(), QStringLiteral("team_members")),
                 QStringList{QStringLiteral("ann|sales")});
        QVERIFY(LeadRepository(team.connection())
                    .findByKey(QStringLiteral("only@server.example"))
                    .isEmpty());
    }

    void whatIsNotACurrentHandoffFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("teamB");        // a copy of team B instead of the bytes
        QTest::addColumn<QString>("statement"); // run on the file by the sqlite3 shell
        QTest::addColumn<QString>("message");
        QTest::newRow("text") << QByteArray("name,email\nAnn,ann@x.example\n") << false << QString()
                              << "is not an SQLite database";
        QTest::newRow("another program's")
            << QByteArray() << false << "CREATE TABLE songs (title TEXT)"
            << "an SQLite database of another program";
        QTest::newRow("empty") << QByteArray() << false << QString()
                               << "is empty, not a Handoff database";
        QTest::newRow("newer schema")
            << QByteArray() << true
            << QStringLiteral("PRAGMA user_version = %1").arg(Database::SchemaVersion + 1)
            << QStringLiteral("has schema version %1, newer than the %2 this version of Handoff "
                              "knows; use a newer Handoff")
                   .arg(Database::SchemaVersion + 1)
                   .arg(Database::SchemaVersion);
        QTest::newRow("older schema")
            << QByteArray() << true << "PRAGMA user_version = 11"
            << QStringLiteral("has schema version 11, older than the %1 this version of Handoff "
                              "copies; nothing was copied; open it once with this version")
                   .arg(Database::SchemaVersion);
    }

    void whatIsNotACurrentHandoffFileIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, teamB);
        QFETCH(QString, statement);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("source.sqlite"));
        QVERIFY(teamB ? QFile::copy(m_teamB, path)
                      : writeTestFile(dir, QStringLiteral("source.sqlite"), bytes) == path);
        if (!statement.isEmpty())
            QCOMPARE(runSqliteShell(path, statement), QString());
        const QByteArray digest = fileDigest(path);
        ServerTestDatabase server(m_server);
        const auto refused = errorOf(
            [&] { TeamMigration::copy(path, server.address(), TeamMigration::Existing::Refuse); });
        QVERIFY(refused);
        QVERIFY2(refused->message().contains(message), qPrintable(refused->message()));
        QVERIFY2(refused->message().contains(path), qPrintable(refused->message()));
        QCOMPARE(fileDigest(path), digest);
        QCOMPARE(Database(server.address(), Database::Open::ExistingOrEmpty).schemaVersion(), 0);
    }

    // A value the server would refuse is named by file, table, row and column, wherever in
    // the copy it comes, and the server database is left exactly as it was: holding another
    // team (replaced only once everything is in), or empty, without even the schema.
    void aFailedCopyLeavesTheServerAsItWas_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("a NUL in a lead's text (first table)")
            << "UPDATE leads SET company = 'Ac' || char(0) || 'me' WHERE id = 7"
            << "table leads, row id 7, column company"
            << "holds a NUL character at byte 3";
        QTest::newRow("bytes that are not UTF-8")
            << "UPDATE leads SET title = CAST(x'41ff42' AS TEXT) WHERE id = 8"
            << "table leads, row id 8, column title"
            << "is not UTF-8 text from byte 2";
        QTest::newRow("a word for a time (the largest table)")
            << "UPDATE activities SET occurred_at = 'yesterday' WHERE id = 5000"
            << "table activities, row id 5000, column occurred_at"
            << "holds the text 'yesterday', not a number";
        QTest::newRow("a number too large (a late table)")
            << "INSERT INTO meeting_targets (id, sla_minutes, mqls_per_week, accept_rate, "
               "marketing_share_low, marketing_share_high, set_at) VALUES (3, 4294967296, 1, 0, "
               "0, 1, 0)"
            << "table meeting_targets, row id 3, column sla_minutes"
            << "holds 4294967296, out of the range of the server's column (integer)";
        QTest::newRow("a reference to a lead that is not there (the server refuses it)")
            << "UPDATE activities SET lead_id = 999999 WHERE id = 9000"
            << "table activities, row id 9000, column lead_id"
            << "refers to leads 999999, which the file does not hold";
    }

    void aFailedCopyLeavesTheServerAsItWas()
    {
        QFETCH(QString, statement);
        QFETCH(QString, where);
        QFETCH(QString, what);
        const QString broken = brokenTeamB(QStringLiteral("broken.sqlite"), statement);
        ServerTestDatabase holding(m_server);
        TeamMigration::copy(m_teamA, holding.address(), TeamMigration::Existing::Refuse);
        const QStringList before = contentOf(holding.address(), m_tables);
        ServerTestDatabase empty(m_server);
        for (const QString &address : {holding.address(), empty.address()}) {
            const auto failed = errorOf(
                [&] { TeamMigration::copy(broken, address, TeamMigration::Existing::Replace); });
            QVERIFY(failed);
            QVERIFY2(failed->message().startsWith(broken + QStringLiteral(", ") + where +
                                                  QStringLiteral(": ") + what),
                     qPrintable(failed->message()));
            QVERIFY2(failed->message().contains(QStringLiteral("nothing was written")),
                     qPrintable(failed->message()));
        }
        QCOMPARE(contentOf(holding.address(), m_tables), before);
        QCOMPARE(Database(empty.address(), Database::Open::ExistingOrEmpty).schemaVersion(), 0);
    }

    // A member of the team, who may write the tables but does not own them (and so may not
    // drop their foreign keys), copies too, the server checking every reference as the rows
    // arrive; a reference it refuses is named by its row all the same.
    void aMemberWhoDoesNotOwnTheTablesCopiesToo()
    {
        ServerTestDatabase server(m_server);
        const QString asMember = server.addUser(QStringLiteral("max"));
        {
            Database owner(server.address()); // makes the schema, and admits the member
            TeamRepository(owner.connection())
                .admit(server.userName(QStringLiteral("max")), Profile::Role::SalesManager);
        }

        const QString broken =
            brokenTeamB(QStringLiteral("broken.sqlite"),
                        QStringLiteral("UPDATE activities SET lead_id = 999999 WHERE id = 9000"));
        const auto failed = errorOf(
            [&] { TeamMigration::copy(broken, asMember, TeamMigration::Existing::Refuse); });
        QVERIFY(failed);
        QVERIFY2(failed->message().startsWith(
                     broken + QStringLiteral(", table activities, row id 9000, column lead_id: "
                                             "refers to leads 999999")),
                 qPrintable(failed->message()));

        TeamMigration::copy(m_teamB, asMember, TeamMigration::Existing::Refuse);
        compareWithFile(m_teamB, server.address(), m_tables);
    }

    // A console already open on the server's database takes the team in when it is pushed
    // the commit, as a console opened afterwards reads it: none of it counts as arriving, so
    // no lead of the team goes to sales again (it did: every lead above the threshold without
    // an open handoff, a rejected one say, was handed over anew as it "crossed" it).
    void aConsoleOnTheServerSeesTheTeamArrive()
    {
        ServerTestDatabase server(m_server);
        Database(server.address()); // the schema a console opens on
        Console console(server.address());
        console.setClock([] { return Now; });
        console.watch(0); // pushes only
        QSignalSpy replaced(&console, &Console::replaced);
        QCOMPARE(console.salesQueue()->rowCount(), 0);
        TeamMigration::copy(m_teamA, server.address(), TeamMigration::Existing::Refuse);
        QTRY_COMPARE(replaced.size(), 1);
        Console later(server.address());
        later.setClock([] { return Now; });
        later.refresh(true);
        QVERIFY(later.salesQueue()->rowCount() > 10);
        QCOMPARE(console.salesQueue()->rowCount(), later.salesQueue()->rowCount());
        QCOMPARE(console.interestQueue()->rowCount(), later.interestQueue()->rowCount());
        QCOMPARE(console.interestQueue()->leadIdAt(0), later.interestQueue()->leadIdAt(0));
        Database file(m_teamA, Database::Open::ReadOnly);
        Database team(server.address(), Database::Open::Existing);
        QCOMPARE(rowsOf(team.connection(), QStringLiteral("handoffs")),
                 rowsOf(file.connection(), QStringLiteral("handoffs")));
        // And what is written afterwards arrives as usual.
        const int shown = console.salesQueue()->rowCount();
        const qint64 id =
            LeadRepository(team.connection()).insert(makeLead(QStringLiteral("new@team.example")));
        ActivityRepository(team.connection())
            .insert(
                {0, id, activityTypeId(team, QStringLiteral("demo_request")), Now - 60, {}, {}});
        QTRY_COMPARE(console.salesQueue()->rowCount(), shown + 1);

        // Another team in its place (--force): nothing of the first stays on screen.
        TeamMigration::copy(m_teamB, server.address(), TeamMigration::Existing::Replace);
        QTRY_COMPARE(replaced.size(), 2);
        Console third(server.address());
        third.setClock([] { return Now; });
        QCOMPARE(console.salesQueue()->rowCount(), third.salesQueue()->rowCount());
        QCOMPARE(console.interestQueue()->rowCount(), third.interestQueue()->rowCount());
        QCOMPARE(console.engine().leads().size(), third.engine().leads().size());
        QVERIFY(!console.engine().leads().rowOf(id));
    }
};

QTEST_GUILESS_MAIN(TestMigrate)
#include "tst_migrate.moc"
