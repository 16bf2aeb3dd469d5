#include "store/routingrepository.h"

#include <QVariant>

#include "store/auditlog.h"
#include "store/dialect.h"
#include "store/error.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

namespace {

constexpr int MaxWeight = 100;

RoutingEvent eventFrom(const sql::Statement &q)
{
    RoutingEvent event;
    event.id = q.value(0).toLongLong();
    event.handoffId = q.value(1).toLongLong();
    event.leadId = q.value(2).toLongLong();
    event.kind =
        RoutingEvent::kindFrom(q.value(3).toString()).value_or(RoutingEvent::Kind::Assigned);
    event.rep = q.value(4).toString();
    event.at = q.value(5).toLongLong();
    if (!q.isNull(6))
        event.dueAt = q.value(6).toLongLong();
    return event;
}

const QString eventColumns = QStringLiteral("id, handoff_id, lead_id, kind, rep, at, due_at");

QList<RoutingEvent> readEvents(sql::Statement &q)
{
    sql::exec(q);
    QList<RoutingEvent> events;
    while (sql::next(q))
        events.append(eventFrom(q));
    return events;
}

RepRouting repFrom(const sql::Statement &q)
{
    RepRouting rep;
    rep.rep = q.value(0).toString();
    rep.available = q.value(1).toInt() != 0;
    rep.availableSince = q.value(2).toLongLong();
    rep.weight = q.value(3).toInt();
    rep.territoryField = q.value(4).toString();
    const QString values = q.value(5).toString();
    if (!values.isEmpty())
        rep.territoryValues = values.split(QLatin1Char('\n'));
    return rep;
}

const QString repColumns =
    QStringLiteral("rep, available, available_since, weight, territory_field, territory_values");

} // namespace

QString RoutingSettings::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Off:
        return QStringLiteral("off");
    case Mode::RoundRobin:
        return QStringLiteral("round_robin");
    case Mode::Weighted:
        return QStringLiteral("weighted");
    }
    return {};
}

std::optional<RoutingSettings::Mode> RoutingSettings::modeFrom(const QString &name)
{
    for (const Mode mode : {Mode::Off, Mode::RoundRobin, Mode::Weighted})
        if (modeName(mode) == name)
            return mode;
    return std::nullopt;
}

QString RoutingEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Assigned:
        return QStringLiteral("assigned");
    case Kind::TimedOut:
        return QStringLiteral("timed_out");
    case Kind::SlaPassed:
        return QStringLiteral("sla_passed");
    case Kind::SlaEscalated:
        return QStringLiteral("sla_escalated");
    }
    return {};
}

std::optional<RoutingEvent::Kind> RoutingEvent::kindFrom(const QString &name)
{
    for (const Kind kind : {Kind::Assigned, Kind::TimedOut, Kind::SlaPassed, Kind::SlaEscalated})
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

RoutingRepository::RoutingRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

RoutingSettings RoutingRepository::settings() const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT mode, claim_timeout_minutes FROM "
                                               "routing_settings WHERE id = 1"));
    sql::exec(q);
    RoutingSettings settings;
    if (sql::next(q)) {
        settings.mode =
            RoutingSettings::modeFrom(q.value(0).toString()).value_or(RoutingSettings::Mode::Off);
        settings.claimTimeoutMinutes = q.value(1).toInt();
    }
    return settings;
}

void RoutingRepository::saveSettings(const RoutingSettings &settings, const QString &actor,
                                     qint64 at)
{
    if (settings.claimTimeoutMinutes < 0)
        throw Error(tr("A claim timeout cannot be negative"));
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    auto q = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO routing_settings (id, mode, claim_timeout_minutes, set_at, "
                       "set_by) VALUES (1, :mode, :timeout, :at, :by) ON CONFLICT (id) DO UPDATE "
                       "SET mode = excluded.mode, claim_timeout_minutes = "
                       "excluded.claim_timeout_minutes, set_at = excluded.set_at, set_by = "
                       "excluded.set_by"));
    q.bindValue(QStringLiteral(":mode"), RoutingSettings::modeName(settings.mode));
    q.bindValue(QStringLiteral(":timeout"), settings.claimTimeoutMinutes);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":by"), sql::text(actor));
    sql::exec(q);
    AuditLog(m_db).record({at, actor, QStringLiteral("routing.set"),
                           QStringLiteral("routing_settings"), 1,
                           tr("%1, claim timeout %2 min")
                               .arg(RoutingSettings::modeName(settings.mode))
                               .arg(settings.claimTimeoutMinutes)});
    scope.commit();
}

QList<RepRouting> RoutingRepository::reps() const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM rep_routing ORDER BY rep").arg(repColumns));
    sql::exec(q);
    QList<RepRouting> reps;
    while (sql::next(q))
        reps.append(repFrom(q));
    return reps;
}

