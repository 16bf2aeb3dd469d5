#include "store/modelrepository.h"

#include <algorithm>

#include <QSqlQuery>
#include <QVariant>

#include "store/sqlquery.h"

namespace handoff {

namespace {

ModelRecord::Status statusFrom(const QString &text)
{
    using enum ModelRecord::Status;
    for (ModelRecord::Status s : {Draft, Proposed, Live, Retired}) {
        if (ModelRepository::statusName(s) == text)
            return s;
    }
    return Draft;
}

} // namespace

ModelRepository::ModelRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

QString ModelRepository::statusName(ModelRecord::Status status)
{
    switch (status) {
    case ModelRecord::Status::Draft:
        return QStringLiteral("draft");
    case ModelRecord::Status::Proposed:
        return QStringLiteral("proposed");
    case ModelRecord::Status::Live:
        return QStringLiteral("live");
    case ModelRecord::Status::Retired:
        return QStringLiteral("retired");
    }
    return {};
}

qint64 ModelRepository::insert(const ModelRecord &r)
{
    auto q = sql::prepare(
        m_db,
        QStringLiteral("INSERT INTO scoring_models (status, name, author, rationale, based_on, "
                       "created_at, live_at, definition) VALUES (:status, :name, :author, "
                       ":rationale, :based_on, :created_at, :live_at, :definition) RETURNING id"));
    q.bindValue(QStringLiteral(":status"), statusName(r.status));
    q.bindValue(QStringLiteral(":name"), sql::text(r.name));
    q.bindValue(QStringLiteral(":author"), sql::text(r.author));
    q.bindValue(QStringLiteral(":rationale"), sql::text(r.rationale));
    q.bindValue(QStringLiteral(":based_on"), r.basedOn ? QVariant(*r.basedOn) : QVariant());
    q.bindValue(QStringLiteral(":created_at"), r.createdAt);
    q.bindValue(QStringLiteral(":live_at"), r.liveAt ? QVariant(*r.liveAt) : QVariant());
    q.bindValue(QStringLiteral(":definition"), QString::fromUtf8(r.definition));
    return sql::insertReturningId(q);
}

QList<ModelRecord> ModelRepository::select(const QString &where, const QVariantMap &values) const
{
    auto q = sql::prepare(
        m_db,
        QStringLiteral("SELECT id, status, name, author, rationale, based_on, created_at, "
                       "live_at, definition, batch_handover, handover_per_hour FROM scoring_models "
                       "WHERE %1 "
                       "ORDER BY id")
            .arg(where));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(it.key(), it.value());
    sql::exec(q);
    QList<ModelRecord> records;
    while (sql::next(q)) {
        ModelRecord r;
        r.id = q.value(0).toLongLong();
        r.status = statusFrom(q.value(1).toString());
        r.name = q.value(2).toString();
        r.author = q.value(3).toString();
        r.rationale = q.value(4).toString();
        if (!q.value(5).isNull())
            r.basedOn = q.value(5).toLongLong();
        r.createdAt = q.value(6).toLongLong();
        if (!q.value(7).isNull())
            r.liveAt = q.value(7).toLongLong();
        r.definition = q.value(8).toString().toUtf8();
        r.batchHandover = q.value(9).toInt() != 0;
        r.handoverPerHour = q.value(10).toInt();
        records.append(r);
    }
    return records;
}

std::optional<ModelRecord> ModelRepository::find(qint64 id) const
{
    const auto found = select(QStringLiteral("id = :id"), {{QStringLiteral(":id"), id}});
    return found.isEmpty() ? std::nullopt : std::optional<ModelRecord>(found.first());
}

std::optional<ModelRecord> ModelRepository::live() const
{
    const auto found = select(QStringLiteral("status = :status"),
                              {{QStringLiteral(":status"), statusName(ModelRecord::Status::Live)}});
    return found.isEmpty() ? std::nullopt : std::optional<ModelRecord>(found.first());
}

QList<ModelRecord> ModelRepository::all() const
{
    return select(QStringLiteral("1 = 1"), {});
}

std::optional<ModelRecord> ModelRepository::latestDraftBy(const QString &author) const
{
    const auto found = select(QStringLiteral("status = :status AND author = :author"),
                              {{QStringLiteral(":status"), statusName(ModelRecord::Status::Draft)},
                               {QStringLiteral(":author"), author}});
    return found.isEmpty() ? std::nullopt : std::optional<ModelRecord>(found.last());
}

void ModelRepository::updateDefinition(qint64 id, const QByteArray &definition)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("UPDATE scoring_models SET definition = :definition WHERE id = :id"));
    q.bindValue(QStringLiteral(":definition"), QString::fromUtf8(definition));
    q.bindValue(QStringLiteral(":id"), id);
    sql::exec(q);
}

