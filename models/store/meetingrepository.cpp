#include "store/meetingrepository.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

#include "store/auditlog.h"
#include "store/error.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

MeetingRepository::MeetingRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

namespace {
const QString targetColumns = QStringLiteral(
    "id, sla_minutes, mqls_per_week, accept_rate, marketing_share_low, marketing_share_high, "
    "set_by, set_at, note");

MeetingTargets targetsFrom(const QSqlQuery &q)
{
    MeetingTargets t;
    t.version = q.value(0).toLongLong();
    t.slaMinutes = q.value(1).toInt();
    t.mqlsPerWeek = q.value(2).toInt();
    t.acceptRate = q.value(3).toDouble();
    t.marketingShareLow = q.value(4).toDouble();
    t.marketingShareHigh = q.value(5).toDouble();
    t.setBy = q.value(6).toString();
    t.setAt = q.value(7).toLongLong();
    t.note = q.value(8).toString();
    return t;
}
} // namespace

MeetingTargets MeetingRepository::currentTargets() const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT %1 FROM meeting_targets "
                                               "ORDER BY id DESC LIMIT 1")
                                    .arg(targetColumns));
    sql::exec(q);
    return sql::next(q) ? targetsFrom(q.query()) : MeetingTargets{};
}

QList<MeetingTargets> MeetingRepository::targetHistory() const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM meeting_targets ORDER BY id DESC").arg(targetColumns));
    sql::exec(q);
    QList<MeetingTargets> result;
    while (sql::next(q))
        result.append(targetsFrom(q.query()));
    return result;
}

qint64 MeetingRepository::saveTargets(const MeetingTargets &t, const QString &by, qint64 at)
{
    Transaction transaction(m_db, Transaction::Kind::Write);
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO meeting_targets (sla_minutes, mqls_per_week, "
                             "accept_rate, marketing_share_low, marketing_share_high, set_by, "
                             "set_at, note) VALUES (:sla, :mqls, :accept, :low, :high, :by, :at, "
                             ":note) RETURNING id"));
    q.bindValue(QStringLiteral(":sla"), t.slaMinutes);
    q.bindValue(QStringLiteral(":mqls"), t.mqlsPerWeek);
    q.bindValue(QStringLiteral(":accept"), t.acceptRate);
    q.bindValue(QStringLiteral(":low"), t.marketingShareLow);
    q.bindValue(QStringLiteral(":high"), t.marketingShareHigh);
    q.bindValue(QStringLiteral(":by"), sql::text(by));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":note"), sql::text(t.note));
    const qint64 version = sql::insertReturningId(q);
    AuditLog(m_db).record(
        {at, by, QStringLiteral("targets.set"), QStringLiteral("meeting_targets"), version,
         QStringLiteral("SLA %1 min, %2 MQLs/week, accept %3%, marketing share %4-%5%")
             .arg(t.slaMinutes)
             .arg(t.mqlsPerWeek)
             .arg(t.acceptRate * 100)
             .arg(t.marketingShareLow * 100)
             .arg(t.marketingShareHigh * 100)});
    transaction.commit();
    return version;
}

std::optional<MeetingRecord> MeetingRepository::meeting(const QString &week) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT id, held_at, notes, saved_by, saved_at "
                                               "FROM meetings WHERE week = :week"));
    q.bindValue(QStringLiteral(":week"), week);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    MeetingRecord m;
    m.id = q.value(0).toLongLong();
    m.week = week;
    m.heldAt = q.value(1).toLongLong();
    m.notes = q.value(2).toString();
    m.savedBy = q.value(3).toString();
    m.savedAt = q.value(4).toLongLong();
    auto a = sql::prepare(m_db, QStringLiteral("SELECT text, owner, due, done FROM "
                                               "meeting_actions WHERE meeting_id = :id "
                                               "ORDER BY position"));
    a.bindValue(QStringLiteral(":id"), m.id);
    sql::exec(a);
    while (sql::next(a))
        m.actions.append({a.value(0).toString(), a.value(1).toString(), a.value(2).toString(),
                          a.value(3).toInt() != 0});
    return m;
}

qint64 MeetingRepository::saveMeeting(const MeetingRecord &m)
{
    for (qsizetype i = 0; i < m.actions.size(); ++i) {
        if (m.actions.at(i).text.trimmed().isEmpty())
            throw Error(
                QCoreApplication::translate("MeetingRepository", "Action item %1 has no text")
                    .arg(i + 1));
    }
    if (m.week.isEmpty())
        throw Error(QCoreApplication::translate("MeetingRepository", "A meeting needs its week"));
    Transaction transaction(m_db, Transaction::Kind::Write);
    // Portable upsert: SQLite and PostgreSQL both accept ON CONFLICT ... DO UPDATE.
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO meetings (week, held_at, notes, saved_by, saved_at) "
                             "VALUES (:week, :held, :notes, :by, :at) ON CONFLICT (week) DO "
                             "UPDATE SET held_at = excluded.held_at, notes = excluded.notes, "
                             "saved_by = excluded.saved_by, saved_at = excluded.saved_at "
                             "RETURNING id"));
    q.bindValue(QStringLiteral(":week"), m.week);
    q.bindValue(QStringLiteral(":held"), m.heldAt);
    q.bindValue(QStringLiteral(":notes"), sql::text(m.notes));
    q.bindValue(QStringLiteral(":by"), sql::text(m.savedBy));
    q.bindValue(QStringLiteral(":at"), m.savedAt);
    const qint64 id = sql::insertReturningId(q);
    auto clear =
        sql::prepare(m_db, QStringLiteral("DELETE FROM meeting_actions WHERE meeting_id = :id"));
    clear.bindValue(QStringLiteral(":id"), id);
    sql::exec(clear);
    auto insert = sql::prepare(
        m_db, QStringLiteral("INSERT INTO meeting_actions (meeting_id, position, text, owner, "
                             "due, done) VALUES (:id, :position, :text, :owner, :due, :done)"));
    for (qsizetype i = 0; i < m.actions.size(); ++i) {
        const ActionItem &item = m.actions.at(i);
        insert.bindValue(QStringLiteral(":id"), id);
        insert.bindValue(QStringLiteral(":position"), int(i));
        insert.bindValue(QStringLiteral(":text"), item.text.trimmed());
        insert.bindValue(QStringLiteral(":owner"), sql::text(item.owner.trimmed()));
        insert.bindValue(QStringLiteral(":due"), sql::text(item.due.trimmed()));
        insert.bindValue(QStringLiteral(":done"), item.done ? 1 : 0);
        sql::exec(insert);
    }
    AuditLog(m_db).record(
        {m.savedAt, m.savedBy, QStringLiteral("meeting.save"), QStringLiteral("meeting"), id,
         QStringLiteral("%1: %2 action items").arg(m.week).arg(m.actions.size())});
    transaction.commit();
    return id;
}

} // namespace handoff
