// A lead database on a PostgreSQL team server: what opening one checks, creates and refuses.
// Runs in the team server's ctest run only (tests/CMakeLists.txt); without a server it skips.

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "errorof.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/handoffrepository.h"
#include "store/historystamp.h"
#include "store/leadrepository.h"
#include "store/sqlquery.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

class TestServerDatabase : public QObject
{
    Q_OBJECT

private:
    QString m_server;

private slots:
    void initTestCase()
    {
        m_server = testServerAddress();
        if (m_server.isEmpty())
            QSKIP("no test server (the team server's ctest run starts one)");
    }

    void anEmptyServerDatabaseGetsTheWholeSchema()
    {
        ServerTestDatabase empty(m_server);
        Database db(empty.address());
        QVERIFY(db.isServer());
        QVERIFY(db.wasCreated());
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(db.location(), empty.address());
        const QList<ActivityType> types = ActivityRepository(db.connection()).types();
        QCOMPARE(types.size(), standardActivityTypes().size());
        // Opened again, nothing is created or migrated.
        Database again(empty.address(), Database::Open::Existing);
        QVERIFY(!again.wasCreated());
        QCOMPARE(again.schemaVersion(), Database::SchemaVersion);
    }

    void anEmptyServerDatabaseIsNotCreatedByACommandThatOnlyReads()
    {
        ServerTestDatabase empty(m_server);
        for (const auto mode : {Database::Open::Existing, Database::Open::ReadOnly}) {
            const auto refused = errorOf([&] { Database(empty.address(), mode); });
            QVERIFY(refused);
            QVERIFY2(refused->message().contains(QStringLiteral("holds no Handoff database yet")),
                     qPrintable(refused->message()));
        }
        QCOMPARE(Database(empty.address()).wasCreated(), true);
    }

    void anotherProgramsDatabaseIsRefusedUntouched()
    {
        ServerTestDatabase other(m_server);
        {
            Database ours(other.address());
            QSqlQuery q(ours.connection());
            QVERIFY(q.exec(QStringLiteral("DROP TABLE handoff_schema")));
        }
        const auto refused = errorOf([&] { Database(other.address()); });
        QVERIFY(refused);
        QVERIFY2(refused->message().contains(QStringLiteral("tables of another program")),
                 qPrintable(refused->message()));
    }

    void aNewerSchemaIsRefused()
    {
        ServerTestDatabase newer(m_server);
        {
            Database db(newer.address());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE handoff_schema SET version = 99")));
        }
        const auto refused = errorOf([&] { Database(newer.address()); });
        QVERIFY(refused);
        QVERIFY2(refused->message().contains(QStringLiteral("newer than the")),
                 qPrintable(refused->message()));
    }

