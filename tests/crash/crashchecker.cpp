#include "crashchecker.h"

#include <atomic>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "store/database.h"
#include "store/error.h"

namespace handoff {

namespace {

QString nextName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("crash-checker-%1").arg(++counter);
}

QSqlQuery run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw Error(QStringLiteral("%1: %2").arg(sql, query.lastError().text()));
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (!query.exec())
        throw Error(QStringLiteral("%1: %2").arg(sql, query.lastError().text()));
    return query;
}

CrashChecker::Verdict notThere(const QString &detail)
{
    return {CrashChecker::State::NotThere, detail};
}

CrashChecker::Verdict allThere(const QString &detail)
{
    return {CrashChecker::State::AllThere, detail};
}

CrashChecker::Verdict partial(const QString &detail)
{
    return {CrashChecker::State::Partial, detail};
}

} // namespace

CrashChecker::CrashChecker(const QString &path)
    : m_name(nextName())
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    // Read-write, though nothing is written through it: after a kill, SQLite may have to roll
    // back a hot journal before anyone can read the file, which a read-only connection cannot
    // do. The checker sees the file as any program that opens it to work in it would.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        throw Error(QStringLiteral("%1: cannot be opened: %2").arg(path, why));
    }
}

CrashChecker::~CrashChecker()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

qint64 CrashChecker::count(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query = run(m_db, sql, values);
    return query.next() ? query.value(0).toLongLong() : 0;
}

QStringList CrashChecker::damage() const
{
    QStringList found;
    try {
        QSqlQuery integrity = run(m_db, QStringLiteral("PRAGMA integrity_check"));
        while (integrity.next()) {
            if (integrity.value(0).toString() != QLatin1String("ok"))
                found << QStringLiteral("integrity_check: %1").arg(integrity.value(0).toString());
        }
        QSqlQuery keys = run(m_db, QStringLiteral("PRAGMA foreign_key_check"));
        while (keys.next())
            found << QStringLiteral("foreign_key_check: %1 row %2 -> %3")
                         .arg(keys.value(0).toString(), keys.value(1).toString(),
                              keys.value(2).toString());
        if (count(QStringLiteral("SELECT count(*) FROM sqlite_master")) == 0)
            return found; // an empty file: nothing more to look at (its verdict says more)
        const qint64 orphans =
            count(QStringLiteral("SELECT count(*) FROM handoffs h LEFT JOIN leads l "
                                 "ON l.id = h.lead_id WHERE l.id IS NULL AND h.outcome IS NULL"));
        if (orphans > 0)
            found << QStringLiteral("%1 open handoffs without their lead").arg(orphans);
    } catch (const Error &e) {
        found << e.message();
    }
    return found;
}

CrashChecker::Verdict CrashChecker::verdict(Operation operation, const Expectation &expect) const
{
    try {
        switch (operation) {
        case Operation::Import:
            return importState(expect);
        case Operation::UndoImport:
            return undoState(expect);
        case Operation::GoLive:
            return goLiveState(expect);
        case Operation::Claim:
            return claimState(expect);
        case Operation::Demo:
            return demoState(expect);
        case Operation::Create:
            return createState(expect);
        }
    } catch (const Error &e) {
        return partial(e.message());
    }
    return partial(QStringLiteral("unknown operation"));
}

