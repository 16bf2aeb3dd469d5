#include "queues/console.h"

#include <limits>
#include <utility>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QTimer>

#include "queues/handoverpace.h"
#include "queues/leadqueues.h"
#include "scoring/besidework.h"
#include "scoring/heappolicy.h"
#include "scoring/startstate.h"
#include "store/activityrepository.h"
#include "store/businesscalendarrepository.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/meetingrepository.h"
#include "store/modelrepository.h"
#include "store/pendinghandoverrepository.h"
#include "store/qualificationrepository.h"
#include "store/teamrepository.h"
#include "store/transaction.h"

namespace handoff {

namespace {
// What was stored after a saved state up to `upToActivityId`, counted on top of it: the
// leads changed since (read as they are now, which a later look reads again alike) and the
// activities. Inside the read transaction the state was checked in.
struct CountedSince
{
    qint64 leads = 0, activities = 0;
};
// Counts what was written after the state `saved` up to `upTo`, the start's position: a
// lead changed after it (read through a later snapshot) is left to the first refresh, which
// hands over what the change lifts over the threshold.
CountedSince countSinceState(ScoringEngine &engine, Database &db, const HistoryStamp &saved,
                             const HistoryStamp &upTo)
{
    CountedSince counted;
    for (const auto &[lead, customFields] :
         LeadRepository(db.connection()).changedSince(saved.leadChangeSeq)) {
        if (lead.changeSeq > upTo.leadChangeSeq)
            continue;
        engine.upsertLead(lead, customFields);
        ++counted.leads;
    }
    counted.activities = engine.countStored(db, saved.lastActivityId, upTo.lastActivityId);
    return counted;
}

// Scores fade with time: move the engine's clock forward this often.
constexpr qint64 FadeEverySeconds = 3600;
// A failed read of every lead (the file busy, the disk) is tried again after this long.
constexpr int RetryLoadSeconds = 10;

// The leads these handoffs are for.
QSet<qint64> leadsOf(const QList<Handoff> &handoffs)
{
    QSet<qint64> leads;
    leads.reserve(handoffs.size());
    for (const Handoff &h : handoffs)
        leads.insert(h.leadId);
    return leads;
}

} // namespace

Console::Console(const QString &databasePath, const ScoringEngine::Progress &progress,
                 QObject *parent)
    : Console(databasePath, Database::Open::CreateIfMissing, progress, parent)
{}

Console::Console(const QString &databasePath, Database::Open mode,
                 const ScoringEngine::Progress &progress, QObject *parent)
    : QObject(parent)
    , m_db(std::make_unique<Database>(databasePath, mode))
    , m_watcher(new QTimer(this))
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
    open(progress, false);
}

Console::Console(const QString &databasePath, Database::Open mode, Load, QObject *parent)
    : QObject(parent)
    , m_db(std::make_unique<Database>(databasePath, mode))
    , m_watcher(new QTimer(this))
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
    open({}, true);
}

void Console::open(const ScoringEngine::Progress &progress, bool inBackground)
{
    QElapsedTimer timer;
    timer.start();
    const auto lap = [&timer] { return double(timer.nsecsElapsed()) / 1e6; };
    // A team server says when anyone commits, and what: the console looks then, not only on
    // its timer. Listening before the first read, a commit after it is never missed.
    m_lookLater = new QTimer(this);
    m_lookLater->setSingleShot(true);
    connect(m_lookLater, &QTimer::timeout, this, [this] { pollFor(Prompt::Routine); });
    m_pushed = m_db->listenForChanges(this, [this] { lookAfterPush(); });
    m_serverRole = TeamRepository(m_db->connection()).ownRole();
    m_busyRetry = new QTimer(this);
    m_busyRetry->setSingleShot(true);
    connect(m_busyRetry, &QTimer::timeout, this, [this] {
        // A timer may fire a little early: a look before the wait ran out would find nothing
        // to do and leave the lead waiting until some other look.
        if (!m_busyEscalations.empty() && !m_busyEscalations.front().second.hasExpired())
            armBusyRetry();
        else
            pollFor(Prompt::Routine);
    });
    std::optional<HandoffsNow> handoffs = loadSnapshot(progress, inBackground);
    const double handoffsReadMs = handoffs ? handoffs->readMs : 0; // beside the state's read
    m_start.engineMs = lap() - m_start.sinceMs - handoffsReadMs;
    m_sales = new SalesQueueModel(m_engine, this);
    m_interest = new InterestQueueModel(m_engine, this);
    readSla();
    double mark = lap();
    // Else once every lead is read: those it finds are among them. What it hands over is not
    // among the handoffs read with the engine.
    if (!isLoading() && catchUpHandRaisers())
        handoffs.reset();
    m_start.handRaisersMs = lap() - mark;
    mark = lap();
    const bool readAtStart = handoffs.has_value(); // its time is in the engine's span above
    if (!handoffs)
        handoffs = handoffsNow();
    m_open = std::move(handoffs->open);
    m_handoffsUpTo = handoffs->upTo;
    m_interest->setRejections(handoffs->rejections);
    readHeld();
    m_start.handoffsMs = lap() - mark + (readAtStart ? handoffsReadMs : 0);
    mark = lap();
    updateModels({});
    m_start.queuesMs = lap() - mark;
    connect(m_watcher, &QTimer::timeout, this, [this] { pollFor(Prompt::Routine); });
    // From the event loop: the window is shown before the other core starts reading, or
    // before a version taken live since the saved state is taken on.
    if (isLoading())
        QTimer::singleShot(0, this, [this] { startLoadingEverything(); });
    else if (m_readAllNext)
        QTimer::singleShot(0, this, [this] { poll(); });
}

Console::~Console()
{
    // The models hold references into the engine: let them go first.
    delete m_sales;
    delete m_interest;
}

Console::HandoffsNow Console::handoffsNow(RejectionsBeside *beside) const
{
    QElapsedTimer timer;
    timer.start();
    // In order (a braced list's), as readEveryOpenHandoff() reads them.
    const HandoffRepository handoffs(m_db->connection());
    HandoffsNow now{handoffs.lastId(), handoffs.openAll(), {}, 0};
    std::optional<LatestRejections> read = beside ? beside->get({}, {}) : std::nullopt;
    now.rejections = read ? std::move(*read) : handoffs.latestRejections();
    now.readMs = double(timer.nsecsElapsed()) / 1e6;
    return now;
}

