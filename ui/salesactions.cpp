#include "ui/salesactions.h"

#include <QAction>
#include <QTimer>
#include <QWidget>

#include "queues/backgroundtask.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "store/database.h"
#include "store/error.h"
#include "store/keptdatabase.h"
#include "ui/prompter.h"

namespace handoff {

SalesActions::SalesActions(Console &console, Prompter &prompter, QWidget *window)
    : QObject(window)
    , m_console(console)
    , m_prompter(prompter)
    , m_window(window)
    , m_claim(new QAction(tr("&Claim"), this))
    , m_release(new QAction(tr("Re&lease"), this))
    , m_firstContact(new QAction(tr("First &contact"), this))
    , m_accept(new QAction(tr("&Accept as SQL"), this))
    , m_reject(new QAction(tr("&Reject…"), this))
    , m_reassign(new QAction(tr("Reassi&gn…"), this))
    , m_database(std::make_shared<KeptDatabase>(console.database().location()))
    , m_waiting(new QTimer(this))
{
    const struct
    {
        QAction *action;
        const char *name;
        QKeySequence keys;
        const char *tip;
    } setup[] = {
        {m_claim, "claimAction", QKeySequence(Qt::CTRL | Qt::Key_K),
         QT_TR_NOOP("Take this lead: you call it")},
        {m_release, "releaseAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
         QT_TR_NOOP("Give the lead back to the queue")},
        {m_firstContact, "firstContactAction", QKeySequence(Qt::CTRL | Qt::Key_M),
         QT_TR_NOOP("Record that you reached the lead: the speed-to-lead figure")},
        {m_accept, "acceptAction", QKeySequence(Qt::CTRL | Qt::Key_Return),
         QT_TR_NOOP("Accept the lead as sales qualified")},
        {m_reject, "rejectAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
         QT_TR_NOOP("Send the lead back to nurture, with a reason")},
        {m_reassign, "reassignAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G),
         QT_TR_NOOP("Give the lead to another rep (sales managers)")},
    };
    for (const auto &s : setup) {
        s.action->setObjectName(QString::fromLatin1(s.name));
        s.action->setShortcut(s.keys);
        s.action->setShortcutContext(Qt::WindowShortcut);
        s.action->setToolTip(
            QStringLiteral("%1 (%2)").arg(tr(s.tip), s.keys.toString(QKeySequence::NativeText)));
        window->addAction(s.action);
    }
    // A write that waits longer than a moment says so (another program holds the database).
    m_waiting->setSingleShot(true);
    m_waiting->setInterval(300);
    connect(m_waiting, &QTimer::timeout, this,
            [this] { emit done(tr("Waiting for the database: another program is writing…")); });
    connect(m_claim, &QAction::triggered, this, &SalesActions::claim);
    const auto simple = [this](QAction *action, auto work, const char *done, bool moveOn) {
        connect(action, &QAction::triggered, this, [this, work, done, moveOn] {
            const auto handoff = m_leadId ? m_console.openHandoffFor(m_leadId) : std::nullopt;
            if (!handoff)
                return;
            const qint64 id = handoff->id;
            run(
                handoff->leadId,
                [id, work, done](HandoffActions &actions, qint64 at) {
                    (actions.*work)(id, at);
                    return tr(done);
                },
                moveOn);
        });
    };
    simple(m_release, &HandoffActions::release, QT_TR_NOOP("Claim released"), false);
    simple(m_firstContact, &HandoffActions::markFirstContact, QT_TR_NOOP("First contact recorded"),
           false);
    simple(m_accept, &HandoffActions::accept, QT_TR_NOOP("Accepted as SQL"), true);
    connect(m_reject, &QAction::triggered, this, &SalesActions::reject);
    connect(m_reassign, &QAction::triggered, this, &SalesActions::reassign);
    connect(&m_console, &Console::queuesChanged, this, &SalesActions::updateState);
    updateState();
}

QList<QAction *> SalesActions::actions() const
{
    return {m_claim, m_release, m_firstContact, m_accept, m_reject, m_reassign};
}

void SalesActions::setCurrentLead(qint64 leadId)
{
    m_leadId = leadId;
    updateState();
}

void SalesActions::updateState()
{
    if (isBusy()) {
        for (QAction *action : actions())
            action->setEnabled(false);
        return;
    }
    const auto handoff = m_leadId ? m_console.openHandoffFor(m_leadId) : std::nullopt;
    const HandoffActions rules = m_console.actions();
    const bool open = handoff.has_value();
    const bool claimed = open && !handoff->claimedBy.isEmpty();
    const bool works = open && rules.mayWork(*handoff);
    m_claim->setEnabled(open && !claimed && rules.maySell());
    m_release->setEnabled(claimed && works);
    m_firstContact->setEnabled(claimed && works && !handoff->firstContactAt);
    m_accept->setEnabled(claimed && works);
    m_reject->setEnabled(claimed && works);
    m_reassign->setEnabled(open && rules.mayManage());
    m_reassign->setVisible(rules.mayManage());
}

SalesActions::~SalesActions()
{
    // Not cancelAndWait(): a wait for work not started yet runs it on this thread, with the
    // lane's connection. The lane finishes it (a click's write still goes through), then
    // closes the connection on the thread that opened it.
    m_task.cancel();
    m_lane.finish([database = std::move(m_database)]() mutable { database.reset(); });
}

void SalesActions::run(qint64 leadId, Work work, bool moveOn)
{
    if (isBusy() || !leadId || !m_console.openHandoffFor(leadId))
        return; // one at a time; or handed back or closed meanwhile
    // The write runs on a thread of its own with a connection of its own: when another program
    // holds the database's write lock, the window keeps answering while the claim waits.
    const Profile actor = m_console.profile();
    const qint64 at = m_console.now();
    const qint64 handoffId = m_console.openHandoffFor(leadId)->id;
    m_busy = true;
    background::Options options;
    options.pool = m_lane.pool();
    m_task = background::run(
        this,
        [database = m_database, actor, at, work] {
            HandoffActions actions(database->get(), actor);
            return work(actions, at);
        },
        [this, leadId, handoffId, moveOn](const background::Outcome<QString> &outcome) {
            m_busy = false;
            m_waiting->stop();
            // The handoff as stored now (ours, or the desk's that won the claim), one row, and
            // the lead's new stage. Reading everything again here took every open handoff and
            // every verdict given, on a team server at every action.
            try {
                m_console.showOwnWrite(handoffId);
            } catch (const Error &) {
                m_console.poll(true); // says what went wrong, or that the server went away
            }
            if (outcome.value)
                emit done(*outcome.value);
            else
                m_prompter.showError(m_window, outcome.error);
            updateState();
            if (outcome.value && moveOn)
                emit movedOn(leadId);
        },
        options);
    m_waiting->start();
    updateState();
}

void SalesActions::claim()
{
    const auto handoff = m_leadId ? m_console.openHandoffFor(m_leadId) : std::nullopt;
    if (!handoff)
        return;
    const qint64 id = handoff->id;
    const auto lead = m_console.lead(handoff->leadId);
    const QString name = lead ? lead->displayName() : tr("the lead");
    run(
        handoff->leadId,
        [id, name](HandoffActions &actions, qint64 at) {
            const auto result = actions.claim(id, at);
            if (!result.won)
                throw Error(tr("%1 claimed this lead first").arg(result.holder));
            return tr("You claimed %1: call now (at the top, with your claims)").arg(name);
        },
        true);
}

void SalesActions::reject()
{
    // The lead is fixed before the question: a refresh while the dialog is open may move the
    // selection, and the answer belongs to the lead it was asked about.
    const auto handoff = m_leadId ? m_console.openHandoffFor(m_leadId) : std::nullopt;
    if (!handoff)
        return;
    const auto lead = m_console.lead(handoff->leadId);
    const auto choice =
        m_prompter.askRejectReason(m_window, lead ? lead->displayName() : QString());
    if (!choice)
        return;
    const qint64 id = handoff->id;
    run(
        handoff->leadId,
        [id, choice = *choice](HandoffActions &actions, qint64 at) {
            actions.reject(id, choice.reason, choice.note, at);
            return tr("Rejected (%1): back to nurture").arg(choice.reason);
        },
        true);
}

void SalesActions::reassign()
{
    const auto handoff = m_leadId ? m_console.openHandoffFor(m_leadId) : std::nullopt;
    if (!handoff)
        return;
    QStringList reps;
    for (const Profile &p : m_console.profiles()) {
        if (p.isSales())
            reps.append(p.name);
    }
    const auto rep = m_prompter.askReassignTo(m_window, reps);
    if (!rep)
        return;
    const qint64 id = handoff->id;
    run(handoff->leadId, [id, rep = *rep](HandoffActions &actions, qint64 at) {
        actions.reassign(id, rep, at);
        return tr("Reassigned to %1").arg(rep);
    });
}

} // namespace handoff
