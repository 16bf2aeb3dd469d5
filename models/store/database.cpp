#include "store/database.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "store/activitytype.h"
#include "store/databaselocation.h"
#include "store/dialect.h"
#include "store/error.h"
#include "store/postgresqlschema.h"
#include "store/secondconnection.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

// Marks a SQLite file as ours, so another program's database is refused rather than altered.
constexpr int ApplicationId = 0x48414e44; // "HAND"

// Version 1: leads, their activities, the activity catalogue, scoring model versions with
// sign-offs, stage history, handoffs (claims and outcomes) and the audit log.
const QStringList schemaV1 = {
    QStringLiteral(R"(CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        external_id TEXT,
        email TEXT NOT NULL DEFAULT '',
        email_folded TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        seniority TEXT NOT NULL DEFAULT '',
        industry TEXT NOT NULL DEFAULT '',
        company_size INTEGER,
        country TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'marketing' CHECK (source IN ('marketing', 'sales')),
        channel TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT 'suspect' CHECK (stage IN ('suspect', 'mql', 'sql',
            'opportunity', 'won', 'lost', 'nurture', 'recycled', 'disqualified')),
        owner TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL))"),
    QStringLiteral("CREATE UNIQUE INDEX leads_external_id ON leads(external_id) "
                   "WHERE external_id IS NOT NULL"),
    QStringLiteral("CREATE INDEX leads_email_folded ON leads(email_folded)"),
    QStringLiteral(R"(CREATE TABLE activity_types (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('intent', 'interest', 'negative'))))"),
    QStringLiteral(R"(CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        type_id INTEGER NOT NULL REFERENCES activity_types(id),
        occurred_at INTEGER NOT NULL,
        asset TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL DEFAULT ''))"),
    QStringLiteral("CREATE INDEX activities_lead ON activities(lead_id, occurred_at)"),
    QStringLiteral(R"(CREATE TABLE scoring_models (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'live', 'retired')),
        name TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        rationale TEXT NOT NULL DEFAULT '',
        based_on INTEGER REFERENCES scoring_models(id),
        created_at INTEGER NOT NULL,
        live_at INTEGER,
        definition TEXT NOT NULL))"),
    QStringLiteral("CREATE UNIQUE INDEX scoring_models_one_live ON scoring_models(status) "
                   "WHERE status = 'live'"),
    QStringLiteral(R"(CREATE TABLE model_signoffs (
        model_id INTEGER NOT NULL REFERENCES scoring_models(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('marketing', 'sales')),
        signed_by TEXT NOT NULL,
        signed_at INTEGER NOT NULL,
        PRIMARY KEY (model_id, side)))"),
    QStringLiteral(R"(CREATE TABLE stage_history (
        id INTEGER PRIMARY KEY,
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        changed_at INTEGER NOT NULL,
        changed_by TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT ''))"),
    QStringLiteral("CREATE INDEX stage_history_lead ON stage_history(lead_id, changed_at)"),
    QStringLiteral("CREATE INDEX stage_history_to ON stage_history(to_stage, changed_at)"),
    QStringLiteral(R"(CREATE TABLE handoffs (
        id INTEGER PRIMARY KEY,
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        trigger TEXT NOT NULL CHECK (trigger IN ('intent', 'mql')),
        request_type_id INTEGER REFERENCES activity_types(id),
        model_id INTEGER REFERENCES scoring_models(id),
        score REAL,
        raised_at INTEGER NOT NULL,
        claimed_by TEXT,
        claimed_at INTEGER,
        first_contact_at INTEGER,
        outcome TEXT CHECK (outcome IN ('accepted', 'rejected')),
        outcome_at INTEGER,
        outcome_by TEXT,
        reason TEXT NOT NULL DEFAULT ''))"),
    QStringLiteral("CREATE UNIQUE INDEX handoffs_one_open ON handoffs(lead_id) "
                   "WHERE outcome IS NULL"),
    QStringLiteral("CREATE INDEX handoffs_raised ON handoffs(raised_at)"),
    QStringLiteral(R"(CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        detail TEXT NOT NULL DEFAULT ''))"),
};

// Version 2: the qualification details sales receives with a lead (BANT and the answers to
// the fast-track questions), one row per lead.
const QStringList schemaV2 = {
    QStringLiteral(R"(CREATE TABLE lead_qualification (
        lead_id INTEGER PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
        goals TEXT NOT NULL DEFAULT '',
        authority TEXT NOT NULL DEFAULT '',
        timeline TEXT NOT NULL DEFAULT '',
        budget TEXT NOT NULL DEFAULT '',
        signup_reason TEXT NOT NULL DEFAULT '',
        needed_by TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL DEFAULT ''))"),
};

// Version 3: the people using the consoles (name and role, recorded on every action), and a
// change stamp on leads so open consoles can pick up what another one wrote.
const QStringList schemaV3 = {
    QStringLiteral(R"(CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('marketing', 'sales', 'sales_manager')),
        created_at INTEGER NOT NULL))"),
    QStringLiteral("ALTER TABLE leads ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("CREATE INDEX leads_updated ON leads(updated_at)"),
    // The sales view reads the open handoffs in order on every refresh.
    QStringLiteral("CREATE INDEX handoffs_open ON handoffs(raised_at, id) WHERE outcome IS NULL"),
};