std::optional<Console::HandoffsNow> Console::loadSnapshot(const ScoringEngine::Progress &progress,
                                                          bool inBackground)
{
    // One read transaction: the engine, the activity high-water mark and the lead stamp all
    // describe the same moment, so nothing is counted twice or missed.
    Transaction snapshot(m_db->connection(), Transaction::Kind::Read);
    m_dataVersion = m_db->dataVersion();
    m_history = HistoryStampRepository(m_db->connection()).current();
    m_lastActivityId = m_history.lastActivityId;
    m_leadChangeSeq = m_history.leadChangeSeq;
    m_leadsReadAhead.clear();
    if (inBackground) {
        std::optional<HandoffsNow> handoffs = loadForWindow();
        snapshot.commit();
        return handoffs;
    }
    const StartState::Restored restored = StartState().restore(m_engine, *m_db, m_history, now());
    m_start.fromSavedState = restored.stamp.has_value();
    m_start.whyNotSaved = restored.whyNot;
    if (restored.stamp) {
        m_stateOnDisk = {*restored.stamp, m_engine.liveModelId()};
        QElapsedTimer since;
        since.start();
        const CountedSince counted = countSinceState(m_engine, *m_db, *restored.stamp, m_history);
        m_start.leadsSince = counted.leads;
        m_start.activitiesSince = counted.activities;
        m_start.sinceMs = double(since.nsecsElapsed()) / 1e6;
    } else {
        m_engine.load(*m_db, now(), progress);
        heappolicy::giveBackFreed(); // the read's passing buffers, as behind a window (below)
    }
    snapshot.commit();
    return std::nullopt;
}

Console::HandoffsNow Console::loadForWindow()
{
    // Every lead from the saved state when it can be used: read on the other core while this
    // one reads the open handoffs, it is as quick as the sales view's leads alone (a second at
    // a million leads), and nothing waits behind the window.
    std::optional<BesideWork<Loaded>> fromState;
    if (QFileInfo::exists(StartState().filePathFor(m_db->filePath()))) {
        fromState.emplace([location = m_db->location(), start = m_history,
                           at = now()](const std::atomic<bool> &stop) {
            try {
                return readSavedState(location, start, at, [&stop] { return !stop; });
            } catch (const Error &e) {
                return Loaded{nullptr, std::nullopt, e.message(), 0, 0};
            } catch (const std::bad_alloc &) { // then read afresh, a lead at a time
                return Loaded{nullptr, std::nullopt, tr("too large to read"), 0, 0};
            }
        });
    }
    // A file's latest rejections on a connection of their own too: every verdict is read for
    // them, from pages scattered over the file (half a second from a cold disk at a million
    // leads; a server keeps them in its cache, and a connection more at every desk is not
    // worth it). That read starts at or after this snapshot: a verdict it holds that this one
    // does not, the first look finds again and reads that lead's rejection again, to the
    // same effect. Should it fail, they are read here.
    std::optional<RejectionsBeside> rejectionsBeside;
    if (!m_db->isServer()) {
        rejectionsBeside.emplace([location = m_db->location()](
                                     const std::atomic<bool> &) -> std::optional<LatestRejections> {
            try {
                Database db(location, Database::Open::ReadOnly);
                return HandoffRepository(db.connection()).latestRejections();
            } catch (const Error &) {
                return std::nullopt;
            }
        });
    }
    HandoffsNow handoffs = handoffsNow(rejectionsBeside ? &*rejectionsBeside : nullptr);
    if (fromState) {
        QElapsedTimer waited;
        waited.start();
        Loaded read = fromState->get({}, {});
        m_start.stateWaitMs = double(waited.nsecsElapsed()) / 1e6;
        m_start.whyNotSaved = read.whyNotSaved;
        if (read.engine) {
            m_engine.take(std::move(*read.engine));
            m_start.fromSavedState = true;
            m_start.leadsSince = read.leadsSince;
            m_start.activitiesSince = read.activitiesSince;
            m_stateOnDisk = {*read.stateStamp, m_engine.liveModelId()};
            // Counted under the version live when it was saved: one taken live since is taken
            // on by the first look, as one taken live elsewhere is (what it lifts goes to sales).
            const auto live = ModelRepository(m_db->connection()).live();
            if ((live ? std::optional(live->id) : std::nullopt) != m_engine.liveModelId())
                m_readAllNext = true;
            return handoffs;
        }
    }
    // The sales view's leads now, as of this snapshot; every lead as of it behind the window,
    // under the version live now.
    ScoringEngine::LiveModel live =
        ScoringEngine::parseLive(ModelRepository(m_db->connection()).live(), m_db->filePath());
    m_engine.loadSalesView(*m_db, now(), live);
    m_loading.emplace(
        Loading{m_history, HandoffRepository(m_db->connection()).lastId(), {}, std::move(live)});
    m_loading->since.start();
    m_start.inBackground = true;
    // Read before the sales view's leads: a handoff written since is read by the first refresh.
    return handoffs;
}

Console::Loaded Console::readSavedState(const QString &location, const HistoryStamp &start,
                                        qint64 now, const std::function<bool()> &keepGoing)
{
    Loaded loaded{std::make_shared<ScoringEngine>(), {}, {}, 0, 0};
    Database db(location, Database::Open::ReadOnly); // this thread's own connection
    Transaction snapshot(db.connection(), Transaction::Kind::Read);
    // Only the activities the start saw. A state saved after the start (another console closed
    // meanwhile) does not continue the start's stamp and is not used: it counts more.
    const StartState::Restored restored =
        StartState().restore(*loaded.engine, db, start, now, keepGoing);
    loaded.whyNotSaved = restored.whyNot;
    if (!restored.stamp || !keepGoing()) {
        loaded.engine.reset(); // nothing half-restored
        return loaded;
    }
    loaded.stateStamp = restored.stamp;
    const CountedSince counted = countSinceState(*loaded.engine, db, *restored.stamp, start);
    loaded.leadsSince = counted.leads;
    loaded.activitiesSince = counted.activities;
    snapshot.commit();
    return loaded;
}

void Console::startLoadingEverything()
{
    background::Options options;
    options.progress = [this](int percent) { emit loadProgress(percent); };
    m_load = background::run(
        this,
        [path = m_db->location(), start = m_loading->at, now = now(),
         // The sales view's, read at the start (a version taken live since is adopted once
         // every lead is read, and hands over what it lifts).
         model = m_loading->model](const background::Control &control) {
            Loaded loaded{std::make_shared<ScoringEngine>(), {}, {}, 0, 0};
            {
                Database db(path, Database::Open::ReadOnly); // this thread's own connection
                Transaction snapshot(db.connection(), Transaction::Kind::Read);
                // Only the activities the start saw: those after it are counted by the refresh
                // that takes this on, which hands to sales what they lift over the threshold.
                loaded.engine->load(
                    db, now,
                    [&control](qint64 done, qint64 total) {
                        return control.keepGoing(
                            int(std::min<qint64>(99, done * 100 / std::max<qint64>(1, total))));
                    },
                    start.lastActivityId, model);
                snapshot.commit();
            }
            // The read's passing buffers (the lead texts' staging, the week's build list) are
            // free now, in this thread's heap, which glibc keeps: given back before the GUI
            // thread lays out the interest queue, they do not add to the process's peak.
            heappolicy::giveBackFreed();
            return loaded;
        },
        [this](const background::Outcome<Loaded> &outcome) {
            if (!outcome.value) {
                retryLoadingLater(outcome.error);
                return;
            }
            try {
                takeLoaded(Loaded(*outcome.value));
            } catch (const Error &e) {
                retryLoadingLater(e.message()); // the server went away meanwhile, say
            }
        },
        options);
}