std::optional<RepRouting> RoutingRepository::rep(const QString &name) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM rep_routing WHERE rep = :rep").arg(repColumns));
    q.bindValue(QStringLiteral(":rep"), name);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    return repFrom(q);
}

QStringList RoutingRepository::territoryFields()
{
    return {QStringLiteral("country"), QStringLiteral("industry"), QStringLiteral("seniority"),
            QStringLiteral("channel"), QStringLiteral("segment")};
}

void RoutingRepository::setAvailable(const QString &rep, bool available, const QString &actor,
                                     qint64 at)
{
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    // A rep not set up yet gets the defaults; one set up keeps what the manager set.
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO rep_routing (rep, available, available_since) VALUES "
                             "(:rep, :available, :at) ON CONFLICT (rep) DO UPDATE SET available "
                             "= excluded.available, available_since = CASE WHEN "
                             "rep_routing.available = 0 AND excluded.available = 1 THEN "
                             "excluded.available_since ELSE rep_routing.available_since END"));
    q.bindValue(QStringLiteral(":rep"), rep);
    q.bindValue(QStringLiteral(":available"), available ? 1 : 0);
    q.bindValue(QStringLiteral(":at"), at);
    sql::exec(q);
    AuditLog(m_db).record({at, actor, QStringLiteral("routing.shift"), QStringLiteral("rep"), 0,
                           tr("%1: %2").arg(rep, available ? tr("on shift") : tr("away"))});
    scope.commit();
}

void RoutingRepository::saveRep(RepRouting rep, const QString &actor, qint64 at)
{
    if (rep.rep.trimmed().isEmpty())
        throw Error(tr("A rep needs a name"));
    if (rep.weight < 1 || rep.weight > MaxWeight)
        throw Error(tr("%1's weight is %2; a weight is a whole number from 1 to %3")
                        .arg(rep.rep)
                        .arg(rep.weight)
                        .arg(MaxWeight));
    if (rep.hasTerritory() && !territoryFields().contains(rep.territoryField))
        throw Error(tr("A territory cannot be drawn on \"%1\"; it can on %2")
                        .arg(rep.territoryField, territoryFields().join(QStringLiteral(", "))));
    for (QString &value : rep.territoryValues)
        value = value.trimmed();
    rep.territoryValues.removeAll(QString());
    if (rep.hasTerritory() && rep.territoryValues.isEmpty())
        throw Error(tr("%1's territory on %2 names no value").arg(rep.rep, rep.territoryField));
    WriteScope scope(m_db, Transaction::Kind::Handoffs);
    const std::optional<RepRouting> before = this->rep(rep.rep);
    if (rep.available && !(before && before->available))
        rep.availableSince = at;
    else if (before)
        rep.availableSince = before->availableSince;
    auto q = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO rep_routing (%1) VALUES (:rep, :available, :since, :weight, "
                       ":field, :values) ON CONFLICT (rep) DO UPDATE SET available = "
                       "excluded.available, available_since = excluded.available_since, weight = "
                       "excluded.weight, territory_field = excluded.territory_field, "
                       "territory_values = excluded.territory_values")
            .arg(repColumns));
    q.bindValue(QStringLiteral(":rep"), rep.rep);
    q.bindValue(QStringLiteral(":available"), rep.available ? 1 : 0);
    q.bindValue(QStringLiteral(":since"), rep.availableSince);
    q.bindValue(QStringLiteral(":weight"), rep.weight);
    q.bindValue(QStringLiteral(":field"), sql::text(rep.territoryField));
    q.bindValue(QStringLiteral(":values"), sql::text(rep.territoryValues.join(QLatin1Char('\n'))));
    sql::exec(q);
    const QString territory =
        rep.hasTerritory()
            ? tr("%1 in %2").arg(rep.territoryField, rep.territoryValues.join(QStringLiteral(", ")))
            : tr("any lead");
    AuditLog(m_db).record({at, actor, QStringLiteral("routing.rep"), QStringLiteral("rep"), 0,
                           tr("%1: %2, weight %3, %4")
                               .arg(rep.rep, rep.available ? tr("available") : tr("away"))
                               .arg(rep.weight)
                               .arg(territory)});
    scope.commit();
}

