#include "modelrepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "sqlquery.h"

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
    QSqlQuery q = sql::prepare(
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
    QSqlQuery q = sql::prepare(
        m_db, QStringLiteral("SELECT id, status, name, author, rationale, based_on, created_at, "
                             "live_at, definition FROM scoring_models WHERE %1 ORDER BY id")
                  .arg(where));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(it.key(), it.value());
    sql::exec(q);
    QList<ModelRecord> records;
    while (q.next()) {
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
