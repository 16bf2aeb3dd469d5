#include "console.h"

#include <QDateTime>

#include "handoffrepository.h"
#include "leadqueues.h"

Console::Console(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_db(std::make_unique<Database>(databasePath))
    , m_leads(std::make_unique<LeadLookup>(m_db->connection()))
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_engine.load(*m_db, now);
    m_intent = new IntentQueueModel(m_engine, *m_leads, this);
    m_interest = new InterestQueueModel(m_engine, *m_leads, this);
    refreshQueues(now);
}

Console::~Console()
{
    // The models hold references into the engine and the cache: let them go first.
    delete m_intent;
    delete m_interest;
}

void Console::refreshQueues(qint64 now)
{
    const QList<Handoff> open =
        HandoffRepository(m_db->connection()).open(Handoff::Trigger::Intent);
    m_intent->setNow(now);
    m_intent->setEntries(queues::intent(m_engine, open));
    m_interest->setRows(queues::interest(m_engine, open));
    emit queuesChanged();
}

ScoreBreakdown Console::explain(qint64 leadId) const
{
    const auto row = m_engine.leads().rowOf(leadId);
    return row ? m_engine.scores().explain(*row) : ScoreBreakdown{};
}
