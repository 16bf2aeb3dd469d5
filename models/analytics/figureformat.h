#pragma once

// How the dashboard, the meeting view and the printed report write a figure, in one place:
// a duration in the unit people think in ("4 min", "29 h", "3.2 days"), a share that says
// when it rests on too few leads to mean anything instead of printing "0.0%", and the mark
// on a week that has not ended yet.

#include <QCoreApplication>
#include <QString>

namespace handoff {

class FigureFormat
{
    Q_DECLARE_TR_FUNCTIONS(FigureFormat)

public:
    // A share resting on fewer leads (or verdicts) than this is not shown as a percentage.
    static constexpr qint64 MinimumBase = 3;

    // Minutes as people read them: under an hour in minutes ("4 min"), under two days in
    // hours ("29 h"), beyond in days with one decimal ("3.2 days"). Negative or NaN: "–".
    static QString duration(double minutes);
    static QString durationDays(double days) { return duration(days * 24 * 60); }
    // "61.5%".
    static QString percent(double share);
    // percent(), or "too few (2)" when `base` (what the share is of) is under MinimumBase.
    static QString share(double share, qint64 base);
    static bool tooFew(qint64 base) { return base < MinimumBase; }
    // "2026-W49" or, while the week runs at `now`, "2026-W49 (in progress)".
    static QString week(qint64 weekStart, qint64 now);
    static bool inProgress(qint64 weekStart, qint64 now);
};

} // namespace handoff