void Console::retryLoadingLater(const QString &why)
{
    const QString message = tr("Reading every lead of %1 failed: %2. The sales view works; "
                               "trying again in %3 s.")
                                .arg(m_db->filePath(), why)
                                .arg(RetryLoadSeconds);
    emit loadFailed(message);
    emit failed(message);
    QTimer::singleShot(RetryLoadSeconds * 1000, this, [this] {
        if (isLoading() && !m_load.isRunning())
            startLoadingEverything();
    });
}

void Console::takeLoaded(Loaded &&read)
{
    const Loading &loading = *m_loading;
    // The one read here comes first: when it fails, nothing has changed yet, and the console
    // is still loading (the caller tries again later).
    QSet<qint64> handedOffMeanwhile =
        HandoffRepository(m_db->connection()).leadsHandedOffAfter(loading.lastHandoffId);
    m_engine.take(std::move(*read.engine));
    // The sales rows name the new engine's rows; the interest queue held none of the old.
    m_sales->sync(m_open);
    m_interest->forgetRows();
    m_unshown.everything = true;
    // Back to the start's position: what came since (counted into the sales view's leads
    // meanwhile) is counted again into every lead, and what it lifts goes to sales.
    m_lastActivityId = loading.at.lastActivityId;
    m_leadChangeSeq = loading.at.leadChangeSeq;
    m_leadsReadAhead.clear();
    m_handedOffMeanwhile = std::move(handedOffMeanwhile);
    m_replayPending = true;
    m_start.backgroundMs = double(loading.since.nsecsElapsed()) / 1e6;
    m_loading.reset();
    if (m_desk)
        askToLeadHandingOver(); // it sees every hand raised now
    poll();
    emit loaded();
}

bool Console::saveStartState()
{
    if (isLoading())
        return false; // the engine holds the sales view's leads only
    HistoryStamp stamp =
        HistoryStampRepository(m_db->connection()).at(m_lastActivityId, m_leadChangeSeq);
    // Deletions are not taken back while the console runs: once the file counts a rewrite
    // (the count only grows), what this console holds may count what is gone.
    if (stamp.rewrites != m_history.rewrites || stamp.databaseId != m_history.databaseId)
        return false;
    const auto state = std::pair(stamp, m_engine.liveModelId());
    if (m_stateOnDisk == state)
        return true;
    StartState().save(m_engine, stamp, *m_db);
    m_stateOnDisk = state;
    return true;
}

void Console::setProfile(const Profile &profile)
{
    m_profile = profile;
    if (m_serverRole)
        m_profile.role = *m_serverRole;
    m_sales->setMe(m_profile.isSales() ? m_profile.name : QString());
}

int Console::slaMinutes() const
{
    return m_sales->slaMinutes();
}

void Console::readSla()
{
    m_sales->setSlaMinutes(MeetingRepository(m_db->connection()).currentTargets().slaMinutes);
    m_sales->setCalendar(BusinessCalendarRepository(m_db->connection()).load());
}

void Console::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void Console::setIntakeWindowDays(int days)
{
    m_intakeWindowSeconds = qint64(std::max(days, 0)) * 24 * 3600;
}

bool Console::isWithinIntakeWindow(qint64 raisedAt) const
{
    return raisedAt >= now() - m_intakeWindowSeconds;
}

void Console::lookAfterPush()
{
    // A desk standing by reads a handoff a leading desk made at once, with its lead if new;
    // the rest it heard (a hand-raiser's lead and activities, a lead's edit) a quarter second
    // on, with what comes meanwhile. Read at once, every hand-raiser cost each desk a read
    // before its handoff was made and another after; with its handoff, one.
    const ServerChanges &heard = m_db->changesHeard();
    if (standsBy() && heard.handoffsNamed()) {
        if (!heard.touchesOnly(QStringLiteral("handoffs")) && !m_lookLater->isActive())
            m_lookLater->start(StandByLookMs);
        if (!heard.touches(QStringLiteral("handoffs")))
            return;
    } else {
        m_lookLater->stop();
    }
    // One look for a commit's pushes (one per table it wrote, delivered one by one), once
    // they are all in: a look per push found the others' notes taken and, its own notes
    // empty, read everything again.
    if (std::exchange(m_lookScheduled, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_lookScheduled = false;
        pollFor(Prompt::Routine);
    });
}

bool Console::leadHandingOverIfFree()
{
    m_leadsHandingOver = HandoffRepository(m_db->connection()).leadHandingOver();
    return m_leadsHandingOver;
}

void Console::askToLeadHandingOver()
{
    try {
        leadHandingOverIfFree();
    } catch (const Error &) {
        // Standing by: if no desk hands over, this one asks again once a lead waits.
    }
}

void Console::watch(int milliseconds)
{
    if (m_pushed && !m_desk && !m_db->isReadOnly()) {
        m_desk = true;
        warmUpForPushes();
        // While every lead is still read, it would miss the hands raised by leads it does
        // not hold yet: it asks once they are read (takeLoaded()).
        if (!isLoading())
            askToLeadHandingOver();
    }
    if (milliseconds <= 0) {
        m_watcher->stop();
        return;
    }
    m_watcher->start(milliseconds);
}

void Console::warmUpForPushes()
{
    // Ids and change numbers nothing has: each read finds nothing.
    constexpr qint64 None = std::numeric_limits<qint64>::max();
    try {
        HandoffRepository(m_db->connection()).warmUp(actions().maySell());
        LeadRepository(m_db->connection()).changedSince(None);
        ActivityRepository(m_db->connection()).since(None);
    } catch (const Error &) {
        // Only slower: the first push runs them.
    }
}

void Console::poll(bool force)
{
    pollFor(force ? Prompt::Forced : Prompt::Asked);
}

void Console::pollFor(Prompt prompt)
{
    const std::optional<qint64> offlineSince = m_offlineSince;
    if (offlineSince) {
        try {
            m_db->reconnect();
            // A place among the desks that hand over went with the lost session; another desk
            // may have taken it meanwhile.
            if (m_desk)
                leadHandingOverIfFree();
        } catch (const Error &) {
            return; // still offline; the next look tries again
        }
        m_offlineSince.reset();
        // Everything since the change numbers reached before the loss: they advance only
        // with what was applied, so nothing is skipped or counted twice.
        prompt = Prompt::Forced;
    }
    try {
        refreshFor(prompt);
    } catch (const Error &e) {
        m_readAllNext = true; // what the failed refresh was told to read, it may not have
        if (m_db->isServer() && !m_db->isConnected()) {
            m_offlineSince = offlineSince.value_or(now());
            if (!offlineSince)
                emit wentOffline(e.message());
            return;
        }
        emit failed(e.message());
    }
    if (offlineSince)
        emit cameBackOnline(now() - *offlineSince);
}

void Console::showHandoffNow(qint64 handoffId)
{
    showHandoffsNow({handoffId});
}

