#include "scoring/modelversions.h"

#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/error.h"
#include "store/transaction.h"

namespace handoff {

ModelVersions::ModelVersions(Database &db, Profile actor)
    : m_db(db)
    , m_actor(std::move(actor))
{}

QList<ModelRecord> ModelVersions::all() const
{
    return ModelRepository(m_db.connection()).all();
}

ModelRecord ModelVersions::find(qint64 id) const
{
    const auto record = ModelRepository(m_db.connection()).find(id);
    if (!record)
        throw Error(tr("Scoring model version %1 does not exist").arg(id));
    return *record;
}

ScoringModel ModelVersions::definition(qint64 id) const
{
    const QByteArray json = find(id).definition;
    try {
        return ScoringModel::fromJson(json);
    } catch (const Error &e) {
        throw Error(tr("Scoring model version %1 cannot be read: %2").arg(id).arg(e.message()));
    }
}

std::optional<qint64> ModelVersions::liveVersion() const
{
    const auto live = ModelRepository(m_db.connection()).live();
    return live ? std::optional(live->id) : std::nullopt;
}

ScoringModel ModelVersions::liveDefinition() const
{
    const auto live = ModelRepository(m_db.connection()).live();
    return live ? definition(live->id) : ScoringModel::standard();
}

ModelRecord ModelVersions::openDraft(qint64 at)
{
    if (const auto draft = ModelRepository(m_db.connection()).latestDraftBy(m_actor.name))
        return *draft;
    const auto live = ModelRepository(m_db.connection()).live();
    if (live)
        return draftFrom(live->id, at);
    return createDraft(ScoringModel::standard(), tr("Draft"), at);
}

ModelRecord ModelVersions::draftFrom(qint64 versionId, qint64 at)
{
    const ModelRecord source = find(versionId);
    Transaction tx(m_db.connection());
    ModelRecord draft;
    draft.status = ModelRecord::Status::Draft;
    draft.name = tr("Draft from version %1").arg(versionId);
    draft.author = m_actor.name;
    draft.basedOn = versionId;
    draft.createdAt = at;
    draft.definition = source.definition;
    draft.id = ModelRepository(m_db.connection()).insert(draft);
    audit(QStringLiteral("model.draft"), draft.id, tr("from version %1").arg(versionId), at);
    tx.commit();
    return draft;
}

ModelRecord ModelVersions::createDraft(const ScoringModel &model, const QString &name, qint64 at)
{
    Transaction tx(m_db.connection());
    ModelRecord draft;
    draft.status = ModelRecord::Status::Draft;
    draft.name = name;
    draft.author = m_actor.name;
    draft.createdAt = at;
    draft.definition = model.toJson();
    draft.id = ModelRepository(m_db.connection()).insert(draft);
    audit(QStringLiteral("model.draft"), draft.id, name, at);
    tx.commit();
    return draft;
}

void ModelVersions::saveDraft(qint64 id, const ScoringModel &model)
{
    // What is stored must read back: the same checks as a model file.
    try {
        ScoringModel::fromJson(model.toJson());
    } catch (const Error &e) {
        throw Error(tr("Version %1 cannot be saved: %2").arg(id).arg(e.message()));
    }
    Transaction tx(m_db.connection());
    const ModelRecord draft = requireStatus(id, ModelRecord::Status::Draft);
    if (draft.author != m_actor.name)
        throw Error(
            tr("Version %1 is %2's draft; only they can edit it").arg(id).arg(draft.author));
    ModelRepository(m_db.connection()).updateDefinition(id, model.toJson());
    tx.commit();
}

void ModelVersions::propose(qint64 id, const QString &name, const QString &rationale, qint64 at)
{
    if (rationale.trimmed().isEmpty())
        throw Error(tr("Say why this change is proposed: the rationale is empty"));
    Transaction tx(m_db.connection());
    const ModelRecord draft = requireStatus(id, ModelRecord::Status::Draft);
    definition(id); // throws when the stored definition does not read back
    if (draft.author != m_actor.name)
        throw Error(
            tr("Version %1 is %2's draft; only they can propose it").arg(id).arg(draft.author));
    // Without a name of its own, a proposal is named after what it changes, not "Draft from
    // version 1".
    QString proposedName = name.trimmed();
    if (proposedName.isEmpty() && draft.name.startsWith(tr("Draft")))
        proposedName = modeldiff::summary(changes(id));
    if (proposedName.isEmpty())
        proposedName = draft.name;
    if (!ModelRepository(m_db.connection()).propose(id, proposedName, rationale.trimmed()))
        throw changedMeanwhile(id);
    audit(QStringLiteral("model.propose"), id, rationale.trimmed(), at);
    tx.commit();
}

void ModelVersions::signOff(qint64 id, qint64 at)
{
    Transaction tx(m_db.connection());
    requireStatus(id, ModelRecord::Status::Proposed);
    const ModelSignOff::Side side = sideOf(m_actor.role);
    for (const ModelSignOff &s : signOffs(id)) {
        if (s.side == side)
            throw Error(tr("%1 has already signed version %2 off for %3")
                            .arg(s.signedBy)
                            .arg(id)
                            .arg(sideLabel(side)));
        if (s.signedBy == m_actor.name)
            throw Error(tr("%1 has already signed version %2 off for %3; the other side "
                           "needs a different person")
                            .arg(s.signedBy)
                            .arg(id)
                            .arg(sideLabel(s.side)));
    }
    ModelRepository(m_db.connection()).addSignOff({id, side, m_actor.name, at});
    audit(QStringLiteral("model.signoff"), id, ModelRepository::sideName(side), at);
    tx.commit();
}

QStringList ModelVersions::missingForLive(qint64 id) const
{
    const ModelRecord record = find(id);
    if (record.status != ModelRecord::Status::Proposed)
        return {tr("Version %1 is %2, not proposed").arg(id).arg(statusLabel(record.status))};
    bool marketing = false;
    bool sales = false;
    for (const ModelSignOff &s : signOffs(id))
        (s.side == ModelSignOff::Side::Marketing ? marketing : sales) = true;
    QStringList missing;
    if (!marketing)
        missing << tr("the marketing sign-off");
    if (!sales)
        missing << tr("the sales sign-off");
    return missing;
}

void ModelVersions::goLive(qint64 id, qint64 at, bool asBatch)
{
    goLive(id, at, Handover{asBatch ? Handover::Mode::Batch : Handover::Mode::Now, 0});
}

void ModelVersions::goLive(qint64 id, qint64 at, const Handover &handover)
{
    if (handover.mode == Handover::Mode::Gradual && handover.perHour <= 0)
        throw Error(tr("A gradual handover hands over at least one lead an hour"));
    const bool asBatch = handover.mode == Handover::Mode::Batch;
    const int perHour = handover.mode == Handover::Mode::Gradual ? handover.perHour : 0;
    Transaction tx(m_db.connection());
    const QStringList missing = missingForLive(id);
    if (!missing.isEmpty())
        throw Error(tr("Version %1 cannot go live yet: it needs %2")
                        .arg(id)
                        .arg(missing.join(tr(" and "))));
    definition(id); // a version that does not read back would stop every console
    ModelRepository models(m_db.connection());
    if (const auto live = models.live()) {
        if (!models.setStatus(live->id, ModelRecord::Status::Live, ModelRecord::Status::Retired))
            throw changedMeanwhile(live->id);
        audit(QStringLiteral("model.retire"), live->id, tr("replaced by version %1").arg(id), at);
    }
    if (!models.setStatus(id, ModelRecord::Status::Proposed, ModelRecord::Status::Live, at))
        throw changedMeanwhile(id);
    models.setHandover(id, asBatch, perHour);
    QString detail;
    if (asBatch)
        detail = tr("its handoffs marked as one batch, outside the speed-to-lead SLA");
    else if (perHour > 0)
        detail = tr("its handoffs handed over gradually, %1 an hour, best first").arg(perHour);
    audit(QStringLiteral("model.live"), id, detail, at);
    tx.commit();
}

void ModelVersions::withdraw(qint64 id, qint64 at)
{
    Transaction tx(m_db.connection());
    requireStatus(id, ModelRecord::Status::Proposed);
    if (!ModelRepository(m_db.connection())
             .setStatus(id, ModelRecord::Status::Proposed, ModelRecord::Status::Retired))
        throw changedMeanwhile(id);
    audit(QStringLiteral("model.withdraw"), id, {}, at);
    tx.commit();
}

QList<ModelSignOff> ModelVersions::signOffs(qint64 id) const
{
    return ModelRepository(m_db.connection()).signOffs(id);
}

ModelSignOff::Side ModelVersions::sideOf(Profile::Role role)
{
    return role == Profile::Role::Marketing ? ModelSignOff::Side::Marketing
                                            : ModelSignOff::Side::Sales;
}

QString ModelVersions::sideLabel(ModelSignOff::Side side)
{
    return side == ModelSignOff::Side::Marketing ? tr("marketing") : tr("sales");
}

QString ModelVersions::statusLabel(ModelRecord::Status status)
{
    switch (status) {
    case ModelRecord::Status::Draft:
        return tr("draft");
    case ModelRecord::Status::Proposed:
        return tr("proposed");
    case ModelRecord::Status::Live:
        return tr("live");
    case ModelRecord::Status::Retired:
        return tr("retired");
    }
    return {};
}

Error ModelVersions::changedMeanwhile(qint64 id) const
{
    // Another console moved the version between our read and our write; the transaction
    // is rolled back and nothing is changed.
    return Error(tr("Version %1 was changed by someone else just now: look again").arg(id));
}

ModelRecord ModelVersions::requireStatus(qint64 id, ModelRecord::Status status) const
{
    const ModelRecord record = find(id);
    if (record.status != status)
        throw Error(tr("Version %1 is %2, not %3")
                        .arg(id)
                        .arg(statusLabel(record.status), statusLabel(status)));
    return record;
}

void ModelVersions::audit(const QString &action, qint64 id, const QString &detail, qint64 at)
{
    AuditLog(m_db.connection())
        .record({at, m_actor.name, action, QStringLiteral("scoring_model"), id, detail});
}

QHash<QString, QString> ModelVersions::activityLabels() const
{
    QHash<QString, QString> labels;
    for (const ActivityType &type : ActivityRepository(m_db.connection()).types())
        labels.insert(type.code, type.label);
    return labels;
}

QList<ModelDiffRow> ModelVersions::changes(qint64 id) const
{
    const ModelRecord record = find(id);
    const ScoringModel base = record.basedOn ? definition(*record.basedOn) : liveDefinition();
    return modeldiff::compare(base, definition(id), activityLabels());
}

} // namespace handoff
