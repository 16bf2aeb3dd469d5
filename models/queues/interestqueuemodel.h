#pragma once

// The interest (nurture) queue as a table: score, fit, engagement, grade and the lead,
// highest score first. Rows above the MQL threshold are marked by AboveThresholdRole.

#include <vector>

#include <QAbstractTableModel>

class LeadLookup;
class ScoringEngine;

class InterestQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Score, Fit, Engagement, Grade, LeadName, Company, Title, ColumnCount };
    enum Role { LeadIdRole = Qt::UserRole, AboveThresholdRole, SortRole };

    InterestQueueModel(const ScoringEngine &engine, const LeadLookup &leads,
                       QObject *parent = nullptr);

    // Rows of the engine's lead table, in queue order.
    void setRows(std::vector<int> rows);
    qint64 leadIdAt(int row) const;
    int aboveThresholdCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const ScoringEngine &m_engine;
    const LeadLookup &m_leads;
    std::vector<int> m_rows;
};