void Console::showOwnWrite(qint64 handoffId)
{
    if (m_pushed)
        showHandoffNow(handoffId); // the rest (a lead's new stage) comes with the push
    else
        poll(); // a file pushes nothing: a look, which reads the handoff and the lead
}

void Console::showHandoffsNow(const QList<qint64> &handoffIds)
{
    if (handoffIds.isEmpty())
        return;
    Looks looks;
    looks.handoffs = true;
    looks.handoffIds = handoffIds;
    Arrivals none;
    readHandoffs(looks, none);
    updateModels({});
}

Console::Looks Console::Looks::everything()
{
    return {true, true, true, true, std::nullopt, true, true, true};
}

int Console::Looks::reads() const
{
    return int(leads) + int(activities) + int(model) + int(handoffs) + int(held) + int(targets);
}

bool Console::Looks::isEverything() const
{
    return leads && activities && model && handoffs && !handoffIds && held && targets && identity;
}

Console::Looks Console::whatChanged(Prompt prompt)
{
    const bool force = prompt == Prompt::Forced || std::exchange(m_readAllNext, false);
    if (m_pushed) {
        // A desk standing by whose look of what it heard is due shortly: a routine look
        // reads the handoffs named, with their new leads, and leaves the rest to that look
        // (lookAfterPush()).
        const bool leaveHeard = prompt == Prompt::Routine && !force && m_lookLater->isActive();
        ServerChanges heard = leaveHeard ? m_db->takeNamedHandoffChanges() : m_db->takeChanges();
        if (!leaveHeard)
            m_lookLater->stop(); // read now
        if (force) {
            heard.noteEverything();
        } else if (heard.isEmpty()) {
            // Finds out whether the server is still there. A caller's own look (after a
            // write on another connection, say) reads whole what anyone committed whose push
            // is not in yet. A routine one leaves that to the pushes, which are on their way
            // (or were taken by an earlier look): on a busy server, a timer's look read
            // everything again at every tick.
            const qint64 version = m_db->dataVersion();
            if (version != m_dataVersion && prompt == Prompt::Asked)
                heard.noteEverything();
            m_dataVersion = version;
        }
        Looks looks;
        looks.leads = heard.touches(QStringLiteral("leads")) ||
                      heard.touches(QStringLiteral("lead_custom_fields"));
        looks.activities = heard.touches(QStringLiteral("activities"));
        looks.model = heard.touches(QStringLiteral("scoring_models"));
        looks.handoffs = heard.touches(QStringLiteral("handoffs"));
        if (looks.handoffs && heard.handoffsNamed())
            looks.handoffIds = heard.handoffIds().values();
        looks.leadsOfHandoffs = leaveHeard;
        looks.held = heard.touches(QStringLiteral("pending_handovers"));
        looks.targets = heard.touches(QStringLiteral("meeting_targets")) ||
                        heard.touches(QStringLiteral("business_calendar"));
        looks.identity = heard.touches(QStringLiteral("history_stamp"));
        return looks;
    }
    const qint64 version = m_db->dataVersion();
    Looks looks;
    if (force || version != m_dataVersion)
        looks = Looks::everything();
    m_dataVersion = version;
    // The meeting's targets and the calendar may be saved through this very connection,
    // which SQLite's data_version does not count: read their rows on every look.
    looks.targets = true;
    return looks;
}

void Console::refresh(bool force)
{
    refreshFor(force ? Prompt::Forced : Prompt::Asked);
}

void Console::refreshFor(Prompt prompt)
{
    Looks looks = whatChanged(prompt);
    if (m_replayPending) {
        // Every lead was just read as of the start: what came since is counted again, and
        // whether the database was replaced meanwhile asked (the handoffs, kept up to date
        // meanwhile, are not read again).
        looks.leads = looks.activities = looks.model = looks.identity = true;
    }
    if (looks.targets)
        readSla();
    const bool fade = now() - m_engine.index().referenceTime() >= FadeEverySeconds;
    // A gradual handover's next portion is due: time passing is the only change.
    const bool release = m_nextRelease && *m_nextRelease <= now();
    // Another desk was handing leads over and has not said it did.
    const bool retry = !m_busyEscalations.empty() && m_busyEscalations.front().second.hasExpired();
    // A wave handed over in steps: its next.
    const bool nextStep = !m_pendingEscalations.empty();
    if (!looks.any() && !fade && !release && !m_replayPending && !retry && !nextStep)
        return;
    ++m_lookCounts.looks;
    if (looks.isEverything())
        ++m_lookCounts.wholeReads;
    // A migration gives the database a new identity: its rows are not arrivals.
    if (looks.identity && readAgainIfReplaced())
        return;
    if (m_replayPending) // before what came since: a hand raised earlier goes as one
        catchUpHandRaisers(false);

    QElapsedTimer timer;
    timer.start();
    Arrivals arrivals;
    bool newModel = false;
    {
        // A new model counts the activities applied, in one snapshot. Nothing else needs one
        // (on a server a transaction costs two round trips, at every desk for every
        // hand-raiser): the activities are read before the leads and applied after them, so
        // the lead of every activity read, committed with it or before, is in the leads read
        // (a lead newer than the activities has its own at the next look); and a handoff read
        // after its lead, or before, is the handoff as it is now either way.
        std::optional<Transaction> snapshot;
        if (looks.model && looks.reads() > 1)
            snapshot.emplace(m_db->connection(), Transaction::Kind::Read);
        QList<Activity> activities;
        if (looks.activities)
            activities = ActivityRepository(m_db->connection()).since(m_lastActivityId);
        if (looks.leads)
            applyLeadChanges(arrivals);
        if (looks.activities)
            applyNewActivities(activities, arrivals);
        // Inside the snapshot: a rebuilt index then holds exactly the activities applied.
        // While every lead is read, the one it reads is taken on once it is done.
        if (looks.model)
            newModel = !isLoading() && adoptLiveModel(arrivals);
        if (looks.handoffs)
            readHandoffs(looks, arrivals);
        if (looks.held)
            readHeld();
        if (snapshot)
            snapshot->commit();
    }
    if (fade)
        m_engine.advanceTo(now());
    if (fade || newModel) {
        m_interest->refreshAll();
        m_unshown.everything = true; // every score moved, and a model decides who is disqualified
    }
    m_refreshTimes.read = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    queueEscalations(arrivals, m_open);
    if (!m_wave.isEmpty())
        scheduleWave(std::exchange(m_wave, {}), arrivals.perHour);
    auto escalations = releaseDue();
    escalations += handOverStep();
    if (!escalations.isEmpty())
        readOwnHandOvers(escalations, arrivals);
    m_refreshTimes.escalate = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    updateModels(arrivals.changedRows);
    m_refreshTimes.models = double(timer.nsecsElapsed()) / 1e6;
    if (!arrivals.changedIds.isEmpty())
        emit leadsChanged(arrivals.changedIds);
    for (const Handoff &h : std::as_const(escalations))
        emit escalated(h.leadId, h.trigger);
    if (newModel)
        emit modelChanged(m_engine.liveModelId().value_or(0));
    m_replayPending = false;
    m_handedOffMeanwhile.clear();
}

