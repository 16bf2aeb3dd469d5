#pragma once

// What one console window works on: the database, the scoring engine loaded from it, the
// two queue models and the profile of the person at the keyboard. It notices what other
// consoles, the command line or an import write to the same database (polling SQLite's
// data_version; on a team server, told by the server what each commit wrote), reads only
// that and applies it incrementally, escalates leads that raise a hand or cross the
// MQL threshold, and updates the queues with precise row signals. Widgets show these and
// call its actions; they never query.

#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>

#include "queues/backgroundtask.h"
#include "queues/handoffactions.h"
#include "queues/interestqueuemodel.h"
#include "queues/salesqueuemodel.h"
#include "scoring/scoringengine.h"
#include "store/database.h"
#include "store/historystamp.h"
#include "store/pendinghandoverrepository.h"

class QTimer;

namespace handoff {

template <typename Result> class BesideWork;

class Console : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;
    // Where the last refresh spent its time, in milliseconds.
    struct RefreshTimes
    {
        double read = 0;     // leads, activities and handoffs from the store, rescoring
        double escalate = 0; // handing leads to sales
        double models = 0;   // the queue models and whatever views and proxies watch them
    };

    // Opens the database and loads everything, telling `progress` how far it got (it may
    // cancel). Throws Error. The first creates the database when it does not exist.
    explicit Console(const QString &databasePath, const ScoringEngine::Progress &progress = {},
                     QObject *parent = nullptr);
    Console(const QString &databasePath, Database::Open mode,
            const ScoringEngine::Progress &progress = {}, QObject *parent = nullptr);
    // What a window opens with: every lead from the saved state when there is a usable one
    // (read on another thread beside the open handoffs); else the leads of the open handoffs
    // only, so the sales view works at once, while every lead is read on another thread
    // (isLoading(), loadProgress(), loaded()).
    enum class Load { InBackground };
    Console(const QString &databasePath, Database::Open mode, Load load, QObject *parent = nullptr);
    ~Console() override;

    // Every lead is being read in the background: the engine holds the sales view's leads
    // only, the interest queue is empty and no start state is saved until loaded().
    bool isLoading() const { return m_loading.has_value(); }

    Database &database() { return *m_db; }
    const ScoringEngine &engine() const { return m_engine; }
    // The newest activity the engine has counted: what a copy of it stands for.
    qint64 countedUpToActivityId() const { return m_lastActivityId; }
    SalesQueueModel *salesQueue() const { return m_sales; }
    InterestQueueModel *interestQueue() const { return m_interest; }

    const Profile &profile() const { return m_profile; }
    // On a team server that lists the connection's database user as a member, the role is
    // the server's (which enforces it), whatever the profile says.
    void setProfile(const Profile &profile);
    // The actions, done as the current profile; refresh() right after to show the result.
    HandoffActions actions() { return HandoffActions(*m_db, m_profile); }