QStringList CrashChecker::importDifferences(const Expectation &e, bool whole) const
{
    const auto want = [whole](qint64 n) { return whole ? n : 0; };
    const qint64 batch = count(QStringLiteral("SELECT max(id) FROM import_batches"));
    const QList<std::pair<QString, std::pair<qint64, qint64>>> figures = {
        {QStringLiteral("batches"),
         {count(QStringLiteral("SELECT count(*) FROM import_batches")), want(1)}},
        {QStringLiteral("finished batches"),
         {count(QStringLiteral("SELECT count(*) FROM import_batches WHERE end_change_seq IS NOT "
                               "NULL AND leads_created = ? AND leads_updated = ? AND "
                               "activities_created = ?"),
                {e.newLeads, e.updatedLeads, e.activities}),
          want(1)}},
        {QStringLiteral("new leads"),
         {count(QStringLiteral("SELECT count(*) FROM leads WHERE external_id LIKE 'CRASH-%'")),
          want(e.newLeads)}},
        {QStringLiteral("updated leads"),
         {count(QStringLiteral("SELECT count(*) FROM leads WHERE title = ?"),
                {crashnames::updatedTitle()}),
          want(e.updatedLeads)}},
        {QStringLiteral("batch activities"),
         {count(QStringLiteral("SELECT count(*) FROM activities WHERE import_batch_id = ?"),
                {batch}),
          want(e.activities)}},
        // Created leads are recorded as runs of consecutive ids, changed ones one by one.
        {QStringLiteral("created leads recorded"),
         {count(QStringLiteral("SELECT coalesce(sum(created), 0) FROM import_lead_changes "
                               "WHERE batch_id = ? AND created > 0"),
                {batch}),
          want(e.newLeads)}},
        {QStringLiteral("changed leads recorded"),
         {count(QStringLiteral("SELECT count(*) FROM import_lead_changes WHERE batch_id = ? AND "
                               "created = 0"),
                {batch}),
          want(e.updatedLeads)}},
        {QStringLiteral("saved mappings"),
         {count(QStringLiteral("SELECT count(*) FROM import_mappings")), want(1)}},
        {QStringLiteral("import audit entries"),
         {count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import'")),
          want(1)}},
    };
    QStringList differences;
    for (const auto &[what, values] : figures) {
        if (values.first != values.second)
            differences << QStringLiteral("%1 %2 (a %3 import: %4)")
                               .arg(what)
                               .arg(values.first)
                               .arg(whole ? QStringLiteral("whole") : QStringLiteral("missing"))
                               .arg(values.second);
    }
    return differences;
}

CrashChecker::Verdict CrashChecker::importState(const Expectation &expect) const
{
    if (importDifferences(expect, false).isEmpty())
        return notThere(QStringLiteral("no trace of the batch"));
    const QStringList differences = importDifferences(expect, true);
    if (differences.isEmpty())
        return allThere(QStringLiteral("the whole batch"));
    return partial(differences.join(QStringLiteral("; ")));
}

CrashChecker::Verdict CrashChecker::undoState(const Expectation &expect) const
{
    const qint64 undone =
        count(QStringLiteral("SELECT count(*) FROM import_batches WHERE undone_at IS NOT NULL"));
    const qint64 undoAudits =
        count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'import.undo'"));
    if (undone == 0 && undoAudits == 0) {
        const QStringList differences = importDifferences(expect, true);
        return differences.isEmpty() ? notThere(QStringLiteral("the batch is still in place"))
                                     : partial(differences.join(QStringLiteral("; ")));
    }
    QStringList wrong;
    if (undone != 1 || undoAudits != 1)
        wrong << QStringLiteral("%1 batches undone, %2 undo audit entries")
                     .arg(undone)
                     .arg(undoAudits);
    const qint64 leads =
        count(QStringLiteral("SELECT count(*) FROM leads WHERE external_id LIKE 'CRASH-%'"));
    const qint64 retitled = count(QStringLiteral("SELECT count(*) FROM leads WHERE title = ?"),
                                  {crashnames::updatedTitle()});
    const qint64 activities =
        count(QStringLiteral("SELECT count(*) FROM activities WHERE import_batch_id IS NOT NULL"));
    if (leads != 0 || retitled != 0 || activities != 0)
        wrong << QStringLiteral("still there after the undo: %1 new leads, %2 updated titles, "
                                "%3 activities")
                     .arg(leads)
                     .arg(retitled)
                     .arg(activities);
    return wrong.isEmpty() ? allThere(QStringLiteral("the batch is undone entirely"))
                           : partial(wrong.join(QStringLiteral("; ")));
}

