#pragma once

// What people do with handoffs, each as one transaction with its audit entry, under the
// profile of whoever does it: claim (atomic: one rep wins), release, reassign, record the
// first contact, accept as SQL, reject with a reason (back to nurture), escalate a lead to
// sales, and save the qualification details. Refuses what the profile's role may not do.

#include <optional>

#include <QCoreApplication>

#include "store/handoffrepository.h"
#include "store/profile.h"
#include "store/qualificationrepository.h"
#include "store/routingrepository.h"

namespace handoff {

class Database;

class HandoffActions
{
    Q_DECLARE_TR_FUNCTIONS(HandoffActions)

public:
    struct ClaimResult
    {
        bool won = false;
        QString holder; // who has the lead now
    };

    HandoffActions(Database &db, Profile actor);

    const Profile &actor() const { return m_actor; }

    ClaimResult claim(qint64 handoffId, qint64 at);
    void release(qint64 handoffId, qint64 at);
    void reassign(qint64 handoffId, const QString &rep, qint64 at);
    void markFirstContact(qint64 handoffId, qint64 at);
    void accept(qint64 handoffId, qint64 at);
    void reject(qint64 handoffId, const QString &reason, const QString &note, qint64 at);
    // Opens a handoff for a lead that raised its hand or crossed the threshold, and moves the
    // lead to MQL. nullopt when the lead already had one open.
    std::optional<qint64> escalate(const Handoff &handoff);
    // The same for many in one transaction (the caller's, if one is open): the index and new
    // handoff id of each one handed over; the others already had a handoff open. Given
    // `busy`, a lead another desk is handing over right now is not waited for: its index
    // goes there, to be tried again once that desk's commit is pushed.
    QList<std::pair<qsizetype, qint64>> escalateAll(const QList<Handoff> &handoffs,
                                                    QList<qsizetype> *busy = nullptr);
    void saveQualification(qint64 leadId, Qualification details, qint64 at);
    // Says whether the actor takes routed hand-raisers now (their weight and territory,
    // the sales manager's to set, stay as they are).
    void setAvailable(bool available, qint64 at);
    bool isAvailable() const;
    // The team's routing: the settings and every sales-side profile as routing has it (one
    // never set up: away, weight 1, any lead).
    TeamRouting teamRouting() const;
    // Saves a sales manager's routing in one transaction, the reps that changed each with
    // their audit entry. Throws Error, saving nothing, on a bad weight or territory.
    void saveRouting(const TeamRouting &routing, qint64 at);

    bool maySell() const { return m_actor.isSales(); }
    bool mayManage() const { return m_actor.role == Profile::Role::SalesManager; }
    bool mayWork(const Handoff &h) const;

    // The reasons offered when rejecting; free text may follow.
    static QStringList rejectReasons();

private:
    // What handing `handoff` over records: the lead's move to MQL (from the stage it is at)
    // and the audit line (its entity id the new handoff's, once known).
    StageChange movedToMql(const Handoff &handoff) const;
    AuditEntry raisedAudit(const Handoff &handoff) const;
    // The handoff, refused unless it exists and is open; `settled`: once what another desk
    // is writing to it is committed (HandoffRepository::findSettled).
    Handoff openHandoff(qint64 handoffId, bool settled = false) const;
    void requireSales() const;
    void requireWorker(const Handoff &h) const;
    void audit(const QString &action, const QString &entity, qint64 id, const QString &detail,
               qint64 at);

    Database &m_db;
    Profile m_actor;
};

} // namespace handoff