    // Looks for other writers every `milliseconds` (0: no timer; a team server's pushes bring
    // a look whatever it is). A console that watches is a desk: on a team server two desks at
    // a time hand over what every desk sees go to sales (HandoffRepository::leadHandingOver),
    // the first two to watch, and the others stand by for them (standsBy()).
    void watch(int milliseconds);
    // A desk on a team server that leaves the handing over to the leading desks: it reads new
    // leads and activities a moment after their push, together with those desks' handoffs for
    // them (one look for a hand-raiser, not two, and none while it is being handed over), and
    // hands over only what they have not within BusyRetryMs, asking to lead then (a leading
    // desk closed, or lost its connection). Handoffs it reads at once, as every console does.
    bool standsBy() const { return m_desk && !m_leadsHandingOver; }
    // How long a desk waits for another to hand over a lead it found, before it does.
    static constexpr int BusyRetryMs = 2000;
    // Applies what changed in the file since the last look; `force` looks even when SQLite
    // says nothing changed. Throws Error; poll() reports it through failed() instead.
    void refresh(bool force = false);
    // refresh() for the event loop. On a team server whose connection was lost, the console
    // goes offline (wentOffline()) and each later poll tries to connect again; once it does,
    // it catches up from the change numbers it had reached (cameBackOnline()), so nothing
    // written meanwhile is missed and nothing is applied twice.
    void poll(bool force = false);
    // How many looks read something, and how many of them read every kind of row again (a
    // forced look, a connection regained, on a file any change): on a team server, whose
    // pushes say what each commit wrote, the second stays near zero.
    struct LookCounts
    {
        qint64 looks = 0;
        qint64 wholeReads = 0;
    };
    LookCounts lookCounts() const { return m_lookCounts; }
    // Shows a handoff as stored now, reading that one row: what this desk just did to it (or
    // tried: another desk may have won the claim), without waiting for the next look.
    // Throws Error.
    void showHandoffNow(qint64 handoffId);
    // After this desk wrote to a handoff on another connection (an action on a worker
    // thread): the handoff as stored now, and the rest of what changed (a lead's new stage)
    // on a file at once, on a team server with the write's push. Throws Error on a server.
    void showOwnWrite(qint64 handoffId);
    // The same for several: what routing at this desk just assigned or took back (a file
    // does not count its own connection's writes as changes for the next look).
    void showHandoffsNow(const QList<qint64> &handoffIds);
    // Since when (the clock's seconds) the team server cannot be reached; nullopt online.
    std::optional<qint64> offlineSince() const { return m_offlineSince; }
    void setClock(Clock clock);
    // A hand raised longer ago than this (imported history) is history: it counts in the
    // score but opens no handoff. Two weeks unless set. An undated one (imported from a file
    // without dates, stored at UndatedTime) is always history.
    static constexpr int DefaultIntakeWindowDays = 14;
    void setIntakeWindowDays(int days);
    bool isWithinIntakeWindow(qint64 raisedAt) const;
    qint64 now() const { return m_clock(); }

    // The speed-to-lead SLA sales and marketing agreed (the meeting's targets), in minutes;
    // 5 when none is agreed. Read again on every refresh.
    int slaMinutes() const;

    RefreshTimes lastRefreshTimes() const { return m_refreshTimes; }

    // How this console started: from the state the last one on this database saved, brought
    // up to date with what was added since, or by reading everything (and why).
    struct StartReport
    {
        bool fromSavedState = false;
        QString whyNotSaved;        // empty when there was no saved state
        qint64 activitiesSince = 0; // counted on top of the saved state
        qint64 leadsSince = 0;
        // Where the start spent its time, in milliseconds: the engine (the saved state read,
        // or everything read), counting what came since, hands raised while no console was
        // open, the handoffs and held leads, and the queue models.
        double engineMs = 0, sinceMs = 0, handRaisersMs = 0, handoffsMs = 0, queuesMs = 0;
        // A window's start (Load::InBackground) with a saved state: how long the open
        // handoffs' read waited for the state's, read beside it.
        double stateWaitMs = 0;
        // Read in the background (a window's start without a usable saved state): the engine
        // above holds the sales view's leads, and every lead was in place this long after
        // the window's part.
        bool inBackground = false;
        double backgroundMs = 0;
    };
    const StartReport &startReport() const { return m_start; }
    // Saves what this console holds as the next one's start state (scoring/startstate.h).
    // Returns false, saving nothing, when the database's history was rewritten since this
    // console read it (an import undone elsewhere): the state would count what is gone.
    // Throws Error when the file cannot be written.
    bool saveStartState();

