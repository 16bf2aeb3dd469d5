#pragma once

// One dashboard chart as data, independent of how it is drawn: its categories, its series
// (bars or a line, counts or shares), an agreed band to shade, and the same numbers as a
// table for people who would rather read them. DashboardCharts builds the eight charts from
// DashboardFigures; the dashboard and the printed report draw them with ChartPlotter.

#include <optional>
#include <utility>
#include <vector>

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include "analytics/dashboardfigures.h"

namespace handoff {

struct ChartSeries
{
    QString name;
    std::vector<double> values; // one per category
    bool line = false;          // drawn as a line over the bars
    bool percent = false;       // a share 0..1, on the right-hand axis
};

struct ChartData
{
    QString id; // file-name friendly: "cohorts"
    QString title;
    QString summary; // the figure in one line: "MQL -> SQL 60.0% of 5 MQLs"
    QStringList categories;
    std::vector<ChartSeries> series;
    std::optional<std::pair<double, double>> band; // shaded on the percent axis
    QStringList headers;
    QList<QStringList> rows;
    // The axes' titles: a count's names what it counts ("MQLs", "Hand-raisers"), a measure's
    // its unit ("Days", "Lift (×)"), a category axis what its labels are ("ISO week"). Empty
    // when the chart shows only shares, which go on the right-hand "share (%)" axis.
    QString valueAxis;
    QString categoryAxis;
};

class DashboardCharts
{
    Q_DECLARE_TR_FUNCTIONS(DashboardCharts)

public:
    static std::vector<ChartData> build(const DashboardFigures &figures);
    static QString percent(double share);
};

} // namespace handoff