// Version 4: imports. Custom fields kept from a file, each import as a batch that records
// what it created and what the leads looked like before, so it can be undone, and the
// column mappings people confirmed, found again by the file's header.
const QStringList schemaV4 = {
    QStringLiteral(R"(CREATE TABLE lead_custom_fields (
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (lead_id, name)))"),
    QStringLiteral(R"(CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        preset TEXT NOT NULL DEFAULT '',
        imported_at INTEGER NOT NULL,
        imported_by TEXT NOT NULL DEFAULT '',
        leads_created INTEGER NOT NULL DEFAULT 0,
        leads_updated INTEGER NOT NULL DEFAULT 0,
        activities_created INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        undone_at INTEGER,
        undone_by TEXT))"),
    QStringLiteral(R"(CREATE TABLE import_lead_changes (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        lead_id INTEGER NOT NULL,
        created INTEGER NOT NULL,
        before TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (batch_id, lead_id)))"),
    QStringLiteral("ALTER TABLE activities ADD COLUMN import_batch_id INTEGER "
                   "REFERENCES import_batches(id)"),
    QStringLiteral("ALTER TABLE stage_history ADD COLUMN import_batch_id INTEGER "
                   "REFERENCES import_batches(id)"),
    // No index on activities.import_batch_id: every imported activity would pay for it, while
    // only the rare undo of a batch looks activities up by batch (one scan).
    QStringLiteral("CREATE INDEX stage_history_batch ON stage_history(import_batch_id) "
                   "WHERE import_batch_id IS NOT NULL"),
    QStringLiteral(R"(CREATE TABLE import_mappings (
        header_signature TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        saved_by TEXT NOT NULL DEFAULT ''))"),
};

// Version 5: the weekly alignment meeting. The targets sales and marketing agreed, one row
// per version (the latest is in force), and per ISO week the meeting's notes and action items.
const QStringList schemaV5 = {
    QStringLiteral(R"(CREATE TABLE meeting_targets (
        id INTEGER PRIMARY KEY,
        sla_minutes INTEGER NOT NULL,
        mqls_per_week INTEGER NOT NULL,
        accept_rate REAL NOT NULL,
        marketing_share_low REAL NOT NULL,
        marketing_share_high REAL NOT NULL,
        set_by TEXT NOT NULL DEFAULT '',
        set_at INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT ''))"),
    QStringLiteral(R"(CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        week TEXT NOT NULL UNIQUE,
        held_at INTEGER NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        saved_by TEXT NOT NULL DEFAULT '',
        saved_at INTEGER NOT NULL))"),
    QStringLiteral(R"(CREATE TABLE meeting_actions (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        due TEXT NOT NULL DEFAULT '',
        done INTEGER NOT NULL DEFAULT 0))"),
    QStringLiteral("CREATE INDEX meeting_actions_meeting ON meeting_actions(meeting_id, position)"),
};

// Version 6: where each import (and its undo) ended, so an undo can tell whether anyone
// worked on the batch's leads since: the writers' change stamp and the newest audit entry.
// Builds before this kept them in a row for lead 0 of import_lead_changes; such rows go.
const QStringList schemaV6 = {
    QStringLiteral("ALTER TABLE import_batches ADD COLUMN end_stamp_ms INTEGER"),
    QStringLiteral("ALTER TABLE import_batches ADD COLUMN end_audit_id INTEGER"),
    QStringLiteral("ALTER TABLE import_batches ADD COLUMN undo_end_stamp_ms INTEGER"),
    QStringLiteral("DELETE FROM import_lead_changes WHERE lead_id = 0"),
};