CrashChecker::Verdict CrashChecker::goLiveState(const Expectation &expect) const
{
    QList<qint64> live;
    QSqlQuery liveQuery =
        run(m_db, QStringLiteral("SELECT id FROM scoring_models WHERE status = 'live'"));
    while (liveQuery.next())
        live << liveQuery.value(0).toLongLong();
    if (live.size() != 1)
        return partial(QStringLiteral("%1 live versions").arg(live.size()));
    QStringList wrong;
    // Every step on the new version is one transaction with its audit entry.
    QSqlQuery versions =
        run(m_db, QStringLiteral("SELECT id, status FROM scoring_models WHERE id > ? ORDER BY id"),
            {expect.baseMaxModel});
    while (versions.next()) {
        const qint64 id = versions.value(0).toLongLong();
        const QString status = versions.value(1).toString();
        const auto audits = [&](const char *action) {
            return count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND "
                                        "entity = 'scoring_model' AND entity_id = ?"),
                         {QString::fromLatin1(action), id});
        };
        if (audits("model.draft") != 1)
            wrong << QStringLiteral("version %1 without its draft audit entry").arg(id);
        if ((status != QLatin1String("draft")) != (audits("model.propose") == 1))
            wrong << QStringLiteral("version %1 is %2 with %3 proposal audit entries")
                         .arg(id)
                         .arg(status)
                         .arg(audits("model.propose"));
        const qint64 signOffs =
            count(QStringLiteral("SELECT count(*) FROM model_signoffs WHERE model_id = ?"), {id});
        if (signOffs != audits("model.signoff"))
            wrong << QStringLiteral("version %1 has %2 sign-offs and %3 sign-off audit entries")
                         .arg(id)
                         .arg(signOffs)
                         .arg(audits("model.signoff"));
        if ((status == QLatin1String("live")) != (audits("model.live") == 1))
            wrong << QStringLiteral("version %1 is %2 with %3 go-live audit entries")
                         .arg(id)
                         .arg(status)
                         .arg(audits("model.live"));
    }
    const qint64 retired =
        count(QStringLiteral("SELECT count(*) FROM scoring_models WHERE id = ? AND "
                             "status = 'retired'"),
              {expect.previousLive});
    const qint64 retireAudits =
        count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'model.retire' AND "
                             "entity_id = ?"),
              {expect.previousLive});
    if (live.first() == expect.previousLive) {
        if (retired != 0 || retireAudits != 0)
            wrong << QStringLiteral("the old version is live and yet retired");
        return wrong.isEmpty() ? notThere(QStringLiteral("the old version is live"))
                               : partial(wrong.join(QStringLiteral("; ")));
    }
    if (live.first() <= expect.baseMaxModel)
        wrong << QStringLiteral("version %1 came back to life").arg(live.first());
    if (retired != 1 || retireAudits != 1)
        wrong << QStringLiteral("the old version is not retired with its audit entry");
    const qint64 sides =
        count(QStringLiteral("SELECT count(DISTINCT side) FROM model_signoffs WHERE model_id = ?"),
              {live.first()});
    const qint64 people = count(
        QStringLiteral("SELECT count(DISTINCT signed_by) FROM model_signoffs WHERE model_id = ?"),
        {live.first()});
    if (sides != 2 || people != 2)
        wrong << QStringLiteral("live version %1 has %2 sides signed by %3 people")
                     .arg(live.first())
                     .arg(sides)
                     .arg(people);
    return wrong.isEmpty() ? allThere(QStringLiteral("the new version is live, signed off"))
                           : partial(wrong.join(QStringLiteral("; ")));
}

CrashChecker::Verdict CrashChecker::claimState(const Expectation &expect) const
{
    // The child claims the handoffs one by one, each in its own transaction: whatever it
    // got to is a run of claims from the start of the list, each with its audit entry.
    int claimed = 0;
    bool gap = false;
    QStringList wrong;
    for (const qint64 id : expect.handoffs) {
        const bool holds =
            count(QStringLiteral("SELECT count(*) FROM handoffs WHERE id = ? AND claimed_by = ? "
                                 "AND claimed_at IS NOT NULL AND outcome IS NULL"),
                  {id, expect.rep}) == 1;
        const qint64 audits = count(
            QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'handoff.claim' AND "
                           "entity = 'handoff' AND entity_id = ? AND actor = ?"),
            {id, expect.rep});
        if (audits != (holds ? 1 : 0))
            wrong << QStringLiteral("handoff %1 %2 with %3 claim audit entries")
                         .arg(id)
                         .arg(holds ? QStringLiteral("claimed") : QStringLiteral("unclaimed"))
                         .arg(audits);
        if (holds && gap)
            wrong << QStringLiteral("handoff %1 claimed after an earlier claim was lost").arg(id);
        gap = gap || !holds;
        claimed += holds ? 1 : 0;
    }
    if (!wrong.isEmpty())
        return partial(wrong.join(QStringLiteral("; ")));
    if (claimed == expect.handoffs.size())
        return allThere(QStringLiteral("all %1 claims").arg(claimed));
    return notThere(QStringLiteral("%1 of %2 claims done, the next one not at all")
                        .arg(claimed)
                        .arg(expect.handoffs.size()));
}

