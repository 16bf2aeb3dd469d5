#pragma once

// The dashboard: the eight charts with their tables, a period selector (this week against
// last, the last 4, 13 or 26 weeks) and filters (source, channel, segment). The figures are
// computed on a worker thread with its own connection to the database file, so a million
// leads never block the window; the dataset stays loaded there between filter changes.

#include <QList>
#include <QWidget>

#include "analytics/dashboardfigures.h"

class QGridLayout;
class QComboBox;
class QLabel;
class QThread;

namespace handoff {

class ChartPanel;

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardView(const QString &databasePath, QWidget *parent = nullptr);
    ~DashboardView() override;

    // Asks the worker for the figures of the chosen period and filters.
    void recompute();
    const QList<ChartPanel *> &panels() const { return m_panels; }

signals:
    void computed(); // the charts show the latest figures
    void requested(const AnalyticsPeriod &period, const AnalyticsFilter &filter, qint64 now);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Two charts a row where there is room for both with their tables, else one.
    void arrangePanels();
    void showFigures(const DashboardFigures &figures, qint64 elapsedMs);
    void failed(const QString &message);

    QThread *m_thread;
    QComboBox *m_period;
    QComboBox *m_source;
    QComboBox *m_channel;
    QComboBox *m_segment;
    QLabel *m_status;
    QList<ChartPanel *> m_panels;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
};

} // namespace handoff