bool Console::readAgainIfReplaced()
{
    // While every lead is read in the background, the refresh that takes them on asks.
    if (isLoading() ||
        HistoryStampRepository(m_db->connection()).databaseId() == m_history.databaseId)
        return false;
    ScoringEngine everything;
    QList<Handoff> open;
    HistoryStamp history;
    qint64 version = 0;
    {
        Transaction snapshot(m_db->connection(), Transaction::Kind::Read);
        version = m_db->dataVersion();
        history = HistoryStampRepository(m_db->connection()).current();
        everything.load(*m_db, now());
        open = HandoffRepository(m_db->connection()).openAll();
        snapshot.commit();
    }
    m_dataVersion = version;
    m_readAllNext = false;
    m_history = history;
    m_lastActivityId = history.lastActivityId;
    m_leadChangeSeq = history.leadChangeSeq;
    m_leadsReadAhead.clear();
    m_stateOnDisk.reset();
    m_pendingEscalations.clear();
    m_busyEscalations.clear();
    m_busyRetry->stop();
    m_pendingLeads.clear();
    m_wave.clear();
    m_handedOffMeanwhile.clear();
    m_replayPending = false;
    m_prepared.reset();
    m_rebuildFailedFor.reset();
    m_engine.take(std::move(everything));
    // The sales rows name the new engine's rows; the interest queue held none of them.
    m_open = open;
    m_sales->sync(m_open);
    m_interest->forgetRows();
    m_unshown.everything = true;
    // Then as a console opening on it: hands raised with no console open go to sales.
    catchUpHandRaisers();
    HandoffsNow handoffs = handoffsNow();
    m_open = std::move(handoffs.open);
    m_handoffsUpTo = handoffs.upTo;
    m_interest->setRejections(handoffs.rejections);
    readHeld();
    updateModels({});
    emit replaced();
    return true;
}

void Console::readHandoffs(const Looks &looks, Arrivals &arrivals)
{
    // A verdict closes a handoff: only then can a lead's latest rejection have changed (a
    // claim, far more frequent, reads none; a new handoff on a file reads its lead's).
    if (!looks.handoffIds) {
        readEveryOpenHandoff();
        return;
    }
    HandoffRepository handoffs(m_db->connection());
    if (!looks.leadsOfHandoffs || looks.leads) {
        readNamedHandoffs(handoffs.withIds(*looks.handoffIds), *looks.handoffIds);
        return;
    }
    // Before the handoffs: a handoff shows once its lead is known. The change number read
    // up to stays: other leads written meanwhile are read at the later look.
    const auto read = handoffs.withIdsAndChangedLeads(*looks.handoffIds, m_leadChangeSeq);
    applyLeads(read.leads, arrivals);
    for (const auto &changed : read.leads)
        m_leadsReadAhead.insert(changed.lead.id, changed.lead.changeSeq);
    readNamedHandoffs(read.handoffs, *looks.handoffIds);
}

void Console::readOwnHandOvers(const QList<Handoff> &escalations, Arrivals &arrivals)
{
    // Our own writes as stored: the new handoffs and their leads moved to MQL. On a server
    // in one round trip, as a desk standing by reads another desk's: the other leads written
    // meanwhile come with the look our commit's push brings. A file pushes nothing to its
    // own connection: every lead changed is read now.
    Looks looks;
    looks.handoffs = true;
    looks.handoffIds = QList<qint64>();
    for (const Handoff &h : escalations)
        looks.handoffIds->append(h.id);
    looks.leadsOfHandoffs = m_pushed;
    if (!m_pushed)
        applyLeadChanges(arrivals);
    readHandoffs(looks, arrivals);
}

void Console::readNamedHandoffs(const QList<Handoff> &read, const QList<qint64> &ids)
{
    // The rows the server named, as they are now: a claim, a release, a verdict, a new one.
    const QSet<qint64> named(ids.cbegin(), ids.cend());
    QHash<qint64, qint64> wereOpen; // handoff -> lead
    m_open.removeIf([&](const Handoff &h) {
        if (!named.contains(h.id))
            return false;
        wereOpen.insert(h.id, h.leadId);
        m_unshown.note(h);
        return true;
    });
    // The leads of those closed, or gone: only their rejections are read again (at a million
    // leads, reading every verdict ever given took 170 ms at every desk, for each verdict).
    QSet<qint64> verdictLeads;
    for (const Handoff &h : read) {
        m_unshown.note(h);
        wereOpen.remove(h.id);
        if (h.outcome == Handoff::Outcome::Open)
            m_open.append(h);
        else
            verdictLeads.insert(h.leadId); // closed, perhaps never seen open
    }
    for (const qint64 lead : std::as_const(wereOpen))
        verdictLeads.insert(lead);
    readRejectionsOf(verdictLeads);
    forgetCrossingsHandedOver(read);
}

void Console::readRejectionsOf(const QSet<qint64> &leadIds)
{
    if (leadIds.isEmpty())
        return;
    const HandoffRepository handoffs(m_db->connection());
    m_interest->setRejections(
        m_interest->rejections().withLeadsReplaced(leadIds, handoffs.latestRejectionsOf(leadIds)));
}

void Console::readEveryOpenHandoff()
{
    // Every open handoff read again (a file tells no rows): the queues show again only those
    // that came, went or changed. The newest handoff first: one made after it is seen at the
    // next look, whatever it is by then.
    HandoffRepository handoffs(m_db->connection());
    const qint64 upTo = handoffs.lastId();
    QList<Handoff> open = handoffs.openAll();
    QHash<qint64, const Handoff *> before;
    before.reserve(m_open.size());
    for (const Handoff &h : std::as_const(m_open))
        before.insert(h.id, &h);
    for (const Handoff &h : std::as_const(open)) {
        const auto it = before.constFind(h.id);
        if (it == before.cend() || !(**it == h))
            m_unshown.note(h);
        if (it != before.cend())
            before.erase(it);
    }
    // The rejections of the leads whose handoffs went, and of those with a handoff made since
    // the last look: one made and closed in between was never among the open ones.
    QSet<qint64> verdictLeads;
    for (const Handoff *gone : std::as_const(before)) {
        m_unshown.note(*gone);
        verdictLeads.insert(gone->leadId);
    }
    m_open = std::move(open);
    // On a server ids are taken at insert, not at commit: one below the newest read may
    // commit later, and be closed unseen. This read is rare there (after a reconnect, or a
    // commit of more than a hundred handoffs): every rejection is read again.
    if (!m_handoffsUpTo || m_db->isServer()) {
        m_interest->setRejections(handoffs.latestRejections());
    } else {
        if (upTo > *m_handoffsUpTo)
            verdictLeads.unite(handoffs.leadsHandedOffAfter(*m_handoffsUpTo));
        readRejectionsOf(verdictLeads);
    }
    m_handoffsUpTo = upTo;
}