CrashChecker::Verdict CrashChecker::createState(const Expectation &expect) const
{
    const qint64 tables = count(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    const qint64 version = count(QStringLiteral("PRAGMA user_version"));
    if (tables == 0 && version == 0)
        return notThere(QStringLiteral("an empty file, no schema yet"));
    if (version == expect.schemaVersion &&
        count(QStringLiteral("SELECT count(*) FROM activity_types")) > 0)
        return allThere(QStringLiteral("schema version %1").arg(version));
    return partial(QStringLiteral("%1 tables, schema version %2").arg(tables).arg(version));
}

CrashChecker::Verdict CrashChecker::demoState(const Expectation &expect) const
{
    if (count(QStringLiteral("PRAGMA user_version")) != expect.schemaVersion)
        return partial(QStringLiteral("schema version %1, not %2")
                           .arg(count(QStringLiteral("PRAGMA user_version")))
                           .arg(expect.schemaVersion));
    const qint64 leads = count(QStringLiteral("SELECT count(*) FROM leads"));
    const qint64 live =
        count(QStringLiteral("SELECT count(*) FROM scoring_models WHERE status = 'live'"));
    const qint64 handoffs = count(QStringLiteral("SELECT count(*) FROM handoffs"));
    const qint64 activities = count(QStringLiteral("SELECT count(*) FROM activities"));
    if (leads == expect.demoLeads && live == 1 && handoffs > 0 && activities > 0)
        return allThere(QStringLiteral("%1 leads, %2 activities").arg(leads).arg(activities));
    return partial(QStringLiteral("a database with %1 of %2 leads, %3 live models, %4 handoffs")
                       .arg(leads)
                       .arg(expect.demoLeads)
                       .arg(live)
                       .arg(handoffs));
}

QList<std::pair<QString, QString>> CrashChecker::leadKeys(int n) const
{
    QList<std::pair<QString, QString>> keys;
    QSqlQuery query =
        run(m_db,
            QStringLiteral("SELECT external_id, email FROM leads WHERE external_id IS NOT NULL "
                           "AND email <> '' ORDER BY id LIMIT ?"),
            {n});
    while (query.next())
        keys.append({query.value(0).toString(), query.value(1).toString()});
    return keys;
}

void CrashChecker::breakOnPurpose(const QString &path, Operation operation)
{
    QString statement;
    switch (operation) {
    case Operation::Import:
        statement = QStringLiteral("DELETE FROM activities WHERE id = (SELECT max(id) FROM "
                                   "activities WHERE import_batch_id IS NOT NULL)");
        break;
    case Operation::UndoImport:
        statement = QStringLiteral("UPDATE import_batches SET undone_at = NULL, undone_by = NULL");
        break;
    case Operation::GoLive:
        statement = QStringLiteral("DELETE FROM model_signoffs WHERE side = 'sales' AND model_id = "
                                   "(SELECT id FROM scoring_models WHERE status = 'live')");
        break;
    case Operation::Claim:
        statement = QStringLiteral("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM "
                                   "audit_log WHERE action = 'handoff.claim')");
        break;
    case Operation::Demo:
        statement = QStringLiteral("DELETE FROM leads WHERE id > (SELECT max(id) / 2 FROM leads)");
        break;
    case Operation::Create:
        statement = QStringLiteral("DROP TABLE activity_types");
        break;
    }
    writeOnPurpose(path, {QStringLiteral("PRAGMA foreign_keys = ON"), statement});
}

void CrashChecker::orphanAHandoff(const QString &path)
{
    writeOnPurpose(path, {QStringLiteral("PRAGMA foreign_keys = OFF"),
                          QStringLiteral("DELETE FROM leads WHERE id = (SELECT lead_id FROM "
                                         "handoffs WHERE outcome IS NULL LIMIT 1)")});
}

void CrashChecker::writeOnPurpose(const QString &path, const QStringList &statements)
{
    const QString name = nextName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        bool done = db.open();
        try {
            for (const QString &statement : statements)
                done = done && run(db, statement).isActive();
        } catch (const Error &) {
            done = false;
        }
        db.close();
        if (!done)
            throw Error(QStringLiteral("%1: the self-test could not break it").arg(path));
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace handoff
