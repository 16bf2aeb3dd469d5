#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "errorof.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/historystamp.h"
#include "store/importrepository.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/pendinghandoverrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"

using namespace handoff;

namespace {
// How SQLite would answer `query`: its plan's steps, a line each (or why it cannot).
QString planOf(const QSqlDatabase &db, const QString &query)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + query))
        return q.lastError().text();
    QStringList steps;
    while (q.next())
        steps.append(q.value(3).toString());
    return steps.join(QLatin1Char('\n'));
}

// A file made at schema `version` with `rows` written as a console of that version would,
// and how that version's SQLite answers `query` (or which statement failed).
QString planAtVersion(const QString &path, int version, const QStringList &rows,
                      const QString &query)
{
    Database old(path, version);
    QSqlQuery q(old.connection());
    for (const QString &row : rows) {
        if (!q.exec(row))
            return row + QStringLiteral(": ") + q.lastError().text();
    }
    return planOf(old.connection(), query);
}
} // namespace

class TestDatabaseFile : public QObject
{
    Q_OBJECT

private:
    static QString refusal(const QString &path)
    {
        try {
            Database db(path);
        } catch (const Error &e) {
            return e.message();
        }
        return {};
    }

private slots:
    void createsANewFileWithTheCurrentSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        Database db(path);
        QVERIFY(db.wasCreated());
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QVERIFY(db.backupPath().isEmpty());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // The activity catalogue starts with the standard types, intent ones among them.
        const QList<ActivityType> types = ActivityRepository(db.connection()).types();
        QCOMPARE(types.size(), standardActivityTypes().size());
        QVERIFY(std::any_of(types.begin(), types.end(), [](const ActivityType &t) {
            return t.code == QLatin1String("demo_request") && t.kind == ActivityKind::Intent;
        }));
    }

    // A server's address is not taken for a file: a mistake in it is named, and a good one is
    // refused (without its password) until the team server is built; no file or folder appears.
    void aServerAddressIsNotTakenForAFile()
    {
        QTemporaryDir dir;
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const auto back = qScopeGuard([&before] { QDir::setCurrent(before); });
        const auto wrong = errorOf([] {
            Database(QStringLiteral("postgresql://host:99999/leads"),
                     Database::Open::CreateIfMissing);
        });
        QVERIFY(wrong);
        QVERIFY2(wrong->message().contains(QStringLiteral("not a number from 1 to 65535")),
                 qPrintable(wrong->message()));
        // Nothing listens on port 1: the server is tried, and the message names it without
        // the password.
        const auto refused = errorOf(
            [] { Database(QStringLiteral("postgresql://dana:hunter2@127.0.0.1:1/leads")); });
        QVERIFY(refused);
        QVERIFY2(refused->message().startsWith(QStringLiteral(
                     "postgresql://dana@127.0.0.1:1/leads: cannot connect to the server: ")),
                 qPrintable(refused->message()));
        QVERIFY(!refused->message().contains(QStringLiteral("hunter2")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void aFilePushesNothing()
    {
        TestDatabase t;
        QObject context;
        QVERIFY(!t.db().listenForChanges(&context, [] {}));
    }

    void reopeningKeepsTheData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.sqlite"));
        {
            Database db(path);
            LeadRepository(db.connection()).insert(makeLead(QStringLiteral("a@x.example")));
        }
        Database again(path);
        QVERIFY(!again.wasCreated());
        QCOMPARE(LeadRepository(again.connection()).count(), 1);
    }

    void migratesAnOlderSchemaAfterABackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database v1(path, 1);
            QCOMPARE(v1.schemaVersion(), 1);
            // Written as a version-1 console would have: the columns it had.
            QSqlQuery q(v1.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at) "
                                          "VALUES ('old@x.example', 1700000000)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(LeadRepository(db.connection()).count(), 1);
        QCOMPARE(LeadRepository(db.connection()).find(1)->email, QStringLiteral("old@x.example"));
        // What versions 2 and 3 add is there.
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM lead_qualification")));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM profiles")));
        QVERIFY(q.exec(QStringLiteral("SELECT updated_at FROM leads")) && q.next());
        // The backup is a version-1 file beside the original, with the lead in it.
        QVERIFY(!db.backupPath().isEmpty());
        QVERIFY(db.backupPath().startsWith(path + QStringLiteral(".v1-backup-")));
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 1);
    }

    // The versions since the last that changed a file's tables change a team server's schema
    // (16) or a file's indexes (17): a file of that version moves on in place, without the
    // copy an upgrade of its tables keeps.
    void aFileOfTheLastTableChangeMovesOnWithoutACopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v15.sqlite"));
        {
            Database v15(path, Database::FileSchemaVersion);
            QSqlQuery q(v15.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at, updated_at) "
                                          "VALUES ('old@x.example', 1700000000, 1)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(LeadRepository(db.connection()).count(), 1);
        QVERIFY(db.backupPath().isEmpty());
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("v15.sqlite.v*")}), QStringList());
    }

    void migratesVersion4ToTheMeetingTables()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
        {
            Database v4(path, 4);
            // Written as a version-4 console would have: the columns it had.
            QSqlQuery q(v4.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at, updated_at) "
                                          "VALUES ('old@x.example', 1700000000, 1)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(LeadRepository(db.connection()).count(), 1);
        // What version 5 adds: versioned targets, and meetings with their action items.
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM meeting_targets")));
        QVERIFY(q.exec(QStringLiteral("SELECT week, held_at, notes FROM meetings")));
        QVERIFY(q.exec(QStringLiteral("SELECT meeting_id, text, owner, due, done "
                                      "FROM meeting_actions")));
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 4);
    }

    void migratesVersion5ToImportEndMarks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v5.sqlite"));
        {
            Database v5(path, 5);
            QSqlQuery q(v5.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO import_batches (file_name, imported_at) "
                                          "VALUES ('leads.csv', 1)")));
            // What a build before version 6 kept for the batch's end, in a row for lead 0.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO import_lead_changes (batch_id, lead_id, "
                                          "created, before) VALUES (1, 0, 0, '{}')")));
        }
        Database db(path, 6);
        QCOMPARE(db.schemaVersion(), 6);
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT end_stamp_ms, end_audit_id, undo_end_stamp_ms "
                                      "FROM import_batches")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM import_lead_changes")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 5);
    }

    void migratesVersion6ToTheChangeSequence()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v6.sqlite"));
        {
            Database v6(path, 6);
            QSqlQuery q(v6.connection());
            // Millisecond stamps as version 6 wrote them, one import batch ending between them.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at, updated_at) "
                                          "VALUES ('a@x.example', 1, 1700000000100), "
                                          "('b@x.example', 1, 1700000000300)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO import_batches (file_name, imported_at, "
                                          "end_stamp_ms) VALUES ('leads.csv', 1, 1700000000200)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        // The old stamps keep their order as change numbers, and so does the batch's end.
        LeadRepository leads(db.connection());
        const auto afterBatch = leads.changedSince(1700000000200);
        QCOMPARE(afterBatch.size(), 1);
        QCOMPARE(afterBatch.first().lead.email, QStringLiteral("b@x.example"));
        QCOMPARE(ImportRepository(db.connection()).find(1)->endChangeSeq, 1700000000200);
        // The next write draws a number above everything before it.
        Transaction transaction(db.connection());
        QCOMPARE(transaction.changeSeq(), 1700000000301);
        const qint64 id = leads.insert(makeLead(QStringLiteral("c@x.example")));
        transaction.commit();
        QCOMPARE(leads.find(id)->changeSeq, 1700000000301);
        QCOMPARE(leads.latestChangeSeq(), 1700000000301);
    }

    // A version-8 file (before company sizes kept their text) upgrades in place: its sizes
    // stay, with no text beside them, and a range written after the upgrade keeps its text.
    void migratesVersion8ToCompanySizeText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v8.sqlite"));
        {
            Database v8(path, 8);
            QSqlQuery q(v8.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, company_size, created_at) "
                                          "VALUES ('old@x.example', 250, 1700000000)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 8);
        LeadRepository leads(db.connection());
        Lead lead = *leads.find(1);
        QCOMPARE(lead.companySize, std::optional<int>(250));
        QCOMPARE(lead.companySizeText, QString());
        lead.companySize = 51;
        lead.companySizeText = QStringLiteral("51-200");
        leads.update(lead);
        QCOMPARE(leads.find(1)->companySizeText, QStringLiteral("51-200"));
        Lead fresh = makeLead(QStringLiteral("new@x.example"));
        fresh.companySize = 10001;
        fresh.companySizeText = QStringLiteral("10,001+");
        QCOMPARE(leads.find(leads.insert(fresh))->companySizeText, QStringLiteral("10,001+"));
    }

    // A version-9 file kept a rejection's note glued to its reason ("Bad timing: call in
    // Q3"), so every note counted as a reason of its own: the upgrade splits them.
    void migratesVersion9ToRejectionNotesApart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v9.sqlite"));
        {
            Database v9(path, 9);
            QSqlQuery q(v9.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at) "
                                          "VALUES ('old@x.example', 1700000000)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO handoffs (lead_id, trigger, raised_at, outcome, outcome_at, reason) "
                "VALUES (1, 'mql', 1700000000, 'rejected', 1700000100, 'Bad timing: call in Q3'), "
                "(1, 'mql', 1700000200, 'rejected', 1700000300, 'No budget')")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        HandoffRepository handoffs(db.connection());
        QCOMPARE(handoffs.find(1)->reason, QStringLiteral("Bad timing"));
        QCOMPARE(handoffs.find(1)->note, QStringLiteral("call in Q3"));
        QCOMPARE(handoffs.find(2)->reason, QStringLiteral("No budget"));
        QCOMPARE(handoffs.find(2)->note, QString());
        QVERIFY(!handoffs.find(2)->slaExempt);
    }

    // A version-11 file gets an identity of its own and counts, from then on, every change to
    // its history that is not an addition, whoever makes it: what a saved start state is
    // checked against.
    void migratesVersion11ToAHistoryStamp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v11.sqlite"));
        {
            Database v11(path, 11);
            QSqlQuery q(v11.connection());
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO leads (email, created_at) VALUES "
                                      "('a@x.example', 1700000000), ('b@x.example', 1700000000)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO activities (lead_id, type_id, occurred_at) "
                                          "VALUES (1, 1, 1700000100), (2, 1, 1700000200), "
                                          "(2, 2, 1700000300)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        HistoryStampRepository stamps(db.connection());
        const HistoryStamp first = stamps.current();
        QCOMPARE(first.databaseId.size(), 32);
        QCOMPARE(first.rewrites, 0);
        QCOMPARE(first.lastActivityId, 3);
        QCOMPARE(first.lastActivityLead, 2);
        QCOMPARE(first.lastActivityAt, 1700000300);
        QVERIFY(stamps.continues(first, stamps.current()));
        {
            Database other(dir.filePath(QStringLiteral("other.sqlite")));
            QVERIFY(HistoryStampRepository(other.connection()).current().databaseId !=
                    first.databaseId);
        }

        // An addition continues the history; a rewrite, a deletion or a lead's deletion (its
        // activities going with it) each count.
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO activities (lead_id, type_id, occurred_at) "
                                      "VALUES (1, 3, 1700000400)")));
        QVERIFY(stamps.continues(first, stamps.current()));
        QVERIFY(q.exec(QStringLiteral("UPDATE activities SET asset = 'x' WHERE id = 1")));
        QCOMPARE(stamps.current().rewrites, 0); // what scoring does not read
        QVERIFY(q.exec(QStringLiteral("UPDATE activities SET occurred_at = 1 WHERE id = 1")));
        QCOMPARE(stamps.current().rewrites, 1);
        QVERIFY(!stamps.continues(first, stamps.current()));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM activities WHERE id = 4")));
        QCOMPARE(stamps.current().rewrites, 2);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM leads WHERE id = 2")));
        QCOMPARE(stamps.current().rewrites, 5); // the lead and, by cascade, its two activities
    }

    // Version 15 puts the activity's type in the lead index: the sales view's first read (the
    // activities of the leads with an open handoff, up to a noted one) is then answered by
    // the index alone, at a million leads 0.2 s instead of 0.5 s.
    void migratesVersion14ToActivitiesReadFromTheIndex()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v14.sqlite"));
        const QString firstRead = QStringLiteral(
            "SELECT lead_id, type_id, occurred_at FROM activities WHERE id > 0 AND id <= 9 AND "
            "lead_id IN (SELECT lead_id FROM handoffs WHERE outcome IS NULL)");
        const QString before =
            planAtVersion(path, 14,
                          {QStringLiteral("INSERT INTO leads (email, created_at) VALUES "
                                          "('a@x.example', 1700000000)"),
                           QStringLiteral("INSERT INTO activities (lead_id, type_id, occurred_at) "
                                          "VALUES (1, 1, 1700000100), (1, 2, 1700000200)")},
                          firstRead);
        QVERIFY2(!before.contains(QStringLiteral("COVERING INDEX")), qPrintable(before));
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 14);
        const QString after = planOf(db.connection(), firstRead);
        QVERIFY2(after.contains(QStringLiteral("COVERING INDEX activities_lead")),
                 qPrintable(after));
        QCOMPARE(ActivityRepository(db.connection()).count(), 2);
    }

    // Version 17 keeps the open handoffs, every column, in an index of their own: a start
    // reads them from a few hundred pages instead of every page of the handoffs table.
    void migratesVersion16ToOpenHandoffsReadFromTheirIndex()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v16.sqlite"));
        const QString openAll = QStringLiteral(
            "SELECT id, lead_id, trigger, request_type_id, model_id, score, raised_at, "
            "claimed_by, claimed_at, first_contact_at, outcome, outcome_at, outcome_by, reason, "
            "note, sla_exempt FROM handoffs WHERE outcome IS NULL");
        const QString before = planAtVersion(
            path, 16,
            {QStringLiteral("INSERT INTO leads (email, created_at) VALUES "
                            "('a@x.example', 1700000000), ('b@x.example', 1700000000)"),
             QStringLiteral("INSERT INTO handoffs (lead_id, trigger, raised_at, claimed_by, "
                            "claimed_at) VALUES (1, 'intent', 1700000100, 'sam', 1700000200)"),
             QStringLiteral("INSERT INTO handoffs (lead_id, trigger, raised_at, outcome, "
                            "outcome_at, outcome_by, reason) VALUES (2, 'mql', 1700000100, "
                            "'rejected', 1700000300, 'sam', 'no budget')")},
            openAll);
        QVERIFY2(!before.contains(QStringLiteral("COVERING INDEX")), qPrintable(before));
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QVERIFY(db.backupPath().isEmpty()); // an index: nothing stored changes
        const QString after = planOf(db.connection(), openAll);
        QVERIFY2(after.contains(QStringLiteral("COVERING INDEX handoffs_open")), qPrintable(after));
        const QList<Handoff> open = HandoffRepository(db.connection()).openAll();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().leadId, 1);
        QCOMPARE(open.first().claimedBy, QStringLiteral("sam"));
        QCOMPARE(HandoffRepository(db.connection()).latestRejections().size(), 1);
    }

    // A version-10 file (before gradual handovers) upgrades in place: its versions keep how
    // they went live, none of them gradual, and a wave can wait for its turn.
    void migratesVersion10ToGradualHandover()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v10.sqlite"));
        {
            Database v10(path, 10);
            QSqlQuery q(v10.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, created_at) "
                                          "VALUES ('old@x.example', 1700000000)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO scoring_models (status, author, created_at, live_at, definition, "
                "batch_handover) VALUES ('live', 'Mia', 1700000000, 1700000000, '{}', 1)")));
            QVERIFY(!q.exec(QStringLiteral("SELECT count(*) FROM pending_handovers")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 10);
        const ModelRecord live = *ModelRepository(db.connection()).find(1);
        QVERIFY(live.batchHandover);
        QCOMPARE(live.handoverPerHour, 0);
        PendingHandoverRepository pending(db.connection());
        QVERIFY(pending.all().isEmpty());
        QVERIFY(!pending.waveScheduled(1));
        pending.schedule({{1, 1, 72.5, 1700003600}});
        pending.schedule({{1, 1, 99, 1700000000}}); // waiting already: kept as planned
        QCOMPARE(pending.all().size(), 1);
        QVERIFY(pending.all().first() == (PendingHandover{1, 1, 72.5, 1700003600}));
        QVERIFY(pending.waveScheduled(1));
        QVERIFY(pending.due(1700003599).isEmpty());
        QCOMPARE(pending.due(1700003600).size(), 1);
        QCOMPARE(pending.nextReleaseAt(), std::optional<qint64>(1700003600));
        ModelRepository(db.connection()).setHandover(1, false, 12);
        QCOMPARE(ModelRepository(db.connection()).find(1)->handoverPerHour, 12);
        // A lead deleted takes its wait with it.
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM leads WHERE id = 1")));
        QVERIFY(pending.all().isEmpty());
    }

    // A version-7 file (before undated history) upgrades in place: its history stays dated,
    // where it was, and what it had reads back unchanged.
    void migratesVersion7ToUndatedHistory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v7.sqlite"));
        {
            Database v7(path, 7);
            QSqlQuery q(v7.connection());
            // Written as version 7 did: no undated columns.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO leads (email, stage, created_at) "
                                          "VALUES ('old@x.example', 'sql', 1700000000)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO stage_history (lead_id, from_stage, to_stage, changed_at) VALUES "
                "(1, NULL, 'suspect', 1700000000), (1, 'suspect', 'sql', 1700086400)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO activities (lead_id, type_id, "
                                          "occurred_at) VALUES (1, 1, 1700003600)")));
        }
        Database db(path);
        QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
        QVERIFY(db.backupPath().startsWith(path + QStringLiteral(".v7-backup-")));
        QCOMPARE(Database::readSchemaVersion(db.backupPath()), 7);
        LeadRepository leads(db.connection());
        const Lead lead = *leads.find(1);
        QCOMPARE(lead.createdAt, 1700000000);
        QVERIFY(!lead.createdUndated);
        const QList<StageChange> history = leads.stageHistory(1);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(1).to, Stage::Sql);
        QCOMPARE(history.at(1).changedAt, 1700086400);
        QVERIFY(!history.at(0).undated && !history.at(1).undated);
        const QList<Activity> activities = ActivityRepository(db.connection()).forLead(1);
        QCOMPARE(activities.size(), 1);
        QCOMPARE(activities.first().occurredAt, 1700003600);
        QVERIFY(!activities.first().undated);
        // New rows can be undated, and read back so, at the time that sorts before everything.
        ActivityRepository(db.connection()).insert({0, 1, 1, 1700009999, {}, {}, 0, true});
        const QList<Activity> after = ActivityRepository(db.connection()).forLead(1);
        QCOMPARE(after.size(), 2);
        QVERIFY(after.last().undated);
        QCOMPARE(after.last().occurredAt, UndatedTime);
    }

    void refusesANewerSchemaWithoutWriting()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            Database db(path);
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(
                QStringLiteral("PRAGMA user_version = %1").arg(Database::SchemaVersion + 1)));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        }
        const QByteArray before = fileDigest(path);
        const QString message = refusal(path);
        QVERIFY2(message.contains(path) && message.contains(QStringLiteral("newer")),
                 qPrintable(message));
        QCOMPARE(fileDigest(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesAFileThatIsNotSqliteWithoutChangingAByte()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("leads.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Email,First Name\nanna@example.com,Anna\n");
        file.close();
        const QByteArray before = fileDigest(path);
        const QString message = refusal(path);
        QVERIFY2(message.contains(path) && message.contains(QStringLiteral("not an SQLite")),
                 qPrintable(message));
        QCOMPARE(fileDigest(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no journal, no backup
    }

    void refusesACorruptFileWithoutChangingAByte()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        {
            Database db(path);
            LeadRepository leads(db.connection());
            for (int i = 0; i < 200; ++i)
                leads.insert(makeLead(QStringLiteral("l%1@x.example").arg(i)));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(100); // keep the header, garble the schema page
        file.write(QByteArray(3000, '\xAB'));
        file.close();
        const QByteArray before = fileDigest(path);
        const QString message = refusal(path);
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(fileDigest(path), before);
    }

    void refusesAnotherProgramsDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        {
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QByteArray before = fileDigest(path);
        const QString message = refusal(path);
        QVERIFY2(message.contains(QStringLiteral("another program")), qPrintable(message));
        QCOMPARE(fileDigest(path), before);
    }

    void refusesAMissingFolder()
    {
        QTemporaryDir dir;
        const QString message = refusal(dir.filePath(QStringLiteral("no/such/folder/x.sqlite")));
        QVERIFY2(message.contains(QStringLiteral("does not exist")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFile)
#include "tst_database.moc"