// Version 7: a change sequence the database hands out. Every write transaction draws the
// next number, and the leads it writes carry it, so another console finds what changed by
// "change_seq > the last one I saw": exact, where wall-clock milliseconds (updated_at) let a
// clock stepped back or two writes in one millisecond hide a change. Earlier stamps keep
// their order as sequence numbers; where imports ended moves to the sequence too.
const QStringList schemaV7 = {
    QStringLiteral(R"(CREATE TABLE change_sequence (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        value INTEGER NOT NULL))"),
    QStringLiteral("ALTER TABLE leads ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("UPDATE leads SET change_seq = updated_at"),
    QStringLiteral("ALTER TABLE import_batches ADD COLUMN end_change_seq INTEGER"),
    QStringLiteral("ALTER TABLE import_batches ADD COLUMN undo_end_change_seq INTEGER"),
    QStringLiteral("UPDATE import_batches SET end_change_seq = end_stamp_ms, "
                   "undo_end_change_seq = undo_end_stamp_ms"),
    QStringLiteral("INSERT INTO change_sequence (id, value) SELECT 1, coalesce(max(seq), 0) FROM "
                   "(SELECT max(change_seq) AS seq FROM leads UNION ALL "
                   "SELECT max(end_change_seq) FROM import_batches UNION ALL "
                   "SELECT max(undo_end_change_seq) FROM import_batches) AS stamps"),
    QStringLiteral("ALTER TABLE import_batches DROP COLUMN end_stamp_ms"),
    QStringLiteral("ALTER TABLE import_batches DROP COLUMN undo_end_stamp_ms"),
    QStringLiteral("DROP INDEX leads_updated"),
    QStringLiteral("CREATE INDEX leads_change_seq ON leads(change_seq)"),
};

// Version 8: undated history. An import whose file gives no date for a stage change, for the
// activities it expands from count columns, or for a lead's creation, marks them undated
// instead of stamping them with the moment of import. An undated stage change or activity
// keeps its time column NOT NULL and holds 0 there (UndatedTime): every query that selects
// by time (the weeks of the dashboard, the intake window, decay, "the last 7 days") already
// takes it for the oldest history there is and leaves it out, with no extra condition and no
// change to the indexes on (lead_id, occurred_at) and (to_stage, changed_at). The flag is what
// says so explicitly, for the readers that must tell "undated" from "long ago": explain, the
// outcomes behind the backtest and the suggester, the analytics' undated counts. A nullable
// time would have meant rebuilding the activities table (tens of millions of rows) and every
// reader of the column learning NULL. A lead's created_at stays a time (when the lead reached
// Handoff at the latest: the queues, the backtest window and maturity read it); created_undated
// says the file did not give it. ADD COLUMN with a constant default rewrites no row, so old
// files upgrade at once, every existing row dated.
const QStringList schemaV8 = {
    QStringLiteral("ALTER TABLE stage_history ADD COLUMN undated INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE activities ADD COLUMN undated INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE leads ADD COLUMN created_undated INTEGER NOT NULL DEFAULT 0"),
};

// Version 9: a company size given as a range or a band ("51-200", "10,001+") keeps its text
// beside the number (its lower bound) that rules compare.
const QStringList schemaV9 = {
    QStringLiteral("ALTER TABLE leads ADD COLUMN company_size_text TEXT NOT NULL DEFAULT ''"),
};

// Sales' rejection note kept apart from the reason (a note typed with "Bad timing" is not a
// reason of its own), notes stored before as "Reason: note" split off; and the mark of a
// handoff made in a batch (a model taken live with its wave marked as one) that stays out of
// the speed-to-lead figures.
const QStringList schemaV10 = {
    QStringLiteral("ALTER TABLE handoffs ADD COLUMN note TEXT NOT NULL DEFAULT ''"),
    QStringLiteral("ALTER TABLE handoffs ADD COLUMN sla_exempt INTEGER NOT NULL DEFAULT 0"),
    QStringLiteral("ALTER TABLE scoring_models ADD COLUMN batch_handover INTEGER NOT NULL "
                   "DEFAULT 0"),
    QStringLiteral("UPDATE handoffs SET note = trim(substr(reason, instr(reason, ': ') + 2)), "
                   "reason = substr(reason, 1, instr(reason, ': ') - 1) "
                   "WHERE outcome = 'rejected' AND instr(reason, ': ') > 1"),
};

// Version 11: a gradual handover. A model taken live with its wave handed over "N an hour,
// best first" keeps that pace, and each lead of the wave waits in pending_handovers until its
// release time; its handoff (and with it the speed-to-lead clock) is written only then.
const QStringList schemaV11 = {
    QStringLiteral("ALTER TABLE scoring_models ADD COLUMN handover_per_hour INTEGER NOT NULL "
                   "DEFAULT 0"),
    QStringLiteral(R"(CREATE TABLE pending_handovers (
        lead_id INTEGER PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
        model_id INTEGER REFERENCES scoring_models(id) ON DELETE SET NULL,
        score REAL NOT NULL,
        release_at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX pending_handovers_release ON pending_handovers (release_at)"),
};

// Version 12: what a console's saved start state (the lead table and feature index it
// reopens from instead of reading every activity) is checked against. The file gets an
// identity of its own, and every change that is not an addition (an activity deleted or
// rewritten, a lead deleted, as an import's undo does) counts a history rewrite, by trigger,
// whoever writes: a start state saved before a rewrite is stale and is not used.
// Additions need no count: they carry new activity ids and change numbers.
const QStringList schemaV12 = {
    QStringLiteral(R"(CREATE TABLE history_stamp (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        database_id TEXT NOT NULL,
        rewrites INTEGER NOT NULL))"),
    QStringLiteral("INSERT INTO history_stamp (id, database_id, rewrites) "
                   "VALUES (1, lower(hex(randomblob(16))), 0)"),
    QStringLiteral("CREATE TRIGGER activities_deleted AFTER DELETE ON activities BEGIN "
                   "UPDATE history_stamp SET rewrites = rewrites + 1 WHERE id = 1; END"),
    QStringLiteral("CREATE TRIGGER activities_rewritten AFTER UPDATE OF lead_id, type_id, "
                   "occurred_at, undated ON activities BEGIN "
                   "UPDATE history_stamp SET rewrites = rewrites + 1 WHERE id = 1; END"),
    QStringLiteral("CREATE TRIGGER leads_deleted AFTER DELETE ON leads BEGIN "
                   "UPDATE history_stamp SET rewrites = rewrites + 1 WHERE id = 1; END"),
    // A lead's handoffs without reading them all: its history, its latest verdict.
    QStringLiteral("CREATE INDEX handoffs_lead ON handoffs(lead_id, raised_at)"),
};

// Version 13: intake. The sources that may post hand-raisers to `handoff serve` (a web form,
// a HubSpot or a Marketo webhook), each with its shared secret, how its fields map onto a
// lead's, and its rate; and every request taken, by its idempotency key, so a retried webhook
// is answered with what the first one wrote instead of writing it twice. The lead and the
// activity a request wrote are plain numbers, not keys: deleting a lead (an import's undo)
// must not have to look here. And the team's working hours, holidays and time zone, which the
// SLA clock may count in (store/businesscalendar.h): one row, as JSON.
const QStringList schemaV13 = {
    QStringLiteral(R"(CREATE TABLE intake_sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('form', 'hubspot', 'marketo')),
        secret TEXT NOT NULL,
        mapping TEXT NOT NULL DEFAULT '{}',
        request_code TEXT NOT NULL DEFAULT '',
        per_minute INTEGER NOT NULL DEFAULT 600,
        created_at INTEGER NOT NULL))"),
    QStringLiteral(R"(CREATE TABLE intake_requests (
        source_id INTEGER NOT NULL REFERENCES intake_sources(id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        lead_id INTEGER,
        activity_id INTEGER,
        PRIMARY KEY (source_id, idempotency_key)))"),
    QStringLiteral(R"(CREATE TABLE business_calendar (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        definition TEXT NOT NULL,
        set_at INTEGER NOT NULL,
        set_by TEXT NOT NULL))"),
};