bool ModelRepository::propose(qint64 id, const QString &name, const QString &rationale)
{
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE scoring_models SET status = :status, "
                                               "name = :name, rationale = :rationale "
                                               "WHERE id = :id AND status = :draft"));
    q.bindValue(QStringLiteral(":status"), statusName(ModelRecord::Status::Proposed));
    q.bindValue(QStringLiteral(":name"), sql::text(name));
    q.bindValue(QStringLiteral(":rationale"), sql::text(rationale));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":draft"), statusName(ModelRecord::Status::Draft));
    sql::exec(q);
    return q.numRowsAffected() == 1;
}

void ModelRepository::setHandover(qint64 id, bool batch, int perHour)
{
    auto q = sql::prepare(m_db, QStringLiteral("UPDATE scoring_models SET batch_handover = "
                                               ":batch, handover_per_hour = :per_hour "
                                               "WHERE id = :id"));
    q.bindValue(QStringLiteral(":batch"), batch ? 1 : 0);
    q.bindValue(QStringLiteral(":per_hour"), std::max(perHour, 0));
    q.bindValue(QStringLiteral(":id"), id);
    sql::exec(q);
}

bool ModelRepository::setStatus(qint64 id, ModelRecord::Status from, ModelRecord::Status to,
                                std::optional<qint64> liveAt)
{
    auto q =
        sql::prepare(m_db, QStringLiteral("UPDATE scoring_models SET status = :status, "
                                          "live_at = COALESCE(:live_at, live_at) WHERE id = :id "
                                          "AND status = :from"));
    q.bindValue(QStringLiteral(":status"), statusName(to));
    q.bindValue(QStringLiteral(":live_at"), liveAt ? QVariant(*liveAt) : QVariant());
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":from"), statusName(from));
    sql::exec(q);
    return q.numRowsAffected() == 1;
}

QString ModelRepository::sideName(ModelSignOff::Side side)
{
    return side == ModelSignOff::Side::Marketing ? QStringLiteral("marketing")
                                                 : QStringLiteral("sales");
}

void ModelRepository::addSignOff(const ModelSignOff &s)
{
    auto q = sql::prepare(
        m_db, QStringLiteral("INSERT INTO model_signoffs (model_id, side, signed_by, signed_at) "
                             "VALUES (:model_id, :side, :signed_by, :signed_at)"));
    q.bindValue(QStringLiteral(":model_id"), s.modelId);
    q.bindValue(QStringLiteral(":side"), sideName(s.side));
    q.bindValue(QStringLiteral(":signed_by"), sql::text(s.signedBy));
    q.bindValue(QStringLiteral(":signed_at"), s.signedAt);
    sql::exec(q);
}

QList<ModelSignOff> ModelRepository::signOffs(qint64 modelId) const
{
    auto q = sql::prepare(m_db, QStringLiteral("SELECT side, signed_by, signed_at FROM "
                                               "model_signoffs WHERE model_id = :model_id "
                                               "ORDER BY signed_at, side"));
    q.bindValue(QStringLiteral(":model_id"), modelId);
    sql::exec(q);
    QList<ModelSignOff> result;
    while (sql::next(q)) {
        ModelSignOff s;
        s.modelId = modelId;
        s.side = q.value(0).toString() == sideName(ModelSignOff::Side::Sales)
                     ? ModelSignOff::Side::Sales
                     : ModelSignOff::Side::Marketing;
        s.signedBy = q.value(1).toString();
        s.signedAt = q.value(2).toLongLong();
        result.append(s);
    }
    return result;
}

} // namespace handoff
