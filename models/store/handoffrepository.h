#pragma once

// Handoffs: a lead passed to sales, either because it raised its hand (intent) or because its
// score crossed the MQL threshold. Holds the claim (exactly one rep, taken atomically), the
// first contact (the speed-to-lead figure) and sales' verdict with its reason.

#include <optional>
#include <tuple>

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include "store/auditlog.h"
#include "store/latestrejections.h"
#include "store/leadrepository.h"

namespace handoff {

struct Handoff
{
    enum class Trigger { Intent, Mql };
    enum class Outcome { Open, Accepted, Rejected };

    qint64 id = 0;
    qint64 leadId = 0;
    Trigger trigger = Trigger::Intent;
    std::optional<int> requestTypeId; // the intent activity that raised the hand
    std::optional<qint64> modelId;    // the scoring model version that scored it
    std::optional<double> score;
    qint64 raisedAt = 0;
    QString claimedBy;
    std::optional<qint64> claimedAt;
    std::optional<qint64> firstContactAt;
    Outcome outcome = Outcome::Open;
    std::optional<qint64> outcomeAt;
    QString outcomeBy;
    QString reason; // one of the agreed reasons, what the figures count
    QString note;   // what sales added in their own words
    // Handed over in a batch (a model change, marked so when it went live): left out of the
    // speed-to-lead figures.
    bool slaExempt = false;

    // Every field. The texts are compared only when they are not the very same copies: every
    // desk compares every open handoff it shows at every look, and one nobody changed shares
    // its texts with the one read before.
    bool operator==(const Handoff &other) const
    {
        const auto same = [](const QString &a, const QString &b) {
            return a.isSharedWith(b) || a == b;
        };
        return std::tie(id, leadId, trigger, requestTypeId, modelId, score, raisedAt, claimedAt,
                        firstContactAt, outcome, outcomeAt, slaExempt) ==
                   std::tie(other.id, other.leadId, other.trigger, other.requestTypeId,
                            other.modelId, other.score, other.raisedAt, other.claimedAt,
                            other.firstContactAt, other.outcome, other.outcomeAt,
                            other.slaExempt) &&
               same(claimedBy, other.claimedBy) && same(outcomeBy, other.outcomeBy) &&
               same(reason, other.reason) && same(note, other.note);
    }
};
// A field added above must be compared in operator== too: this fails until it is counted.
static_assert(sizeof(Handoff) == 232, "Handoff changed: compare the new field in operator==");

class HandoffRepository
{
public:
    explicit HandoffRepository(QSqlDatabase db);

