#pragma once

// Lives on the dashboard's worker thread: opens its own connection to the database file and
// an AnalyticsEngine on it, and computes the figures asked for, reading the database again
// only when another connection wrote to it.

#include <memory>

#include <QObject>

#include "analytics/dashboardfigures.h"

namespace handoff {

class AnalyticsEngine;
class Database;

class DashboardWorker : public QObject
{
    Q_OBJECT

public:
    explicit DashboardWorker(QString databasePath);
    ~DashboardWorker() override;

    void compute(const AnalyticsPeriod &period, const AnalyticsFilter &filter, qint64 now);

signals:
    void ready(const DashboardFigures &figures, qint64 elapsedMs, const QStringList &channels);
    void failed(const QString &message);

private:
    QString m_path;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AnalyticsEngine> m_engine;
};

} // namespace handoff