bool Console::adoptLiveModel(Arrivals &arrivals)
{
    // A version another console took live rescores every lead here too, and the leads it
    // lifts over the threshold (the preview's "would enter") go to sales like any crossing.
    const auto live = ModelRepository(m_db->connection()).live();
    const std::optional<qint64> liveId = live ? std::optional(live->id) : std::nullopt;
    if (liveId == m_engine.liveModelId())
        return false;
    const ScoringEngine::LiveModel next = ScoringEngine::parseLive(live, m_db->filePath());
    // Another half-life means counting every activity again (seconds at a million leads):
    // that runs in the background, and the queues keep the model in use until it is done.
    std::optional<PreparedIndex> prepared;
    if (m_engine.needsNewIndex(next.model)) {
        if (!m_prepared || m_prepared->request.halfLifeDays != next.model.halfLifeDays) {
            // A rebuild that failed (and said why) is not tried again for the same version.
            if (m_rebuildFailedFor != liveId)
                startRebuild(next.model.halfLifeDays, liveId);
            return false;
        }
        prepared = std::exchange(m_prepared, std::nullopt);
    }
    const LeadTable &leads = m_engine.leads();
    std::vector<quint8> wasAbove(size_t(leads.size()));
    {
        const ScoreBoard &before = m_engine.scores();
        for (int row = 0; row < leads.size(); ++row)
            wasAbove[size_t(row)] = before.score(row) >= before.model().mqlThreshold;
    }
    if (prepared)
        m_engine.adopt(next, std::move(prepared->sums), prepared->request, *m_db, m_lastActivityId);
    else
        m_engine.adopt(next, *m_db); // the same half-life: a rescore
    arrivals.perHour = live ? live->handoverPerHour : 0;
    const ScoreBoard &after = m_engine.scores();
    const double threshold = after.model().mqlThreshold;
    constexpr double below = -std::numeric_limits<double>::infinity();
    for (int row = 0; row < leads.size(); ++row) {
        if (wasAbove[size_t(row)] || after.score(row) < threshold)
            continue;
        if (const auto it = arrivals.scoreBefore.find(row); it != arrivals.scoreBefore.end())
            *it = below;
        else
            arrivals.touch(row, leads.id(row), below);
        if (live && live->batchHandover)
            arrivals.batch.insert(row);
        else if (live && live->handoverPerHour > 0)
            arrivals.gradual.insert(row);
    }
    return true;
}

void Console::startRebuild(double halfLifeDays, std::optional<qint64> versionId)
{
    if (m_rebuildingFor == halfLifeDays)
        return; // under way
    m_rebuildingFor = halfLifeDays;
    m_prepared.reset();
    // Up to the activities counted here: what arrives meanwhile is counted in the index in
    // use, and again into the new one when it is taken (ScoringEngine::adopt).
    auto request = std::make_shared<const ScoringEngine::IndexRequest>(
        m_engine.indexRequest(halfLifeDays, m_lastActivityId));
    emit rescoring(halfLifeDays);
    m_rebuild = background::run(
        this,
        [path = m_db->location(), request](const background::Control &control) {
            Database db(path, Database::Open::ReadOnly); // this thread's own connection
            // Shared, not copied, on its way back: the sums are about 90 MB at 1M leads.
            return std::make_shared<DecayedSums>(ScoringEngine::countDecay(
                db, *request, [&control] { return !control.cancelled(); }));
        },
        [this, request,
         versionId](const background::Outcome<std::shared_ptr<DecayedSums>> &outcome) {
            m_rebuildingFor.reset();
            if (!outcome.value) {
                m_rebuildFailedFor = versionId;
                emit failed(tr("Scoring model version %1 could not be taken on: %2")
                                .arg(versionId.value_or(0))
                                .arg(outcome.error));
                return;
            }
            m_prepared = PreparedIndex{*request, std::move(**outcome.value)};
            poll(true); // adopts the model now that its index is ready
        });
}

void Console::Arrivals::touch(int row, qint64 leadId, double scoreNow)
{
    if (scoreBefore.contains(row))
        return;
    scoreBefore.insert(row, scoreNow);
    changedRows.push_back(row);
    changedIds.append(leadId);
}

void Console::applyLeadChanges(Arrivals &arrivals)
{
    // Write transactions draw increasing change numbers and commit whole, so every lead
    // written since the newest number seen carries a larger one.
    const auto leads = LeadRepository(m_db->connection()).changedSince(m_leadChangeSeq);
    qint64 newest = m_leadChangeSeq;
    for (const auto &changed : leads)
        newest = std::max(newest, changed.lead.changeSeq);
    applyLeads(leads, arrivals);
    // Only once every lead is in: a read that fails halfway is read again whole (upserting
    // a lead twice is harmless; skipping the rest of a transaction's leads is not).
    m_leadChangeSeq = newest;
    m_leadsReadAhead.removeIf(
        [newest](const QHash<qint64, qint64>::iterator it) { return it.value() <= newest; });
}

bool Console::isReadAhead(const Lead &lead) const
{
    const auto it = m_leadsReadAhead.constFind(lead.id);
    return it != m_leadsReadAhead.cend() && *it == lead.changeSeq;
}

void Console::applyLeads(const QList<LeadRepository::ChangedLead> &leads, Arrivals &arrivals)
{
    for (const auto &[lead, customFields] : leads) {
        if (isReadAhead(lead))
            continue; // this very write, applied with its handoff
        // Record the score before the change: a lead edit can cross the threshold too.
        if (const auto row = m_engine.leads().rowOf(lead.id))
            arrivals.touch(*row, lead.id, m_engine.scores().score(*row));
        const bool known = m_engine.leads().rowOf(lead.id).has_value();
        const int row = m_engine.upsertLead(lead, customFields);
        // While every lead is read, a lead changed elsewhere joins the few held here: with
        // the activities counted so far, or its score would be its fit alone.
        if (!known && isLoading()) {
            for (const Activity &a : ActivityRepository(m_db->connection()).forLead(lead.id)) {
                if (a.id <= m_lastActivityId)
                    m_engine.addActivity(a.leadId, a.typeId, a.occurredAt);
            }
        }
        arrivals.touch(row, lead.id, m_engine.scores().score(row));
    }
}

void Console::applyNewActivities(const QList<Activity> &activities, Arrivals &arrivals)
{
    const ActivityCatalogue &types = m_engine.catalogue();
    for (const Activity &a : activities) {
        m_lastActivityId = std::max(m_lastActivityId, a.id);
        const auto row = m_engine.leads().rowOf(a.leadId);
        if (!row)
            continue; // a lead deleted since: nothing to score
        arrivals.touch(*row, a.leadId, m_engine.scores().score(*row));
        m_engine.addActivity(a.leadId, a.typeId, a.occurredAt);
        const int type = types.indexOfId(a.typeId);
        // An undated request (imported without a date) is history, however new the import.
        if (type >= 0 && types.type(type).kind == ActivityKind::Intent && !a.undated &&
            isWithinIntakeWindow(a.occurredAt))
            arrivals.handRaised.insert(*row, {a.typeId, a.occurredAt});
    }
}