// Version 14: routing and the SLA ladder. How hand-raisers are handed out (off, round-robin
// or weighted) and how long a claim may go unworked before the lead goes back to the pool; per
// sales-side profile whether it takes leads now, its weight and its territory (a lead field and
// the values it covers); and what the routing and the ladder did, per handoff: a lead
// assigned, a claim timed out, the SLA passed (the assigned rep told again), twice the SLA
// passed (the sales manager told). The ladder's two steps happen once per handoff.
const QStringList schemaV14 = {
    QStringLiteral(R"(CREATE TABLE routing_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('off', 'round_robin', 'weighted')),
        claim_timeout_minutes INTEGER NOT NULL CHECK (claim_timeout_minutes >= 0),
        set_at INTEGER NOT NULL,
        set_by TEXT NOT NULL))"),
    QStringLiteral(R"(CREATE TABLE rep_routing (
        rep TEXT PRIMARY KEY,
        available INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
        available_since INTEGER NOT NULL DEFAULT 0,
        weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
        territory_field TEXT NOT NULL DEFAULT '',
        territory_values TEXT NOT NULL DEFAULT ''))"),
    QStringLiteral(R"(CREATE TABLE routing_events (
        id INTEGER PRIMARY KEY,
        handoff_id INTEGER NOT NULL,
        lead_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('assigned', 'timed_out', 'sla_passed',
            'sla_escalated')),
        rep TEXT NOT NULL DEFAULT '',
        at INTEGER NOT NULL,
        due_at INTEGER))"),
    QStringLiteral("CREATE UNIQUE INDEX routing_ladder_once ON routing_events(handoff_id, kind) "
                   "WHERE kind IN ('sla_passed', 'sla_escalated')"),
    QStringLiteral("CREATE INDEX routing_events_at ON routing_events(at)"),
    QStringLiteral("CREATE INDEX routing_events_handoff ON routing_events(handoff_id)"),
};

// Version 15: a lead's activities straight from the index. The sales view's first read, at
// a start without a saved state, takes the activities of every lead with an open handoff:
// with the type in the index (the id is in every index) that read never touches the table,
// 0.2 s instead of 0.5 s for 32,000 leads of a million. Built once over every activity on
// upgrade (14 s at 20 million).
const QStringList schemaV15 = {
    QStringLiteral("DROP INDEX activities_lead"),
    QStringLiteral("CREATE INDEX activities_lead ON activities(lead_id, occurred_at, type_id)"),
};

// Version 17: the open handoffs in an index of their own, every column in it. Every start
// reads them all, and their rows lie among a million leads' activities, a handful a page:
// from a cold disk, 32,000 rows cost reads of 6,143 pages scattered over 1.7 GB (0.36 s);
// from this index, 386 pages (0.07 s). It keeps the order the sales view reads them in.
// An index only: nothing stored changes, so no copy of the file is kept (FileSchemaVersion).
const QStringList schemaV17 = {
    QStringLiteral("DROP INDEX handoffs_open"),
    QStringLiteral("CREATE INDEX handoffs_open ON handoffs(raised_at, id, lead_id, trigger, "
                   "request_type_id, model_id, score, claimed_by, claimed_at, first_contact_at, "
                   "outcome, outcome_at, outcome_by, reason, note, sla_exempt) "
                   "WHERE outcome IS NULL"),
};

