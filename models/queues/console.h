#pragma once

// What one console window works on: the database, the scoring engine loaded from it, the
// lead details cache and the two queue models. Widgets show these; they never query.

#include <memory>

#include <QObject>

#include "database.h"
#include "intentqueuemodel.h"
#include "interestqueuemodel.h"
#include "leadlookup.h"
#include "scoringengine.h"

class Console : public QObject
{
    Q_OBJECT

public:
    // Opens the database and loads everything. Throws StoreError.
    explicit Console(const QString &databasePath, QObject *parent = nullptr);
    ~Console() override;

    Database &database() { return *m_db; }
    const ScoringEngine &engine() const { return m_engine; }
    const LeadLookup &leads() const { return *m_leads; }
    IntentQueueModel *intentQueue() const { return m_intent; }
    InterestQueueModel *interestQueue() const { return m_interest; }

    // Re-reads the open handoffs and re-ranks both queues, with `now` as the clock.
    void refreshQueues(qint64 now);
    ScoreBreakdown explain(qint64 leadId) const;

signals:
    void queuesChanged();

private:
    std::unique_ptr<Database> m_db;
    ScoringEngine m_engine;
    std::unique_ptr<LeadLookup> m_leads;
    IntentQueueModel *m_intent = nullptr;
    InterestQueueModel *m_interest = nullptr;
};
