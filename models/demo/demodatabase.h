#pragma once

// Makes a new demo database file, all or nothing. The demo world is generated into a
// temporary file beside the target ("FILE.creating") and renamed into place only when it is
// complete, so a demo that is killed, cancelled or fails leaves no database that looks valid
// but holds half a world (or none). An existing non-empty file is never overwritten; a stale
// temporary left by a killed run is removed by the next one. Used by `handoff demo` and by
// the console's first start. On a team server (a postgresql:// address) the database is
// made there instead, its world written in one transaction.

#include <optional>

#include <QCoreApplication>

#include "demo/demogenerator.h"

namespace handoff {

namespace DemoDatabase {

// The temporary file a demo for `target` is generated into.
QString partialPath(const QString &target);

// Creates `target` with demo data. nullopt when `progress` cancelled (then nothing is left
// behind). Throws Error when the target exists and is not empty, its folder is missing,
// another demo is being made into it, or writing fails (then nothing is left behind either).
std::optional<DemoSummary> create(const QString &target, const DemoOptions &options,
                                  const DemoGenerator::Progress &progress = {});

} // namespace DemoDatabase

} // namespace handoff