void Console::queueEscalations(const Arrivals &arrivals, const QList<Handoff> &open)
{
    const QSet<qint64> handedOff = leadsOf(open);
    const ScoreBoard &scores = m_engine.scores();
    const LeadTable &leads = m_engine.leads();
    const double threshold = scores.model().mqlThreshold;
    for (auto it = arrivals.scoreBefore.cbegin(); it != arrivals.scoreBefore.cend(); ++it) {
        const int row = it.key();
        const qint64 leadId = leads.id(row);
        if (handedOff.contains(leadId) || m_pendingLeads.contains(leadId) ||
            m_handedOffMeanwhile.contains(leadId) || !scores.inPlay(row))
            continue;
        // A held-back lead waits for its turn, unless it raises its hand: that goes now.
        if (m_held.contains(leadId) && !arrivals.handRaised.contains(row))
            continue;
        Handoff h;
        h.leadId = leadId;
        h.modelId = m_engine.liveModelId();
        h.score = scores.score(row);
        if (const auto raised = arrivals.handRaised.constFind(row);
            raised != arrivals.handRaised.cend()) {
            h.trigger = Handoff::Trigger::Intent;
            h.requestTypeId = raised->first;
            h.raisedAt = raised->second;
        } else if (it.value() < threshold && scores.score(row) >= threshold &&
                   arrivals.gradual.contains(row)) {
            m_wave.append({leadId, h.modelId, scores.score(row), 0});
            continue;
        } else if (it.value() < threshold && scores.score(row) >= threshold) {
            h.trigger = Handoff::Trigger::Mql;
            h.raisedAt = now();
            h.slaExempt = arrivals.batch.contains(row);
        } else {
            continue;
        }
        m_pendingEscalations.push_back(h);
        m_pendingLeads.insert(leadId);
    }
}

void Console::scheduleWave(const QList<PendingHandover> &wave, int perHour)
{
    Transaction transaction(m_db->connection());
    PendingHandoverRepository pending(m_db->connection());
    // Checked inside the write: of two consoles adopting the version, the first plans the
    // wave and the second, seeing it, hands nothing over again.
    if (const auto model = wave.first().modelId; !model || !pending.waveScheduled(*model))
        pending.schedule(handoverpace::schedule(wave, perHour, now()));
    transaction.commit();
    readHeld();
}

QList<Handoff> Console::releaseDue()
{
    // Held leads are not among the sales view's: they wait until every lead is read.
    if (!m_nextRelease || *m_nextRelease > now() || isLoading())
        return {};
    Profile system = m_profile;
    if (system.name.isEmpty())
        system.name = QStringLiteral("system");
    HandoffActions actions(*m_db, system);
    QList<Handoff> due;
    // No change number unless a lead is handed over (HandoffActions::escalateAll).
    Transaction transaction(m_db->connection(), Transaction::Kind::Handoffs);
    PendingHandoverRepository pending(m_db->connection());
    // Read inside the write: another console releasing the same portion has either
    // finished (the rows are gone) or waits for this one.
    for (const PendingHandover &p : pending.due(now())) {
        pending.remove(p.leadId);
        const auto row = m_engine.leads().rowOf(p.leadId);
        if (!row || !m_engine.scores().inPlay(*row))
            continue; // closed or disqualified while it waited
        Handoff h;
        h.leadId = p.leadId;
        h.trigger = Handoff::Trigger::Mql;
        h.modelId = p.modelId;
        h.score = m_engine.scores().score(*row);
        h.raisedAt = now(); // its speed-to-lead clock starts when sales can see it
        due.append(h);
    }
    // Some may have raised their hand meanwhile.
    QList<Handoff> released;
    for (const auto &[index, id] : actions.escalateAll(due)) {
        released.append(due[index]);
        released.last().id = id;
    }
    transaction.commit();
    readHeld();
    return released;
}

void Console::readHeld()
{
    const QList<PendingHandover> held = PendingHandoverRepository(m_db->connection()).all();
    QHash<qint64, qint64> byLead;
    for (const PendingHandover &p : held)
        byLead.insert(p.leadId, p.releaseAt);
    m_nextRelease = held.isEmpty() ? std::nullopt : std::optional(held.first().releaseAt);
    if (byLead == m_held)
        return;
    m_held = byLead;
    m_interest->setHeld(m_held);
}

std::optional<qint64> Console::heldUntil(qint64 leadId) const
{
    const auto it = m_held.constFind(leadId);
    return it == m_held.cend() ? std::nullopt : std::optional(*it);
}

size_t Console::takeBackBusyEscalations()
{
    if (m_busyEscalations.empty())
        return 0;
    const QSet<qint64> withSales = leadsOf(m_open);
    // Oldest first, as they were queued; tried again in front of the queue.
    std::deque<Handoff> again;
    std::erase_if(m_busyEscalations, [&](const std::pair<Handoff, QDeadlineTimer> &busy) {
        if (withSales.contains(busy.first.leadId)) {
            m_pendingLeads.remove(busy.first.leadId);
            return true;
        }
        if (!busy.second.hasExpired())
            return false;
        again.push_back(busy.first);
        return true;
    });
    m_pendingEscalations.insert(m_pendingEscalations.begin(), again.cbegin(), again.cend());
    if (m_busyEscalations.empty())
        m_busyRetry->stop();
    else
        armBusyRetry();
    return again.size();
}

void Console::forgetCrossingsHandedOver(const QList<Handoff> &read)
{
    // Once a crossing's lead was with sales, a verdict given before the wait ends must not be
    // followed by the same crossing handed over again. Before this desk queued it, the lead
    // had no open handoff it knew of, so a handoff read since is another desk's for it. (A
    // hand raised needs no such care: the store finds it done once a handoff raised at or
    // after it exists.)
    if (m_busyEscalations.empty() || read.isEmpty())
        return;
    QSet<qint64> leads;
    for (const Handoff &h : read)
        leads.insert(h.leadId);
    std::erase_if(m_busyEscalations, [&](const std::pair<Handoff, QDeadlineTimer> &busy) {
        if (busy.first.trigger != Handoff::Trigger::Mql || !leads.contains(busy.first.leadId))
            return false;
        m_pendingLeads.remove(busy.first.leadId);
        return true;
    });
    if (m_busyEscalations.empty())
        m_busyRetry->stop();
}

void Console::armBusyRetry()
{
    if (m_busyEscalations.empty() || m_busyRetry->isActive())
        return;
    m_busyRetry->start(int(std::max<qint64>(1, m_busyEscalations.front().second.remainingTime())));
}

void Console::standBy(size_t first)
{
    for (auto it = m_pendingEscalations.cbegin() + qsizetype(first);
         it != m_pendingEscalations.cend(); ++it)
        m_busyEscalations.emplace_back(*it, QDeadlineTimer(BusyRetryMs));
    m_pendingEscalations.erase(m_pendingEscalations.begin() + qsizetype(first),
                               m_pendingEscalations.end());
    armBusyRetry();
}