// Why a read through SQLite failed, in words a person can act on. The file is never opened
// any other way: on POSIX, closing any descriptor of a file drops every lock this process
// holds on it, so a QFile peek at the header while a connection is open would let another
// process believe nobody uses the file, checkpoint it and delete the WAL under us.
[[noreturn]] void refuse(const QString &filePath, const QSqlError &error)
{
    // On opening, "not a database" means another kind of file, not a damaged one.
    if ((error.nativeErrorCode().toInt() & 0xff) == 26) // SQLITE_NOTADB
        throw Error(QObject::tr("%1: is not an SQLite database").arg(filePath));
    throw sql::failure(filePath, error, QStringLiteral("opening the file"));
}

// Runs `work` on a read-only connection to an existing file; nothing can be written through it.
template <typename Work> void withReadOnlyConnection(const QString &filePath, Work work)
{
    withSecondConnection(filePath, QStringLiteral("QSQLITE_OPEN_READONLY"), work);
}

int pragmaInt(const QSqlDatabase &db, const QString &pragma, const QString &filePath)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
        refuse(filePath, query.lastError());
    return query.value(0).toInt();
}

// What a location names: a server's address is checked first (a mistake in it is named, and
// "postgresql:..." never becomes a folder), a file path is made absolute.
struct Where
{
    QString display;
    QString location;
    bool server = false;
};

Where whereOf(const QString &location)
{
    if (DatabaseLocation::looksLikeServer(location))
        return {DatabaseLocation::parse(location).displayText(), location, true};
    const QString path = QFileInfo(location).absoluteFilePath();
    return {path, path, false};
}

// The activity types every database starts with.
void insertStandardActivityTypes(const QSqlDatabase &db)
{
    auto insert = sql::prepare(db, QStringLiteral("INSERT INTO activity_types (code, label, "
                                                  "kind) VALUES (:code, :label, :kind)"));
    for (const ActivityType &type : standardActivityTypes()) {
        insert.bindValue(QStringLiteral(":code"), type.code);
        insert.bindValue(QStringLiteral(":label"), type.label);
        insert.bindValue(QStringLiteral(":kind"), activitykind::toString(type.kind));
        sql::exec(insert);
    }
}

// A database a newer Handoff wrote is not ours to open: this version would misread it.
void refuseNewerSchema(const QString &where, int version)
{
    if (version > Database::SchemaVersion)
        throw Error(QObject::tr("%1: has schema version %2, newer than the %3 this "
                                "version of Handoff knows; use a newer Handoff")
                        .arg(where)
                        .arg(version)
                        .arg(Database::SchemaVersion));
}

void removeConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        sql::forgetStatements(db); // while they can still be let go of on the server
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
} // namespace

Database::Database(const QString &location, int targetVersion)
    : Database(location, targetVersion, Open::CreateIfMissing)
{}

Database::Database(const QString &location, Open mode)
    : Database(location, SchemaVersion, mode)
{}

Database::Database(const QString &location, int targetVersion, Open mode)
    : m_connectionName(nextConnectionName())
{
    const Where where = whereOf(location);
    m_filePath = where.display;
    m_location = where.location;
    m_server = where.server;
    open(mode, targetVersion);
}

void Database::open(Open mode, int targetVersion)
{
    if (targetVersion < 1 || targetVersion > SchemaVersion)
        throw Error(QObject::tr("Schema version %1 does not exist").arg(targetVersion));
    m_readOnly = mode == Open::ReadOnly;
    if (m_server)
        return openServer(mode, targetVersion);
    if (mode != Open::ReadOnly && QFileInfo::exists(m_filePath + QStringLiteral("-journal")))
        rollBackInterruptedWrite();
    const QFileInfo info(m_filePath);
    const bool mustExist = mode != Open::CreateIfMissing;
    if (mustExist && !info.exists())
        throw Error(QObject::tr("%1: no such database").arg(m_filePath));
    // A file without a schema (0 bytes, or a header only) is what a creation killed before
    // its first commit leaves: only a command that creates databases may complete it.
    const bool hasSchema = info.exists() && info.size() > 0 && checkExistingFile();
    if (mustExist && !hasSchema)
        throw Error(QObject::tr("%1: is empty, not a Handoff database (perhaps left by an "
                                "interrupted run); delete it, and create the database "
                                "again if you need one ('handoff init --db %1')")
                        .arg(m_filePath));
    if (!info.exists() && !info.absoluteDir().exists())
        throw Error(
            QObject::tr("%1: the folder %2 does not exist").arg(m_filePath, info.absolutePath()));
    if (mode != Open::ReadOnly)
        checkWritable(info);
    m_created = !info.exists() || info.size() == 0;

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_filePath);
    sql::nameForMessages(db, m_filePath);
    db.setConnectOptions(mode == Open::ReadOnly
                             ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY")
                             : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw Error(QObject::tr("%1: cannot be opened: %2").arg(m_filePath, why));
    }
    if (mode == Open::ReadOnly)
        return;
    try {
        const int from = schemaVersion();
        if (from > 0 && from < std::min(targetVersion, FileSchemaVersion))
            backUp(from); // before anything, even the journal mode, changes the file
        configureConnection();
        if (from < targetVersion)
            migrate(from, targetVersion);
    } catch (...) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw;
    }
}

