#pragma once

// The dashboard: the eight charts with their tables, a period selector (this week against
// last, the last 4, 13 or 26 weeks) and filters (source, channel, segment). The figures come
// from a DashboardSource run in a background lane (one thread, its own connection to the
// database file), so a million leads never block the window; the dataset stays loaded there
// between filter changes.

#include <memory>

#include <QList>
#include <QWidget>

#include "analytics/dashboardfigures.h"
#include "queues/backgroundtask.h"

class QGridLayout;
class QComboBox;
class QLabel;

namespace handoff {

class ChartPanel;
class DashboardSource;
class Prompter;

class DashboardView : public QWidget
{
    Q_OBJECT

public:
    // `prompter` asks where to save a chart.
    DashboardView(const QString &databasePath, Prompter &prompter, QWidget *parent = nullptr);
    ~DashboardView() override;

    // Computes the figures of the chosen period and filters in the background; asked while
    // a computation runs, it computes again once that one is done.
    void recompute();
    const QList<ChartPanel *> &panels() const { return m_panels; }

signals:
    void computed(); // the charts show the latest figures

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Two charts a row where there is room for both with their tables, else one.
    void arrangePanels();
    void showFigures(const DashboardFigures &figures, qint64 elapsedMs);
    void showChannels(const QStringList &channels);
    void failed(const QString &message);

    QComboBox *m_period;
    QComboBox *m_source;
    QComboBox *m_channel;
    QComboBox *m_segment;
    QLabel *m_status;
    QList<ChartPanel *> m_panels;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
    // The source lives in the lane's thread (its connection was opened there); the task in
    // flight goes before the lane, and the lane closes the source where it was opened.
    std::shared_ptr<DashboardSource> m_figuresSource;
    background::Lane m_lane;
    background::Task m_task;
    bool m_again = false; // the choices changed while computing
};

} // namespace handoff