QList<Handoff> Console::handOverStep()
{
    // Overdue: what another desk was handing over, or was to hand over, and has not.
    const size_t overdue = takeBackBusyEscalations();
    if (m_pendingEscalations.empty())
        return {};
    // Standing by, only the overdue are handed over here (leading, if a desk that led is
    // gone); the rest wait for the leading desks as long.
    if (standsBy() && !(overdue > 0 && leadHandingOverIfFree())) {
        standBy(overdue);
        if (m_pendingEscalations.empty()) {
            emit handingOver(0);
            return {};
        }
    }
    // One transaction per step: hundreds of handoffs cost about one commit, and a step
    // stays short enough for the window to answer between steps.
    constexpr size_t Step = 500;
    Profile system = m_profile;
    if (system.name.isEmpty())
        system.name = QStringLiteral("system");
    HandoffActions actions(*m_db, system);
    const size_t count = std::min(Step, m_pendingEscalations.size());
    // Another console may have been quicker with some.
    const QList<Handoff> step(m_pendingEscalations.cbegin(),
                              m_pendingEscalations.cbegin() + qsizetype(count));
    QList<Handoff> escalated;
    QList<qsizetype> busy;
    for (const auto &[index, id] : actions.escalateAll(step, &busy)) {
        escalated.append(step[index]);
        escalated.last().id = id;
    }
    // Only once written: a failed step stays queued for the next refresh.
    for (size_t i = 0; i < count; ++i)
        m_pendingLeads.remove(m_pendingEscalations[i].leadId);
    m_pendingEscalations.erase(m_pendingEscalations.begin(),
                               m_pendingEscalations.begin() + qsizetype(count));
    // Another desk is handing these over: the push of its commit brings the next refresh,
    // which finds them handed over (or, if that desk failed, hands them over here).
    for (const qsizetype index : std::as_const(busy)) {
        m_busyEscalations.emplace_back(step[index], QDeadlineTimer(BusyRetryMs));
        m_pendingLeads.insert(step[index].leadId);
    }
    armBusyRetry();
    emit handingOver(int(m_pendingEscalations.size()));
    if (!m_pendingEscalations.empty())
        QTimer::singleShot(0, this, [this] { pollFor(Prompt::Routine); });
    return escalated;
}

bool Console::catchUpHandRaisers(bool applyOwnChanges)
{
    // A hand raised while no console was open (an import, the command line) still has to
    // reach sales: any intent activity within the intake window newer than the lead's
    // latest handoff. Only handoffs raised within the window can be newer than such a one.
    const qint64 windowStart = now() - m_intakeWindowSeconds;
    HandoffRepository handoffs(m_db->connection());
    const QHash<qint64, qint64> latest = handoffs.latestRaisedAt(windowStart);
    const QSet<qint64> open = handoffs.openLeadIds();
    Arrivals arrivals;
    const LeadTable &leads = m_engine.leads();
    for (int row = 0; row < leads.size(); ++row) {
        const qint64 raisedAt = m_engine.lastIntentAt(row);
        if (raisedAt == 0 || !isWithinIntakeWindow(raisedAt) || open.contains(leads.id(row)) ||
            raisedAt <= latest.value(leads.id(row)))
            continue;
        arrivals.scoreBefore.insert(row, m_engine.scores().score(row));
        arrivals.handRaised.insert(row, {0, raisedAt});
    }
    if (arrivals.handRaised.isEmpty())
        return false;
    // The type of the latest intent activity is not in the index; the activity list has it.
    for (auto it = arrivals.handRaised.begin(); it != arrivals.handRaised.end(); ++it) {
        for (const Activity &a :
             ActivityRepository(m_db->connection()).forLead(leads.id(it.key()))) {
            const int type = m_engine.catalogue().indexOfId(a.typeId);
            if (a.occurredAt == it->second && type >= 0 &&
                m_engine.catalogue().type(type).kind == ActivityKind::Intent) {
                it->first = a.typeId;
                break;
            }
        }
    }
    queueEscalations(arrivals, handoffs.openAll());
    handOverStep(); // the first step now, the rest from the first refresh on
    if (applyOwnChanges) {
        Arrivals own; // the leads just moved to MQL
        applyLeadChanges(own);
    }
    return true;
}

void Console::updateModels(const std::vector<int> &changedRows)
{
    m_sales->setNow(now());
    m_interest->setNow(now());
    const Unshown unshown = std::exchange(m_unshown, {});
    if (unshown.everything || isLoading()) {
        m_sales->sync(m_open, changedRows);
        m_interest->sync(isLoading() ? std::vector<char>(size_t(m_engine.leads().size()), 0)
                                     : queues::interestMembers(m_engine, m_open),
                         changedRows);
    } else {
        // A push: a few handoffs and leads of thousands, at every desk.
        m_sales->syncSome(m_open, unshown.handoffIds, changedRows);
        std::vector<int> rows = changedRows; // and the leads whose handoff came or went
        for (qint64 leadId : unshown.leadIds) {
            if (const auto row = m_engine.leads().rowOf(leadId))
                rows.push_back(*row);
        }
        m_interest->syncSome(queues::interestMembership(m_engine, m_open, rows), changedRows);
    }
    emit queuesChanged();
}

ScoreBreakdown Console::explain(qint64 leadId) const
{
    const auto row = m_engine.leads().rowOf(leadId);
    if (!row && isLoading()) {
        // Not among the leads read so far: its own activities say the same.
        ScoringEngine one;
        one.loadSubset(*m_db, {leadId}, now());
        if (one.leads().size() == 1)
            return explained(one, 0, leadId);
    }
    if (!row)
        return {};
    return explained(m_engine, *row, leadId);
}

ScoreBreakdown Console::explained(const ScoringEngine &engine, int row, qint64 leadId) const
{
    ScoreBreakdown b = engine.scores().explain(row);
    b.countUndated(activities(leadId), engine.catalogue());
    if (const auto stored = lead(leadId))
        leadfields::noteOrigins(b, *stored);
    return b;
}

std::optional<Handoff> Console::openHandoffFor(qint64 leadId) const
{
    for (const Handoff &h : m_open) {
        if (h.leadId == leadId)
            return h;
    }
    return std::nullopt;
}

std::optional<Lead> Console::lead(qint64 leadId) const
{
    return LeadRepository(m_db->connection()).find(leadId);
}

QList<Lead> Console::findLeads(const QString &key) const
{
    const LeadRepository leads(m_db->connection());
    return leads.find(leads.findByKey(key));
}

QList<Activity> Console::activities(qint64 leadId) const
{
    return ActivityRepository(m_db->connection()).forLead(leadId);
}

QList<StageChange> Console::stageHistory(qint64 leadId) const
{
    return LeadRepository(m_db->connection()).stageHistory(leadId);
}

Qualification Console::qualification(qint64 leadId) const
{
    return QualificationRepository(m_db->connection()).find(leadId);
}

QList<Profile> Console::profiles() const
{
    return ProfileRepository(m_db->connection()).all();
}

Profile Console::addProfile(const QString &name, Profile::Role role)
{
    return ProfileRepository(m_db->connection()).add(name, role, now());
}

} // namespace handoff