// A team server: the address is parsed again here (the password is not kept apart from it),
// the connection opened with what it gives, and the database checked before anything is
// written. An empty database becomes a Handoff database only when creating is allowed.
void Database::openServer(Open mode, int targetVersion)
{
    if (targetVersion < postgresqlschema::BaselineVersion)
        throw Error(QObject::tr("%1: a team server's schema starts at version %2")
                        .arg(m_filePath)
                        .arg(postgresqlschema::BaselineVersion));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    if (!db.isValid()) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw Error(QObject::tr("%1: Qt's PostgreSQL driver is not installed (Debian package "
                                "libqt6sql6-psql)")
                        .arg(m_filePath));
    }
    sql::nameForMessages(db, m_filePath);
    const DatabaseLocation where = DatabaseLocation::parse(m_location);
    db.setHostName(where.host());
    db.setPort(where.port());
    db.setDatabaseName(where.databaseName());
    db.setUserName(where.userName());
    if (where.password())
        db.setPassword(*where.password());
    db.setConnectOptions(where.driverOptions());
    try {
        connectToServer();
        const int from = checkServerDatabase();
        const bool hasSchema = from > 0;
        if (mode == Open::ExistingOrEmpty && !hasSchema) {
            configureServerSession();
            return; // the caller writes the schema with what goes in it (createSchema())
        }
        if (mode != Open::CreateIfMissing && !hasSchema)
            throw Error(QObject::tr("%1: holds no Handoff database yet; create one there with "
                                    "'handoff init --db %1'")
                            .arg(m_filePath));
        configureServerSession();
        if (m_readOnly)
            return;
        m_created = !hasSchema;
        if (from < targetVersion)
            migrate(from, targetVersion);
    } catch (...) {
        db = QSqlDatabase();
        removeConnection(m_connectionName);
        throw;
    }
}

void Database::connectToServer()
{
    QSqlDatabase db = connection();
    if (!db.open())
        throw Error(QObject::tr("%1: cannot connect to the server: %2")
                        .arg(m_filePath, db.lastError().databaseText().trimmed()));
}

void Database::configureServerSession()
{
    const QSqlDatabase db = connection();
    if (m_readOnly)
        sql::execDirect(db, QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION "
                                           "READ ONLY"));
    if (m_lockTimeoutMs >= 0)
        sql::execDirect(db, QStringLiteral("SET lock_timeout = %1").arg(m_lockTimeoutMs));
    // A desk whose machine went away without closing (asleep, off the network) holds its
    // session's locks, a place among the desks that hand over (leadHandingOver) among them,
    // until the server notices: about a minute instead of the system's two hours.
    // One round trip: every server connection (each action's worker's too) pays it.
    sql::execDirect(db, QStringLiteral("SELECT set_config('tcp_keepalives_idle', '30', false), "
                                       "set_config('tcp_keepalives_interval', '10', false), "
                                       "set_config('tcp_keepalives_count', '3', false)"));
}

bool Database::isConnected() const
{
    const QSqlDatabase db = connection();
    return db.isOpen() && !dialect::connectionLost(db);
}

bool Database::isConnectedAfterIdle() const
{
    Q_ASSERT(!m_listening); // its notifications would wait in libpq's buffer
    const QSqlDatabase db = connection();
    return db.isOpen() && !dialect::connectionLostWhileIdle(db);
}

void Database::reconnect()
{
    if (!m_server)
        return;
    QSqlDatabase db = connection();
    // The statements it kept died with the session (letting go of them warns, once each).
    sql::forgetStatements(db);
    // Closing drops the dead socket and the driver's watch on it; the driver object, and so
    // the listeners connected to its notification signal, stay.
    db.close();
    connectToServer();
    try {
        configureServerSession();
        if (m_listening) {
            subscribeToChanges();
            m_heard.noteEverything();
        }
    } catch (...) {
        sql::forgetStatements(db);
        db.close(); // half set up: the next attempt starts over
        throw;
    }
}

int Database::checkServerDatabase() const
{
    const int version = schemaVersion();
    if (version == 0 && sql::scalar(connection(), QStringLiteral("SELECT count(*) FROM "
                                                                 "pg_catalog.pg_tables WHERE "
                                                                 "schemaname = current_schema()")))
        throw Error(QObject::tr("%1: holds the tables of another program, not a Handoff "
                                "lead database")
                        .arg(m_filePath));
    refuseNewerSchema(m_filePath, version);
    return version;
}