    void aReadOnlyConnectionCannotWrite()
    {
        ServerTestDatabase t(m_server);
        Database(t.address()); // created
        Database reader(t.address(), Database::Open::ReadOnly);
        const auto refused = errorOf([&] {
            LeadRepository(reader.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        });
        QVERIFY(refused);
        QCOMPARE(LeadRepository(reader.connection()).count(), 0);
    }

    // A statement run again on one connection is prepared on the server once (a prepare and
    // its DEALLOCATE were two of every three round trips); the same statement read inside a
    // read of itself gets one of its own; a connection opened again prepares afresh.
    void aConnectionPreparesAStatementOnce()
    {
        ServerTestDatabase t(m_server);
        Database db(t.address());
        LeadRepository leads(db.connection());
        const qint64 a = leads.insert(makeLead(QStringLiteral("a@x.example")));
        const qint64 b = leads.insert(makeLead(QStringLiteral("b@x.example")));
        const auto preparedLike = [&](const QString &text) {
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT count(*) FROM pg_prepared_statements "
                                     "WHERE statement LIKE ?"));
            q.addBindValue(QLatin1Char('%') + text + QLatin1Char('%'));
            return q.exec() && q.next() ? q.value(0).toInt() : -1;
        };
        const QString byId = QStringLiteral("SELECT email FROM leads WHERE id = :id");
        const auto emailOf = [&](qint64 id) {
            auto q = sql::prepare(db.connection(), byId);
            q.bindValue(QStringLiteral(":id"), id);
            sql::exec(q);
            return sql::next(q) ? q.value(0).toString() : QString();
        };
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(emailOf(a), QStringLiteral("a@x.example"));
            QCOMPARE(emailOf(b), QStringLiteral("b@x.example"));
        }
        QCOMPARE(preparedLike(QStringLiteral("FROM leads WHERE id = $1")), 1);
        {
            auto outer = sql::prepare(db.connection(), byId);
            outer.bindValue(QStringLiteral(":id"), a);
            sql::exec(outer);
            QVERIFY(sql::next(outer));
            QCOMPARE(emailOf(b), QStringLiteral("b@x.example")); // while the outer one reads
            QCOMPARE(outer.value(0).toString(), QStringLiteral("a@x.example"));
        }
        QVERIFY(preparedLike(QStringLiteral("FROM leads WHERE id = $1")) <= 2);
        Database again(t.address(), Database::Open::Existing);
        QCOMPARE(LeadRepository(again.connection()).find(a)->email, QStringLiteral("a@x.example"));
    }

    // A kept statement carries nothing of its last run to the next: not its values (a
    // placeholder left unbound is NULL), and not a long result (QPSQL would hold every row
    // until the next run), so one that read many rows is not kept.
    void aKeptStatementForgetsItsLastRun()
    {
        ServerTestDatabase t(m_server);
        Database db(t.address());
        const QString text = QStringLiteral("SELECT coalesce(CAST(:b AS TEXT), 'none')");
        const auto run = [&](const QVariant &b) {
            auto q = sql::prepare(db.connection(), text);
            if (b.isValid())
                q.bindValue(QStringLiteral(":b"), b);
            sql::exec(q);
            return sql::next(q) ? q.value(0).toString() : QString();
        };
        QCOMPARE(run(QStringLiteral("x")), QStringLiteral("x"));
        QCOMPARE(run(QVariant()), QStringLiteral("none"));

        const QString many = QStringLiteral("SELECT n FROM generate_series(1, :n) AS n");
        const auto rows = [&](int n) {
            auto q = sql::prepare(db.connection(), many);
            q.bindValue(QStringLiteral(":n"), n);
            sql::exec(q);
            int count = 0;
            while (sql::next(q))
                ++count;
            return count;
        };
        const auto kept = [&] {
            QSqlQuery q(db.connection());
            return q.exec(QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE "
                                         "statement LIKE '%generate_series%'")) &&
                           q.next()
                       ? q.value(0).toInt()
                       : -1;
        };
        QCOMPARE(rows(10), 10);
        QCOMPARE(kept(), 1);
        QCOMPARE(rows(5000), 5000);
        QCOMPARE(kept(), 0);
    }

    // A statement still in use when its connection was opened again names a statement the
    // new session does not have: it is not kept, and the next run of its text prepares anew.
    void aStatementOfAnEarlierSessionIsNotKept()
    {
        ServerTestDatabase t(m_server);
        Database db(t.address());
        const QString text = QStringLiteral("SELECT count(*) FROM leads WHERE id > :id");
        const auto run = [&] {
            auto q = sql::prepare(db.connection(), text);
            q.bindValue(QStringLiteral(":id"), 0);
            sql::exec(q);
            return sql::next(q) ? q.value(0).toInt() : -1;
        };
        QCOMPARE(run(), 0);
        {
            auto held = sql::prepare(db.connection(), text); // in use across the reopening
            sql::forgetStatements(db.connection());          // as Database::reconnect() does
            QSqlQuery(db.connection()).exec(QStringLiteral("DEALLOCATE ALL")); // a new session
        }
        QCOMPARE(run(), 0);
    }

    // What a polling reader compares: it moves with every commit, also an activity added in
    // autocommit. (It may move for nothing, too: a commit to another test's database.)
    void theDataVersionMovesWithEveryCommit()
    {
        ServerTestDatabase t(m_server);
        Database console(t.address());
        Database writer(t.address(), Database::Open::Existing);
        const qint64 start = console.dataVersion();
        Lead lead = makeLead(QStringLiteral("a@x.example"));
        lead.id = LeadRepository(writer.connection()).insert(lead);
        const qint64 afterLead = console.dataVersion();
        QVERIFY(afterLead > start);
        ActivityRepository(writer.connection()).insert({0, lead.id, 1, 1'700'000'000, {}, {}});
        QVERIFY(console.dataVersion() > afterLead);
    }

    // A commit is pushed to every listening connection, a rollback never.
    void aCommitIsPushedToAListeningConnection()
    {
        ServerTestDatabase t(m_server);
        Database listener(t.address());
        Database writer(t.address(), Database::Open::Existing);
        QObject context;
        int pushed = 0;
        QVERIFY(listener.listenForChanges(&context, [&pushed] { ++pushed; }));
        {
            Transaction abandoned(writer.connection());
            LeadRepository(writer.connection()).insert(makeLead(QStringLiteral("b@x.example")));
        }
        LeadRepository(writer.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        QTRY_COMPARE(pushed, 1); // the commit's, once: nothing came of the rollback
        QTest::qWait(200);
        QCOMPARE(pushed, 1);
    }

    // A write that changes nothing (a claim another desk already won) wakes no console; a
    // transaction of many statements is pushed once; a push says what was written, naming
    // the handoffs (a console rereads those rows, not every open handoff).
    void aWriteThatChangesNothingIsNotPushed()
    {
        ServerTestDatabase t(m_server);
        Database listener(t.address());
        Database writer(t.address(), Database::Open::Existing);
        const qint64 id =
            LeadRepository(writer.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        Handoff h;
        h.leadId = id;
        h.raisedAt = 1'700'000'000;
        const qint64 handoff = *HandoffRepository(writer.connection()).raiseIfNoneOpen(h);
        QVERIFY(HandoffRepository(writer.connection()).claim(handoff, QStringLiteral("Riley"), 1));
        QObject context;
        int pushed = 0;
        QVERIFY(listener.listenForChanges(&context, [&pushed] { ++pushed; }));
        const qint64 before = listener.dataVersion();
        QVERIFY(!HandoffRepository(writer.connection()).claim(handoff, QStringLiteral("Sam"), 2));
        QVERIFY(!HandoffRepository(writer.connection()).raiseIfNoneOpen(h));
        QTest::qWait(200);
        QCOMPARE(pushed, 0);
        {
            Transaction many(writer.connection());
            for (int i = 0; i < 3; ++i)
                LeadRepository(writer.connection())
                    .insert(makeLead(QStringLiteral("m%1@x.example").arg(i)));
            many.commit();
        }
        QTRY_COMPARE(pushed, 1);
        QVERIFY(listener.dataVersion() > before);
        ServerChanges heard = listener.takeChanges();
        QVERIFY(heard.touches(QStringLiteral("leads")));
        QVERIFY(!heard.touches(QStringLiteral("handoffs")));
        QVERIFY(listener.takeChanges().isEmpty()); // taken once

        QVERIFY(HandoffRepository(writer.connection())
                    .release(handoff, QStringLiteral("Riley"), false));
        QTRY_COMPARE(pushed, 2);
        heard = listener.takeChanges();
        QVERIFY(heard.touches(QStringLiteral("handoffs")));
        QVERIFY(!heard.touches(QStringLiteral("leads")));
        QVERIFY(heard.handoffsNamed());
        QCOMPARE(heard.handoffIds(), QSet<qint64>{handoff});
    }

    // A saved start state is checked against the history's rewrite count: a delete counts
    // once per statement, a delete of nothing does not count.
    void rewritingHistoryCounts()
    {
        ServerTestDatabase t(m_server);
        Database db(t.address());
        Lead lead = makeLead(QStringLiteral("a@x.example"));
        lead.id = LeadRepository(db.connection()).insert(lead);
        ActivityRepository(db.connection()).insert({0, lead.id, 1, 1'700'000'000, {}, {}});
        ActivityRepository(db.connection()).insert({0, lead.id, 1, 1'700'000'100, {}, {}});
        const qint64 before = HistoryStampRepository(db.connection()).current().rewrites;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM activities WHERE lead_id = -1")));
        QCOMPARE(HistoryStampRepository(db.connection()).current().rewrites, before);
        QVERIFY(q.exec(QStringLiteral("UPDATE activities SET asset = 'x'")));
        QCOMPARE(HistoryStampRepository(db.connection()).current().rewrites, before);
        QVERIFY(q.exec(QStringLiteral("UPDATE activities SET occurred_at = occurred_at + 1")));
        QVERIFY(HistoryStampRepository(db.connection()).current().rewrites > before);
        const qint64 afterUpdate = HistoryStampRepository(db.connection()).current().rewrites;
        QVERIFY(q.exec(QStringLiteral("DELETE FROM activities")));
        QCOMPARE(HistoryStampRepository(db.connection()).current().rewrites, afterUpdate + 1);
    }

    // The history's references (activities and stage changes, schema 16) keep a foreign
    // key's promises, checked a statement at a time: nothing names what does not exist, a
    // lead takes its history with it, and what the history names stays. A statement of a few
    // rows (a desk's) is checked row by row, a larger one (an import's) as a set.
    void theHistorysReferencesHoldAsKeysWould_data()
    {
        QTest::addColumn<int>("rows");
        QTest::newRow("a desk's row") << 1;
        QTest::newRow("an import's statement") << 40;
    }

    void theHistorysReferencesHoldAsKeysWould()
    {
        QFETCH(int, rows);
        ServerTestDatabase t(m_server);
        Database db(t.address());
        Lead lead = makeLead(QStringLiteral("a@x.example"));
        lead.id = LeadRepository(db.connection()).insert(lead);
        ActivityRepository(db.connection()).insert({0, lead.id, 1, 1'700'000'000, {}, {}});
        QSqlQuery q(db.connection());
        const auto refusedAsAKey = [&](const QString &statement) {
            if (q.exec(statement))
                return false;
            return q.lastError().nativeErrorCode() == QLatin1String("23503");
        };
        // `rows` activities of the lead, the last naming `last` (SQL) instead of the lead's.
        const auto activities = [&](const QString &last) {
            return QStringLiteral("INSERT INTO activities (lead_id, type_id, occurred_at, "
                                  "import_batch_id) SELECT %1, 1, g, NULL::bigint FROM "
                                  "generate_series(1, %2) AS g UNION ALL SELECT %3")
                .arg(lead.id)
                .arg(rows - 1)
                .arg(last);
        };
        const QString id = QString::number(lead.id);
        QVERIFY(refusedAsAKey(activities(QStringLiteral("%1 + 1000, 1, 0, NULL").arg(id))));
        QVERIFY2(
            q.lastError().text().contains(QStringLiteral("(lead_id)=(%1)").arg(lead.id + 1000)),
            qPrintable(q.lastError().text()));
        QVERIFY(refusedAsAKey(activities(QStringLiteral("%1, 9999, 0, NULL").arg(id))));
        QVERIFY(q.lastError().text().contains(QStringLiteral("(type_id)=(9999)")));
        QVERIFY(refusedAsAKey(activities(QStringLiteral("%1, 1, 0, 77").arg(id))));
        QVERIFY(q.lastError().text().contains(QStringLiteral("(import_batch_id)=(77)")));
        QVERIFY(refusedAsAKey(QStringLiteral("UPDATE activities SET lead_id = lead_id + 1000")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO stage_history (lead_id, to_stage, changed_at) "
                                      "VALUES (%1, 'mql', 1)")
                           .arg(id)));
        QVERIFY(refusedAsAKey(QStringLiteral("INSERT INTO stage_history (lead_id, to_stage, "
                                             "changed_at) SELECT %1, 'mql', g FROM "
                                             "generate_series(1, %2) AS g UNION ALL SELECT "
                                             "%1 + 1000, 'mql', 0")
                                  .arg(id)
                                  .arg(rows - 1)));
        QVERIFY(refusedAsAKey(QStringLiteral("UPDATE stage_history SET import_batch_id = 77")));
        QVERIFY(refusedAsAKey(QStringLiteral("DELETE FROM activity_types WHERE id = 1")));
        QVERIFY(refusedAsAKey(QStringLiteral("UPDATE leads SET id = id + 1000")));
        // The other tables that name leads go with a cascade; the activities are not left.
        QVERIFY(refusedAsAKey(QStringLiteral("TRUNCATE leads CASCADE")));
        // A transaction on its first snapshot would not see history committed meanwhile.
        QVERIFY(q.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM leads WHERE id = %1").arg(id)));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("40001"));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM activities")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);

        // A lead activities were just written for is held until they commit: a delete
        // elsewhere waits for it (here it gives up at once), then takes the activities too.
        Database other(t.address());
        Transaction writing(db.connection());
        QVERIFY(q.exec(activities(QStringLiteral("%1, 1, 0, NULL").arg(id))));
        QSqlQuery deleting(other.connection());
        QVERIFY(deleting.exec(QStringLiteral("SET lock_timeout = 50")));
        QVERIFY(!deleting.exec(QStringLiteral("DELETE FROM leads WHERE id = %1").arg(id)));
        QCOMPARE(deleting.lastError().nativeErrorCode(), QStringLiteral("55P03"));
        writing.commit();
        QVERIFY(deleting.exec(QStringLiteral("DELETE FROM leads WHERE id = %1").arg(id)));
        QCOMPARE(deleting.numRowsAffected(), 1);
        for (const QLatin1String history :
             {QLatin1String("activities"), QLatin1String("stage_history")}) {
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(history)) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestServerDatabase)
#include "tst_serverdatabase.moc"
