#pragma once

// The life of a scoring model version, under the profile of whoever acts: a person edits their
// own draft (saved as they go), proposes it with a rationale, one marketing and one sales
// profile (two different people) sign it off, and only then may it go live, retiring the
// version live before it. Every step is one transaction with its audit entry; every version
// is kept. Refusals throw Error with a message saying why.

#include <QCoreApplication>
#include <QList>

#include "scoring/modeldiff.h"
#include "scoring/scoringmodel.h"
#include "store/error.h"
#include "store/modelrepository.h"
#include "store/profile.h"

namespace handoff {

class Database;

class ModelVersions
{
    Q_DECLARE_TR_FUNCTIONS(ModelVersions)

public:
    ModelVersions(Database &db, Profile actor);

    QList<ModelRecord> all() const;
    ModelRecord find(qint64 id) const; // throws when there is no such version
    ScoringModel definition(qint64 id) const;
    // The version now live; nullopt while the standard model scores.
    std::optional<qint64> liveVersion() const;
    // The live version's definition, or the standard model when nothing is live yet.
    ScoringModel liveDefinition() const;

    // The actor's newest draft, or a new one copied from the live model.
    ModelRecord openDraft(qint64 at);
    // A new draft for the actor, copied from any version (to rework a proposal, say).
    ModelRecord draftFrom(qint64 versionId, qint64 at);
    // A new draft holding `model` (an imported file, say).
    ModelRecord createDraft(const ScoringModel &model, const QString &name, qint64 at);
    void saveDraft(qint64 id, const ScoringModel &model);
    void propose(qint64 id, const QString &name, const QString &rationale, qint64 at);
    // Signs for the actor's side (marketing, or sales for sales reps and managers).
    void signOff(qint64 id, qint64 at);
    // How the leads the version lifts over the threshold reach sales.
    struct Handover
    {
        enum class Mode {
            Now,     // each with its own speed-to-lead clock, starting now
            Batch,   // marked as one batch, which the speed-to-lead figures leave out
            Gradual, // `perHour` an hour, best first, each clock starting at its release
        };
        Mode mode = Mode::Now;
        int perHour = 0;
    };
    // `asBatch`: the leads the version hands to sales are marked as one batch, which the
    // speed-to-lead figures leave out (a model change is not a hand being raised).
    void goLive(qint64 id, qint64 at, bool asBatch = false);
    void goLive(qint64 id, qint64 at, const Handover &handover);
    // A proposal nobody will sign: retired, kept in the history.
    void withdraw(qint64 id, qint64 at);

    QList<ModelSignOff> signOffs(qint64 id) const;
    // Activity type code -> label, for showing a model to people.
    QHash<QString, QString> activityLabels() const;
    // What a version changes against the one it was drafted from (or the live model).
    QList<ModelDiffRow> changes(qint64 id) const;
    // What still keeps a proposal from going live, in words; empty when it may.
    QStringList missingForLive(qint64 id) const;

    static ModelSignOff::Side sideOf(Profile::Role role);
    static QString sideLabel(ModelSignOff::Side side);
    static QString statusLabel(ModelRecord::Status status);

private:
    ModelRecord requireStatus(qint64 id, ModelRecord::Status status) const;
    Error changedMeanwhile(qint64 id) const;
    void audit(const QString &action, qint64 id, const QString &detail, qint64 at);

    Database &m_db;
    Profile m_actor;
};

} // namespace handoff