Database::~Database()
{
    removeConnection(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    if (!m_server)
        return pragmaInt(connection(), QStringLiteral("user_version"), m_filePath);
    const QSqlDatabase db = connection();
    if (sql::scalar(db, QStringLiteral("SELECT count(*) FROM pg_catalog.pg_tables WHERE "
                                       "schemaname = current_schema() AND "
                                       "tablename = 'handoff_schema'")) == 0)
        return 0;
    return int(sql::scalar(db, QStringLiteral("SELECT version FROM handoff_schema WHERE id = 1")));
}

void Database::readOnceInOrder(int kib)
{
    if (!m_server)
        sql::execDirect(connection(), QStringLiteral("PRAGMA cache_size = -%1").arg(kib));
}

qint64 Database::dataVersion() const
{
    if (!m_server)
        return pragmaInt(connection(), QStringLiteral("data_version"), m_filePath);
    // The snapshot lists the transactions under way and the next one to start: any commit
    // since the last look changed it, with no row every writer would have to update.
    auto query = sql::prepare(connection(), QStringLiteral("SELECT pg_current_snapshot()::text"));
    sql::exec(query);
    const QString snapshot = sql::next(query) ? query.value(0).toString() : QString();
    if (snapshot != m_lastSnapshot) {
        m_lastSnapshot = snapshot;
        ++m_snapshotMoves;
    }
    return m_snapshotMoves;
}

int Database::readSchemaVersion(const QString &filePath)
{
    if (DatabaseLocation::looksLikeServer(filePath))
        return Database(filePath, Open::ReadOnly).schemaVersion();
    int version = 0;
    withReadOnlyConnection(filePath, [&](const QSqlDatabase &db) {
        version = pragmaInt(db, QStringLiteral("user_version"), filePath);
    });
    return version;
}

// A process killed while it wrote in rollback mode (a new file switching to WAL) leaves a hot
// journal that a read-only connection may not roll back (SQLITE_READONLY_ROLLBACK). The
// first read of a read-write connection rolls it back: the file is then as it was before.
void Database::rollBackInterruptedWrite() const
{
    withSecondConnection(m_filePath, QString(), [this](const QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
            refuse(m_filePath, query.lastError());
    });
}

// SQLite would open a write-protected file read-only without a word and fail at the first
// write; say so up front. The folder matters too: the -wal and -shm files live beside it.
void Database::checkWritable(const QFileInfo &info) const
{
    if (info.exists() && !info.isWritable())
        throw Error(QObject::tr("%1: is read-only; make it writable (or copy it to a folder "
                                "of yours) to work in it")
                        .arg(m_filePath));
    const QFileInfo folder(info.absolutePath());
    if (!folder.isWritable() && !QFileInfo::exists(m_filePath + QStringLiteral("-wal")))
        throw Error(QObject::tr("%1: its folder %2 is read-only, and Handoff keeps its "
                                "journal beside the file; copy it to a folder of yours")
                        .arg(m_filePath, folder.absoluteFilePath()));
}

bool Database::listenForChanges(QObject *context, std::function<void()> changed)
{
    if (!m_server)
        return false;
    subscribeToChanges();
    m_listening = true;
    const QString channel = QString::fromLatin1(postgresqlschema::ChangesChannel);
    // Both go when the connection does (~Database), or `changed` with its context.
    QObject::connect(connection().driver(), &QSqlDriver::notification,
                     [this, channel](const QString &name, QSqlDriver::NotificationSource,
                                     const QVariant &payload) {
                         if (name == channel)
                             m_heard.note(payload.toString());
                     });
    QObject::connect(connection().driver(), &QSqlDriver::notification, context,
                     [channel, changed = std::move(changed)](const QString &name) {
                         if (name == channel)
                             changed();
                     });
    return true;
}

ServerChanges Database::takeChanges()
{
    return std::exchange(m_heard, {});
}

void Database::subscribeToChanges()
{
    QSqlDriver *driver = connection().driver();
    const QString channel = QString::fromLatin1(postgresqlschema::ChangesChannel);
    if (!driver->subscribedToNotifications().contains(channel) &&
        !driver->subscribeToNotification(channel))
        throw Error(QObject::tr("%1: the server does not tell of changes (%2)")
                        .arg(m_filePath, driver->lastError().text()));
}

void Database::setBusyTimeout(int milliseconds)
{
    if (m_server) {
        m_lockTimeoutMs = milliseconds;
        sql::execDirect(connection(), QStringLiteral("SET lock_timeout = %1").arg(milliseconds));
        return;
    }
    sql::execDirect(connection(), QStringLiteral("PRAGMA busy_timeout = %1").arg(milliseconds));
}

void Database::requireIntact() const
{
    if (m_server)
        return; // the server keeps its own pages checked (data checksums, WAL)
    const QSqlDatabase db = connection();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA quick_check(1)")) || !query.next())
        refuse(m_filePath, query.lastError());
    const QString verdict = query.value(0).toString();
    if (verdict != QLatin1String("ok"))
        throw Error(QObject::tr("%1: is damaged (%2); nothing was written to it. Run "
                                "'handoff check --db %1' and restore it from a backup")
                        .arg(m_filePath, verdict));
}

// Everything here reads; a file we refuse is never written, not even its journal mode.
bool Database::checkExistingFile() const
{
    bool hasSchema = false;
    withReadOnlyConnection(m_filePath, [this, &hasSchema](const QSqlDatabase &db) {
        const int tables = [&] {
            // SQLite reads the header here first: another file gives SQLITE_NOTADB.
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
                refuse(m_filePath, query.lastError());
            return query.value(0).toInt();
        }();
        const int appId = pragmaInt(db, QStringLiteral("application_id"), m_filePath);
        const int version = pragmaInt(db, QStringLiteral("user_version"), m_filePath);
        if (tables > 0 && appId != ApplicationId)
            throw Error(QObject::tr("%1: is an SQLite database of another program, "
                                    "not a Handoff lead database")
                            .arg(m_filePath));
        refuseNewerSchema(m_filePath, version);
        hasSchema = tables > 0;
    });
    return hasSchema;
}

void Database::configureConnection()
{
    const QSqlDatabase db = connection();
    sql::execDirect(db, QStringLiteral("PRAGMA foreign_keys = ON"));
    sql::execDirect(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    sql::execDirect(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
}

void Database::backUp(int fromVersion)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = QStringLiteral("%1.v%2-backup-%3").arg(m_filePath).arg(fromVersion).arg(stamp);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QStringLiteral("%1.v%2-backup-%3-%4")
                   .arg(m_filePath)
                   .arg(fromVersion)
                   .arg(stamp)
                   .arg(n);
    // VACUUM INTO writes a consistent copy, including what still sits in the WAL.
    auto query = sql::prepare(connection(), QStringLiteral("VACUUM INTO :path"));
    query.bindValue(QStringLiteral(":path"), path);
    sql::exec(query);
    m_backupPath = path;
}

void Database::migrate(int from, int to)
{
    Transaction transaction(connection(), Transaction::Kind::Schema);
    writeSchema(from, to);
    transaction.commit();
}

void Database::createSchema()
{
    if (!dialect::inTransaction(connection()))
        throw Error(
            QObject::tr("%1: a schema is created inside a write transaction").arg(m_filePath));
    if (const int version = schemaVersion(); version > 0)
        throw Error(QObject::tr("%1: already holds a Handoff database (schema version %2)")
                        .arg(m_filePath)
                        .arg(version));
    writeSchema(0, SchemaVersion);
    m_created = true;
}

void Database::writeSchema(int from, int to)
{
    const QSqlDatabase db = connection();
    const auto run = [&](const QStringList &statements) {
        for (const QString &statement : statements)
            sql::execDirect(db, statement);
    };
    if (m_server) {
        // A server starts at the baseline; later versions migrate from it as a file's do.
        if (from < postgresqlschema::BaselineVersion) {
            run(postgresqlschema::baseline());
            insertStandardActivityTypes(db);
        }
        if (from < 13 && to >= 13)
            run(postgresqlschema::version13());
        if (from < 14 && to >= 14)
            run(postgresqlschema::version14());
        if (from < 15 && to >= 15)
            run(postgresqlschema::version15());
        if (from < 16 && to >= 16)
            run(postgresqlschema::version16());
        // Version 17 changes a file's schema only (schemaV17): a server keeps its pages in
        // its own cache, not scattered over one file read from a cold disk at each start.
        auto record = sql::prepare(
            db, QStringLiteral("INSERT INTO handoff_schema (id, version) VALUES (1, :version) "
                               "ON CONFLICT (id) DO UPDATE SET version = excluded.version"));
        record.bindValue(QStringLiteral(":version"), to);
        sql::exec(record);
        return;
    }
    if (from < 1 && to >= 1) {
        run(schemaV1);
        insertStandardActivityTypes(db);
    }
    if (from < 2 && to >= 2)
        run(schemaV2);
    if (from < 3 && to >= 3)
        run(schemaV3);
    if (from < 4 && to >= 4)
        run(schemaV4);
    if (from < 5 && to >= 5)
        run(schemaV5);
    if (from < 6 && to >= 6)
        run(schemaV6);
    if (from < 7 && to >= 7)
        run(schemaV7);
    if (from < 8 && to >= 8)
        run(schemaV8);
    if (from < 9 && to >= 9)
        run(schemaV9);
    if (from < 10 && to >= 10)
        run(schemaV10);
    if (from < 11 && to >= 11)
        run(schemaV11);
    if (from < 12 && to >= 12)
        run(schemaV12);
    if (from < 13 && to >= 13)
        run(schemaV13);
    if (from < 14 && to >= 14)
        run(schemaV14);
    if (from < 15 && to >= 15)
        run(schemaV15);
    // Version 16 changes a team server's schema only (postgresqlschema::version16): a file's
    // foreign keys cost SQLite nothing worth saving, and imports turn their checks off.
    if (from < 17 && to >= 17)
        run(schemaV17);
    sql::execDirect(db, QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId));
    sql::execDirect(db, QStringLiteral("PRAGMA user_version = %1").arg(to));
}

} // namespace handoff