    ScoreBreakdown explain(qint64 leadId) const;
    std::optional<Handoff> openHandoffFor(qint64 leadId) const;
    // Every open handoff as of the last refresh.
    const QList<Handoff> &openHandoffs() const { return m_open; }
    // When a lead held back by a gradual handover goes to sales; nullopt when not held.
    std::optional<qint64> heldUntil(qint64 leadId) const;
    int heldCount() const { return int(m_held.size()); }
    // What the lead panel shows, read from the store.
    std::optional<Lead> lead(qint64 leadId) const;
    // The leads a person may mean by `key`: its number, its external id or its e-mail
    // address (any case), in id order; several when the key is ambiguous. Indexed lookups.
    QList<Lead> findLeads(const QString &key) const;
    QList<Activity> activities(qint64 leadId) const;
    QList<StageChange> stageHistory(qint64 leadId) const;
    Qualification qualification(qint64 leadId) const;
    QList<Profile> profiles() const;
    // Adds a profile (name and role); throws Error when the name is taken.
    Profile addProfile(const QString &name, Profile::Role role);

signals:
    void queuesChanged();
    // A lead was handed to sales by this console: it raised its hand or crossed the threshold.
    void escalated(qint64 leadId, Handoff::Trigger trigger);
    void leadsChanged(const QList<qint64> &leadIds);
    // Another scoring model version went live and every lead was rescored under it.
    void modelChanged(qint64 versionId);
    // A version with another half-life went live: every lead's activity is being counted
    // again in the background, and the queues keep the model in use until modelChanged().
    void rescoring(double halfLifeDays);
    // Leads found to go to sales are handed over in steps; `remaining` still wait (0: done).
    void handingOver(int remaining);
    // Reading the file failed (it went away, the disk is full): what to tell the user.
    void failed(const QString &message);
    // The team server cannot be reached (`why`): the queues show what was known then.
    void wentOffline(const QString &why);
    // Connected again after `offlineSeconds`, and caught up with what was written meanwhile.
    void cameBackOnline(qint64 offlineSeconds);
    // How far reading every lead in the background got (0..100), and its end: the interest
    // queue is filled and the engine holds every lead.
    void loadProgress(int percent);
    void loaded();
    // Reading every lead failed (also said through failed()); it is tried again shortly.
    void loadFailed(const QString &message);
    // The database was replaced under the console (a team copied onto its server with
    // handoff migrate): everything was read again, as a console opened now reads it.
    void replaced();

private:
    // What one refresh found changed.
    struct Arrivals
    {
        std::vector<int> changedRows;
        QList<qint64> changedIds;
        QHash<int, double> scoreBefore;                // changed rows: their score before
        QHash<int, std::pair<int, qint64>> handRaised; // row -> (intent type id, when)
        QSet<int> batch;   // rows a model taken live as a batch lifted over the threshold
        QSet<int> gradual; // rows a model taken live gradually lifted over the threshold
        int perHour = 0;   // that model's pace

        void touch(int row, qint64 leadId, double scoreNow);
    };

    // What a refresh reads again: what changed since the last one, or might have.
    struct Looks
    {
        bool leads = false;
        bool activities = false;
        bool model = false;
        bool handoffs = false;
        std::optional<QList<qint64>> handoffIds; // only these, when the server named them
        // With the handoffs named, their leads written since the last read of leads (a desk
        // standing by: the other leads, and the activities, wait for its later look).
        bool leadsOfHandoffs = false;
        bool held = false;
        bool targets = false;
        bool identity = false; // the database may have been replaced (handoff migrate --force)

        static Looks everything();
        bool isEverything() const;
        bool any() const
        {
            return leads || activities || model || handoffs || held || targets || identity;
        }
        int reads() const;
    };

