#pragma once

// Draws a ChartData into a QCustomPlot: bars for counts on the left axis, shares as lines or
// bars on the right axis in percent, the agreed band shaded, categories as the x labels.
// The dashboard's panels and the printed report share it, so both show the same chart.

#include <QString>

#include "analytics/chartdata.h"

class QCustomPlot;

namespace handoff {

namespace chartplotter {

void plot(QCustomPlot *plot, const ChartData &chart);
// What the hover tooltip says for the category under the mouse: every series' exact value.
QString describe(const ChartData &chart, int category);
// A legend inside the axis rect hides bars and lines, so a shown legend gets a row of its own
// above the plot; a hidden one goes back to the inset.
void placeLegend(QCustomPlot *plot, bool show);

} // namespace chartplotter

} // namespace handoff
