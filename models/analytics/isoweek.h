#pragma once

// ISO weeks, the unit the weekly meeting thinks in: Monday 00:00 UTC to the next Monday,
// labelled "2026-W47" (the year is the ISO week-numbering year, which may differ from the
// calendar year around New Year).

#include <optional>

#include <QString>

namespace handoff {

namespace isoweek {

constexpr qint64 Length = 7 * 24 * 3600;

// The Monday 00:00 UTC that starts the week holding `at` (Unix seconds).
qint64 startOf(qint64 at);
// "2026-W47" for the week starting at `weekStart`.
QString label(qint64 weekStart);
// The start of the week a label names; nullopt for anything but YYYY-Www with a week that
// exists in that year.
std::optional<qint64> parse(const QString &text);

} // namespace isoweek

} // namespace handoff
