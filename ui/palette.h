#pragma once

// The colours the console gives meanings to, named once. Models report a state (how a
// lead's clock stands against the SLA, which way a draft moved a weight); ui alone decides
// how a state looks, so the core never links Qt Gui.

#include <QColor>

#include "queues/salesqueuemodel.h"
#include "scoring/activityweightsmodel.h"

namespace handoff::palette {

// The Waiting column's text: green on time, amber due soon, red late, grey for a batch that
// runs no clock (neither good nor bad).
QColor sla(SlaState state);
// A draft weight against the live one: green raised, red lowered; invalid when unchanged.
QColor weightChange(WeightChange change);
// Points taken away (a negative line of a score breakdown).
QColor negative();
// The MQL threshold wherever it is drawn (the interest queue's line, the score bar's mark).
QColor threshold();
// The live model and the draft side by side (preview, backtest).
QColor live();
QColor draft();

} // namespace handoff::palette