    // What asks for a look: a caller; a caller that wants everything read again; or routine
    // (a push, the timer, a wait running out, a wave's next step), which on a team server
    // reads what the pushes said and leaves what others commit to their own pushes.
    enum class Prompt { Asked, Forced, Routine };
    void pollFor(Prompt prompt);
    void refreshFor(Prompt prompt);
    void open(const ScoringEngine::Progress &progress, bool inBackground);
    Looks whatChanged(Prompt prompt);
    void readHandoffs(const Looks &looks, Arrivals &arrivals);
    void readNamedHandoffs(const QList<Handoff> &read, const QList<qint64> &ids);
    void readOwnHandOvers(const QList<Handoff> &escalations, Arrivals &arrivals);
    void readEveryOpenHandoff();
    // Puts the latest rejections of these leads, read now, in place of those held.
    void readRejectionsOf(const QSet<qint64> &leadIds);
    // The open handoffs and the latest rejections, as a start reads them.
    struct HandoffsNow
    {
        qint64 upTo = 0; // the newest handoff when they were read
        QList<Handoff> open;
        LatestRejections rejections;
        double readMs = 0;
    };
    // A file's latest rejections, read on a connection of their own beside the start's
    // other reads; nullopt when that read failed.
    using RejectionsBeside = BesideWork<std::optional<LatestRejections>>;
    // The rejections from `beside` when given and read, else read here.
    HandoffsNow handoffsNow(RejectionsBeside *beside = nullptr) const;
    // The engine as of one read transaction; a window's start (`inBackground`) returns the
    // handoffs it read meanwhile.
    std::optional<HandoffsNow> loadSnapshot(const ScoringEngine::Progress &progress,
                                            bool inBackground);
    // Every lead, as of the start's read, from the saved state or read afresh.
    struct Loaded
    {
        std::shared_ptr<ScoringEngine> engine;
        std::optional<HistoryStamp> stateStamp; // what the state counted up to, when used
        QString whyNotSaved;
        qint64 activitiesSince = 0, leadsSince = 0; // counted on top of the state
    };
    // A window's start, inside loadSnapshot()'s transaction: every lead from the saved state,
    // else the sales view's leads with every lead to follow (m_loading).
    HandoffsNow loadForWindow();
    // Every lead as of `start` from the saved state, through a connection of its own; no
    // engine when the state cannot be used (whyNotSaved says why).
    static Loaded readSavedState(const QString &location, const HistoryStamp &start, qint64 now,
                                 const std::function<bool()> &keepGoing);
    // Reads every lead, counting the activities up to the start's, on another thread; then
    // takes the result on, and applies what came since as any refresh does.
    void startLoadingEverything();
    // Takes on every lead read in the background. Throws Error, changing nothing, when the
    // store cannot be read.
    void takeLoaded(Loaded &&read);
    void retryLoadingLater(const QString &why);
    void readSla();
    // Reads everything again when the database is no longer the one read (a new identity):
    // what it holds did not arrive, so none of it goes to sales as if it had. Says whether
    // it did. Throws Error, changing nothing, when the store cannot be read.
    bool readAgainIfReplaced();
    // A desk, on a team server: runs the statements of a push and a claim once, on nothing,
    // so its first hand-raiser costs the server what every other does
    // (HandoffRepository::warmUp()).
    void warmUpForPushes();
    void applyLeadChanges(Arrivals &arrivals);
    // Upserts the leads but for the writes already applied (isReadAhead()).
    void applyLeads(const QList<LeadRepository::ChangedLead> &leads, Arrivals &arrivals);
    // Whether this very write of the lead was applied already (m_leadsReadAhead).
    bool isReadAhead(const Lead &lead) const;
    // `activities`: those written since the last applied, read before the lead changes.
    void applyNewActivities(const QList<Activity> &activities, Arrivals &arrivals);
    bool adoptLiveModel(Arrivals &arrivals);
    // Counts every activity again under `halfLifeDays` on a thread of its own; a refresh
    // adopts the model once the index is ready.
    void startRebuild(double halfLifeDays, std::optional<qint64> versionId);
    // Finds the leads to hand to sales (a raised hand, a crossed threshold) and queues them.
    void queueEscalations(const Arrivals &arrivals, const QList<Handoff> &open);
    // Plans the release times of a gradual wave and stores them.
    void scheduleWave(const QList<PendingHandover> &wave, int perHour);
    // Hands to sales the held-back leads whose release time has come.
    QList<Handoff> releaseDue();
    void readHeld();
    // Hands the next step of queued leads to sales in one transaction. Both return the
    // handoffs they made (with their ids).
    QList<Handoff> handOverStep();
    // Queues again, in front, what another desk was handing over and has not (see
    // m_busyEscalations): how many.
    size_t takeBackBusyEscalations();
    // Starts the wait for the earliest of them, unless it runs.
    void armBusyRetry();
    // Drops the threshold crossings left to another desk whose leads have a handoff among
    // `read`, open or closed: that desk handed them over.
    void forgetCrossingsHandedOver(const QList<Handoff> &read);
    // Leaves the queued escalations from `first` on to the desk that leads the handing over.
    void standBy(size_t first);
    // Asks to lead the handing over (a desk on a team server); says whether it does now.
    bool leadHandingOverIfFree();
    // The same, standing by when the server does not answer.
    void askToLeadHandingOver();
    // A push came: one look once the commit's pushes are in; later at a desk standing by,
    // unless a handoff changed.
    void lookAfterPush();
    // `applyOwnChanges`: read the leads it moved to MQL at once (else the next refresh does).
    // Says whether it handed any over.
    bool catchUpHandRaisers(bool applyOwnChanges = true);
    // Shows m_open and the leads at `changedRows` in both queues: only what m_unshown names,
    // unless it says everything.
    void updateModels(const std::vector<int> &changedRows);
    ScoreBreakdown explained(const ScoringEngine &engine, int row, qint64 leadId) const;