    qint64 raise(const Handoff &handoff);
    // Raises the handoff unless the lead already has an open one (another console may have
    // been quicker), or, for a hand raised, a handoff raised at that time or later (it went
    // to sales with that one, which may be closed by now): the id of the new handoff, or
    // nullopt.
    std::optional<qint64> raiseIfNoneOpen(const Handoff &handoff);
    // What a desk racing others to hand a lead over finds when it asks for the lead.
    enum class Reservation {
        Reserved, // the lead is this connection's to hand over, until releaseLead
        Busy,     // another desk is handing it over right now
        Done,     // it has an open handoff or, for a hand raised, one raised then or later
    };
    // Asks for the lead, outside any transaction, in one statement and without waiting: on a
    // team server fifty desks see a hand raised at once, and all but one lose (in a
    // transaction it took three round trips to lose, and waiting, the losers queued behind
    // each other). A file has one writer at a time: always Reserved, nothing asked.
    Reservation reserveLead(const Handoff &handoff);
    // Gives back a Reserved lead, once the handing over is committed or rolled back.
    void releaseLead(qint64 leadId);
    // On a team server, the whole handing over of one lead in one statement, committed on
    // its own: the lead asked for as reserveLead() does, and when it is this desk's, the
    // handoff raised unless one is open (raiseIfNoneOpen()), the lead moved to change.to
    // with a new change number and `change` recorded when it was at another stage, and
    // `audit` recorded with the new handoff's id. A lead that does not exist (deleted since
    // it raised its hand) is Done. A desk hands a hand-raiser over in one
    // round trip instead of a dozen, each a wait on a busy server, and every other desk
    // waits for that. Only a server (handsOverAtOnce()); outside any transaction.
    bool handsOverAtOnce() const;
    struct HandOver
    {
        Reservation reservation = Reservation::Done;
        std::optional<qint64> handoffId; // raised by this call
    };
    HandOver handOverAtOnce(const Handoff &handoff, const StageChange &change,
                            const AuditEntry &audit);
    // On a team server two desks at a time hand over what every desk sees arrive, and the
    // others stand by for them: fifty desks racing for each hand-raiser cost the server fifty
    // lock attempts, at the moment it matters most; one desk alone makes every hand-raiser
    // wait whenever that desk is slow. True when this connection is one of the two now (it
    // stays so until the connection closes, when the server lets another take its place);
    // false when two other desks' connections are. A file: always true, nothing asked.
    static constexpr int HandingOverDesks = 2;
    bool leadHandingOver();
    // On a team server, runs once on nothing (handoff 0, lead 0, which no row has) the
    // statements a desk runs at every push and when it hands a lead over, and with `claims`
    // at every claim: a server session runs a
    // statement slower the first time (it prepares and plans it, and compiles the change
    // triggers it fires), and fifty desks did that all at once for the first hand-raiser
    // after they opened. Reads and writes nothing; a file has nothing to warm.
    void warmUp(bool claims);
    std::optional<Handoff> find(qint64 id) const;
    // The handoff once what another connection is writing to it is committed: on a team
    // server it waits for that (a file has one writer at a time).
    std::optional<Handoff> findSettled(qint64 id) const;
    std::optional<Handoff> openFor(qint64 leadId) const;
    // Open handoffs, oldest first.
    QList<Handoff> open(Handoff::Trigger trigger) const;
    QList<Handoff> openAll() const;
    // Open hand-raisers nobody has contacted yet, oldest first: what routing and the SLA
    // ladder act on.
    QList<Handoff> openHandRaisersNotContacted() const;
    // The handoffs with these ids, open or not (an id deleted since is not among them).
    QList<Handoff> withIds(const QList<qint64> &ids) const;
    // The same, with the leads of those handoffs written after change number `leadsSeen`
    // (and their custom fields), in one round trip: what a desk standing by reads at once
    // when another desk's commit names handoffs (a hand-raiser's, say), leaving the other
    // leads written meanwhile to its next look.
    struct WithLeads
    {
        QList<Handoff> handoffs;
        QList<LeadRepository::ChangedLead> leads;
    };
    WithLeads withIdsAndChangedLeads(const QList<qint64> &ids, qint64 leadsSeen) const;
    // Per lead with a handoff raised at `since` or later, when its latest was raised: a
    // hand-raise after that is a new one.
    QHash<qint64, qint64> latestRaisedAt(qint64 since) const;
    // The leads with an open handoff.
    QSet<qint64> openLeadIds() const;
    // The newest handoff's id (0 when none), and the leads handed to sales after that one
    // (handoffs open or closed since).
    qint64 lastId() const;
    QSet<qint64> leadsHandedOffAfter(qint64 handoffId) const;
    QList<Handoff> forLead(qint64 leadId) const;

    // Claims an unclaimed, open handoff for `rep`: the claimed handoff's lead when this call
    // won it, else nullopt. On a team server a handoff another connection is writing right
    // now is not waited for (`Busy::Skip`): fifty desks racing for a hand-raiser then do not
    // queue up behind the one that wins; findSettled() tells them who did.
    enum class Busy { Skip, Wait };
    std::optional<qint64> claim(qint64 handoffId, const QString &rep, qint64 at,
                                Busy busy = Busy::Skip);
    // The same, committed with `audit` (its detail's "%1" becomes the lead's number): on a
    // team server in one statement, so the desk that wins holds the row for one round trip
    // and the losers wait on it that long (in a transaction it held it for four); on a file
    // in a transaction of its own. Outside any transaction.
    std::optional<qint64> claimRecorded(qint64 handoffId, const QString &rep, qint64 at, Busy busy,
                                        const AuditEntry &audit);
    // Gives up a claim; true when `rep` held it (or `anyone` is set, for a sales manager).
    bool release(qint64 handoffId, const QString &rep, bool anyone);
    // Takes back `rep`'s claim made at `claimedAt` when nobody has contacted the lead yet (a
    // claim timeout): false when it was worked, released or claimed again meanwhile.
    bool releaseUnworked(qint64 handoffId, const QString &rep, qint64 claimedAt);
    // Hands an open claim to another rep (a sales manager's move).
    void reassign(qint64 handoffId, const QString &rep, qint64 at);
    void markFirstContact(qint64 handoffId, qint64 at);
    void close(qint64 handoffId, Handoff::Outcome outcome, const QString &by, qint64 at,
               const QString &reason, const QString &note = {});
    // Per lead whose latest verdict was a rejection, that verdict (the lead went back to
    // nurture). Only what the queue shows of it: a hundred thousand at a million leads.
    LatestRejections latestRejections() const;
    // The same for these leads alone: after a verdict, only its lead's can have changed.
    LatestRejections latestRejectionsOf(const QSet<qint64> &leadIds) const;

private:
    std::optional<qint64> insert(const Handoff &handoff, bool unlessOpen);
    // Oldest first unless `ordered` is false (the caller does not care: no sort, and the
    // rows are read in the table's own order).
    // `where` binds `values` in order (`?`).
    QList<Handoff> select(const QString &where, const QList<qint64> &values,
                          bool ordered = true) const;

    QSqlDatabase m_db;
};

} // namespace handoff