namespace {

std::optional<qint64> insertEvent(const QSqlDatabase &db, const QString &statement,
                                  const RoutingEvent &event)
{
    auto q = sql::prepare(db, statement);
    q.bindValue(QStringLiteral(":handoff"), event.handoffId);
    q.bindValue(QStringLiteral(":lead"), event.leadId);
    q.bindValue(QStringLiteral(":kind"), RoutingEvent::kindName(event.kind));
    q.bindValue(QStringLiteral(":rep"), sql::text(event.rep));
    q.bindValue(QStringLiteral(":at"), event.at);
    q.bindValue(QStringLiteral(":due"),
                event.dueAt ? QVariant(*event.dueAt) : QVariant(QMetaType::fromType<qint64>()));
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

const QString onceOnly = QStringLiteral(" ON CONFLICT (handoff_id, kind) WHERE kind IN "
                                        "('sla_passed', 'sla_escalated') DO NOTHING RETURNING id");

} // namespace

std::optional<qint64> RoutingRepository::record(const RoutingEvent &event)
{
    return insertEvent(m_db,
                       QStringLiteral("INSERT INTO routing_events (handoff_id, lead_id, kind, rep, "
                                      "at, due_at) VALUES (:handoff, :lead, :kind, :rep, :at, "
                                      ":due)") +
                           onceOnly,
                       event);
}

std::optional<RoutingEvent> RoutingRepository::recordStep(const RoutingEvent &step)
{
    auto q = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO routing_events (handoff_id, lead_id, kind, rep, at, due_at) "
                       "SELECT h.id, h.lead_id, CAST(:kind AS TEXT), coalesce(h.claimed_by, ''), "
                       "CAST(:at AS BIGINT), CAST(:due AS BIGINT) FROM handoffs h WHERE h.id = "
                       "CAST(:handoff AS BIGINT) AND h.outcome IS NULL AND h.first_contact_at IS "
                       "NULL ON CONFLICT (handoff_id, kind) WHERE kind IN ('sla_passed', "
                       "'sla_escalated') DO NOTHING RETURNING id, rep"));
    q.bindValue(QStringLiteral(":kind"), RoutingEvent::kindName(step.kind));
    q.bindValue(QStringLiteral(":at"), step.at);
    q.bindValue(QStringLiteral(":due"),
                step.dueAt ? QVariant(*step.dueAt) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":handoff"), step.handoffId);
    sql::exec(q);
    if (!sql::next(q))
        return std::nullopt;
    RoutingEvent recorded = step;
    recorded.id = q.value(0).toLongLong();
    recorded.rep = q.value(1).toString();
    q.finish();
    return recorded;
}

void RoutingRepository::lockForPass()
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return;
    // One number for "a routing pass" in this database. Lead ids share its key space
    // (HandoffRepository::reserveLead): the lead with this very id waits a moment for a pass
    // to end, or a pass for it, and nothing worse. A key of two numbers would avoid that, but
    // desks of every version on one server must take the same key: it moves with a server
    // schema version, never alone.
    auto q = sql::prepare(m_db, QStringLiteral("SELECT pg_advisory_xact_lock(7212019)"));
    sql::exec(q);
    q.finish();
}

QList<RoutingEvent> RoutingRepository::eventsAfter(qint64 afterId) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM routing_events WHERE id > :after ORDER BY id")
                  .arg(eventColumns));
    q.bindValue(QStringLiteral(":after"), afterId);
    return readEvents(q);
}

qint64 RoutingRepository::lastEventId() const
{
    return sql::scalar(m_db, QStringLiteral("SELECT max(id) FROM routing_events"));
}

QList<RoutingEvent> RoutingRepository::eventsFor(const QList<qint64> &handoffIds) const
{
    QList<RoutingEvent> events;
    sql::inChunks(handoffIds, [&](const QList<qint64> &chunk, const QString &marks) {
        auto q = sql::prepare(m_db, QStringLiteral("SELECT %1 FROM routing_events WHERE "
                                                   "handoff_id IN (%2) ORDER BY id")
                                        .arg(eventColumns, marks));
        for (const qint64 id : chunk)
            q.addBindValue(id);
        events += readEvents(q);
    });
    return events;
}

QHash<QString, RoutingRepository::Share> RoutingRepository::assignedSince(qint64 since) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT rep, count(*), max(at) FROM routing_events "
                                               "WHERE kind = 'assigned' AND at >= :since "
                                               "GROUP BY rep"));
    q.bindValue(QStringLiteral(":since"), since);
    sql::exec(q);
    QHash<QString, Share> shares;
    while (sql::next(q))
        shares.insert(q.value(0).toString(),
                      {int(q.value(1).toLongLong()), q.value(2).toLongLong()});
    return shares;
}

QList<RoutingEvent> RoutingRepository::breaches(qint64 from, qint64 to) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT %1 FROM routing_events WHERE kind IN ('sla_passed', "
                             "'sla_escalated') AND at >= :from AND at < :to ORDER BY at, id")
                  .arg(eventColumns));
    q.bindValue(QStringLiteral(":from"), from);
    q.bindValue(QStringLiteral(":to"), to);
    return readEvents(q);
}

} // namespace handoff