    std::unique_ptr<Database> m_db;
    ScoringEngine m_engine;
    SalesQueueModel *m_sales = nullptr;
    InterestQueueModel *m_interest = nullptr;
    QTimer *m_watcher = nullptr;
    std::optional<qint64> m_offlineSince;
    bool m_pushed = false;
    bool m_lookScheduled = false; // pushes arrived; one look is on its way      // a team server
                                  // tells what changed: read only that
    bool m_readAllNext = false;   // a refresh failed halfway: what it was told may be unread
    Profile m_profile;
    std::optional<Profile::Role> m_serverRole; // the team server's role for this user
    Clock m_clock;
    qint64 m_dataVersion = -1;
    qint64 m_leadChangeSeq = 0; // the newest change number of the leads applied
    // Leads a desk standing by read with their handoffs, ahead of m_leadChangeSeq, by the
    // change number read: a later read of the same write applies nothing again.
    QHash<qint64, qint64> m_leadsReadAhead;
    qint64 m_intakeWindowSeconds = qint64(DefaultIntakeWindowDays) * 24 * 3600;
    qint64 m_lastActivityId = 0;
    QList<Handoff> m_open;
    // The newest handoff when every open one and the rejections were last read: those made
    // since may have been closed unseen (unknown until the start has read them).
    std::optional<qint64> m_handoffsUpTo;
    // What the queues have not shown yet: the open handoffs named here and their leads, or,
    // after a wholesale change (a start, every handoff read, a new model, the clock's fade),
    // everything.
    struct Unshown
    {
        bool everything = false;
        QSet<qint64> handoffIds;
        QSet<qint64> leadIds;

        void note(const Handoff &h)
        {
            handoffIds.insert(h.id);
            leadIds.insert(h.leadId);
        }
    };
    Unshown m_unshown{true, {}, {}}; // the first look shows everything
    // A wave of thousands (an import, a new model) is handed over a step at a time, the
    // window answering between steps, instead of in one long freeze.
    std::deque<Handoff> m_pendingEscalations;
    // Another desk was handing these over: its push shows them handed over, and only if it
    // does not (that desk failed) are they tried here again, once the deadline passes.
    std::deque<std::pair<Handoff, QDeadlineTimer>> m_busyEscalations;
    QTimer *m_busyRetry = nullptr;
    // On a team server: this console watches (a desk), and leads the handing over.
    bool m_desk = false;
    bool m_leadsHandingOver = false;
    // A desk standing by: pushes of anything but handoffs, gathered for one look.
    QTimer *m_lookLater = nullptr;
    static constexpr int StandByLookMs = 250;
    QSet<qint64> m_pendingLeads;
    // A gradual handover's leads still held back (lead id -> release time), as stored, and
    // the next release time, which a refresh acts on even when nothing else changed.
    QHash<qint64, qint64> m_held;
    std::optional<qint64> m_nextRelease;
    QList<PendingHandover> m_wave; // the gradual wave the last queueEscalations found
    RefreshTimes m_refreshTimes;
    LookCounts m_lookCounts;
    StartReport m_start;
    HistoryStamp m_history; // the file's identity and rewrite count when it was read
    // What the start state file on disk holds (read or written here): saving that again
    // would write the same.
    std::optional<std::pair<HistoryStamp, std::optional<qint64>>> m_stateOnDisk;
    // A live version with another half-life: the sums being counted for it, then counted.
    struct PreparedIndex
    {
        ScoringEngine::IndexRequest request;
        DecayedSums sums;
    };
    std::optional<double> m_rebuildingFor;
    std::optional<std::optional<qint64>> m_rebuildFailedFor; // the live version it was for
    std::optional<PreparedIndex> m_prepared;
    // Reading every lead in the background: what the start read (the engine holds the open
    // handoffs' leads as of then), and since when.
    struct Loading
    {
        HistoryStamp at;
        qint64 lastHandoffId = 0;
        QElapsedTimer since;
        ScoringEngine::LiveModel model; // live at the start: every lead is read under it
    };
    std::optional<Loading> m_loading;
    // Every lead was just read: what came after the start's read is counted again by the
    // next refresh, which catches up with hands raised while no console was open first and
    // hands over no second time the leads handed to sales meanwhile (whatever became of
    // those handoffs). Refreshes read the leads, activities, model and identity until one
    // has done it.
    bool m_replayPending = false;
    QSet<qint64> m_handedOffMeanwhile;
    background::Task m_load;
    background::Task m_rebuild; // last: goes first, stopping the work before the rest goes
};

} // namespace handoff
