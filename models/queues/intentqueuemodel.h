#pragma once

// The intent queue as a table: hand-raisers with the time they have waited, what they asked
// for, fit grade, score and who claimed them. Unclaimed first, oldest first.

#include <QAbstractTableModel>

#include "leadqueues.h"

class LeadLookup;
class ScoringEngine;

class IntentQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Waiting,
        LeadName,
        Company,
        Title,
        AskedFor,
        Grade,
        Score,
        ClaimedBy,
        ColumnCount
    };
    enum Role { LeadIdRole = Qt::UserRole, RaisedAtRole };

    IntentQueueModel(const ScoringEngine &engine, const LeadLookup &leads,
                     QObject *parent = nullptr);

    void setEntries(const QList<IntentQueueEntry> &entries);
    void setNow(qint64 now);
    qint64 leadIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const ScoringEngine &m_engine;
    const LeadLookup &m_leads;
    QList<IntentQueueEntry> m_entries;
    qint64 m_now = 0;
};
