#include "store/pendinghandoverrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "store/sqlquery.h"

namespace handoff {

PendingHandoverRepository::PendingHandoverRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

void PendingHandoverRepository::schedule(const QList<PendingHandover> &wave)
{
    // One prepared statement for the whole wave; the caller's transaction makes it one commit.
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO pending_handovers (lead_id, model_id, score, "
                             "release_at) VALUES (:lead_id, :model_id, :score, :release_at) "
                             "ON CONFLICT (lead_id) DO NOTHING"));
    for (const PendingHandover &p : wave) {
        q.bindValue(QStringLiteral(":lead_id"), p.leadId);
        q.bindValue(QStringLiteral(":model_id"), p.modelId ? QVariant(*p.modelId) : QVariant());
        q.bindValue(QStringLiteral(":score"), p.score);
        q.bindValue(QStringLiteral(":release_at"), p.releaseAt);
        sql::exec(q);
    }
}

bool PendingHandoverRepository::waveScheduled(qint64 modelId) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT EXISTS (SELECT 1 FROM pending_handovers WHERE model_id = "
                             ":pending_model) OR EXISTS (SELECT 1 FROM handoffs WHERE model_id = "
                             ":handoff_model AND trigger = 'mql')"));
    q.bindValue(QStringLiteral(":pending_model"), modelId);
    q.bindValue(QStringLiteral(":handoff_model"), modelId);
    sql::exec(q);
    return sql::next(q) && q.value(0).toInt() != 0;
}

QList<PendingHandover> PendingHandoverRepository::select(const QString &where,
                                                         const QVariantMap &values) const
{
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT lead_id, model_id, score, release_at FROM pending_handovers "
                             "WHERE %1 ORDER BY release_at, score DESC, lead_id")
                  .arg(where));
    q.setForwardOnly(true);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(it.key(), it.value());
    sql::exec(q);
    QList<PendingHandover> result;
    while (sql::next(q)) {
        PendingHandover p;
        p.leadId = q.value(0).toLongLong();
        if (!q.value(1).isNull())
            p.modelId = q.value(1).toLongLong();
        p.score = q.value(2).toDouble();
        p.releaseAt = q.value(3).toLongLong();
        result.append(p);
    }
    return result;
}

QList<PendingHandover> PendingHandoverRepository::all() const
{
    return select(QStringLiteral("1 = 1"), {});
}

QList<PendingHandover> PendingHandoverRepository::due(qint64 now) const
{
    return select(QStringLiteral("release_at <= :now"), {{QStringLiteral(":now"), now}});
}

std::optional<qint64> PendingHandoverRepository::nextReleaseAt() const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT min(release_at) FROM pending_handovers"));
    sql::exec(q);
    if (!sql::next(q) || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void PendingHandoverRepository::remove(qint64 leadId)
{
    auto q = sql::prepare(m_db,
                          QStringLiteral("DELETE FROM pending_handovers WHERE lead_id = :lead_id"));
    q.bindValue(QStringLiteral(":lead_id"), leadId);
    sql::exec(q);
}

} // namespace handoff
